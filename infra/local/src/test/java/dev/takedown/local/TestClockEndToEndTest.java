package dev.takedown.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.takedown.core.json.Json;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The test clock on the Lambda API port of a stack started with one: read it, move it on by days or to an instant,
 * and each move runs the scheduled functions, on the functions' new time; bad moves change nothing.
 */
class TestClockEndToEndTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static LocalStack stack;

    @BeforeAll
    static void start() {
        stack = LocalStack.start(ProjectTemplate.stack(Map.of()).withClock(new MovableClock()));
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    private static HttpResponse<String> clock(String method, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(stack.lambdaUrl().resolve(TestClockApi.PATH))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Instant now() throws Exception {
        HttpResponse<String> read = clock("GET", null);
        assertThat(read.statusCode()).isEqualTo(200);
        return Instant.parse(Json.parse(read.body()).path("now").asText());
    }

    @Test
    void movesOnByDaysOrToAnInstantAndRunsTheScheduledFunctionsAtTheNewTime() throws Exception {
        Instant before = now();
        assertThat(before).isBetween(Instant.now().minusSeconds(5), Instant.now().plusSeconds(5));

        HttpResponse<String> advanced = clock("POST", "{\"advanceDays\": 15}");
        assertThat(advanced.statusCode()).as(advanced.body()).isEqualTo(200);
        Instant afterDays = Instant.parse(Json.parse(advanced.body()).path("now").asText());
        assertThat(Duration.between(before, afterDays)).isBetween(Duration.ofDays(15), Duration.ofDays(15).plusSeconds(30));
        assertThat(Json.parse(advanced.body()).path("scheduledFunctionsRun")).extracting(JsonNode::asText)
                .as("every scheduled function ran once").containsExactlyInAnyOrder("DispatcherFunction", "TrustReviewFunction", "RedressSweepFunction");

        Instant target = afterDays.plus(Duration.ofDays(40)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        HttpResponse<String> moved = clock("POST", "{\"to\": \"" + target + "\"}");
        assertThat(moved.statusCode()).as(moved.body()).isEqualTo(200);
        assertThat(now()).isBetween(target, target.plusSeconds(30));
    }

    @Test
    void aMoveThatIsNotForwardOrNotUnderstoodIsRefusedAndTheClockStaysPut() throws Exception {
        Instant before = now();
        for (String bad : new String[] {"{\"to\": \"2020-01-01T00:00:00Z\"}", "{\"advanceDays\": 0}",
                "{\"advanceDays\": 1.5}", "{\"advanceDays\": 1, \"to\": \"2099-01-01T00:00:00Z\"}", "{\"days\": 1}",
                "{\"to\": \"tomorrow\"}", "[]", "not json"}) {
            HttpResponse<String> refused = clock("POST", bad);
            assertThat(refused.statusCode()).as(bad).isEqualTo(400);
            JsonNode problem = Json.parse(refused.body());
            assertThat(problem.path("detail").asText()).as(bad).isNotBlank();
        }
        assertThat(clock("DELETE", null).statusCode()).isEqualTo(405);
        assertThat(now()).isBetween(before, before.plusSeconds(30));
    }
}
