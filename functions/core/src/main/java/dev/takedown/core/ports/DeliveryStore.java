package dev.takedown.core.ports;

import dev.takedown.core.model.DeliveryAttempt;
import java.time.Duration;
import java.time.Instant;

/** Every webhook delivery attempt, kept per notice; and which webhooks have been delivered already. */
public interface DeliveryStore {
    /** What {@link #claim} found. */
    enum Claim {
        /** The caller may send the webhook now; nobody else will until the lease ends or the attempt is recorded. */
        CLAIMED,
        /** Delivered already: send nothing. */
        DELIVERED,
        /** Another delivery of the same webhook is under way: try again after the lease. */
        IN_FLIGHT
    }

    /**
     * Claims the right to send one webhook, so that two copies of its message handled at once (a redelivery
     * while the first is still running) do not both send it. The claim lasts until the attempt is recorded, or
     * until {@code now + lease} if the sender dies first.
     */
    Claim claim(String noticeId, String webhookId, Instant now, Duration lease);

    /** Stores the attempt and ends the claim: a DELIVERED one marks its webhook as delivered for good. */
    void record(DeliveryAttempt attempt);

    /** The attempts to deliver the notice's webhooks to its rightholder, oldest first. */
    Page<DeliveryAttempt> rightholderAttempts(String noticeId, String cursor, int limit);
}
