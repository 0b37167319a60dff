package dev.takedown.core.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.takedown.core.runtime.Metrics.Metric;
import dev.takedown.core.testing.EmfLines;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MetricsTest {
    private static final long NOW = 1_764_633_600_000L;

    @AfterEach
    void noInvocationLeftOver() {
        Metrics.begin().flush();
        Log.end();
    }

    @Test
    void aBatchWritesOneDocumentPerCombinationOfDimensionValuesAsTheSpecificationWantsIt() {
        Metrics.Batch batch = Metrics.begin();
        Metrics.count(Metric.NOTICES_RECEIVED, "COUNTERFEIT");
        Metrics.count(Metric.NOTICES_RECEIVED, "COUNTERFEIT");
        Metrics.count(Metric.NOTICES_RECEIVED, "PATENT");
        Metrics.count(Metric.ITEMS_DECIDED, "ACTIONED", Metrics.AUTOMATED);
        Metrics.add(Metric.TIME_TO_DECISION, 1500, Metrics.AUTOMATED);
        Metrics.add(Metric.TIME_TO_DECISION, 2500, Metrics.AUTOMATED);
        Metrics.add(Metric.REVIEW_BACKLOG, 0);

        List<ObjectNode> documents = batch.documents(NOW);

        assertThat(EmfLines.of(documents).problems()).isEmpty();
        assertThat(documents).hasSize(5);
        JsonNode counterfeit = documents.get(0);
        assertThat(counterfeit.path("_aws").path("Timestamp").asLong()).isEqualTo(NOW);
        assertThat(counterfeit.path("Reason").asText()).isEqualTo("COUNTERFEIT");
        assertThat(counterfeit.path("NoticesReceived").asLong()).isEqualTo(2);
        JsonNode directive = counterfeit.path("_aws").path("CloudWatchMetrics").get(0);
        assertThat(directive.path("Namespace").asText()).isEqualTo("Takedown");
        assertThat(directive.path("Dimensions").toString()).isEqualTo("[[],[\"Reason\"]]");
        assertThat(directive.path("Metrics").toString()).isEqualTo("[{\"Name\":\"NoticesReceived\",\"Unit\":\"Count\"}]");

        JsonNode decided = documents.get(2);
        assertThat(decided.path("Status").asText()).isEqualTo("ACTIONED");
        assertThat(decided.path("DecidedBy").asText()).isEqualTo("AUTOMATED");
        assertThat(decided.path("_aws").path("CloudWatchMetrics").get(0).path("Dimensions").toString())
                .isEqualTo("[[],[\"Status\",\"DecidedBy\"]]");
        JsonNode times = documents.get(3);
        assertThat(times.path("TimeToDecision").toString()).isEqualTo("[1500,2500]");
        assertThat(times.path("_aws").path("CloudWatchMetrics").get(0).path("Metrics").get(0).path("Unit").asText())
                .isEqualTo("Milliseconds");
        assertThat(documents.get(4).path("ReviewBacklog").asLong()).isZero();
        assertThat(documents.get(4).path("_aws").path("CloudWatchMetrics").get(0).path("Dimensions").toString())
                .isEqualTo("[[]]");
    }

    @Test
    void moreThanAHundredValuesOfAMetricGoOnFurtherDocuments() {
        Metrics.Batch batch = Metrics.begin();
        IntStream.range(0, 250).forEach(i -> Metrics.add(Metric.TIME_TO_DECISION, i, Metrics.STAFF));
        Metrics.count(Metric.ITEMS_DECIDED, "REJECTED", Metrics.STAFF);

        List<ObjectNode> documents = batch.documents(NOW);

        EmfLines lines = EmfLines.of(documents);
        assertThat(lines.problems()).isEmpty();
        assertThat(documents).hasSize(4);
        assertThat(lines.values("TimeToDecision", "DecidedBy", "STAFF"))
                .containsExactlyElementsOf(IntStream.range(0, 250).mapToObj(i -> (double) i).toList());
        assertThat(lines.sum("ItemsDecided")).isEqualTo(1);
    }

    @Test
    void threadsAnInvocationStartsAddToItsBatch() {
        Metrics.Batch batch = Metrics.begin();
        Parallel.run(List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10), i -> Metrics.count(Metric.WEBHOOK_DELIVERIES, "DELIVERED"));

        assertThat(EmfLines.of(batch.documents(NOW)).sum("WebhookDeliveries", "Outcome", "DELIVERED")).isEqualTo(10);
    }

    @Test
    void aFlushWritesTheDocumentsOnStdoutWithTheInvocationsIdsAndEndsTheBatch() throws Exception {
        EmfLines lines = EmfLines.capture(() -> {
            Log.begin("req-1", "1-5759e988-bd862e3fe1be46a994272793");
            Metrics.Batch batch = Metrics.begin();
            Metrics.count(Metric.STRIKE_EVENTS, "VOIDED");
            Metrics.count(Metric.STRIKE_EVENTS, "VOIDED");
            batch.flush();
            Log.end();
        });

        assertThat(lines.documents()).hasSize(1);
        assertThat(lines.problems()).isEmpty();
        JsonNode line = lines.documents().get(0);
        assertThat(line.path("StrikeEvents").asLong()).isEqualTo(2);
        assertThat(line.path("Event").asText()).isEqualTo("VOIDED");
        assertThat(line.path("requestId").asText()).isEqualTo("req-1");
        assertThat(line.path("traceId").asText()).isEqualTo("1-5759e988-bd862e3fe1be46a994272793");
        long now = System.currentTimeMillis();
        assertThat(line.path("_aws").path("Timestamp").asLong()).isBetween(now - 60_000, now);
    }

    @Test
    void nothingAddedWritesNothing() throws Exception {
        assertThat(EmfLines.capture(() -> Metrics.begin().flush()).documents()).isEmpty();
    }

    @Test
    void outsideAnInvocationAMetricIsWrittenAtOnce() throws Exception {
        Metrics.begin().flush();
        EmfLines lines = EmfLines.capture(() -> Metrics.count(Metric.COMPLAINTS, "FILED"));

        assertThat(lines.sum("Complaints", "Event", "FILED")).isEqualTo(1);
    }

    @Test
    void aMetricTakesExactlyItsDimensionValues() {
        assertThatThrownBy(() -> Metrics.count(Metric.ITEMS_DECIDED, "ACTIONED"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[Status, DecidedBy]");
    }

    /** Dimensions are kinds of things: an id would make a metric per rightholder, seller, listing or notice. */
    @Test
    void noMetricHasAnIdAsADimension() {
        Pattern idLike = Pattern.compile("(?i).*(id|key|arn|url)$");
        List<String> dimensions = new ArrayList<>();
        for (Metric metric : Metric.values()) {
            metric.dimensionSets().forEach(set -> assertThat(set).as(metric.metricName()).hasSizeLessThanOrEqualTo(30));
            dimensions.addAll(metric.dimensions());
        }
        assertThat(dimensions).noneMatch(d -> idLike.matcher(d).matches());
        assertThat(Set.copyOf(dimensions)).containsExactlyInAnyOrder("Reason", "Status", "DecidedBy", "Outcome", "Event");
    }

    @Test
    void theMetricsAreTheContractsNamesUnitsAndDimensionSets() {
        List<String> contract = new ArrayList<>();
        for (Metric metric : Metric.values()) {
            contract.add(metric.metricName() + " " + metric.unit().wireName() + " " + metric.dimensionSets());
        }
        assertThat(contract).containsExactly(
                "NoticesReceived Count [[], [Reason]]",
                "ItemsDecided Count [[], [Status, DecidedBy]]",
                "TimeToDecision Milliseconds [[DecidedBy]]",
                "ReviewBacklog Count [[]]",
                "ReviewBacklogOldestAge Seconds [[]]",
                "WebhookDeliveries Count [[], [Outcome]]",
                "CounterNotices Count [[Event]]",
                "Complaints Count [[Event]]",
                "TrustEvents Count [[Event]]",
                "StrikeEvents Count [[Event]]");
    }

    @Test
    void logLinesCarryTheInvocationsIdsOnlyWhileItRuns() {
        List<String> lines = stdout(() -> {
            Log.begin("req-2", "1-abc");
            Parallel.run(List.of(1, 2), i -> Log.info("inside"));
            Log.end();
            Log.info("after");
        });

        assertThat(lines).hasSize(3);
        assertThat(lines.subList(0, 2)).allMatch(l -> l.contains("\"requestId\":\"req-2\"") && l.contains("\"traceId\":\"1-abc\""));
        assertThat(lines.get(2)).doesNotContain("requestId").doesNotContain("traceId");
    }

    private static List<String> stdout(Runnable work) {
        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            work.run();
        } finally {
            System.setOut(original);
        }
        return out.toString(StandardCharsets.UTF_8).lines().toList();
    }
}
