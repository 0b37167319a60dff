package dev.takedown.core.testing;

import dev.takedown.core.model.ApiKey;
import dev.takedown.core.model.Deactivation;
import dev.takedown.core.model.Principal;
import dev.takedown.core.model.PrincipalAccess;
import dev.takedown.core.model.RatePlan;
import dev.takedown.core.model.UsageKey;
import dev.takedown.core.ports.ApiKeyRegistry;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * API keys by hash in memory, with the principals staff deactivated, put on a rate plan or gave a gateway key;
 * counts the reads the authorizer makes.
 */
public final class InMemoryApiKeyStore implements ApiKeyRegistry {
    private final Map<String, ApiKey> keys = new ConcurrentHashMap<>();
    private final Map<Principal, PrincipalAccess> principals = new ConcurrentHashMap<>();
    public final AtomicInteger reads = new AtomicInteger();

    @Override
    public Optional<ApiKey> find(String keyHash) {
        reads.incrementAndGet();
        return Optional.ofNullable(keys.get(keyHash));
    }

    @Override
    public PrincipalAccess access(Principal principal) {
        reads.incrementAndGet();
        return principals.getOrDefault(principal, PrincipalAccess.DEFAULT);
    }

    @Override
    public void issue(ApiKey key) {
        keys.put(key.keyHash(), key);
    }

    @Override
    public int revokeAllBut(Principal principal, String keptKeyHash) {
        var revoked = keys.values().stream()
                .filter(k -> k.principal().equals(principal) && !k.keyHash().equals(keptKeyHash))
                .map(ApiKey::keyHash).toList();
        revoked.forEach(keys::remove);
        return revoked.size();
    }

    @Override
    public List<ApiKey> keysOf(Principal principal) {
        return keys.values().stream().filter(k -> k.principal().equals(principal))
                .sorted(Comparator.comparing(ApiKey::issuedAt).thenComparing(ApiKey::keyHash)).toList();
    }

    @Override
    public boolean deactivate(Principal principal, Deactivation deactivation) {
        boolean[] changed = {false};
        principals.compute(principal, (p, access) -> {
            PrincipalAccess current = access == null ? PrincipalAccess.DEFAULT : access;
            changed[0] = current.deactivation() == null;
            return changed[0] ? new PrincipalAccess(deactivation, current.ratePlan(), current.usageKey()) : current;
        });
        return changed[0];
    }

    @Override
    public boolean reactivate(Principal principal) {
        boolean[] changed = {false};
        principals.computeIfPresent(principal, (p, access) -> {
            changed[0] = access.deactivation() != null;
            return new PrincipalAccess(null, access.ratePlan(), access.usageKey());
        });
        return changed[0];
    }

    @Override
    public void setRatePlan(Principal principal, RatePlan plan) {
        principals.merge(principal, new PrincipalAccess(null, plan),
                (access, given) -> new PrincipalAccess(access.deactivation(), plan, access.usageKey()));
    }

    @Override
    public UsageKey keepUsageKey(Principal principal, UsageKey key) {
        return principals.merge(principal, new PrincipalAccess(null, RatePlan.STANDARD, key),
                (access, given) -> access.usageKey() != null ? access
                        : new PrincipalAccess(access.deactivation(), access.ratePlan(), key)).usageKey();
    }

    public Map<String, ApiKey> hashes() {
        return Map.copyOf(keys);
    }
}
