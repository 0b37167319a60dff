package dev.takedown.core.model;

/** The natural person who submits the notice and signs its declarations. */
public record Sender(String name, String email) {
}
