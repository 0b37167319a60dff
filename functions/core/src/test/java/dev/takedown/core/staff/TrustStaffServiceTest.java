package dev.takedown.core.staff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.takedown.core.json.Json;
import dev.takedown.core.model.EventType;
import dev.takedown.core.model.Rightholder;
import dev.takedown.core.model.RightholderTrust;
import dev.takedown.core.model.Strike;
import dev.takedown.core.model.Tier;
import dev.takedown.core.model.TrustCounts;
import dev.takedown.core.model.TrustEvent;
import dev.takedown.core.problem.FieldError;
import dev.takedown.core.testing.EmfLines;
import dev.takedown.core.testing.Fixtures;
import dev.takedown.core.testing.InMemoryFiguresStore;
import dev.takedown.core.testing.InMemoryListingStore;
import dev.takedown.core.testing.InMemoryRightholderStore;
import dev.takedown.core.testing.InMemoryTrustStore;
import dev.takedown.core.testing.RecordingNotifications;
import dev.takedown.core.trust.SellerStandings;
import dev.takedown.core.trust.StrikeRules;
import dev.takedown.core.trust.TrustPolicy;
import dev.takedown.core.trust.TrustService;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Staff grant TRUSTED to rightholders the rules make eligible; the rules alone take it away. */
class TrustStaffServiceTest {
    private static final Instant NOW = Fixtures.NOW;
    private static final LocalDate TODAY = LocalDate.ofInstant(NOW, ZoneOffset.UTC);

    private final InMemoryRightholderStore rightholders = new InMemoryRightholderStore()
            .with(new Rightholder("acme", "Acme Brands Inc.", "legal@acme.example", null, null));
    private final InMemoryTrustStore store = new InMemoryTrustStore(rightholders);
    private final RecordingNotifications notifications = new RecordingNotifications();
    private final TrustService trust = new TrustService(store, rightholders, notifications, TrustPolicy.DEFAULTS, new InMemoryFiguresStore());
    private final TrustStaffService staff = new TrustStaffService(trust,
            new SellerStandings(store, new InMemoryListingStore(), notifications, TrustPolicy.DEFAULTS, new InMemoryFiguresStore()), store,
            rightholders, Fixtures.clock());

    private static StaffRequests.SetTier setTier(String tier) {
        return StaffRequests.setTier(Json.object().put("operation", "setTier").put("rightholderId", "acme")
                .put("tier", tier).put("staffId", "staff-jane").put("reason", "Reviewed the record."));
    }

    private RightholderTrust trustOfAcme() {
        return rightholders.find("acme").orElseThrow().trust();
    }

    @Test
    void theRecordShowsWhetherTheRightholderIsEligibleAndWhatIsMissing() {
        store.addCounts("acme", TODAY, new TrustCounts(60, 60, 0, 0, 0));
        store.addCounts("acme", TODAY.minusDays(20), new TrustCounts(32, 30, 2, 0, 0));
        store.addCounts("acme", TODAY.minusDays(4), new TrustCounts(0, 0, 0, 0, 30));

        TrustStaffService.RightholderRecord record = staff.getRightholder(new StaffRequests.GetRightholder("acme"));
        assertThat(record.eligibility().eligible()).isFalse();
        assertThat(record.eligibility().counts().eligibilityBase()).as("30 confirmed, 2 rejected").isEqualTo(32);
        assertThat(record.eligibility().missing()).singleElement().asString()
                .startsWith("18 more decisions that stand").contains("32 of 50");
    }

    @Test
    void trustedIsRefusedToARightholderThatIsNotEligibleAndGrantedToOneThatIs() {
        store.addCounts("acme", TODAY, new TrustCounts(50, 50, 0, 0, 0));
        assertThatThrownBy(() -> staff.setTier(setTier("TRUSTED"))).isInstanceOfSatisfying(StaffException.class, e -> {
            assertThat(e.type()).isEqualTo(StaffException.Type.Conflict);
            assertThat(e.errors()).extracting(FieldError::field).containsExactly("tier");
            assertThat(e.getMessage()).contains("not eligible for TRUSTED", "50 more decisions that stand");
        });
        assertThat(trustOfAcme().tier()).isEqualTo(Tier.STANDARD);
        assertThat(store.events(TrustEvent.rightholder("acme"))).isEmpty();

        store.addCounts("acme", TODAY.minusDays(1), new TrustCounts(0, 0, 0, 0, 50));
        TrustStaffService.RightholderRecord granted = staff.setTier(setTier("TRUSTED"));
        assertThat(granted.rightholder().trust().tier()).isEqualTo(Tier.TRUSTED);
        assertThat(granted.rightholder().trust().changedBy()).isEqualTo("staff-jane");
        assertThat(granted.eligibility().eligible()).isTrue();
        assertThat(granted.events()).extracting(TrustEvent::kind).containsExactly("TIER_SET");
        assertThat(notifications.ofType(EventType.RIGHTHOLDER_TIER_CHANGED)).singleElement()
                .satisfies(e -> assertThat(e.data()).contains("\"to\":\"TRUSTED\"", "\"changedBy\":\"STAFF\"",
                        "\"confirmed\":50"));
    }

    @Test
    void theRulesTakeAGrantedTrustedAwayWhenTheRecordNoLongerBearsItOut() {
        store.addCounts("acme", TODAY, new TrustCounts(50, 50, 0, 0, 50));
        staff.setTier(setTier("TRUSTED"));

        store.addCounts("acme", TODAY, new TrustCounts(10, 0, 10, 0, 0));
        assertThat(trust.review("acme", NOW)).hasValueSatisfying(c -> assertThat(c.kind().name()).isEqualTo("TRUSTED_LOST"));
        RightholderTrust lost = trustOfAcme();
        assertThat(lost.tier()).isEqualTo(Tier.STANDARD);
        assertThat(lost.trustedLockoutUntil()).isEqualTo(NOW.plus(Duration.ofDays(90)));

        store.addCounts("acme", TODAY, new TrustCounts(0, 0, 0, 0, 100));
        assertThatThrownBy(() -> staff.setTier(setTier("TRUSTED"))).isInstanceOfSatisfying(StaffException.class,
                e -> assertThat(e.getMessage()).contains("lost TRUSTED by the rules: not eligible before"));
    }

    @Test
    void eachStoredTrustChangeIsCountedByItsKindAndATierChangeAlsoAsSuch() throws Exception {
        store.addCounts("acme", TODAY, new TrustCounts(50, 50, 0, 0, 50));
        EmfLines granted = EmfLines.invocation(() -> staff.setTier(setTier("TRUSTED")));
        store.addCounts("acme", TODAY, new TrustCounts(10, 0, 10, 0, 0));
        EmfLines lost = EmfLines.invocation(() -> trust.review("acme", NOW));
        EmfLines unchanged = EmfLines.invocation(() -> trust.review("acme", NOW));

        assertThat(granted.problems()).isEmpty();
        assertThat(granted.sum("TrustEvents", "Event", "TIER_SET")).isEqualTo(1);
        assertThat(granted.sum("TrustEvents", "Event", "TIER_CHANGED")).isEqualTo(1);
        assertThat(lost.sum("TrustEvents", "Event", "TRUSTED_LOST")).isEqualTo(1);
        assertThat(lost.sum("TrustEvents", "Event", "TIER_CHANGED")).isEqualTo(1);
        assertThat(unchanged.documents()).isEmpty();
    }

    @Test
    void aStrikeVoidedByStaffIsCountedOnce() throws Exception {
        LocalDate day = LocalDate.parse("2026-11-02");
        store.addStrikeItems("seller-fake", "acme", day, false, List.of("ntc_1#0"),
                StrikeRules.windowCloses(day, false, TrustPolicy.DEFAULTS));
        StaffRequests.VoidStrike request = new StaffRequests.VoidStrike("seller-fake", Strike.id(day, "acme"),
                "staff-jane", "Wrong seller.");

        EmfLines voided = EmfLines.invocation(() -> staff.voidStrike(request));
        EmfLines again = EmfLines.invocation(() -> assertThatThrownBy(() -> staff.voidStrike(request))
                .isInstanceOf(StaffException.class));

        assertThat(voided.sum("StrikeEvents", "Event", "VOIDED")).isEqualTo(1);
        assertThat(again.documents()).isEmpty();
    }

    @Test
    void standardCanBeSetAtAnyTimeAndThereIsNoTierToHandBackToTheRules() {
        store.addCounts("acme", TODAY, new TrustCounts(50, 50, 0, 0, 50));
        staff.setTier(setTier("TRUSTED"));
        TrustStaffService.RightholderRecord standard = staff.setTier(setTier("STANDARD"));
        assertThat(standard.rightholder().trust().tier()).isEqualTo(Tier.STANDARD);
        assertThat(standard.rightholder().trust().pinned()).isTrue();
        assertThat(standard.eligibility().eligible()).isTrue();

        assertThatThrownBy(() -> setTier("AUTOMATIC")).isInstanceOfSatisfying(StaffException.class,
                e -> assertThat(e.errors()).extracting(FieldError::field).containsExactly("tier"));
    }
}
