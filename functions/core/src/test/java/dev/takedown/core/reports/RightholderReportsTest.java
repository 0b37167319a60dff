package dev.takedown.core.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import dev.takedown.core.model.DecisionRule;
import dev.takedown.core.model.Figures;
import dev.takedown.core.model.ItemStatus;
import dev.takedown.core.model.NoticeReason;
import dev.takedown.core.model.Rightholder;
import dev.takedown.core.model.RightholderTrust;
import dev.takedown.core.model.Tier;
import dev.takedown.core.model.TrustCounts;
import dev.takedown.core.problem.FieldError;
import dev.takedown.core.problem.ProblemException;
import dev.takedown.core.testing.Fixtures;
import dev.takedown.core.testing.InMemoryFiguresStore;
import dev.takedown.core.testing.InMemoryRightholderStore;
import dev.takedown.core.testing.InMemoryTrustStore;
import dev.takedown.core.trust.TrustPolicy;
import dev.takedown.core.trust.TrustStandings;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class RightholderReportsTest {
    private static final LocalDate TODAY = LocalDate.parse("2026-11-28");
    private static final String ACTIONED = Figures.itemDecided(Figures.DecidedBy.AUTOMATED, ItemStatus.ACTIONED,
            DecisionRule.BRAND_MATCH);

    private final InMemoryFiguresStore figures = new InMemoryFiguresStore();
    private final InMemoryRightholderStore rightholders = new InMemoryRightholderStore()
            .with(new Rightholder("acme", "Acme Brands Inc.", "legal@acme.example", null))
            .with(new Rightholder("globex", "Globex Corporation", "legal@globex.example", null));
    private final InMemoryTrustStore trust = new InMemoryTrustStore(rightholders);
    private final RightholderReports reports = new RightholderReports(figures, rightholders,
            new TrustStandings(trust, TrustPolicy.DEFAULTS), Fixtures.clock());

    private static List<String> fieldsOf(ProblemException problem) {
        return problem.problem().errors().stream().map(FieldError::field).toList();
    }

    private ProblemException refused(String from, String to) {
        return catchThrowableOfType(ProblemException.class, () -> reports.summary("acme", from, to));
    }

    @Test
    void theSummaryCountsTheRightholdersOwnFiguresOfThePeriodOnly() {
        figures.add("acme", LocalDate.parse("2026-11-01"), Figures.builder()
                .count(Figures.noticesByReason(NoticeReason.COUNTERFEIT)).add(ACTIONED, 2).build());
        figures.add("acme", LocalDate.parse("2026-11-30"), Figures.builder().count(ACTIONED).build());
        figures.add("acme", LocalDate.parse("2026-12-01"), Figures.builder().count(ACTIONED).build());
        figures.add("globex", LocalDate.parse("2026-11-15"), Figures.builder()
                .count(Figures.noticesByReason(NoticeReason.TRADEMARK)).add(ACTIONED, 7).build());

        JsonNode summary = reports.summary("acme", "2026-11-01", "2026-11-30");

        assertThat(summary.path("rightholderId").asText()).isEqualTo("acme");
        assertThat(summary.path("from").asText()).isEqualTo("2026-11-01");
        assertThat(summary.path("to").asText()).isEqualTo("2026-11-30");
        assertThat(summary.path("items").path("byOutcome").path("ACTIONED").asLong()).isEqualTo(3);
        assertThat(summary.path("noticesByReason").path("COUNTERFEIT").asLong()).isEqualTo(1);
        assertThat(summary.path("noticesByReason").path("TRADEMARK").asLong()).as("globex's").isZero();
    }

    @Test
    void fromAndToAreRequiredUtcDaysInOrderAtMost366DaysApartEachBadOneNamed() {
        assertThat(fieldsOf(refused(null, null))).containsExactly("from", "to");
        assertThat(refused(null, null).problem().status()).isEqualTo(400);
        assertThat(fieldsOf(refused("2026-11-01", null))).containsExactly("to");
        assertThat(fieldsOf(refused("1 Nov 2026", "2026-11-31"))).containsExactly("from", "to");
        assertThat(refused("2026-11-01", "2026-02-30").problem().errors()).singleElement()
                .extracting(FieldError::message).isEqualTo("is not a day of the calendar");
        assertThat(fieldsOf(refused(" 2026-11-01", "2026-11-30"))).as("white space around a day").containsExactly("from");
        assertThat(fieldsOf(refused("", "2026-11-30"))).containsExactly("from");
        assertThat(refused("2026-11-30", "2026-11-01").problem().errors()).singleElement()
                .isEqualTo(new FieldError("to", "must not be before from"));
        assertThat(refused("2025-01-01", "2026-01-02").problem().errors()).singleElement()
                .isEqualTo(new FieldError("to", "a report covers at most 366 days"));
        assertThat(reports.summary("acme", "2025-01-01", "2026-01-01").path("to").asText()).as("366 days")
                .isEqualTo("2026-01-01");
    }

    @Test
    void aStandardRightholderSeesItsRecordWhetherItIsEligibleAndWhatItStillNeeds() {
        trust.addCounts("acme", TODAY, new TrustCounts(12, 11, 1, 0, 9));
        trust.addCounts("acme", TODAY.minusDays(90), new TrustCounts(100, 100, 0, 0, 100));

        JsonNode standing = reports.summary("acme", "2026-11-01", "2026-11-30").path("trust");

        assertThat(standing.path("tier").asText()).isEqualTo("STANDARD");
        JsonNode record = standing.path("record");
        assertThat(record.path("from").asText()).as("the window's first day").isEqualTo("2026-08-31");
        assertThat(record.path("to").asText()).isEqualTo("2026-11-28");
        assertThat(record.path("windowDays").asInt()).isEqualTo(90);
        assertThat(record.path("decided").asLong()).isEqualTo(12);
        assertThat(record.path("confirmed").asLong()).isEqualTo(9);
        assertThat(record.path("rejected").asLong()).isEqualTo(1);
        assertThat(record.path("decisionsThatStand").asLong()).isEqualTo(10);
        assertThat(standing.path("eligible").asBoolean()).isFalse();
        assertThat(standing.path("missing")).singleElement().extracting(JsonNode::asText).asString()
                .startsWith("40 more decisions that stand").endsWith("10 of 50");
        assertThat(standing.path("trustedBar")).hasSize(3);
        assertThat(standing.path("trustedBar").get(1).asText()).endsWith("9 of 10 now");
    }

    @Test
    void aTrustedRightholderSeesTheBarItMustKeepMeetingAndNothingStaffKeepToThemselves() {
        rightholders.with(new Rightholder("acme", "Acme Brands Inc.", "legal@acme.example", null,
                RightholderTrust.INITIAL.next(Tier.TRUSTED, Fixtures.NOW, "staff-jane", true, null, null, null)));
        trust.addCounts("acme", TODAY, new TrustCounts(60, 58, 0, 1, 57));

        JsonNode standing = reports.summary("acme", "2026-11-01", "2026-11-30").path("trust");

        assertThat(standing.path("tier").asText()).isEqualTo("TRUSTED");
        assertThat(standing.path("eligible").asBoolean()).as("keeps TRUSTED").isTrue();
        assertThat(standing.path("missing")).isEmpty();
        assertThat(standing.path("trustedBar")).extracting(JsonNode::asText).containsExactly(
                "at least 50 decisions that stand in the last 90 days (takedowns confirmed by staff or past their"
                        + " dispute window, rejections, reversals): 60 now",
                "at least 90% of them takedowns confirmed: 57 of 60 now",
                "at most 5% of them takedowns reversed (undone on a counter-notice or complaint, or withdrawn): 1 of 60"
                        + " now");
        assertThat(standing.toString()).doesNotContain("staff-jane");

        // Three takedowns undone today: reversed, and no longer confirmed.
        trust.addCounts("acme", TODAY, new TrustCounts(0, 0, 0, 3, -3));
        JsonNode slipping = reports.summary("acme", "2026-11-01", "2026-11-30").path("trust");
        assertThat(slipping.path("eligible").asBoolean()).as("about to lose TRUSTED").isFalse();
        assertThat(slipping.path("missing")).singleElement().extracting(JsonNode::asText).asString()
                .contains("4 of 60", "at most 5%");
    }

    @Test
    void aRightholderWithNoRowYetIsStandardWithNothingOnRecord() {
        JsonNode standing = reports.summary("initech", "2026-11-01", "2026-11-30").path("trust");

        assertThat(standing.path("tier").asText()).isEqualTo("STANDARD");
        assertThat(standing.path("record").path("decided").asLong()).isZero();
        assertThat(standing.path("eligible").asBoolean()).isFalse();
    }
}
