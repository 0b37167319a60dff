package dev.takedown.core.model;

/** A brand owner (or its agent) registered on the platform, with its standing as a sender of notices. */
public record Rightholder(String id, String name, String email, String callbackUrl, String webhookSecret,
                          RightholderTrust trust) {

    public Rightholder {
        trust = trust == null ? RightholderTrust.INITIAL : trust;
    }

    public Rightholder(String id, String name, String email, String callbackUrl, String webhookSecret) {
        this(id, name, email, callbackUrl, webhookSecret, RightholderTrust.INITIAL);
    }
}
