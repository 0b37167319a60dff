package dev.takedown.core.ports;

import dev.takedown.core.notify.DeliveryAttempt;

/** Every webhook delivery attempt, kept per notice; and which webhooks have been delivered already. */
public interface DeliveryStore {
    /** Stores the attempt; a DELIVERED one also marks its webhook as delivered. */
    void record(DeliveryAttempt attempt);

    boolean delivered(String noticeId, String webhookId);

    /** The attempts to deliver the notice's webhooks to its rightholder, oldest first. */
    Page<DeliveryAttempt> rightholderAttempts(String noticeId, String cursor, int limit);
}
