package dev.takedown.core.auth;

import dev.takedown.core.model.ApiKey;
import dev.takedown.core.model.Ids;
import dev.takedown.core.model.Principal;
import dev.takedown.core.model.PrincipalAccess;
import dev.takedown.core.model.RatePlan;
import dev.takedown.core.model.UsageKey;
import dev.takedown.core.ports.ApiKeyStore;
import dev.takedown.core.text.Hashing;
import java.time.Clock;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves {@code Authorization: Bearer <api key>} to the one principal the key speaks for. A key is refused when
 * it is not of the issued shape (before any read), unknown or revoked, expired, or its principal is deactivated.
 */
public final class Authenticator {
    private static final Pattern BEARER = Pattern.compile("(?i)bearer +(\\S+)");

    /** Why a key was refused, for the log; the caller only ever learns that it was. */
    public enum Refusal {
        MISSING, MALFORMED, UNKNOWN, EXPIRED, DEACTIVATED
    }

    /**
     * The principal, its rate plan and the gateway key that meters it (null: none made for it yet), or why not;
     * {@code keyPrefix} is the most of the key that may be logged (null: none).
     */
    public record Outcome(Principal principal, RatePlan ratePlan, UsageKey usageKey, Refusal refusal, String keyPrefix) {
        public boolean allowed() {
            return principal != null;
        }
    }

    private final ApiKeyStore keys;
    private final Clock clock;

    public Authenticator(ApiKeyStore keys, Clock clock) {
        this.keys = keys;
        this.clock = clock;
    }

    public Outcome authenticate(String authorizationHeader) {
        if (authorizationHeader == null || authorizationHeader.isBlank()) {
            return new Outcome(null, null, null, Refusal.MISSING, null);
        }
        Matcher matcher = BEARER.matcher(authorizationHeader.strip());
        if (!matcher.matches()) {
            return new Outcome(null, null, null, Refusal.MALFORMED, null);
        }
        String key = matcher.group(1);
        String prefix = Ids.apiKeyPrefix(key);
        if (!Ids.isApiKey(key)) {
            return new Outcome(null, null, null, Refusal.MALFORMED, prefix);
        }
        Optional<ApiKey> stored = keys.find(Hashing.sha256Hex(key));
        if (stored.isEmpty()) {
            return new Outcome(null, null, null, Refusal.UNKNOWN, prefix);
        }
        if (stored.get().expiredAt(clock.instant())) {
            return new Outcome(null, null, null, Refusal.EXPIRED, prefix);
        }
        Principal principal = stored.get().principal();
        PrincipalAccess access = keys.access(principal);
        if (access.deactivation() != null) {
            return new Outcome(null, null, null, Refusal.DEACTIVATED, prefix);
        }
        return new Outcome(principal, access.ratePlan(), access.usageKey(), null, prefix);
    }
}
