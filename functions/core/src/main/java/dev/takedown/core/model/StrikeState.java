package dev.takedown.core.model;

public enum StrikeState {
    /** A dispute window is still open: it does not count yet. */
    PENDING,
    /** Counts toward the seller's standing. */
    ESTABLISHED,
    /** Older than the strike life: no longer counts. */
    EXPIRED,
    /** Voided by staff: never counts. */
    VOIDED
}
