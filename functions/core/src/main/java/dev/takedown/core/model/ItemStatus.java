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
    ALREADY_REMOVED(false),
    /** Actioned, and its seller filed a counter-notice: the listing stays down until the rightholder answers. */
    COUNTER_NOTICED(false),
    /** Actioned, then put back: the counter-notice was accepted or unanswered, or a complaint reversed it. */
    RESTORED(false),
    /** Actioned, then taken back by the rightholder's withdrawal: the listing was put back. */
    RETRACTED(false),
    /** Taken back by the rightholder's withdrawal before it was decided: never verified afterwards. */
    WITHDRAWN(false);

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
        return this == RECEIVED || this == VERIFYING || this == NEEDS_REVIEW || this == ACTIONED
                || this == COUNTER_NOTICED;
    }

    /** A takedown that stands or is being contested: the listing is down because of this item. */
    public boolean takedownInForce() {
        return this == ACTIONED || this == COUNTER_NOTICED;
    }

    /** A takedown that was undone: the listing was put back (or left to a suspension). */
    public boolean takedownReversed() {
        return this == RESTORED || this == RETRACTED;
    }
}
