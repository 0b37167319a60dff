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
        TRUSTED_EARNED,
        TRUSTED_LOST,
        /** Staff set the tier by hand. */
        TIER_SET,
        /** Staff handed the tier back to the rules. */
        RULES_RESUMED
    }

    public boolean tierChanged() {
        return before.tier() != after.tier();
    }
}
