package dev.takedown.core.ports;

import dev.takedown.core.model.DeliveryAttempt.Target;
import dev.takedown.core.model.WebhookSecrets;
import java.util.Optional;

/** The webhook secrets of rightholders and sellers, read only by the notifier to sign what it sends. */
public interface WebhookSecretStore {
    Optional<WebhookSecrets> find(Target owner, String ownerId);
}
