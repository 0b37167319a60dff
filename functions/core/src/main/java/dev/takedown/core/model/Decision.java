package dev.takedown.core.model;

import java.time.Instant;

/** Who decided an item (AUTO or a staff id), when, by which rule, and the staff member's note if any. */
public record Decision(String decidedBy, Instant decidedAt, DecisionRule rule, String note) {
    public static final String AUTO = "AUTO";

    public Decision(String decidedBy, Instant decidedAt, DecisionRule rule) {
        this(decidedBy, decidedAt, rule, null);
    }

    public static Decision auto(Instant at, DecisionRule rule) {
        return new Decision(AUTO, at, rule);
    }

    public boolean automated() {
        return AUTO.equals(decidedBy);
    }
}
