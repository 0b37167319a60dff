package dev.takedown.core.model;

/** Where one listed item of a notice stands in its life cycle. */
public enum ItemStatus {
    RECEIVED(true),
    VERIFYING(true),
    NEEDS_REVIEW(true),
    ACTIONED(false),
    REJECTED(false),
    DUPLICATE(false),
    NOT_FOUND(false),
    ALREADY_REMOVED(false);

    private final boolean open;

    ItemStatus(boolean open) {
        this.open = open;
    }

    /** Open items still await a decision. */
    public boolean isOpen() {
        return open;
    }

    /**
     * An item in this status keeps its listing's claim: it was found to act on the listing, or is still being
     * decided after claiming it. Any other status lets the next notice naming the listing take the claim.
     */
    public boolean holdsListing() {
        return this == RECEIVED || this == VERIFYING || this == NEEDS_REVIEW || this == ACTIONED;
    }
}
