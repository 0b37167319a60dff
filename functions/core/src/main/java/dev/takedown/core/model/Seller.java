package dev.takedown.core.model;

/** A merchant who owns listings on the marketplace. */
public record Seller(String id, String name, String callbackUrl) {
}
