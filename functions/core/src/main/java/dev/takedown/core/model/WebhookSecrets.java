package dev.takedown.core.model;

import java.time.Instant;
import java.util.List;

/**
 * The secrets that sign one recipient's webhooks: the current one and, for a while after a rotation, the one it
 * replaced, so that the recipient can switch over without refusing a webhook.
 */
public record WebhookSecrets(String current, String previous, Instant previousUntil) {

    public static WebhookSecrets of(String current) {
        return new WebhookSecrets(current, null, null);
    }

    /** The secrets to sign with at {@code now}: the current one first, then the previous one while it overlaps. */
    public List<String> signingAt(Instant now) {
        return previous != null && previousUntil != null && now.isBefore(previousUntil)
                ? List.of(current, previous)
                : List.of(current);
    }

    /** Never prints the secrets themselves. */
    @Override
    public String toString() {
        return "WebhookSecrets[previousUntil=" + previousUntil + "]";
    }
}
