package dev.takedown.core.trust;

import dev.takedown.core.model.Decision;
import dev.takedown.core.model.RightholderTrust;
import dev.takedown.core.model.Tier;
import dev.takedown.core.model.TrustChange;
import dev.takedown.core.model.TrustCounts;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * The automatic rules for rightholders (Alibaba's good-faith programme, EU DSA Art. 22 and 23), applied to the
 * record of the last {@link TrustPolicy#windowDays()} UTC days. At most one change per evaluation, in this order:
 * a suspension that has run out ends; an abusive sender is warned, then suspended; TRUSTED is earned or lost.
 */
public final class TrustRules {
    private TrustRules() {
    }

    /** The first day of the window that ends today (inclusive). */
    public static LocalDate windowStart(Instant now, TrustPolicy policy) {
        return LocalDate.ofInstant(now, ZoneOffset.UTC).minusDays(policy.windowDays() - 1L);
    }

    /** Over the abuse bar: enough decided items, and more than the allowed share of them unfounded. */
    public static boolean abusive(TrustCounts counts, TrustPolicy policy) {
        return counts.decided() >= policy.abuseMinDecided() && counts.decided() > 0
                && counts.unfounded() * 100 > counts.decided() * policy.abuseUnfoundedPercent();
    }

    /** Meets the bar for TRUSTED: enough decided items, almost all actioned, hardly any reversed. */
    public static boolean qualifiesForTrusted(TrustCounts counts, TrustPolicy policy) {
        return counts.decided() >= policy.trustedMinDecided() && counts.decided() > 0
                && counts.actioned() * 100 >= counts.decided() * policy.trustedMinActionedPercent()
                && counts.reversed() * 100 <= counts.decided() * policy.trustedMaxReversedPercent();
    }

    public static Optional<TrustChange> evaluate(RightholderTrust trust, TrustCounts counts, Instant now,
                                                 TrustPolicy policy) {
        String auto = Decision.AUTO;
        if (trust.tier() == Tier.SUSPENDED) {
            if (trust.suspendedUntil() != null && !now.isBefore(trust.suspendedUntil())) {
                return change(TrustChange.Kind.SUSPENSION_ENDED, trust,
                        trust.next(Tier.STANDARD, now, auto, false, trust.trustedLockoutUntil(), null, null), now,
                        "the suspension ended on " + trust.suspendedUntil(), counts);
            }
            return Optional.empty();
        }
        boolean abusive = abusive(counts, policy);
        if (trust.warnedAt() != null) {
            Instant warningEnds = trust.warnedAt().plus(Duration.ofDays(policy.abuseWarningDays()));
            if (now.isBefore(warningEnds)) {
                return Optional.empty();
            }
            if (abusive) {
                Instant until = now.plus(Duration.ofDays(policy.suspensionDays()));
                return change(TrustChange.Kind.SUSPENDED, trust,
                        trust.next(Tier.SUSPENDED, now, auto, false, trust.trustedLockoutUntil(), null, until), now,
                        "still over the abuse bar " + policy.abuseWarningDays() + " days after the warning: more than "
                                + policy.abuseUnfoundedPercent() + "% of decided items unfounded", counts);
            }
            return change(TrustChange.Kind.WARNING_LAPSED, trust,
                    trust.next(trust.tier(), trust.since(), trust.changedBy(), trust.pinned(), trust.trustedLockoutUntil(),
                            null, null), now, "back under the abuse bar when the warning period ended", counts);
        }
        if (abusive) {
            return change(TrustChange.Kind.WARNED, trust,
                    trust.next(trust.tier(), trust.since(), trust.changedBy(), trust.pinned(), trust.trustedLockoutUntil(),
                            now, null), now, "more than " + policy.abuseUnfoundedPercent()
                            + "% of decided items unfounded; suspended in " + policy.abuseWarningDays()
                            + " days if still so", counts);
        }
        if (trust.pinned()) {
            return Optional.empty();
        }
        boolean qualifies = qualifiesForTrusted(counts, policy);
        if (trust.tier() == Tier.STANDARD && qualifies
                && (trust.trustedLockoutUntil() == null || !now.isBefore(trust.trustedLockoutUntil()))) {
            return change(TrustChange.Kind.TRUSTED_EARNED, trust,
                    trust.next(Tier.TRUSTED, now, auto, false, null, null, null), now,
                    "at least " + policy.trustedMinDecided() + " items decided, " + policy.trustedMinActionedPercent()
                            + "% or more actioned, " + policy.trustedMaxReversedPercent()
                            + "% or fewer reversed by counter-notice", counts);
        }
        if (trust.tier() == Tier.TRUSTED && !qualifies) {
            Instant lockout = now.plus(Duration.ofDays(policy.trustedLockoutDays()));
            return change(TrustChange.Kind.TRUSTED_LOST, trust,
                    trust.next(Tier.STANDARD, now, auto, false, lockout, null, null), now,
                    "no longer meets the TRUSTED bar; it may be earned again from " + lockout, counts);
        }
        return Optional.empty();
    }

    /**
     * When the rules must look at this rightholder again even if no decision arrives: the end of a suspension or
     * of a warning period, and daily while TRUSTED by the rules (old days leave the window); null otherwise.
     */
    public static Instant nextReview(RightholderTrust trust, Instant now, TrustPolicy policy) {
        if (trust.tier() == Tier.SUSPENDED) {
            return trust.suspendedUntil();
        }
        if (trust.warnedAt() != null) {
            return trust.warnedAt().plus(Duration.ofDays(policy.abuseWarningDays()));
        }
        if (trust.tier() == Tier.TRUSTED && !trust.pinned()) {
            return LocalDate.ofInstant(now, ZoneOffset.UTC).plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        }
        return null;
    }

    private static Optional<TrustChange> change(TrustChange.Kind kind, RightholderTrust before, RightholderTrust after,
                                                Instant now, String reason, TrustCounts counts) {
        return Optional.of(new TrustChange(kind, before, after, Decision.AUTO, now, reason, counts));
    }
}
