package dev.takedown.core.model;

public enum StrikeState {
    /** A dispute window is still open, or a takedown in it is being contested: it does not count yet. */
    PENDING,
    /** Counts toward the seller's standing. */
    ESTABLISHED,
    /** Older than the strike life: no longer counts. */
    EXPIRED,
    /** Voided by staff, or every takedown in it was reversed: never counts. */
    VOIDED
}
