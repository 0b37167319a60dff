package dev.takedown.core.trust;

import static org.assertj.core.api.Assertions.assertThat;

import dev.takedown.core.model.RightholderTrust;
import dev.takedown.core.model.Tier;
import dev.takedown.core.model.TrustChange;
import dev.takedown.core.model.TrustCounts;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class TrustRulesTest {
    private static final TrustPolicy POLICY = TrustPolicy.DEFAULTS;
    private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");
    private static final RightholderTrust STANDARD = RightholderTrust.INITIAL;

    private static TrustChange.Kind evaluate(RightholderTrust trust, TrustCounts counts, Instant now) {
        return TrustRules.evaluate(trust, counts, now, POLICY).map(TrustChange::kind).orElse(null);
    }

    private static TrustCounts counts(long decided, long actioned, long unfounded, long reversed) {
        return new TrustCounts(decided, actioned, unfounded, reversed);
    }

    @Test
    void trustedNeedsFiftyDecidedItemsNinetyPercentActionedAndFivePercentReversedAtMost() {
        assertThat(evaluate(STANDARD, counts(50, 45, 0, 0), NOW)).as("exactly 50 items, exactly 90%")
                .isEqualTo(TrustChange.Kind.TRUSTED_EARNED);
        assertThat(evaluate(STANDARD, counts(49, 49, 0, 0), NOW)).as("one item short").isNull();
        assertThat(evaluate(STANDARD, counts(50, 44, 0, 0), NOW)).as("88%").isNull();
        assertThat(evaluate(STANDARD, counts(100, 95, 0, 5), NOW)).as("exactly 5% reversed")
                .isEqualTo(TrustChange.Kind.TRUSTED_EARNED);
        assertThat(evaluate(STANDARD, counts(100, 95, 0, 6), NOW)).as("6% reversed").isNull();
    }

    @Test
    void trustedIsLostWhenTheBarNoLongerHoldsAndCannotBeRegainedForNinetyDays() {
        RightholderTrust trusted = TrustRules.evaluate(STANDARD, counts(50, 50, 0, 0), NOW, POLICY).orElseThrow().after();
        assertThat(trusted.tier()).isEqualTo(Tier.TRUSTED);
        assertThat(evaluate(trusted, counts(50, 45, 0, 0), NOW)).as("still exactly 90%").isNull();

        TrustChange lost = TrustRules.evaluate(trusted, counts(50, 44, 0, 0), NOW, POLICY).orElseThrow();
        assertThat(lost.kind()).isEqualTo(TrustChange.Kind.TRUSTED_LOST);
        assertThat(lost.after().trustedLockoutUntil()).isEqualTo(NOW.plus(Duration.ofDays(90)));

        RightholderTrust standard = lost.after();
        Instant lockoutEnds = NOW.plus(Duration.ofDays(90));
        assertThat(evaluate(standard, counts(60, 60, 0, 0), lockoutEnds.minusMillis(1))).isNull();
        assertThat(evaluate(standard, counts(60, 60, 0, 0), lockoutEnds)).isEqualTo(TrustChange.Kind.TRUSTED_EARNED);
    }

    @Test
    void aTierSetByStaffIsLeftAloneByTheTrustedRulesButNotByTheAbuseRule() {
        RightholderTrust pinned = STANDARD.next(Tier.TRUSTED, NOW, "staff-1", true, null, null, null);
        assertThat(evaluate(pinned, counts(0, 0, 0, 0), NOW)).isNull();
        assertThat(evaluate(pinned, counts(20, 9, 11, 0), NOW)).isEqualTo(TrustChange.Kind.WARNED);
    }

    @Test
    void abuseNeedsTwentyDecidedItemsAndMoreThanHalfUnfounded() {
        assertThat(evaluate(STANDARD, counts(20, 9, 11, 0), NOW)).isEqualTo(TrustChange.Kind.WARNED);
        assertThat(evaluate(STANDARD, counts(20, 10, 10, 0), NOW)).as("exactly 50% is not more than 50%").isNull();
        assertThat(evaluate(STANDARD, counts(19, 0, 19, 0), NOW)).as("19 items").isNull();
    }

    @Test
    void aWarnedSenderStillOverTheBarSevenDaysLaterIsSuspendedForThirtyDaysThenBackToStandard() {
        TrustCounts abusive = counts(30, 5, 25, 0);
        RightholderTrust warned = TrustRules.evaluate(STANDARD, abusive, NOW, POLICY).orElseThrow().after();
        assertThat(warned.warnedAt()).isEqualTo(NOW);
        Instant sevenDays = NOW.plus(Duration.ofDays(7));
        assertThat(evaluate(warned, abusive, sevenDays.minusMillis(1))).as("within the warning period").isNull();
        assertThat(TrustRules.nextReview(warned, NOW, POLICY)).isEqualTo(sevenDays);

        TrustChange suspended = TrustRules.evaluate(warned, abusive, sevenDays, POLICY).orElseThrow();
        assertThat(suspended.kind()).isEqualTo(TrustChange.Kind.SUSPENDED);
        assertThat(suspended.tierChanged()).isTrue();
        Instant until = sevenDays.plus(Duration.ofDays(30));
        assertThat(suspended.after().suspendedUntil()).isEqualTo(until);
        assertThat(suspended.after().suspendedAt(until.minusMillis(1))).isTrue();
        assertThat(suspended.after().suspendedAt(until)).isFalse();
        assertThat(evaluate(suspended.after(), abusive, until.minusMillis(1))).isNull();

        TrustChange ended = TrustRules.evaluate(suspended.after(), abusive, until, POLICY).orElseThrow();
        assertThat(ended.kind()).isEqualTo(TrustChange.Kind.SUSPENSION_ENDED);
        assertThat(ended.after().tier()).isEqualTo(Tier.STANDARD);
        assertThat(ended.after().warnedAt()).isNull();
    }

    @Test
    void aWarningLapsesWhenTheSenderIsBackUnderTheBarWhenItsPeriodEnds() {
        RightholderTrust warned = TrustRules.evaluate(STANDARD, counts(30, 5, 25, 0), NOW, POLICY).orElseThrow().after();
        TrustChange lapsed = TrustRules.evaluate(warned, counts(60, 35, 25, 0), NOW.plus(Duration.ofDays(7)), POLICY)
                .orElseThrow();
        assertThat(lapsed.kind()).isEqualTo(TrustChange.Kind.WARNING_LAPSED);
        assertThat(lapsed.after().warnedAt()).isNull();
        assertThat(lapsed.after().tier()).isEqualTo(Tier.STANDARD);
    }

    @Test
    void theWindowIsNinetyUtcDaysIncludingToday() {
        assertThat(TrustRules.windowStart(Instant.parse("2026-11-30T00:00:00Z"), POLICY))
                .isEqualTo(LocalDate.parse("2026-09-02"));
        assertThat(TrustRules.windowStart(Instant.parse("2026-11-30T23:59:59.999Z"), POLICY))
                .isEqualTo(LocalDate.parse("2026-09-02"));
        assertThat(TrustRules.windowStart(Instant.parse("2026-12-01T00:00:00Z"), POLICY))
                .isEqualTo(LocalDate.parse("2026-09-03"));
    }

    @Test
    void trustedRightholdersAreLookedAtDailyAndOthersOnlyWhenSomethingIsPending() {
        RightholderTrust trusted = STANDARD.next(Tier.TRUSTED, NOW, "AUTO", false, null, null, null);
        assertThat(TrustRules.nextReview(trusted, NOW, POLICY)).isEqualTo(Instant.parse("2026-12-01T00:00:00Z"));
        assertThat(TrustRules.nextReview(STANDARD, NOW, POLICY)).isNull();
        assertThat(TrustRules.nextReview(trusted.next(Tier.TRUSTED, NOW, "staff-1", true, null, null, null), NOW,
                POLICY)).as("set by staff").isNull();
    }
}
