package dev.takedown.core.model;

/** Supporting material: where it is and the SHA-256 of its content, so it cannot be swapped later. */
public record Evidence(String url, String sha256, EvidenceKind kind) {
}
