package dev.takedown.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.takedown.core.json.Json;
import dev.takedown.core.testing.NoticeBodies;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Rate plans on the whole stack (in order: the buckets carry over from one test to the next), with numbers small
 * enough to meet: STANDARD takes 3 requests at once and one more a second, HIGH_VOLUME 20 at once. Each principal
 * has a bucket of its own, a throttled request reaches no function, and its 429 is the one the OpenAPI document
 * describes. Principals staff give a key or a plan are metered on an API Gateway key of their own, which the gateway
 * finds on its plan's usage plan.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RateLimitEndToEndTest {
    private static final String ACME_KEY = LocalStackEndToEndTest.ACME_KEY;
    private static final String GLOBEX_KEY = LocalStackEndToEndTest.GLOBEX_KEY;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static LocalStack stack;

    @BeforeAll
    static void start() {
        stack = LocalStack.start(ProjectTemplate.stack(Map.of(
                "StandardPlanRateLimit", "1", "StandardPlanBurstLimit", "3",
                "HighVolumePlanRateLimit", "1", "HighVolumePlanBurstLimit", "20")));
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    private static HttpResponse<String> list(String apiKey) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(stack.apiUrl().resolve("/v1/notices?limit=1"))
                .header("Authorization", "Bearer " + apiKey).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> submit(String idempotencyKey) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(stack.apiUrl().resolve("/v1/notices"))
                .header("Authorization", "Bearer " + ACME_KEY).header("Content-Type", "application/json")
                .header("Idempotency-Key", idempotencyKey).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(NoticeBodies.valid().toString()));
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Lists until the first 429, which it answers; fails when the burst is not met within {@code most} requests. */
    private static List<HttpResponse<String>> burstUntilThrottled(String apiKey, int most) throws Exception {
        List<HttpResponse<String>> answers = new ArrayList<>();
        for (int i = 0; i < most; i++) {
            HttpResponse<String> answer = list(apiKey);
            answers.add(answer);
            if (answer.statusCode() == 429) {
                return answers;
            }
        }
        throw new AssertionError("no 429 within " + most + " requests: " + answers.stream().map(HttpResponse::statusCode).toList());
    }

    /** The answer as {@link OpenApiContract} reads it: status, the first value of each header, body. */
    private static OpenApiContract.Answer answer(HttpResponse<String> response) {
        Map<String, String> first = new LinkedHashMap<>();
        response.headers().map().forEach((name, values) -> first.put(name, values.get(0)));
        return new OpenApiContract.Answer(response.statusCode(), first,
                response.headers().firstValue("Content-Type").orElse(null), response.body());
    }

    private static String header(HttpResponse<String> response, String name) {
        return response.headers().firstValue(name).orElse(null);
    }

    @Test
    @Order(1)
    void aBurstFromOneKeyIsThrottledWhileAnotherKeyIsServedAndTheFirstIsServedAgainAfterRetryAfter() throws Exception {
        List<HttpResponse<String>> burst = burstUntilThrottled(ACME_KEY, 10);
        HttpResponse<String> first = burst.get(0);
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(header(first, "RateLimit-Limit")).isEqualTo("3");
        assertThat(header(first, "RateLimit-Remaining")).isEqualTo("2");
        assertThat(burst.subList(0, burst.size() - 1)).extracting(HttpResponse::statusCode).containsOnly(200);
        assertThat(burst.size() - 1).as("served before the first 429: the burst, and what refilled meanwhile").isBetween(3, 5);

        HttpResponse<String> throttled = burst.get(burst.size() - 1);
        assertThat(header(throttled, "Content-Type")).isEqualTo("application/problem+json");
        long retryAfter = Long.parseLong(header(throttled, "Retry-After"));
        assertThat(retryAfter).isEqualTo(1);
        assertThat(header(throttled, "RateLimit-Limit")).isEqualTo("3");
        assertThat(header(throttled, "RateLimit-Remaining")).isEqualTo("0");
        assertThat(Long.parseLong(header(throttled, "RateLimit-Reset"))).isBetween(1L, 3L);
        assertThat(header(throttled, "RateLimit-Policy"))
                .isEqualTo("3;w=1;rate=1;plan=STANDARD, 20;w=1;rate=1;plan=HIGH_VOLUME");
        JsonNode problem = Json.parse(throttled.body());
        assertThat(problem.path("type").asText()).isEqualTo("https://takedown.dev/problems/rate-limited");
        assertThat(problem.path("status").asInt()).isEqualTo(429);
        assertThat(new OpenApiContract(OpenApiDriftTest.document()).violations("GET", "/v1/notices", answer(throttled)))
                .as("the 429, body and headers, as the document has it").isEmpty();

        HttpResponse<String> globex = list(GLOBEX_KEY);
        assertThat(globex.statusCode()).as("globex has a bucket of its own").isEqualTo(200);
        assertThat(header(globex, "RateLimit-Remaining")).isEqualTo("2");

        // The rate limit's own time: a token comes back within Retry-After.
        Thread.sleep(Duration.ofSeconds(retryAfter).toMillis());
        assertThat(list(ACME_KEY).statusCode()).isEqualTo(200);
    }

    @Test
    @Order(2)
    void aThrottledRequestReachesNoFunction() throws Exception {
        burstUntilThrottled(ACME_KEY, 10);
        HttpResponse<String> refused = submit("throttled-once");
        assertThat(refused.statusCode()).isEqualTo(429);

        Thread.sleep(Duration.ofSeconds(Long.parseLong(header(refused, "Retry-After"))).toMillis());
        HttpResponse<String> accepted = submit("throttled-once");
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        assertThat(header(accepted, "Idempotent-Replayed")).as("the throttled attempt stored nothing").isNull();
    }

    @Test
    @Order(3)
    void staffRaiseAPrincipalsLimitWithSetRatePlan() throws Exception {
        String seller = "{\"operation\": \"setRatePlan\", \"sellerId\": \"seller-fake\", \"plan\": \"HIGH_VOLUME\","
                + " \"staffId\": \"staff-jane\", \"reason\": \"Contests in bulk.\"}";
        assertThat(StaffInvocations.invoke(stack, seller).path("plan").asText()).isEqualTo("HIGH_VOLUME");
        String raise = "{\"operation\": \"setRatePlan\", \"rightholderId\": \"acme\", \"plan\": \"HIGH_VOLUME\","
                + " \"staffId\": \"staff-jane\", \"reason\": \"Volume contract.\"}";
        JsonNode raised = StaffInvocations.invoke(stack, raise);
        assertThat(Json.write(raised)).isEqualTo("{\"rightholderId\":\"acme\",\"plan\":\"HIGH_VOLUME\"}");

        List<HttpResponse<String>> burst = burstUntilThrottled(ACME_KEY, 30);
        assertThat(burst.size() - 1).as("served before the first 429 on HIGH_VOLUME").isGreaterThanOrEqualTo(20);
        assertThat(header(burst.get(0), "RateLimit-Limit")).isEqualTo("20");

        String lower = raise.replace("HIGH_VOLUME", "STANDARD");
        StaffInvocations.invoke(stack, lower);
        assertThat(header(list(ACME_KEY), "RateLimit-Limit")).as("back on STANDARD").isEqualTo("3");
    }

    @Test
    @Order(4)
    void aRegisteredRightholderIsMeteredOnItsOwnGatewayKeyWhichANewPlanMovesAndWhichOffEveryPlanIsRefused()
            throws Exception {
        String apiKey = StaffInvocations.invoke(stack, "{\"operation\": \"registerRightholder\", \"id\": \"initech\","
                + " \"name\": \"Initech LLC\", \"email\": \"ip@initech.example\", \"staffId\": \"staff-jane\"}")
                .path("apiKey").asText();
        HttpResponse<String> first = list(apiKey);
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(header(first, "RateLimit-Limit")).isEqualTo("3");
        Map<String, AttributeValue> row = stack.dynamo().getItem(r -> r.tableName(stack.tableName("ApiKeysTable"))
                .key(Map.of("keyHash", AttributeValue.fromS("principal:rightholder:initech")))).item();
        String usageKeyId = row.get("usageKeyId").s();
        assertThat(row.get("usageKey").s()).isNotBlank();
        assertThat(first.body()).doesNotContain(row.get("usageKey").s());

        String raise = "{\"operation\": \"setRatePlan\", \"rightholderId\": \"initech\", \"plan\": \"HIGH_VOLUME\","
                + " \"staffId\": \"staff-jane\", \"reason\": \"Volume contract.\"}";
        StaffInvocations.invoke(stack, raise);
        assertThat(header(list(apiKey), "RateLimit-Limit")).isEqualTo("20");

        // A move cut short between its two calls: the key is off its old plan and not yet on the new one.
        HttpResponse<String> removed = HTTP.send(HttpRequest.newBuilder(stack.apiGatewayKeysUrl()
                .resolve("/usageplans/HighVolumeUsagePlan/keys/" + usageKeyId)).DELETE().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(removed.statusCode()).isEqualTo(202);
        assertThat(list(apiKey).statusCode()).as("refused, never served unthrottled").isEqualTo(403);
        StaffInvocations.invoke(stack, raise);
        assertThat(header(list(apiKey), "RateLimit-Limit")).as("the move made again").isEqualTo("20");
    }
}
