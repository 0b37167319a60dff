package dev.takedown.core.auth;

import dev.takedown.core.ports.ApiKeyStore;
import dev.takedown.core.text.Hashing;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Resolves {@code Authorization: Bearer <api key>} to the one rightholder the key belongs to. */
public final class Authenticator {
    private static final Pattern BEARER = Pattern.compile("(?i)bearer +([A-Za-z0-9_-]{16,256})");

    private final ApiKeyStore keys;

    public Authenticator(ApiKeyStore keys) {
        this.keys = keys;
    }

    /** The rightholder id, or empty when the header is missing, malformed, or names no known key. */
    public Optional<String> rightholderFor(String authorizationHeader) {
        if (authorizationHeader == null) {
            return Optional.empty();
        }
        Matcher matcher = BEARER.matcher(authorizationHeader.strip());
        if (!matcher.matches()) {
            return Optional.empty();
        }
        return keys.rightholderFor(Hashing.sha256Hex(matcher.group(1)));
    }
}
