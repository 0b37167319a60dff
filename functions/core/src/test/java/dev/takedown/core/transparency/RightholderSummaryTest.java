package dev.takedown.core.transparency;

import static dev.takedown.core.model.Figures.DecidedBy.AUTOMATED;
import static dev.takedown.core.model.Figures.DecidedBy.STAFF;
import static dev.takedown.core.transparency.TransparencyReportTest.FROM;
import static dev.takedown.core.transparency.TransparencyReportTest.TO;
import static dev.takedown.core.transparency.TransparencyReportTest.counts;
import static dev.takedown.core.transparency.TransparencyReportTest.estimate;
import static dev.takedown.core.transparency.TransparencyReportTest.names;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.takedown.core.model.DecisionRule;
import dev.takedown.core.model.Figures;
import dev.takedown.core.model.Figures.Restoration;
import dev.takedown.core.model.ItemStatus;
import dev.takedown.core.model.NoticeReason;
import dev.takedown.core.model.TimeBuckets;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RightholderSummaryTest {
    private static final Duration SECONDS = Duration.ofSeconds(3);
    private static final Duration DAY = Duration.ofDays(1);

    /** ACME's own notices: 8 items decided, 5 of them taken down. */
    private static final Figures ACME = Figures.builder()
            .add(Figures.NOTICES_RECEIVED, 3)
            .add(Figures.noticesByReason(NoticeReason.COUNTERFEIT), 2)
            .count(Figures.noticesByReason(NoticeReason.TRADEMARK))
            .add(Figures.itemDecided(AUTOMATED, ItemStatus.ACTIONED, DecisionRule.BRAND_MATCH), 4)
            .count(Figures.itemDecided(STAFF, ItemStatus.ACTIONED, DecisionRule.STAFF_DECISION))
            .add(Figures.itemDecided(AUTOMATED, ItemStatus.REJECTED, DecisionRule.REFERENTIAL_USE), 2)
            .count(Figures.itemDecided(AUTOMATED, ItemStatus.ALREADY_REMOVED, DecisionRule.TAKEDOWN_RACE))
            // 7 decided by the rules in seconds, 1 by staff in a day: the median is the 4th, seconds.
            .add(Figures.decisionTime(AUTOMATED, TimeBuckets.of(SECONDS)), 7)
            .count(Figures.decisionTime(STAFF, TimeBuckets.of(DAY)))
            .add(Figures.COUNTER_NOTICES_FILED, 2)
            .count(Figures.counterNoticesRestored(Restoration.UNANSWERED))
            .add(Figures.complaintsFiled("SELLER"), 2)
            .count(Figures.complaintsDecided("SELLER", "UPHOLD"))
            .count(Figures.complaintsDecided("SELLER", "REVERSE"))
            // ACME's own complaint against a rejection is not against its takedowns.
            .count(Figures.complaintsFiled("RIGHTHOLDER"))
            .count(Figures.complaintsDecided("RIGHTHOLDER", "REVERSE"))
            .build();

    @Test
    void theSummaryNamesItsRightholderAndPeriod() {
        ObjectNode summary = RightholderSummary.json("acme", FROM, TO, ACME);

        assertThat(summary.get("rightholderId").asText()).isEqualTo("acme");
        assertThat(summary.get("from").asText()).isEqualTo("2026-11-01");
        assertThat(summary.get("to").asText()).isEqualTo("2026-11-30");
    }

    @Test
    void itemsAreCountedByOutcomeWithTheMedianTimeOfAllDecisions() {
        JsonNode items = RightholderSummary.json("acme", FROM, TO, ACME).get("items");

        assertThat(items.get("decided").asLong()).isEqualTo(8);
        assertThat(counts(items.get("byOutcome"))).containsExactly(Map.entry("ACTIONED", 5L),
                Map.entry("REJECTED", 2L), Map.entry("DUPLICATE", 0L), Map.entry("NOT_FOUND", 0L),
                Map.entry("ALREADY_REMOVED", 1L));
        assertThat(items.get("actioned").asLong()).isEqualTo(5);
        assertThat(items.get("medianTimeToDecisionSeconds").decimalValue()).isEqualTo(estimate(SECONDS));
    }

    @Test
    void noticesAreCountedByReason() {
        JsonNode byReason = RightholderSummary.json("acme", FROM, TO, ACME).get("noticesByReason");

        assertThat(counts(byReason)).containsExactly(Map.entry("COUNTERFEIT", 2L), Map.entry("TRADEMARK", 1L),
                Map.entry("COPYRIGHT", 0L), Map.entry("DESIGN", 0L), Map.entry("PATENT", 0L));
    }

    @Test
    void counterNoticesAndSellersComplaintsMakeTheReversalRate() {
        ObjectNode summary = RightholderSummary.json("acme", FROM, TO, ACME);

        JsonNode counterNotices = summary.get("counterNotices");
        assertThat(counterNotices.get("filed").asLong()).isEqualTo(2);
        assertThat(counterNotices.get("upheld").asLong()).isZero();
        assertThat(counts(counterNotices.get("restored"))).containsExactly(Map.entry("accepted", 0L),
                Map.entry("unanswered", 1L), Map.entry("total", 1L));
        assertThat(counts(summary.get("complaintsAgainstTakedowns"))).containsExactly(Map.entry("filed", 2L),
                Map.entry("upheld", 1L), Map.entry("reversed", 1L));
        // 1 restored by silence and 1 on a seller's complaint, of 5 takedowns; ACME's own complaint is no reversal.
        assertThat(summary.get("takedownsReversed").asLong()).isEqualTo(2);
        assertThat(summary.get("reversalRate").decimalValue()).isEqualTo(new BigDecimal("0.4000"));
    }

    @Test
    void theTrustObjectIsLeftToTheCaller() {
        ObjectNode summary = RightholderSummary.json("acme", FROM, TO, ACME);

        assertThat(summary.has(RightholderSummary.TRUST)).isFalse();
        assertThat(names(summary)).containsExactly("rightholderId", "from", "to", "items", "noticesByReason",
                "counterNotices", "complaintsAgainstTakedowns", "takedownsReversed", "reversalRate");
    }

    @Test
    void aRightholderWithNothingDecidedHasNoTimeAndNoReversalRate() {
        ObjectNode summary = RightholderSummary.json("acme", FROM, TO, Figures.NONE);

        assertThat(summary.get("items").get("decided").asLong()).isZero();
        assertThat(summary.get("items").get("medianTimeToDecisionSeconds").isNull()).isTrue();
        assertThat(summary.get("takedownsReversed").asLong()).isZero();
        assertThat(summary.get("reversalRate").isNull()).isTrue();
    }
}
