package dev.takedown.core.testing;

import dev.takedown.core.model.DeliveryAttempt.Target;
import dev.takedown.core.model.WebhookSecrets;
import dev.takedown.core.ports.WebhookSecretRegistry;
import dev.takedown.core.ports.WebhookSecretStore;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

public final class InMemoryWebhookSecretStore implements WebhookSecretStore, WebhookSecretRegistry {
    private final Map<String, WebhookSecrets> secrets = new ConcurrentHashMap<>();

    public InMemoryWebhookSecretStore with(Target owner, String ownerId, WebhookSecrets stored) {
        secrets.put(key(owner, ownerId), stored);
        return this;
    }

    private static String key(Target owner, String ownerId) {
        return owner.name() + "#" + ownerId;
    }

    @Override
    public Optional<WebhookSecrets> find(Target owner, String ownerId) {
        return Optional.ofNullable(secrets.get(key(owner, ownerId)));
    }

    @Override
    public boolean issue(Target owner, String ownerId, String secret, String issuedBy, Instant at) {
        return secrets.putIfAbsent(key(owner, ownerId), WebhookSecrets.of(secret)) == null;
    }

    @Override
    public void rotate(Target owner, String ownerId, String secret, Instant previousUntil, String rotatedBy, Instant at) {
        secrets.compute(key(owner, ownerId), (key, before) -> before == null
                ? WebhookSecrets.of(secret)
                : new WebhookSecrets(secret, before.current(), previousUntil));
    }
}
