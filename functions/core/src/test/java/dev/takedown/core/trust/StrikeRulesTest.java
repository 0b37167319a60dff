package dev.takedown.core.trust;

import static org.assertj.core.api.Assertions.assertThat;

import dev.takedown.core.model.SellerStanding;
import dev.takedown.core.model.Strike;
import dev.takedown.core.model.StrikeState;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StrikeRulesTest {
    private static final TrustPolicy POLICY = TrustPolicy.DEFAULTS;
    /** A Monday. */
    private static final LocalDate MONDAY = LocalDate.parse("2026-11-30");

    private static Strike strike(LocalDate day, String rightholder, boolean copyright) {
        return new Strike("seller-1", rightholder, day, copyright, !copyright, Set.of("ntc_x#0"), null);
    }

    private static Instant at(String text) {
        return Instant.parse(text);
    }

    @Test
    void aCopyrightWindowIsTenBusinessDaysAndOthersFifteenCalendarDays() {
        // Monday + 10 business days = the Monday two weeks on; the window closes at its end.
        assertThat(StrikeRules.windowCloses(MONDAY, true, POLICY)).isEqualTo(at("2026-12-15T00:00:00Z"));
        // Saturday: the business days start on Monday, ending on the Friday of the next week.
        assertThat(StrikeRules.windowCloses(LocalDate.parse("2026-12-05"), true, POLICY)).isEqualTo(at("2026-12-19T00:00:00Z"));
        assertThat(StrikeRules.windowCloses(MONDAY, false, POLICY)).isEqualTo(at("2026-12-16T00:00:00Z"));
    }

    @Test
    void aStrikeIsPendingUntilItsWindowClosesAndExpiresAfter365Days() {
        Strike strike = strike(MONDAY, "acme", false);
        assertThat(StrikeRules.state(strike, at("2026-12-15T23:59:59.999Z"), POLICY)).isEqualTo(StrikeState.PENDING);
        assertThat(StrikeRules.state(strike, at("2026-12-16T00:00:00Z"), POLICY)).isEqualTo(StrikeState.ESTABLISHED);
        assertThat(StrikeRules.expiresAt(strike, POLICY)).isEqualTo(at("2027-11-30T00:00:00Z"));
        assertThat(StrikeRules.state(strike, at("2027-11-29T23:59:59.999Z"), POLICY)).isEqualTo(StrikeState.ESTABLISHED);
        assertThat(StrikeRules.state(strike, at("2027-11-30T00:00:00Z"), POLICY)).isEqualTo(StrikeState.EXPIRED);
        assertThat(StrikeRules.nextChange(strike, at("2026-12-01T00:00:00Z"), POLICY)).isEqualTo(at("2026-12-16T00:00:00Z"));
        assertThat(StrikeRules.nextChange(strike, at("2026-12-16T00:00:00Z"), POLICY)).isEqualTo(at("2027-11-30T00:00:00Z"));
        assertThat(StrikeRules.nextChange(strike, at("2027-11-30T00:00:00Z"), POLICY)).isNull();
    }

    @Test
    void aDayWithBothKindsOfTakedownIsEstablishedByTheFirstWindowToClose() {
        Strike both = new Strike("seller-1", "acme", MONDAY, true, true, Set.of("ntc_a#0", "ntc_b#0"), null);
        assertThat(StrikeRules.establishedAt(both, POLICY)).isEqualTo(at("2026-12-15T00:00:00Z"));
    }

    @Test
    void aVoidedStrikeNeverCounts() {
        Strike voided = new Strike("seller-1", "acme", MONDAY, false, true, Set.of("ntc_a#0"),
                new Strike.Voided("staff-1", at("2026-12-01T00:00:00Z"), "listing restored"));
        assertThat(StrikeRules.state(voided, at("2027-01-01T00:00:00Z"), POLICY)).isEqualTo(StrikeState.VOIDED);
        assertThat(StrikeRules.nextChange(voided, at("2026-12-02T00:00:00Z"), POLICY)).isNull();
    }

    @Test
    void standingFollowsEstablishedStrikesOneThreeAndFive() {
        Instant later = at("2027-06-01T00:00:00Z");
        List<Strike> strikes = new ArrayList<>();
        assertThat(StrikeRules.standing(strikes, null, later, POLICY)).isEqualTo(SellerStanding.GOOD_STANDING);
        String[] rightholders = {"acme", "globex", "initech", "umbrella", "hooli"};
        SellerStanding[] expected = {SellerStanding.WARNED, SellerStanding.WARNED, SellerStanding.RESTRICTED,
                SellerStanding.RESTRICTED, SellerStanding.SUSPENDED};
        for (int i = 0; i < rightholders.length; i++) {
            strikes.add(strike(MONDAY, rightholders[i], false));
            assertThat(StrikeRules.standing(strikes, null, later, POLICY)).as("%d strikes", i + 1).isEqualTo(expected[i]);
        }
        assertThat(StrikeRules.standing(strikes, null, at("2026-12-15T00:00:00Z"), POLICY))
                .as("before any window closed").isEqualTo(SellerStanding.GOOD_STANDING);
    }

    @Test
    void afterReinstatementOnlyAStrikeEstablishedLaterCanSuspendAgain() {
        List<Strike> strikes = new ArrayList<>();
        for (String rightholder : List.of("a1", "a2", "a3", "a4", "a5")) {
            strikes.add(strike(MONDAY, rightholder, false));
        }
        Instant reinstated = at("2027-01-10T00:00:00Z");
        assertThat(StrikeRules.standing(strikes, reinstated, at("2027-01-11T00:00:00Z"), POLICY))
                .isEqualTo(SellerStanding.RESTRICTED);
        strikes.add(strike(LocalDate.parse("2027-01-12"), "a6", false));
        assertThat(StrikeRules.standing(strikes, reinstated, at("2027-01-27T00:00:00Z"), POLICY))
                .as("before the new strike's window closed").isEqualTo(SellerStanding.RESTRICTED);
        assertThat(StrikeRules.standing(strikes, reinstated, at("2027-01-28T00:00:00Z"), POLICY))
                .isEqualTo(SellerStanding.SUSPENDED);
    }
}
