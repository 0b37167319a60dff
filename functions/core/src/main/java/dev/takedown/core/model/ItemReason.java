package dev.takedown.core.model;

/** Machine-readable reason attached to an item decision, so the sender can act on it. */
public enum ItemReason {
    INVALID_URL,
    OFF_PLATFORM,
    LISTING_NOT_FOUND,
    ALREADY_REMOVED,
    DUPLICATE,
    BRAND_MISMATCH,
    /** The title names the mark only to refer to it (compatible with, for, replacement, style...): a person looks. */
    REFERENTIAL_USE,
    /** The title names the mark, but the listing is sold under another brand: a person looks. */
    OTHER_BRAND,
    /** Copyright, design or patent: a person compares the work with the listing. */
    WORK_COMPARISON,
    RIGHT_NOT_VERIFIED,
    RIGHT_EXPIRED,
    AUTHORIZED_SELLER,
    /** Staff: the evidence does not show an infringement. */
    INSUFFICIENT_EVIDENCE,
    /** Staff: the listing does not infringe the right. */
    NOT_INFRINGING,
    /** The rightholder withdrew the item. */
    WITHDRAWN
}
