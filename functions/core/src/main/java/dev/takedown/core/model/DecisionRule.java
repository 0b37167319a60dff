package dev.takedown.core.model;

/** The rule that decided an item, recorded with the decision so anyone can tell why it came out so. */
public enum DecisionRule {
    /** Intake: the line is not a listing URL of this marketplace. */
    LISTING_URL,
    /** Intake: an earlier line of the same notice names the same listing. */
    DUPLICATE_IN_NOTICE,
    RIGHT_VERIFIED,
    RIGHT_VALID,
    LISTING_EXISTS,
    LISTING_ACTIVE,
    /** Another notice already has an open or actioned item for the listing. */
    DUPLICATE_NOTICE,
    AUTHORIZED_SELLER,
    /** Trademark reasons: the listing's brand or title carries the mark. */
    BRAND_MATCH,
    /** Trademark reasons: the title names the mark only to refer to it ("ACME-compatible", "for ACME"). */
    REFERENTIAL_USE,
    /** Trademark reasons: the title names the mark, but the listing's brand is another brand. */
    OTHER_BRAND,
    /** Copyright, design and patent: a person compares the work. */
    WORK_COMPARISON,
    /** Another takedown removed the listing first. */
    TAKEDOWN_RACE,
    STAFF_DECISION,
    /** The rightholder withdrew the item before it was decided, or retracted its takedown. */
    WITHDRAWAL,
    /** The seller filed a counter-notice against the takedown. */
    COUNTER_NOTICE,
    /** The rightholder answered the counter-notice with legal action: the takedown stands. */
    COUNTER_NOTICE_UPHELD,
    /** The rightholder accepted the counter-notice. */
    COUNTER_NOTICE_ACCEPTED,
    /** The rightholder did not answer the counter-notice in time. */
    COUNTER_NOTICE_UNANSWERED,
    /** Staff reversed the decision on a complaint. */
    COMPLAINT_REVERSED
}
