package dev.takedown.core.trust;

import dev.takedown.core.runtime.Env;

/**
 * Every threshold of the trust rules, from the environment (template parameters), with the defaults README lists.
 *
 * @param windowDays                 rolling window of a rightholder's record, in UTC days including today
 * @param trustedMinDecided          items decided in the window before TRUSTED can be earned
 * @param trustedMinActionedPercent  share of decided items actioned, at least
 * @param trustedMaxReversedPercent  share of decided items reversed by counter-notice, at most
 * @param trustedLockoutDays         after losing TRUSTED by the rules, no re-entry for this long
 * @param abuseMinDecided            items decided in the window before the abuse rule applies
 * @param abuseUnfoundedPercent      share of decided items unfounded that must be exceeded to be abusive
 * @param abuseWarningDays           time between the warning and the suspension, if still abusive
 * @param suspensionDays             length of a sender's suspension
 * @param copyrightDisputeBusinessDays dispute window of a COPYRIGHT takedown, in business days (Mon-Fri, UTC)
 * @param otherDisputeDays           dispute window of other takedowns, in calendar days
 * @param strikeLifeDays             a strike expires this many days after its day
 * @param strikesToWarn              established strikes for WARNED
 * @param strikesToRestrict          established strikes for RESTRICTED
 * @param strikesToSuspend           established strikes for SUSPENDED
 */
public record TrustPolicy(int windowDays, int trustedMinDecided, int trustedMinActionedPercent,
                          int trustedMaxReversedPercent, int trustedLockoutDays, int abuseMinDecided,
                          int abuseUnfoundedPercent, int abuseWarningDays, int suspensionDays,
                          int copyrightDisputeBusinessDays, int otherDisputeDays, int strikeLifeDays,
                          int strikesToWarn, int strikesToRestrict, int strikesToSuspend) {

    public static final TrustPolicy DEFAULTS = new TrustPolicy(90, 50, 90, 5, 90, 20, 50, 7, 30, 10, 15, 365, 1, 3, 5);

    public TrustPolicy {
        if (windowDays < 1 || strikeLifeDays < 1 || suspensionDays < 1 || abuseWarningDays < 0 || trustedLockoutDays < 0
                || copyrightDisputeBusinessDays < 0 || otherDisputeDays < 0) {
            throw new IllegalArgumentException("trust periods must be positive");
        }
        if (trustedMinActionedPercent < 0 || trustedMinActionedPercent > 100 || trustedMaxReversedPercent < 0
                || trustedMaxReversedPercent > 100 || abuseUnfoundedPercent < 0 || abuseUnfoundedPercent > 100) {
            throw new IllegalArgumentException("trust percentages must be between 0 and 100");
        }
        if (strikesToWarn < 1 || strikesToRestrict < strikesToWarn || strikesToSuspend < strikesToRestrict) {
            throw new IllegalArgumentException("strike thresholds must rise: 1 <= warn <= restrict <= suspend");
        }
    }

    public static TrustPolicy from(Env env) {
        TrustPolicy d = DEFAULTS;
        return new TrustPolicy(
                env.integer("TRUST_WINDOW_DAYS", d.windowDays),
                env.integer("TRUSTED_MIN_DECIDED", d.trustedMinDecided),
                env.integer("TRUSTED_MIN_ACTIONED_PERCENT", d.trustedMinActionedPercent),
                env.integer("TRUSTED_MAX_REVERSED_PERCENT", d.trustedMaxReversedPercent),
                env.integer("TRUSTED_LOCKOUT_DAYS", d.trustedLockoutDays),
                env.integer("ABUSE_MIN_DECIDED", d.abuseMinDecided),
                env.integer("ABUSE_UNFOUNDED_PERCENT", d.abuseUnfoundedPercent),
                env.integer("ABUSE_WARNING_DAYS", d.abuseWarningDays),
                env.integer("NOTIFIER_SUSPENSION_DAYS", d.suspensionDays),
                env.integer("COPYRIGHT_DISPUTE_BUSINESS_DAYS", d.copyrightDisputeBusinessDays),
                env.integer("OTHER_DISPUTE_DAYS", d.otherDisputeDays),
                env.integer("STRIKE_LIFE_DAYS", d.strikeLifeDays),
                env.integer("STRIKES_TO_WARN", d.strikesToWarn),
                env.integer("STRIKES_TO_RESTRICT", d.strikesToRestrict),
                env.integer("STRIKES_TO_SUSPEND", d.strikesToSuspend));
    }
}
