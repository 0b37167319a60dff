package dev.takedown.core.model;

import java.time.Instant;

/**
 * Where a rightholder stands as a sender, and since when.
 *
 * @param changedBy           AUTO for the rules, otherwise the staff id that set the tier
 * @param pinned              the tier was chosen by staff (setTier); no rule depends on it: the rules never grant
 *                            TRUSTED, and take it away whoever granted it
 * @param trustedLockoutUntil lost TRUSTED by the rules: may not earn it again before this
 * @param warnedAt            warned as an abusive sender and not yet suspended or cleared
 * @param suspendedUntil      end of the current suspension (tier SUSPENDED)
 * @param version             bumped by every change, so that concurrent evaluations cannot both apply
 */
public record RightholderTrust(Tier tier, Instant since, String changedBy, boolean pinned, Instant trustedLockoutUntil,
                               Instant warnedAt, Instant suspendedUntil, long version) {
    public static final RightholderTrust INITIAL = new RightholderTrust(Tier.STANDARD, null, null, false, null, null,
            null, 0);

    public boolean suspendedAt(Instant now) {
        return tier == Tier.SUSPENDED && suspendedUntil != null && now.isBefore(suspendedUntil);
    }

    public boolean trusted() {
        return tier == Tier.TRUSTED;
    }

    public RightholderTrust next(Tier tier, Instant since, String changedBy, boolean pinned, Instant trustedLockoutUntil,
                          Instant warnedAt, Instant suspendedUntil) {
        return new RightholderTrust(tier, since, changedBy, pinned, trustedLockoutUntil, warnedAt, suspendedUntil,
                version + 1);
    }
}
