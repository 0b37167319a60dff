package dev.takedown.core.trust;

import dev.takedown.core.model.Decision;
import dev.takedown.core.model.RightholderTrust;
import dev.takedown.core.model.Tier;
import dev.takedown.core.model.TrustChange;
import dev.takedown.core.model.TrustCounts;
import dev.takedown.core.text.Times;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The automatic rules for rightholders (Alibaba's good-faith programme, EU DSA Art. 22 and 23), applied to the
 * record of the last {@link TrustPolicy#windowDays()} UTC days. At most one change per evaluation, in this order:
 * a suspension that has run out ends; an abusive sender is warned, then suspended; TRUSTED is lost. The rules never
 * grant TRUSTED: they make a rightholder eligible, and staff grant it ({@link #eligibility}).
 */
public final class TrustRules {
    private TrustRules() {
    }

    /** Whether a rightholder may be granted TRUSTED (or keep it), the record that says so, and what it lacks. */
    public record Eligibility(boolean eligible, TrustCounts counts, List<String> missing) {
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

    /**
     * Meets the bar for TRUSTED, on decisions that stand only (a takedown counts once a person confirmed it or its
     * dispute window closed): enough of them, almost all confirmed takedowns, hardly any reversed.
     */
    public static boolean meetsTrustedBar(TrustCounts counts, TrustPolicy policy) {
        return shortOfTrustedBar(counts, policy).isEmpty();
    }

    private static List<String> shortOfTrustedBar(TrustCounts counts, TrustPolicy policy) {
        List<String> missing = new ArrayList<>();
        long base = counts.eligibilityBase();
        if (base < policy.trustedMinDecided() || base == 0) {
            missing.add(Math.max(policy.trustedMinDecided() - base, 1) + " more decisions that stand (takedowns"
                    + " confirmed by staff or past their dispute window, rejections, reversals): " + base + " of "
                    + policy.trustedMinDecided());
        }
        if (base > 0 && counts.confirmed() * 100 < base * policy.trustedMinActionedPercent()) {
            missing.add("takedowns confirmed: " + counts.confirmed() + " of " + base + " decisions that stand, at least "
                    + policy.trustedMinActionedPercent() + "% needed");
        }
        if (base > 0 && counts.reversed() * 100 > base * policy.trustedMaxReversedPercent()) {
            missing.add("reversed by counter-notice: " + counts.reversed() + " of " + base + ", at most "
                    + policy.trustedMaxReversedPercent() + "% allowed");
        }
        return missing;
    }

    /** Whether staff may grant TRUSTED now: the bar met, and no suspension, warning or lockout in the way. */
    public static Eligibility eligibility(RightholderTrust trust, TrustCounts counts, Instant now, TrustPolicy policy) {
        List<String> missing = new ArrayList<>();
        if (trust.tier() == Tier.SUSPENDED) {
            missing.add("suspended until " + Times.format(trust.suspendedUntil()));
        }
        if (trust.warnedAt() != null) {
            missing.add("warned as an abusive sender on " + Times.format(trust.warnedAt()));
        }
        if (trust.trustedLockoutUntil() != null && now.isBefore(trust.trustedLockoutUntil())) {
            missing.add("lost TRUSTED by the rules: not eligible before " + Times.format(trust.trustedLockoutUntil()));
        }
        missing.addAll(shortOfTrustedBar(counts, policy));
        return new Eligibility(missing.isEmpty(), counts, List.copyOf(missing));
    }

    /**
     * Where a rightholder stands against TRUSTED: while TRUSTED, whether its record keeps the tier (the rules take it
     * away on the bar alone, see {@link #evaluate}); otherwise whether staff may grant it ({@link #eligibility}).
     */
    public static Eligibility againstTrusted(RightholderTrust trust, TrustCounts counts, Instant now,
                                             TrustPolicy policy) {
        if (trust.trusted()) {
            List<String> shortOf = shortOfTrustedBar(counts, policy);
            return new Eligibility(shortOf.isEmpty(), counts, List.copyOf(shortOf));
        }
        return eligibility(trust, counts, now, policy);
    }

    /**
     * The TRUSTED bar in words, each part with where {@code counts} stand: what a rightholder must reach to be
     * eligible, and keep meeting to stay TRUSTED.
     */
    public static List<String> trustedBar(TrustCounts counts, TrustPolicy policy) {
        long base = counts.eligibilityBase();
        return List.of(
                "at least " + policy.trustedMinDecided() + " decisions that stand in the last " + policy.windowDays()
                        + " days (takedowns confirmed by staff or past their dispute window, rejections, reversals): "
                        + base + " now",
                "at least " + policy.trustedMinActionedPercent() + "% of them takedowns confirmed: "
                        + counts.confirmed() + " of " + base + " now",
                "at most " + policy.trustedMaxReversedPercent() + "% of them takedowns reversed (undone on a"
                        + " counter-notice or complaint, or withdrawn): " + counts.reversed() + " of " + base + " now");
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
        // Whoever granted it: TRUSTED lasts only as long as the record bears it out.
        boolean losesTrusted = trust.tier() == Tier.TRUSTED && !meetsTrustedBar(counts, policy);
        if (trust.warnedAt() != null) {
            Instant warningEnds = trust.warnedAt().plus(Duration.ofDays(policy.abuseWarningDays()));
            if (now.isBefore(warningEnds)) {
                return losesTrusted ? trustedLost(trust, counts, now, policy) : Optional.empty();
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
        return losesTrusted ? trustedLost(trust, counts, now, policy) : Optional.empty();
    }

    private static Optional<TrustChange> trustedLost(RightholderTrust trust, TrustCounts counts, Instant now,
                                                     TrustPolicy policy) {
        Instant lockout = now.plus(Duration.ofDays(policy.trustedLockoutDays()));
        return change(TrustChange.Kind.TRUSTED_LOST, trust,
                trust.next(Tier.STANDARD, now, Decision.AUTO, false, lockout, trust.warnedAt(), null), now,
                "no longer meets the TRUSTED bar (" + String.join("; ", shortOfTrustedBar(counts, policy))
                        + "); not eligible again before " + Times.format(lockout), counts);
    }

    /**
     * When the rules must look at this rightholder again even if no decision arrives: the end of a suspension or
     * of a warning period, and daily while TRUSTED (old days leave the window); null otherwise.
     */
    public static Instant nextReview(RightholderTrust trust, Instant now, TrustPolicy policy) {
        if (trust.tier() == Tier.SUSPENDED) {
            return trust.suspendedUntil();
        }
        Instant warningEnds = trust.warnedAt() == null ? null
                : trust.warnedAt().plus(Duration.ofDays(policy.abuseWarningDays()));
        if (trust.tier() == Tier.TRUSTED) {
            Instant tomorrow = LocalDate.ofInstant(now, ZoneOffset.UTC).plusDays(1).atStartOfDay()
                    .toInstant(ZoneOffset.UTC);
            return warningEnds != null && warningEnds.isBefore(tomorrow) ? warningEnds : tomorrow;
        }
        return warningEnds;
    }

    private static Optional<TrustChange> change(TrustChange.Kind kind, RightholderTrust before, RightholderTrust after,
                                                Instant now, String reason, TrustCounts counts) {
        return Optional.of(new TrustChange(kind, before, after, Decision.AUTO, now, reason, counts));
    }
}
