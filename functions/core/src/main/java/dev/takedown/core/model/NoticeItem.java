package dev.takedown.core.model;

import java.time.Instant;

/**
 * One line of a notice: the listing it names (by URL, by id, or both once the URL was recognised) and where
 * its decision stands. A duplicate points at the first item naming the same listing: {@code duplicateOf} is
 * its index, in this notice or, when {@code duplicateOfNotice} is set, in that notice. Items decided carry
 * their {@link Decision}; actioned ones their statement of reasons to the seller. What was done afterwards to
 * contest or undo the decision is its {@link Redress}: the decision and statement stay as they were made.
 */
public record NoticeItem(
        int index,
        String url,
        String listingId,
        ItemStatus status,
        ItemReason reason,
        Integer duplicateOf,
        String duplicateOfNotice,
        Decision decision,
        StatementOfReasons statement,
        Redress redress) {

    public NoticeItem {
        redress = redress == null ? Redress.NONE : redress;
    }

    public NoticeItem(int index, String url, String listingId, ItemStatus status, ItemReason reason, Integer duplicateOf,
                      String duplicateOfNotice, Decision decision, StatementOfReasons statement) {
        this(index, url, listingId, status, reason, duplicateOf, duplicateOfNotice, decision, statement, Redress.NONE);
    }

    public static NoticeItem open(int index, String url, String listingId) {
        return new NoticeItem(index, url, listingId, ItemStatus.RECEIVED, null, null, null, null, null);
    }

    public static NoticeItem rejected(int index, String url, ItemReason reason, Instant at) {
        return new NoticeItem(index, url, null, ItemStatus.REJECTED, reason, null, null,
                Decision.auto(at, DecisionRule.LISTING_URL), null);
    }

    public static NoticeItem duplicateInNotice(int index, String url, String listingId, int firstIndex, Instant at) {
        return new NoticeItem(index, url, listingId, ItemStatus.DUPLICATE, ItemReason.DUPLICATE, firstIndex, null,
                Decision.auto(at, DecisionRule.DUPLICATE_IN_NOTICE), null);
    }

    /** The same item with a decision: a new status and reason (a statement of reasons belongs to one decision). */
    public NoticeItem decided(ItemStatus newStatus, ItemReason newReason, Decision newDecision) {
        return new NoticeItem(index, url, listingId, newStatus, newReason, duplicateOf, duplicateOfNotice, newDecision,
                null, redress);
    }

    public NoticeItem duplicateOf(String otherNotice, int otherIndex, Decision newDecision) {
        return new NoticeItem(index, url, listingId, ItemStatus.DUPLICATE, ItemReason.DUPLICATE, otherIndex, otherNotice,
                newDecision, null, redress);
    }

    public NoticeItem withStatement(StatementOfReasons newStatement) {
        return new NoticeItem(index, url, listingId, status, reason, duplicateOf, duplicateOfNotice, decision, newStatement,
                redress);
    }

    /** The same decision, contested or undone: a new status and redress, the decision and statement kept. */
    public NoticeItem redressed(ItemStatus newStatus, Redress newRedress) {
        return new NoticeItem(index, url, listingId, newStatus, reason, duplicateOf, duplicateOfNotice, decision, statement,
                newRedress);
    }

    /** The item as its decision left it, before any counter-notice or restoration. */
    public NoticeItem asDecided() {
        return status == ItemStatus.COUNTER_NOTICED || status.takedownReversed()
                ? new NoticeItem(index, url, listingId, ItemStatus.ACTIONED, reason, duplicateOf, duplicateOfNotice,
                        decision, statement, redress)
                : this;
    }
}
