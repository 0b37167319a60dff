package dev.takedown.core.testing;

import dev.takedown.core.model.DeliveryAttempt;
import dev.takedown.core.ports.DeliveryStore;
import dev.takedown.core.ports.Page;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** Delivery attempts in memory, in the order they were recorded. */
public final class InMemoryDeliveryStore implements DeliveryStore {
    public final List<DeliveryAttempt> attempts = new CopyOnWriteArrayList<>();
    private final Set<String> delivered = ConcurrentHashMap.newKeySet();
    private final Map<String, Instant> claims = new HashMap<>();

    @Override
    public synchronized Claim claim(String noticeId, String webhookId, Instant now, Duration lease) {
        String key = noticeId + "|" + webhookId;
        if (delivered.contains(key)) {
            return Claim.DELIVERED;
        }
        Instant until = claims.get(key);
        if (until != null && until.isAfter(now)) {
            return Claim.IN_FLIGHT;
        }
        claims.put(key, now.plus(lease));
        return Claim.CLAIMED;
    }

    @Override
    public synchronized void record(DeliveryAttempt attempt) {
        attempts.add(attempt);
        String key = attempt.noticeId() + "|" + attempt.webhookId();
        claims.remove(key);
        if (attempt.outcome() == DeliveryAttempt.Status.DELIVERED) {
            delivered.add(key);
        }
    }

    @Override
    public Page<DeliveryAttempt> rightholderAttempts(String noticeId, String cursor, int limit) {
        List<DeliveryAttempt> all = attempts.stream()
                .filter(a -> a.noticeId().equals(noticeId) && a.target() == DeliveryAttempt.Target.RIGHTHOLDER)
                .toList();
        int from = cursor == null ? 0 : Integer.parseInt(cursor);
        int to = Math.min(all.size(), from + limit);
        return new Page<>(all.subList(from, to), to < all.size() ? Integer.toString(to) : null);
    }
}
