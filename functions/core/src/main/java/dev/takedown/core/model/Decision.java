package dev.takedown.core.model;

import java.time.Instant;

/** Who decided an item (AUTO or a staff id), when, and by which rule. */
public record Decision(String decidedBy, Instant decidedAt, DecisionRule rule) {
    public static final String AUTO = "AUTO";

    public static Decision auto(Instant at, DecisionRule rule) {
        return new Decision(AUTO, at, rule);
    }

    public boolean automated() {
        return AUTO.equals(decidedBy);
    }
}
