package dev.takedown.core.testing;

import dev.takedown.core.model.ApiKey;
import dev.takedown.core.model.Deactivation;
import dev.takedown.core.model.Principal;
import dev.takedown.core.ports.ApiKeyRegistry;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** API keys by hash in memory, with the principals staff deactivated; counts the reads the authorizer makes. */
public final class InMemoryApiKeyStore implements ApiKeyRegistry {
    private final Map<String, ApiKey> keys = new ConcurrentHashMap<>();
    private final Map<Principal, Deactivation> deactivated = new ConcurrentHashMap<>();
    public final AtomicInteger reads = new AtomicInteger();

    @Override
    public Optional<ApiKey> find(String keyHash) {
        reads.incrementAndGet();
        return Optional.ofNullable(keys.get(keyHash));
    }

    @Override
    public Optional<Deactivation> deactivation(Principal principal) {
        reads.incrementAndGet();
        return Optional.ofNullable(deactivated.get(principal));
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
        return deactivated.putIfAbsent(principal, deactivation) == null;
    }

    @Override
    public boolean reactivate(Principal principal) {
        return deactivated.remove(principal) != null;
    }

    public Map<String, ApiKey> hashes() {
        return Map.copyOf(keys);
    }
}
