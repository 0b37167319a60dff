package dev.takedown.core.model;

import java.time.Instant;

/** Why a principal's API keys stop working until staff reactivate it: who decided, when, and why. */
public record Deactivation(Instant at, String by, String reason) {
}
