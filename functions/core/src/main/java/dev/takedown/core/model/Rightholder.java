package dev.takedown.core.model;

/** A brand owner (or its agent) registered on the platform. */
public record Rightholder(String id, String name, String email, String callbackUrl, String webhookSecret) {
}
