package dev.takedown.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import dev.takedown.core.json.Json;
import dev.takedown.core.runtime.Log;
import dev.takedown.core.runtime.Metrics;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A recorded invocation (test resource priming/ReplayTestFunction.json: a right read, then two listings read in a
 * batch) replayed on a handler of the test's over {@link PrimingReplay#adapters()}.
 */
class PrimingReplayTest {
    private static final String FUNCTION = "ReplayTestFunction";

    private interface Work {
        void run(PrimingReplay replay, JsonNode event);
    }

    /** A handler that does the work and answers 200 if it found what it read, 500 if a call failed, as APIs do. */
    private static RequestStreamHandler handler(PrimingReplay replay, Work work) {
        return (input, output, context) -> LambdaInvocation.run(context, () -> {
            int status;
            try {
                JsonNode event = Json.parse(input);
                work.run(replay, event);
                boolean found = replay.adapters().rights().find(event.path("rightId").asText()).isPresent()
                        && replay.adapters().listings().findAll(List.of("1001", "1002")).size() == 2;
                status = found ? 200 : 404;
            } catch (RuntimeException e) {
                status = 500;
            }
            output.write(("{\"statusCode\": " + status + "}").getBytes(StandardCharsets.UTF_8));
        });
    }

    private static Map<String, String> environment(String endpoint) {
        return Map.of("AWS_ENDPOINT_URL_DYNAMODB", endpoint, "AWS_ACCESS_KEY_ID", "local",
                "AWS_SECRET_ACCESS_KEY", "local", "RIGHTS_TABLE", "stack-Rights-1X2Y",
                "LISTINGS_TABLE", "stack-Listings-3Z4W", "RIGHTHOLDERS_TABLE", "stack-Rightholders-5V6U");
    }

    @Test
    void theRecordedAnswersReachTheHandlerAsThisEnvironmentsTablesAndNothingIsSent() throws Exception {
        try (ServerSocket endpoint = new ServerSocket(0)) {
            endpoint.setSoTimeout(300);
            Map<String, String> environment = environment("http://127.0.0.1:" + endpoint.getLocalPort());
            List<Instant> clocks = new ArrayList<>();

            // Fails unless the batch answer's table was renamed to this environment's (the listings are found).
            Priming.replay(FUNCTION, environment, replay -> handler(replay,
                    (r, event) -> clocks.add(r.clock().instant()))).run();

            assertThat(clocks).hasSize(Priming.REPLAYS).containsOnly(Instant.parse("2026-12-01T10:00:00Z"));
            assertThatCode(() -> endpoint.accept().close()).isInstanceOf(SocketTimeoutException.class);
        }
    }

    @Test
    void aCallTheRecordingLacksFailsTheReplay() {
        assertThatThrownBy(() -> Priming.replay(FUNCTION, environment("http://127.0.0.1:9"), replay -> handler(replay,
                (r, event) -> r.adapters().rightholders().find("acme"))).run())
                .hasMessageContaining("not recorded [GetItem RIGHTHOLDERS_TABLE]")
                .hasMessageContaining("infra/bench/run record-priming");
    }

    @Test
    void aRecordedCallTheFunctionNoLongerMakesFailsTheReplay() {
        RequestStreamHandler rightsOnly = (input, output, context) -> {
            PrimingReplay replay = PrimingReplay.load(FUNCTION, environment("http://127.0.0.1:9"));
            replay.adapters().rights().find("tm-acme-us");
            output.write("{\"statusCode\": 200}".getBytes(StandardCharsets.UTF_8));
            replay.checkReplayed(Json.parseTrusted("{\"statusCode\": 200}"));
        };
        assertThatThrownBy(() -> Priming.invoke(rightsOnly, Json.object()))
                .hasMessageContaining("recorded but not made [BatchGetItem LISTINGS_TABLE]");
    }

    @Test
    void anAnswerUnlikeTheRecordedOneFailsTheReplay() {
        assertThatThrownBy(() -> Priming.replay(FUNCTION, environment("http://127.0.0.1:9"), replay -> {
            RequestStreamHandler recorded = handler(replay, (r, event) -> { });
            return (input, output, context) -> {
                recorded.handleRequest(input, OutputStream.nullOutputStream(), context);
                output.write("{\"statusCode\": 500}".getBytes(StandardCharsets.UTF_8));
            };
        }).run())
                .hasMessageContaining("the replay answered status 500, the recording status 200");
    }

    @Test
    void theReplayedInvocationsWriteNeitherLogLinesNorMetrics() throws Exception {
        PrintStream out = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            Priming.replay(FUNCTION, environment("http://127.0.0.1:9"), replay -> handler(replay, (r, event) -> {
                Log.info("notice received", "noticeId", "ntc_replayed");
                Metrics.count(Metrics.Metric.NOTICES_RECEIVED, "COUNTERFEIT");
            })).run();
        } finally {
            System.setOut(out);
        }
        assertThat(captured.toString(StandardCharsets.UTF_8)).isEmpty();
    }
}
