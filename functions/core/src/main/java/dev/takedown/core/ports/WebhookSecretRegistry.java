package dev.takedown.core.ports;

import dev.takedown.core.model.DeliveryAttempt.Target;
import java.time.Instant;

/**
 * Where staff give rightholders and sellers their webhook secrets; it only writes, so whoever registers or rotates
 * a secret never reads one back (kept apart from {@link WebhookSecretStore}, which only the notifier has).
 */
public interface WebhookSecretRegistry {
    /** Gives the owner its first secret unless it has one; false when it has. */
    boolean issue(Target owner, String ownerId, String secret, String issuedBy, Instant at);

    /**
     * Makes {@code secret} the current one; the one it replaces still signs until {@code previousUntil}. An owner
     * without a secret gets this one alone. A rotation within another's overlap ends that earlier overlap.
     */
    void rotate(Target owner, String ownerId, String secret, Instant previousUntil, String rotatedBy, Instant at);
}
