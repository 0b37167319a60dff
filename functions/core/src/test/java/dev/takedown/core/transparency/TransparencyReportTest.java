package dev.takedown.core.transparency;

import static dev.takedown.core.model.Figures.DecidedBy.AUTOMATED;
import static dev.takedown.core.model.Figures.DecidedBy.STAFF;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.takedown.core.json.Json;
import dev.takedown.core.model.DecisionRule;
import dev.takedown.core.model.Figures;
import dev.takedown.core.model.Figures.Restoration;
import dev.takedown.core.model.ItemStatus;
import dev.takedown.core.model.NoticeReason;
import dev.takedown.core.model.RightType;
import dev.takedown.core.model.TimeBuckets;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TransparencyReportTest {
    static final LocalDate FROM = LocalDate.parse("2026-11-01");
    static final LocalDate TO = LocalDate.parse("2026-11-30");

    static final Duration FAST = Duration.ofMillis(200);
    static final Duration SLOWER = Duration.ofSeconds(2);
    static final Duration HOURS = Duration.ofHours(2);
    static final Duration DAYS = Duration.ofHours(30);

    /** Two days of figures added up, as a period is. */
    static final Figures PERIOD = firstDay().plus(secondDay());

    private static Figures firstDay() {
        return Figures.builder()
                .add(Figures.NOTICES_RECEIVED, 6)
                .add(Figures.noticesByReason(NoticeReason.COUNTERFEIT), 6)
                .add(Figures.noticesByRightType(RightType.TRADEMARK), 6)
                .add(Figures.noticesBySender(true), 4)
                .add(Figures.noticesBySender(false), 2)
                .add(Figures.ITEMS_RECEIVED, 15)
                .add(Figures.itemDecided(AUTOMATED, ItemStatus.ACTIONED, DecisionRule.BRAND_MATCH), 8)
                .add(Figures.itemDecided(AUTOMATED, ItemStatus.REJECTED, DecisionRule.AUTHORIZED_SELLER), 3)
                .add(Figures.itemDecided(AUTOMATED, ItemStatus.REJECTED, DecisionRule.LISTING_URL), 2)
                .add(Figures.itemDecided(AUTOMATED, ItemStatus.DUPLICATE, DecisionRule.DUPLICATE_NOTICE), 1)
                // Automated: 10 decisions in 200 ms and 4 in 2 s.
                .add(Figures.decisionTime(AUTOMATED, TimeBuckets.of(FAST)), 10)
                .add(Figures.decisionTime(AUTOMATED, TimeBuckets.of(SLOWER)), 4)
                .add(Figures.COUNTER_NOTICES_FILED, 4)
                .count(Figures.COUNTER_NOTICES_UPHELD)
                .count(Figures.counterNoticesRestored(Restoration.ACCEPTED))
                .count(Figures.counterNoticesRestored(Restoration.UNANSWERED))
                .add(Figures.STRIKES_ESTABLISHED, 5)
                .count(Figures.STRIKES_VOIDED)
                .build();
    }

    private static Figures secondDay() {
        return Figures.builder()
                .add(Figures.NOTICES_RECEIVED, 4)
                .add(Figures.noticesByReason(NoticeReason.COPYRIGHT), 3)
                .count(Figures.noticesByReason(NoticeReason.DESIGN))
                .add(Figures.noticesByRightType(RightType.COPYRIGHT), 3)
                .count(Figures.noticesByRightType(RightType.DESIGN))
                .add(Figures.noticesBySender(false), 4)
                .add(Figures.ITEMS_RECEIVED, 10)
                .add(Figures.itemDecided(STAFF, ItemStatus.ACTIONED, DecisionRule.STAFF_DECISION), 4)
                .add(Figures.itemDecided(STAFF, ItemStatus.REJECTED, DecisionRule.STAFF_DECISION), 2)
                // Staff: 3 decisions in 2 hours and 3 in 30 hours.
                .add(Figures.decisionTime(STAFF, TimeBuckets.of(HOURS)), 3)
                .add(Figures.decisionTime(STAFF, TimeBuckets.of(DAYS)), 3)
                .add(Figures.complaintsFiled("RIGHTHOLDER"), 2)
                .add(Figures.complaintsFiled("SELLER"), 3)
                .count(Figures.complaintsDecided("RIGHTHOLDER", "UPHOLD"))
                .count(Figures.complaintsDecided("RIGHTHOLDER", "REVERSE"))
                .count(Figures.complaintsDecided("SELLER", "UPHOLD"))
                .count(Figures.complaintsDecided("SELLER", "REVERSE"))
                .count(Figures.complaintHandlingTime(TimeBuckets.of(Duration.ofDays(1))))
                .count(Figures.complaintHandlingTime(TimeBuckets.of(Duration.ofDays(2))))
                .count(Figures.complaintHandlingTime(TimeBuckets.of(Duration.ofDays(3))))
                .count(Figures.complaintHandlingTime(TimeBuckets.of(Duration.ofDays(10))))
                .add(Figures.ITEMS_WITHDRAWN, 2)
                .count(Figures.ITEMS_RETRACTED)
                .add(Figures.sellers("WARNED"), 3)
                .count(Figures.sellers("RESTRICTED"))
                .count(Figures.sellers("SUSPENDED"))
                .count(Figures.sellers("GOOD_STANDING"))
                .count(Figures.senders("WARNED"))
                .count(Figures.senders("SUSPENDED"))
                .build();
    }

    @Test
    void theReportCoversItsPeriodAndListsItsSectionsInOrder() {
        ObjectNode report = TransparencyReport.json(FROM, TO, PERIOD);

        assertThat(report.get("from").asText()).isEqualTo("2026-11-01");
        assertThat(report.get("to").asText()).isEqualTo("2026-11-30");
        assertThat(names(report)).containsExactly("from", "to", "notices", "decisions", "redress", "measures", "dsa");
    }

    @Test
    void noticesAreCountedByReasonRightTypeAndSender() {
        JsonNode notices = TransparencyReport.json(FROM, TO, PERIOD).get("notices");

        assertThat(notices.get("received").asLong()).isEqualTo(10);
        assertThat(counts(notices.get("byReason"))).containsExactly(Map.entry("COUNTERFEIT", 6L),
                Map.entry("TRADEMARK", 0L), Map.entry("COPYRIGHT", 3L), Map.entry("DESIGN", 1L),
                Map.entry("PATENT", 0L));
        assertThat(counts(notices.get("byRightType"))).containsExactly(Map.entry("TRADEMARK", 6L),
                Map.entry("COPYRIGHT", 3L), Map.entry("DESIGN", 1L), Map.entry("PATENT", 0L));
        assertThat(counts(notices.get("bySender"))).containsExactly(Map.entry("trusted", 4L),
                Map.entry("standard", 6L));
        assertThat(notices.get("itemsReceived").asLong()).isEqualTo(25);
    }

    @Test
    void decisionsAreCountedByOutcomeRuleAndWhoDecided() {
        JsonNode decisions = TransparencyReport.json(FROM, TO, PERIOD).get("decisions");

        assertThat(decisions.get("itemsDecided").asLong()).isEqualTo(20);
        assertThat(counts(decisions.get("byOutcome"))).containsExactly(Map.entry("ACTIONED", 12L),
                Map.entry("REJECTED", 7L), Map.entry("DUPLICATE", 1L), Map.entry("NOT_FOUND", 0L),
                Map.entry("ALREADY_REMOVED", 0L));
        assertThat(counts(decisions.get("byRule"))).containsExactly(Map.entry("LISTING_URL", 2L),
                Map.entry("DUPLICATE_NOTICE", 1L), Map.entry("AUTHORIZED_SELLER", 3L), Map.entry("BRAND_MATCH", 8L),
                Map.entry("STAFF_DECISION", 6L));
        assertThat(decisions.get("automated").get("items").asLong()).isEqualTo(14);
        assertThat(decisions.get("staff").get("items").asLong()).isEqualTo(6);
        assertThat(decisions.get("automatedShare").decimalValue()).isEqualTo(new BigDecimal("0.7000"));
        assertThat(decisions.get("itemsActioned").asLong()).isEqualTo(12);
    }

    @Test
    void timesToDecisionAreTheBucketsEstimatesOfTheMedianAndNinetiethPercentile() {
        JsonNode decisions = TransparencyReport.json(FROM, TO, PERIOD).get("decisions");

        // Automated, 14: the 7th is 200 ms, the 13th 2 s.
        assertThat(seconds(decisions.get("automated"), "medianTimeToDecisionSeconds")).isEqualTo(estimate(FAST));
        assertThat(seconds(decisions.get("automated"), "p90TimeToDecisionSeconds")).isEqualTo(estimate(SLOWER));
        // Staff, 6: the 3rd is 2 hours, the 6th 30 hours.
        assertThat(seconds(decisions.get("staff"), "medianTimeToDecisionSeconds")).isEqualTo(estimate(HOURS));
        assertThat(seconds(decisions.get("staff"), "p90TimeToDecisionSeconds")).isEqualTo(estimate(DAYS));
        // All 20: the 10th is 200 ms, the 18th 30 hours.
        assertThat(seconds(decisions, "medianTimeToDecisionSeconds")).isEqualTo(estimate(FAST));
        assertThat(seconds(decisions, "p90TimeToDecisionSeconds")).isEqualTo(estimate(DAYS));
        assertThat(decisions.get("medianTimeToDecisionSeconds").doubleValue()).isCloseTo(0.2, within(0.2 * 0.08));
        assertThat(decisions.get("p90TimeToDecisionSeconds").doubleValue())
                .isCloseTo(30 * 3600, within(30 * 3600 * 0.08));
    }

    @Test
    void redressCountsCounterNoticesComplaintsWithdrawalsAndTakedownsReversed() {
        JsonNode redress = TransparencyReport.json(FROM, TO, PERIOD).get("redress");

        JsonNode counterNotices = redress.get("counterNotices");
        assertThat(counterNotices.get("filed").asLong()).isEqualTo(4);
        assertThat(counterNotices.get("upheld").asLong()).isEqualTo(1);
        assertThat(counts(counterNotices.get("restored"))).containsExactly(Map.entry("accepted", 1L),
                Map.entry("unanswered", 1L), Map.entry("total", 2L));

        JsonNode complaints = redress.get("complaints");
        assertThat(counts(complaints.get("filed"))).containsExactly(Map.entry("total", 5L),
                Map.entry("byRightholders", 2L), Map.entry("bySellers", 3L));
        JsonNode decided = complaints.get("decided");
        assertThat(decided.get("total").asLong()).isEqualTo(4);
        assertThat(decided.get("upheld").asLong()).isEqualTo(2);
        assertThat(decided.get("reversed").asLong()).isEqualTo(2);
        assertThat(counts(decided.get("rightholders"))).containsExactly(Map.entry("upheld", 1L),
                Map.entry("reversed", 1L));
        assertThat(counts(decided.get("sellers"))).containsExactly(Map.entry("upheld", 1L),
                Map.entry("reversed", 1L));
        // 4 complaints: the 2nd took 2 days, the 4th 10 days.
        assertThat(seconds(complaints, "medianHandlingTimeSeconds")).isEqualTo(estimate(Duration.ofDays(2)));
        assertThat(seconds(complaints, "p90HandlingTimeSeconds")).isEqualTo(estimate(Duration.ofDays(10)));

        assertThat(counts(redress.get("withdrawals"))).containsExactly(Map.entry("itemsWithdrawn", 2L),
                Map.entry("itemsRetracted", 1L));
        // 2 restored on counter-notices and 1 on a seller's complaint, of 12 takedowns.
        assertThat(redress.get("takedownsReversed").asLong()).isEqualTo(3);
        assertThat(redress.get("reversalRate").decimalValue()).isEqualTo(new BigDecimal("0.2500"));
    }

    @Test
    void measuresCountStrikesAndStandingsOfSellersAndSenders() {
        JsonNode measures = TransparencyReport.json(FROM, TO, PERIOD).get("measures");

        assertThat(counts(measures.get("strikes"))).containsExactly(Map.entry("established", 5L),
                Map.entry("voided", 1L));
        assertThat(counts(measures.get("sellers"))).containsExactly(Map.entry("warned", 3L),
                Map.entry("restricted", 1L), Map.entry("suspended", 1L), Map.entry("reinstated", 1L));
        assertThat(counts(measures.get("senders"))).containsExactly(Map.entry("warned", 1L),
                Map.entry("suspended", 1L));
    }

    @Test
    void theDsaSectionCopiesTheSectionsValuesUnderTheRegulationsNames() {
        ObjectNode report = TransparencyReport.json(FROM, TO, PERIOD);
        JsonNode dsa = report.get("dsa");
        JsonNode notices = report.get("notices");
        JsonNode decisions = report.get("decisions");
        JsonNode complaints = report.get("redress").get("complaints");

        assertThat(names(dsa)).containsExactly("art15_1_b_noticesByTypeOfIllegalContent",
                "art15_1_b_noticesFromTrustedFlaggers", "art15_1_b_actionsTaken",
                "art15_1_b_noticesProcessedByAutomatedMeans", "art15_1_b_medianTimeToTakeAction",
                "art15_1_d_complaintsReceived", "art15_1_d_complaintBasis", "art15_1_d_decisionsTaken",
                "art15_1_d_medianTimeToDecide", "art15_1_d_decisionsReversed", "art24_1_a_outOfCourtDisputes",
                "art24_1_b_suspensions", "notes");
        assertThat(dsa.get("art15_1_b_noticesByTypeOfIllegalContent").get("byReason"))
                .isEqualTo(notices.get("byReason"));
        assertThat(dsa.get("art15_1_b_noticesByTypeOfIllegalContent").get("byRightType"))
                .isEqualTo(notices.get("byRightType"));
        assertThat(dsa.get("art15_1_b_noticesFromTrustedFlaggers").asLong()).isEqualTo(4);
        assertThat(dsa.get("art15_1_b_actionsTaken").asLong()).isEqualTo(12);
        assertThat(dsa.get("art15_1_b_noticesProcessedByAutomatedMeans").asLong()).isEqualTo(14);
        assertThat(dsa.get("art15_1_b_medianTimeToTakeAction")).isEqualTo(decisions.get("medianTimeToDecisionSeconds"));
        assertThat(dsa.get("art15_1_d_complaintsReceived").asLong()).isEqualTo(5);
        assertThat(counts(dsa.get("art15_1_d_complaintBasis"))).containsExactly(Map.entry("byRightholders", 2L),
                Map.entry("bySellers", 3L));
        assertThat(counts(dsa.get("art15_1_d_decisionsTaken"))).containsExactly(Map.entry("upheld", 2L),
                Map.entry("reversed", 2L));
        assertThat(dsa.get("art15_1_d_medianTimeToDecide")).isEqualTo(complaints.get("medianHandlingTimeSeconds"));
        assertThat(dsa.get("art15_1_d_decisionsReversed").asLong()).isEqualTo(2);
        assertThat(dsa.get("art24_1_a_outOfCourtDisputes").isNull()).isTrue();
        assertThat(counts(dsa.get("art24_1_b_suspensions"))).containsExactly(
                Map.entry("sellersForManifestlyIllegalContent", 1L),
                Map.entry("sendersForManifestlyUnfoundedNotices", 1L));
        assertThat(texts(dsa.get("notes"))).hasSize(3)
                .anySatisfy(note -> assertThat(note).contains("TRUSTED", "Art. 22"))
                .anySatisfy(note -> assertThat(note).contains("Art. 24(1)(a)", "not recorded"));
    }

    @Test
    void sharesAndRatesKeepFourPlacesWhenWritten() {
        String json = Json.write(TransparencyReport.json(FROM, TO, PERIOD));

        assertThat(json).contains("\"automatedShare\":0.7000", "\"reversalRate\":0.2500");
    }

    @Test
    void aPeriodWithNothingCountedHasZerosAndNoTimesSharesOrRates() {
        ObjectNode report = TransparencyReport.json(FROM, TO, Figures.NONE);
        JsonNode decisions = report.get("decisions");
        JsonNode complaints = report.get("redress").get("complaints");

        assertThat(report.get("notices").get("received").asLong()).isZero();
        assertThat(decisions.get("itemsDecided").asLong()).isZero();
        assertThat(decisions.get("byRule").isEmpty()).isTrue();
        assertThat(counts(decisions.get("byOutcome"))).hasSize(5).extracting(Map.Entry::getValue).containsOnly(0L);
        assertThat(decisions.get("automatedShare").isNull()).isTrue();
        for (JsonNode times : List.of(decisions, decisions.get("automated"), decisions.get("staff"))) {
            assertThat(times.get("medianTimeToDecisionSeconds").isNull()).isTrue();
            assertThat(times.get("p90TimeToDecisionSeconds").isNull()).isTrue();
        }
        assertThat(complaints.get("medianHandlingTimeSeconds").isNull()).isTrue();
        assertThat(complaints.get("p90HandlingTimeSeconds").isNull()).isTrue();
        assertThat(report.get("redress").get("reversalRate").isNull()).isTrue();
        assertThat(report.get("dsa").get("art15_1_b_medianTimeToTakeAction").isNull()).isTrue();
    }

    @Test
    void decisionsOfOnlyOneKindStillHaveAShareAndTimesForAll() {
        Figures staffOnly = Figures.builder()
                .add(Figures.itemDecided(STAFF, ItemStatus.NOT_FOUND, DecisionRule.STAFF_DECISION), 3)
                .add(Figures.decisionTime(STAFF, TimeBuckets.of(HOURS)), 3)
                .build();
        JsonNode decisions = TransparencyReport.json(FROM, TO, staffOnly).get("decisions");

        assertThat(decisions.get("automatedShare").decimalValue()).isEqualTo(new BigDecimal("0.0000"));
        assertThat(decisions.get("automated").get("medianTimeToDecisionSeconds").isNull()).isTrue();
        assertThat(seconds(decisions, "medianTimeToDecisionSeconds")).isEqualTo(estimate(HOURS));
        // Nothing was taken down, so there is nothing to reverse.
        assertThat(decisions.get("itemsActioned").asLong()).isZero();
        assertThat(TransparencyReport.json(FROM, TO, staffOnly).get("redress").get("reversalRate").isNull()).isTrue();
    }

    @Test
    void theCsvHasAHeaderAndARowForEveryValueOfTheJsonInItsOrder() {
        String csv = TransparencyReport.csv(FROM, TO, PERIOD);
        List<String> lines = List.of(csv.split("\r\n", -1));

        assertThat(csv).endsWith("\r\n").doesNotContain("\n\n").doesNotContainPattern("[^\r]\n");
        assertThat(lines.get(0)).isEqualTo("section,figure,value");
        List<String> rows = lines.subList(1, lines.size() - 1);
        assertThat(rows).hasSize(leaves(TransparencyReport.json(FROM, TO, PERIOD)));
        assertThat(rows.subList(0, 4)).containsExactly("from,,2026-11-01", "to,,2026-11-30", "notices,received,10",
                "notices,byReason.COUNTERFEIT,6");
        assertThat(rows).containsSubsequence("decisions,automated.items,14", "decisions,automatedShare,0.7000",
                "redress,counterNotices.restored.unanswered,1", "redress,reversalRate,0.2500",
                "measures,senders.suspended,1", "dsa,art24_1_b_suspensions.sellersForManifestlyIllegalContent,1");
        assertThat(rows).contains("decisions,medianTimeToDecisionSeconds," + estimate(FAST).toPlainString(),
                "dsa,art24_1_a_outOfCourtDisputes,");
    }

    @Test
    void csvValuesWithACommaOrQuoteAreQuoted() {
        List<String> rows = List.of(TransparencyReport.csv(FROM, TO, PERIOD).split("\r\n"));

        // The notes are sentences with commas in them.
        assertThat(rows).contains("dsa,notes.0,\"" + TransparencyReport.NOTE_TRUSTED_TIER + "\"");
        assertThat(TransparencyReport.NOTE_TRUSTED_TIER).contains(",");
        assertThat(TransparencyReport.field("a \"b\", c")).isEqualTo("\"a \"\"b\"\", c\"");
        assertThat(TransparencyReport.field("line\r\nbreak")).isEqualTo("\"line\r\nbreak\"");
        assertThat(TransparencyReport.field("plain")).isEqualTo("plain");
    }

    /**
     * What the report should say for a duration: the estimate of the bucket it falls in, in seconds. Taken as the
     * median of that duration alone, so that only the buckets' public side is relied on.
     */
    static BigDecimal estimate(Duration duration) {
        Duration bucketEstimate = TimeBuckets.quantile(Map.of(TimeBuckets.of(duration), 1L), 0.5);
        return BigDecimal.valueOf(bucketEstimate.toMillis(), 3);
    }

    static BigDecimal seconds(JsonNode node, String field) {
        return node.get(field).decimalValue();
    }

    static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    static List<Map.Entry<String, Long>> counts(JsonNode node) {
        List<Map.Entry<String, Long>> counts = new ArrayList<>();
        node.properties().forEach(field -> counts.add(Map.entry(field.getKey(), field.getValue().asLong())));
        return counts;
    }

    static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(element -> texts.add(element.asText()));
        return texts;
    }

    static int leaves(JsonNode node) {
        if (!node.isContainerNode()) {
            return 1;
        }
        int leaves = 0;
        for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
            leaves += leaves(it.next());
        }
        return leaves;
    }
}
