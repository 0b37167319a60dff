package dev.takedown.core.model;

import java.time.Instant;

/** One change of a rightholder's trust, with who made it and why: recorded, and told to the rightholder. */
public record TrustChange(Kind kind, RightholderTrust before, RightholderTrust after, String actor, Instant at,
                          String reason, TrustCounts counts) {

    public enum Kind {
        /** Over the abuse bar: warned, suspended if still over it when the warning period ends. */
        WARNED,
        /** Back under the abuse bar when the warning period ended. */
        WARNING_LAPSED,
        SUSPENDED,
        SUSPENSION_ENDED,
        SUSPENSION_LIFTED,
        /** The record no longer meets the TRUSTED bar: back to STANDARD, not eligible again for a while. */
        TRUSTED_LOST,
        /** Staff set the tier by hand: the only way to TRUSTED. */
        TIER_SET
    }

    public boolean tierChanged() {
        return before.tier() != after.tier();
    }
}
