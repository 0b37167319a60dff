package dev.takedown.core.model;

/** Where a seller stands under the repeat-infringer policy, by its established, live strikes. */
public enum SellerStanding {
    GOOD_STANDING,
    WARNED,
    RESTRICTED,
    /** Every active listing is taken down until staff reinstate the seller. */
    SUSPENDED
}
