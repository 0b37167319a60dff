package dev.takedown.core.trust;

/** Where a seller stands under the repeat-infringer policy, by its established, live strikes. */
public enum SellerStanding {
    GOOD_STANDING,
    WARNED,
    RESTRICTED,
    /** Every active listing is taken down until staff reinstate the seller. */
    SUSPENDED;

    public static SellerStanding forStrikes(int strikes, TrustPolicy policy) {
        if (strikes >= policy.strikesToSuspend()) {
            return SUSPENDED;
        }
        if (strikes >= policy.strikesToRestrict()) {
            return RESTRICTED;
        }
        return strikes >= policy.strikesToWarn() ? WARNED : GOOD_STANDING;
    }
}
