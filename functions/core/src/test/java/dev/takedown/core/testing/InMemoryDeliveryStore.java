package dev.takedown.core.testing;

import dev.takedown.core.notify.DeliveryAttempt;
import dev.takedown.core.ports.DeliveryStore;
import dev.takedown.core.ports.Page;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** Delivery attempts in memory, in the order they were recorded. */
public final class InMemoryDeliveryStore implements DeliveryStore {
    public final List<DeliveryAttempt> attempts = new CopyOnWriteArrayList<>();
    private final Set<String> delivered = ConcurrentHashMap.newKeySet();

    @Override
    public void record(DeliveryAttempt attempt) {
        attempts.add(attempt);
        if (attempt.outcome() == DeliveryAttempt.Outcome.DELIVERED) {
            delivered.add(attempt.noticeId() + "|" + attempt.webhookId());
        }
    }

    @Override
    public boolean delivered(String noticeId, String webhookId) {
        return delivered.contains(noticeId + "|" + webhookId);
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
