package dev.takedown.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.takedown.aws.DynamoListingStore;
import dev.takedown.core.json.Json;
import dev.takedown.core.model.ListingStatus;
import dev.takedown.core.testing.Events;
import dev.takedown.core.testing.NoticeBodies;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Redress on the whole stack with the default seed: acme's takedowns of seller-fake's listings contested by the
 * seller and answered or withdrawn by acme, over HTTP with each one's API key; staff through the Lambda Invoke API.
 */
class RedressEndToEndTest {
    private static final String ACME_KEY = LocalStackEndToEndTest.ACME_KEY;
    private static final String SELLER = "seller-fake";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final MovableClock CLOCK = new MovableClock();
    private static LocalStack stack;
    /** seller-fake's key in the seed; null in a seed that gives sellers none. */
    private static String sellerKey;

    @BeforeAll
    static void start() throws Exception {
        stack = LocalStack.start(ProjectTemplate.stack(Map.of()).withClock(CLOCK));
        for (JsonNode seller : Json.parse(Files.readString(ProjectTemplate.DEFAULT_SEED)).path("sellers")) {
            if (seller.path("id").asText().equals(SELLER) && seller.hasNonNull("apiKey")) {
                sellerKey = seller.path("apiKey").asText();
            }
        }
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    record Reply(int status, Map<String, String> headers, JsonNode body) {
    }

    private static Reply call(String method, String path, String apiKey, String body, Map<String, String> headers)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(stack.apiUrl().resolve(path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Authorization", "Bearer " + apiKey);
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        headers.forEach(request::header);
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        Map<String, String> answered = new LinkedHashMap<>();
        response.headers().map().forEach((name, values) -> answered.put(name.toLowerCase(), values.get(0)));
        return new Reply(response.statusCode(), answered, response.body().isEmpty() ? null : Json.parse(response.body()));
    }

    private static Reply acme(String method, String path, String body) throws Exception {
        return call(method, path, ACME_KEY, body, Map.of());
    }

    /**
     * A request of seller-fake's: over HTTP with its key; with a seed that gives it none, straight to RedressFunction
     * through the Lambda Invoke API, with the context the authorizer gives a seller's key.
     */
    private static Reply seller(String method, String resource, String path, Map<String, String> pathParameters,
                                String body) throws Exception {
        if (sellerKey != null) {
            return call(method, path, sellerKey, body, Map.of());
        }
        ObjectNode event = (ObjectNode) Json.parse(Events.load("redress-get-takedown.json"));
        event.put("resource", resource).put("path", path).put("httpMethod", method).put("body", body);
        ObjectNode parameters = event.putObject("pathParameters");
        pathParameters.forEach(parameters::put);
        ObjectNode headers = event.putObject("headers");
        if (body != null) {
            headers.put("Content-Type", "application/json");
        }
        event.putNull("queryStringParameters");
        event.withObjectProperty("requestContext").set("authorizer", Json.object().put("principalId", SELLER)
                .put("principalType", "SELLER").put("sellerId", SELLER));
        JsonNode response = StaffInvocations.invoke(stack, "RedressFunction", event.toString());
        Map<String, String> answered = new LinkedHashMap<>();
        response.path("headers").properties().forEach(h -> answered.put(h.getKey().toLowerCase(), h.getValue().asText()));
        return new Reply(response.path("statusCode").asInt(), answered, Json.parse(response.path("body").asText()));
    }

    private static Reply sellerOnTakedown(String method, String noticeId, int index, String action, String body)
            throws Exception {
        String resource = "/v1/takedowns/{noticeId}/{index}" + (action == null ? "" : "/" + action);
        String path = "/v1/takedowns/" + noticeId + "/" + index + (action == null ? "" : "/" + action);
        return seller(method, resource, path, Map.of("noticeId", noticeId, "index", Integer.toString(index)), body);
    }

    private static String counterNotice(String statement) throws Exception {
        ObjectNode body = (ObjectNode) Json.parse(Json.parse(Events.load("redress-file-counter-notice.json"))
                .path("body").asText());
        return body.put("statement", statement).toString();
    }

    /** A notice of acme's naming these listings, once the verifier has decided every item. */
    private static String decidedNotice(String... listingIds) throws Exception {
        ObjectNode body = NoticeBodies.valid();
        var items = body.putArray("items");
        for (String id : listingIds) {
            items.addObject().put("listingId", id);
        }
        Reply accepted = acme("POST", "/v1/notices", body.toString());
        assertThat(accepted.status()).as(String.valueOf(accepted.body())).isEqualTo(202);
        String id = accepted.body().path("id").asText();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        JsonNode notice;
        do {
            Thread.sleep(100);
            notice = acme("GET", "/v1/notices/" + id, null).body();
        } while (notice.path("items").findValuesAsText("status").stream().anyMatch(s -> s.equals("RECEIVED")
                || s.equals("VERIFYING")) && System.nanoTime() < deadline);
        return id;
    }

    private static ListingStatus listing(String id) {
        return new DynamoListingStore(stack.dynamo(), stack.tableName("ListingsTable")).find(id).orElseThrow().status();
    }

    @Test
    void aSellerContestsItsTakedownAndTheRightholderAnswersWithLegalAction() throws Exception {
        String id = decidedNotice("1001");
        assertThat(listing("1001")).isEqualTo(ListingStatus.REMOVED);
        JsonNode listed = seller("GET", "/v1/takedowns", "/v1/takedowns", Map.of(), null).body();
        assertThat(listed.path("takedowns")).extracting(t -> t.path("noticeId").asText() + "/" + t.path("index").asInt())
                .contains(id + "/0");

        Reply filed = sellerOnTakedown("POST", id, 0, "counter-notice", counterNotice("Bought from ACME's distributor."));
        assertThat(filed.status()).as(String.valueOf(filed.body())).isEqualTo(201);
        assertThat(filed.headers().get("location")).isEqualTo("/v1/takedowns/" + id + "/0");
        assertThat(filed.body().path("status").asText()).isEqualTo("COUNTER_NOTICED");
        assertThat(filed.body().path("counterNotice").path("respondBy").asText()).endsWith("T00:00:00.000Z");
        assertThat(listing("1001")).as("down until the rightholder answers").isEqualTo(ListingStatus.REMOVED);

        Reply second = sellerOnTakedown("POST", id, 0, "counter-notice", counterNotice("Another statement."));
        assertThat(second.status()).isEqualTo(409);

        Reply answered = acme("POST", "/v1/notices/" + id + "/items/0/counter-notice-response",
                "{\"response\": \"LEGAL_ACTION\", \"court\": \"N.D. Cal.\", \"caseNumber\": \"3:26-cv-04512\","
                        + " \"filedOn\": \"2026-01-05\"}");
        assertThat(answered.status()).as(String.valueOf(answered.body())).isEqualTo(200);
        assertThat(answered.body().path("status").asText()).isEqualTo("ACTIONED");
        assertThat(answered.body().path("counterNotice").path("outcome").asText()).isEqualTo("UPHELD");
        JsonNode item = acme("GET", "/v1/notices/" + id, null).body().path("items").get(0);
        assertThat(item.path("status").asText()).isEqualTo("ACTIONED");
        assertThat(item.path("counterNotice").path("legalAction").path("court").asText()).isEqualTo("N.D. Cal.");
        assertThat(listing("1001")).isEqualTo(ListingStatus.REMOVED);
    }

    @Test
    void anotherSellersTakedownIsNotFound() throws Exception {
        String id = decidedNotice("1008");
        StaffInvocations.awaitReview(stack, id, 0);
        JsonNode decided = StaffInvocations.invoke(stack, "{\"operation\": \"decideItem\", \"noticeId\": \"" + id
                + "\", \"index\": 0, \"decision\": \"ACTION\", \"staffId\": \"staff-jane\"}");
        assertThat(decided.path("item").path("status").asText()).as(decided.toString()).isEqualTo("ACTIONED");

        assertThat(sellerOnTakedown("GET", id, 0, null, null).status()).isEqualTo(404);
        assertThat(sellerOnTakedown("POST", id, 0, "counter-notice", counterNotice("Not mine.")).status()).isEqualTo(404);
        assertThat(listing("1008")).isEqualTo(ListingStatus.REMOVED);
    }

    @Test
    void eachRouteAnswersTheOtherKindOfKeyAsAPathWithNoRoute() throws Exception {
        String id = decidedNotice("1003");
        Reply noRoute = acme("GET", "/v1/no-such-route", null);
        assertThat(noRoute.status()).isEqualTo(404);
        for (Reply reply : List.of(acme("GET", "/v1/takedowns", null), acme("GET", "/v1/takedowns/" + id + "/0", null),
                acme("POST", "/v1/takedowns/" + id + "/0/counter-notice", counterNotice("As acme.")),
                acme("POST", "/v1/takedowns/" + id + "/0/complaint", "{\"explanation\": \"As acme.\"}"),
                acme("DELETE", "/v1/takedowns", null))) {
            assertThat(reply.status()).isEqualTo(404);
            assertThat(reply.headers().get("allow")).isNull();
            assertThat(reply.body()).isEqualTo(noRoute.body());
        }
        Reply sellerOnWithdrawal = seller("POST", "/v1/notices/{id}/withdrawal", "/v1/notices/" + id + "/withdrawal",
                Map.of("id", id), "{}");
        assertThat(sellerOnWithdrawal.status()).isEqualTo(404);
        assertThat(sellerOnWithdrawal.body()).isEqualTo(noRoute.body());
        assertThat(listing("1003")).isEqualTo(ListingStatus.REMOVED);
        assertThat(acme("GET", "/v1/notices/" + id, null).body().path("items").get(0).path("status").asText())
                .isEqualTo("ACTIONED");
    }

    @Test
    void aWithdrawalPutsTheActionedListingBack() throws Exception {
        String id = decidedNotice("1002");
        assertThat(listing("1002")).isEqualTo(ListingStatus.REMOVED);

        Reply withdrawn = call("POST", "/v1/notices/" + id + "/withdrawal", ACME_KEY,
                "{\"reason\": \"Settled with the seller.\"}", Map.of("Idempotency-Key", "withdraw-" + id));
        assertThat(withdrawn.status()).as(String.valueOf(withdrawn.body())).isEqualTo(200);
        assertThat(withdrawn.body().path("retracted")).extracting(i -> i.path("index").asInt()).containsExactly(0);
        assertThat(withdrawn.body().path("retracted").get(0).path("status").asText()).isEqualTo("RETRACTED");
        assertThat(listing("1002")).isEqualTo(ListingStatus.ACTIVE);

        Reply again = call("POST", "/v1/notices/" + id + "/withdrawal", ACME_KEY,
                "{\"reason\": \"Settled with the seller.\"}", Map.of("Idempotency-Key", "withdraw-" + id));
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.headers().get("idempotent-replayed")).isEqualTo("true");
        assertThat(call("POST", "/v1/notices/" + id + "/withdrawal", ACME_KEY, "{}",
                Map.of("Idempotency-Key", "withdraw-" + id)).status()).isEqualTo(422);
        JsonNode seen = seller("GET", "/v1/takedowns", "/v1/takedowns", Map.of(), null).body();
        assertThat(seen.path("takedowns")).filteredOn(t -> t.path("noticeId").asText().equals(id))
                .extracting(t -> t.path("status").asText()).containsExactly("RETRACTED");
    }

    @Test
    void anUnansweredCounterNoticeIsRestoredByTheSweep() throws Exception {
        String id = decidedNotice("1005");
        assertThat(sellerOnTakedown("POST", id, 0, "counter-notice", counterNotice("Genuine pills.")).status())
                .isEqualTo(201);
        stack.runSchedulesNow();
        assertThat(listing("1005")).as("not before the deadline").isEqualTo(ListingStatus.REMOVED);

        CLOCK.advance(Duration.ofDays(17));
        assertThat(stack.runSchedulesNow()).contains("RedressSweepFunction");
        assertThat(listing("1005")).isEqualTo(ListingStatus.ACTIVE);
        JsonNode item = acme("GET", "/v1/notices/" + id, null).body().path("items").get(0);
        assertThat(item.path("status").asText()).isEqualTo("RESTORED");
        assertThat(item.path("counterNotice").path("outcome").asText()).isEqualTo("UNANSWERED");
        assertThat(acme("POST", "/v1/notices/" + id + "/items/0/counter-notice-response", "{\"response\": \"ACCEPT\"}")
                .status()).as("too late to answer").isEqualTo(409);
    }
}
