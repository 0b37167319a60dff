package dev.takedown.core.model;

/**
 * A brand owner (or its agent) registered on the platform, with its standing as a sender of notices. Its webhook
 * secret is kept apart ({@link WebhookSecrets}), where only the notifier reads it.
 */
public record Rightholder(String id, String name, String email, String callbackUrl, RightholderTrust trust) {

    public Rightholder {
        trust = trust == null ? RightholderTrust.INITIAL : trust;
    }

    public Rightholder(String id, String name, String email, String callbackUrl) {
        this(id, name, email, callbackUrl, RightholderTrust.INITIAL);
    }
}
