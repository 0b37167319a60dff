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
        return new TrustCounts(decided, actioned, unfounded, reversed, 0);
    }

    /** A record of decisions that stand: takedowns confirmed, rejections (unfounded or not), takedowns reversed. */
    private static TrustCounts standing(long confirmed, long rejected, long reversed) {
        return new TrustCounts(confirmed + rejected + reversed, confirmed + reversed, 0, reversed, confirmed);
    }

    private static TrustRules.Eligibility eligibility(RightholderTrust trust, TrustCounts counts, Instant now) {
        return TrustRules.eligibility(trust, counts, now, POLICY);
    }

    private static final RightholderTrust GRANTED = STANDARD.next(Tier.TRUSTED, NOW, "staff-1", true, null, null, null);

    @Test
    void eligibilityNeedsFiftyDecisionsThatStandNinetyPercentConfirmedAndFivePercentReversedAtMost() {
        assertThat(eligibility(STANDARD, standing(45, 5, 0), NOW).eligible()).as("exactly 50, exactly 90%").isTrue();
        assertThat(eligibility(STANDARD, standing(49, 0, 0), NOW).missing()).as("one short")
                .singleElement().asString().startsWith("1 more decisions that stand").contains("49 of 50");
        assertThat(eligibility(STANDARD, standing(44, 6, 0), NOW).missing()).as("88%")
                .singleElement().asString().contains("44 of 50", "at least 90%");
        assertThat(eligibility(STANDARD, standing(95, 0, 5), NOW).eligible()).as("exactly 5% reversed").isTrue();
        assertThat(eligibility(STANDARD, standing(94, 0, 6), NOW).missing()).as("6% reversed")
                .singleElement().asString().contains("6 of 100", "at most 5%");
        assertThat(eligibility(STANDARD, TrustCounts.NONE, NOW).missing()).singleElement().asString()
                .startsWith("50 more decisions that stand");
    }

    @Test
    void automaticTakedownsWhoseDisputeWindowIsOpenDoNotCount() {
        TrustCounts unconfirmed = new TrustCounts(60, 60, 0, 0, 0);
        TrustRules.Eligibility none = eligibility(STANDARD, unconfirmed, NOW);
        assertThat(none.eligible()).isFalse();
        assertThat(none.counts().eligibilityBase()).isZero();
        TrustCounts halfConfirmed = new TrustCounts(100, 100, 0, 0, 49);
        assertThat(eligibility(STANDARD, halfConfirmed, NOW).missing()).singleElement().asString().contains("49 of 50");
        assertThat(eligibility(STANDARD, halfConfirmed.plus(new TrustCounts(0, 0, 0, 0, 1)), NOW).eligible()).isTrue();
    }

    @Test
    void theRulesNeverGrantTrustedHoweverGoodTheRecord() {
        assertThat(evaluate(STANDARD, standing(100, 0, 0), NOW)).isNull();
        assertThat(evaluate(STANDARD, counts(500, 500, 0, 0), NOW)).isNull();
    }

    @Test
    void trustedIsLostWhenTheBarNoLongerHoldsWhoeverGrantedItAndEligibilityWaitsNinetyDays() {
        assertThat(evaluate(GRANTED, standing(45, 5, 0), NOW)).as("still exactly 90%").isNull();

        TrustChange lost = TrustRules.evaluate(GRANTED, standing(44, 6, 0), NOW, POLICY).orElseThrow();
        assertThat(lost.kind()).isEqualTo(TrustChange.Kind.TRUSTED_LOST);
        assertThat(lost.actor()).isEqualTo("AUTO");
        assertThat(lost.after().tier()).isEqualTo(Tier.STANDARD);
        assertThat(lost.after().pinned()).isFalse();
        assertThat(lost.after().trustedLockoutUntil()).isEqualTo(NOW.plus(Duration.ofDays(90)));
        assertThat(lost.reason()).contains("44 of 50");
        assertThat(evaluate(GRANTED, counts(50, 50, 0, 0), NOW)).as("automatic takedowns not yet confirmed")
                .isEqualTo(TrustChange.Kind.TRUSTED_LOST);

        RightholderTrust standard = lost.after();
        Instant lockoutEnds = NOW.plus(Duration.ofDays(90));
        assertThat(eligibility(standard, standing(60, 0, 0), lockoutEnds.minusMillis(1)).missing())
                .singleElement().asString().startsWith("lost TRUSTED by the rules: not eligible before");
        assertThat(eligibility(standard, standing(60, 0, 0), lockoutEnds).eligible()).isTrue();
        assertThat(evaluate(standard, standing(60, 0, 0), lockoutEnds)).as("still granted by staff only").isNull();
    }

    @Test
    void aTrustedSenderIsWarnedLikeAnyOtherAndLosesTrustedWithinItsWarningPeriod() {
        TrustCounts abusive = counts(20, 9, 11, 0);
        TrustChange warned = TrustRules.evaluate(GRANTED, abusive, NOW, POLICY).orElseThrow();
        assertThat(warned.kind()).isEqualTo(TrustChange.Kind.WARNED);
        assertThat(warned.after().tier()).isEqualTo(Tier.TRUSTED);
        assertThat(TrustRules.nextReview(warned.after(), NOW, POLICY)).as("looked at again tomorrow")
                .isEqualTo(Instant.parse("2026-12-01T00:00:00Z"));

        TrustChange lost = TrustRules.evaluate(warned.after(), abusive, NOW.plus(Duration.ofDays(1)), POLICY).orElseThrow();
        assertThat(lost.kind()).isEqualTo(TrustChange.Kind.TRUSTED_LOST);
        assertThat(lost.after().warnedAt()).as("the warning stands").isEqualTo(NOW);
        assertThat(TrustRules.nextReview(lost.after(), NOW, POLICY)).isEqualTo(NOW.plus(Duration.ofDays(7)));
    }

    @Test
    void aSuspendedOrWarnedSenderIsNotEligible() {
        RightholderTrust warned = STANDARD.next(Tier.STANDARD, NOW, "AUTO", false, null, NOW, null);
        assertThat(eligibility(warned, standing(60, 0, 0), NOW).missing()).singleElement().asString()
                .startsWith("warned as an abusive sender");
        RightholderTrust suspended = STANDARD.next(Tier.SUSPENDED, NOW, "AUTO", false, null, null,
                NOW.plus(Duration.ofDays(30)));
        assertThat(eligibility(suspended, standing(60, 0, 0), NOW).missing()).singleElement().asString()
                .startsWith("suspended until");
    }

    @Test
    void againstTrustedATrustedSenderIsJudgedOnTheBarAloneAndAnyOtherOnEligibility() {
        RightholderTrust warnedTrusted = GRANTED.next(Tier.TRUSTED, NOW, "staff-1", true, null, NOW, null);
        assertThat(TrustRules.againstTrusted(warnedTrusted, standing(45, 5, 0), NOW, POLICY))
                .as("a warning alone does not take TRUSTED away").satisfies(e -> {
                    assertThat(e.eligible()).isTrue();
                    assertThat(e.missing()).isEmpty();
                });
        assertThat(TrustRules.againstTrusted(GRANTED, standing(44, 6, 0), NOW, POLICY)).satisfies(e -> {
            assertThat(e.eligible()).isFalse();
            assertThat(e.missing()).singleElement().asString().contains("44 of 50", "at least 90%");
        });
        RightholderTrust lockedOut = STANDARD.next(Tier.STANDARD, NOW, "AUTO", false, NOW.plus(Duration.ofDays(1)),
                null, null);
        assertThat(TrustRules.againstTrusted(lockedOut, standing(60, 0, 0), NOW, POLICY))
                .isEqualTo(eligibility(lockedOut, standing(60, 0, 0), NOW));
    }

    @Test
    void theTrustedBarIsSaidInWordsWithWhereTheRecordStands() {
        assertThat(TrustRules.trustedBar(standing(57, 2, 1), POLICY)).containsExactly(
                "at least 50 decisions that stand in the last 90 days (takedowns confirmed by staff or past their"
                        + " dispute window, rejections, reversals): 60 now",
                "at least 90% of them takedowns confirmed: 57 of 60 now",
                "at most 5% of them takedowns reversed (undone on a counter-notice or complaint, or withdrawn): 1 of 60"
                        + " now");
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
        assertThat(TrustRules.nextReview(GRANTED, NOW, POLICY)).isEqualTo(Instant.parse("2026-12-01T00:00:00Z"));
        assertThat(TrustRules.nextReview(STANDARD, NOW, POLICY)).isNull();
        assertThat(TrustRules.nextReview(STANDARD.next(Tier.STANDARD, NOW, "staff-1", true, null, null, null), NOW,
                POLICY)).as("STANDARD set by staff").isNull();
    }
}
