package dev.takedown.core.testing;

import dev.takedown.core.ports.ApiKeyRegistry;
import dev.takedown.core.ports.ApiKeyStore;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** API key hashes in memory, with who issued each. */
public final class InMemoryApiKeyStore implements ApiKeyStore, ApiKeyRegistry {
    private final Map<String, String> rightholderByHash = new ConcurrentHashMap<>();
    public final Map<String, String> issuedBy = new ConcurrentHashMap<>();

    @Override
    public Optional<String> rightholderFor(String keyHash) {
        return Optional.ofNullable(rightholderByHash.get(keyHash));
    }

    @Override
    public void issue(String keyHash, String rightholderId, String by, Instant at) {
        rightholderByHash.put(keyHash, rightholderId);
        // Seed data names no issuer; DynamoDB then stores none.
        if (by != null) {
            issuedBy.put(keyHash, by);
        }
    }

    @Override
    public int revokeAllBut(String rightholderId, String keptKeyHash) {
        var revoked = rightholderByHash.entrySet().stream()
                .filter(e -> e.getValue().equals(rightholderId) && !e.getKey().equals(keptKeyHash))
                .map(Map.Entry::getKey).toList();
        revoked.forEach(rightholderByHash::remove);
        return revoked.size();
    }

    public Map<String, String> hashes() {
        return Map.copyOf(rightholderByHash);
    }
}
