package dev.takedown.core.model;

import java.time.Instant;

/**
 * Who decided an item (AUTO or a staff id), when, by which rule, and the staff member's note if any.
 *
 * @param reviewFirst sent to review for a TRUSTED sender: it waits ahead of every other sender's item
 */
public record Decision(String decidedBy, Instant decidedAt, DecisionRule rule, String note, boolean reviewFirst) {
    public static final String AUTO = "AUTO";
    /** The rightholder's own act, such as withdrawing an item. */
    public static final String RIGHTHOLDER = "RIGHTHOLDER";
    /** The seller's own act, such as filing a counter-notice. */
    public static final String SELLER = "SELLER";

    public Decision(String decidedBy, Instant decidedAt, DecisionRule rule, String note) {
        this(decidedBy, decidedAt, rule, note, false);
    }

    public Decision(String decidedBy, Instant decidedAt, DecisionRule rule) {
        this(decidedBy, decidedAt, rule, null);
    }

    public static Decision auto(Instant at, DecisionRule rule) {
        return new Decision(AUTO, at, rule);
    }

    public Decision reviewedFirst() {
        return new Decision(decidedBy, decidedAt, rule, note, true);
    }

    public boolean automated() {
        return AUTO.equals(decidedBy);
    }

    /** The rightholder's or the seller's own act, not a decision of the platform's. */
    public boolean byParty() {
        return RIGHTHOLDER.equals(decidedBy) || SELLER.equals(decidedBy);
    }
}
