package dev.takedown.core.testing;

import dev.takedown.core.model.DeliveryAttempt;
import dev.takedown.core.ports.DeliveryStore;
import dev.takedown.core.ports.InvalidCursorException;
import dev.takedown.core.ports.Page;
import dev.takedown.core.text.Times;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Delivery attempts in memory, in the order they were recorded. One instance is one sender: its claims are its
 * own, and {@link #anotherSender()} shares the deliveries with a second one.
 */
public final class InMemoryDeliveryStore implements DeliveryStore {
    public final List<DeliveryAttempt> attempts;
    private final Webhooks webhooks;

    /** Which webhooks are delivered, and who holds the claim to send each of the others until when. */
    private static final class Webhooks {
        final Set<String> delivered = new HashSet<>();
        final Map<String, Lease> leases = new HashMap<>();
    }

    private record Lease(InMemoryDeliveryStore holder, Instant until) {
    }

    public InMemoryDeliveryStore() {
        this(new CopyOnWriteArrayList<>(), new Webhooks());
    }

    private InMemoryDeliveryStore(List<DeliveryAttempt> attempts, Webhooks webhooks) {
        this.attempts = attempts;
        this.webhooks = webhooks;
    }

    /** A second sender of the same webhooks, as another function instance would be. */
    public InMemoryDeliveryStore anotherSender() {
        return new InMemoryDeliveryStore(attempts, webhooks);
    }

    @Override
    public Claim claim(String noticeId, String webhookId, Instant now, Duration lease) {
        String key = noticeId + "|" + webhookId;
        synchronized (webhooks) {
            if (webhooks.delivered.contains(key)) {
                return Claim.DELIVERED;
            }
            Lease held = webhooks.leases.get(key);
            // Held through the last instant of its lease, as on DynamoDB.
            if (held != null && !held.until().isBefore(now)) {
                return Claim.IN_FLIGHT;
            }
            webhooks.leases.put(key, new Lease(this, now.plus(lease)));
            return Claim.CLAIMED;
        }
    }

    @Override
    public void record(DeliveryAttempt attempt) {
        String key = attempt.noticeId() + "|" + attempt.webhookId();
        synchronized (webhooks) {
            attempts.add(attempt);
            if (attempt.outcome() == DeliveryAttempt.Status.DELIVERED) {
                webhooks.delivered.add(key);
                webhooks.leases.remove(key);
            } else {
                // A failed attempt ends only this sender's claim: once its lease ran out, another sender may hold it.
                webhooks.leases.computeIfPresent(key, (k, lease) -> lease.holder() == this ? null : lease);
            }
        }
    }

    /** Ordered and keyed as on DynamoDB: by time, webhook and attempt number; the same attempt recorded twice lists once. */
    @Override
    public Page<DeliveryAttempt> rightholderAttempts(String noticeId, String cursor, int limit) {
        NavigableMap<String, DeliveryAttempt> byKey = new TreeMap<>();
        attempts.stream()
                .filter(a -> a.noticeId().equals(noticeId) && a.target() == DeliveryAttempt.Target.RIGHTHOLDER)
                .forEach(a -> byKey.put(sortKey(a), a));
        if (cursor != null && !byKey.containsKey(cursor)) {
            throw new InvalidCursorException("not a delivery cursor");
        }
        List<String> keys = new ArrayList<>((cursor == null ? byKey : byKey.tailMap(cursor, false)).keySet());
        List<String> page = keys.subList(0, Math.min(limit, keys.size()));
        return new Page<>(page.stream().map(byKey::get).toList(),
                keys.size() > limit ? page.get(page.size() - 1) : null);
    }

    private static String sortKey(DeliveryAttempt attempt) {
        return Times.format(attempt.attemptedAt()) + "#" + attempt.webhookId() + "#"
                + String.format("%03d", attempt.attempt());
    }
}
