package dev.takedown.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.takedown.core.json.Json;
import dev.takedown.core.testing.EmfLines;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The local stack runs all functions in the one JVM it runs in, and leaves their lines (logs and Embedded Metric Format)
 * on its stdout, where Lambda would hand them to CloudWatch Logs: a notice submitted over HTTP shows up there as metrics of
 * the intake and of the verifier, each line naming the invocation that wrote it.
 */
class MetricsEndToEndTest {
    private static LocalStack stack;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start() {
        stack = LocalStack.start(ProjectTemplate.stack(Map.of()));
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void aSubmittedNoticeIsCountedByTheIntakeAndItsItemsByTheVerifier() throws Exception {
        EmfLines lines;
        try (EmfLines.Capture capture = EmfLines.Capture.start()) {
            HttpResponse<String> accepted = HTTP.send(HttpRequest.newBuilder(stack.apiUrl().resolve("/v1/notices"))
                    .timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer " + LocalStackEndToEndTest.ACME_KEY)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(LocalStackEndToEndTest.notice().toString()))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
            assertThat(Json.parse(accepted.body()).path("items")).extracting(i -> i.path("status").asText())
                    .containsExactly("RECEIVED", "RECEIVED", "RECEIVED", "DUPLICATE", "REJECTED", "REJECTED");
            // The verifier writes its metrics as its invocation ends, just after the notice completes.
            lines = await(capture, l -> l.sum("ItemsDecided", "DecidedBy", "AUTOMATED") >= 6);
        }

        assertThat(lines.problems()).isEmpty();
        assertThat(lines.sum("NoticesReceived")).isEqualTo(1);
        assertThat(lines.sum("NoticesReceived", "Reason", "COUNTERFEIT")).isEqualTo(1);
        // At intake: a duplicate and two lines that are no listing of this marketplace.
        assertThat(lines.sum("ItemsDecided", "Status", "DUPLICATE", "DecidedBy", "AUTOMATED")).isEqualTo(1);
        assertThat(lines.sum("ItemsDecided", "Status", "REJECTED", "DecidedBy", "AUTOMATED")).isEqualTo(2);
        // By the verifier: the seeded listings carry the mark and belong to an unauthorized seller.
        assertThat(lines.sum("ItemsDecided", "Status", "ACTIONED", "DecidedBy", "AUTOMATED")).isEqualTo(3);
        assertThat(lines.values("TimeToDecision", "DecidedBy", "AUTOMATED")).hasSize(3).allMatch(ms -> ms >= 0);

        JsonNode received = lines.documents().stream().filter(d -> d.has("NoticesReceived")).findFirst().orElseThrow();
        JsonNode actioned = lines.documents().stream().filter(d -> "ACTIONED".equals(d.path("Status").asText()))
                .findFirst().orElseThrow();
        assertThat(received.path("requestId").asText()).isNotEmpty();
        assertThat(actioned.path("requestId").asText()).isNotEmpty().isNotEqualTo(received.path("requestId").asText());
        Set<String> dimensionValues = lines.documents().stream()
                .flatMap(d -> Set.of("Reason", "Status", "DecidedBy", "Outcome", "Event").stream()
                        .filter(d::has).map(k -> d.path(k).asText()))
                .collect(Collectors.toSet());
        assertThat(dimensionValues).noneMatch(v -> v.startsWith("ntc_") || v.equals("acme") || v.startsWith("seller-"));
    }

    private static EmfLines await(EmfLines.Capture capture, Predicate<EmfLines> done) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        EmfLines lines = capture.lines();
        while (!done.test(lines) && System.nanoTime() < deadline) {
            Thread.sleep(100);
            lines = capture.lines();
        }
        return lines;
    }
}
