package dev.takedown.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.takedown.core.json.Json;
import dev.takedown.core.testing.NoticeBodies;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.dynamodb.model.Select;

/**
 * Starts the whole local stack from template.yaml with the default seed and drives it over HTTP, as a
 * brand owner's client would.
 */
class LocalStackEndToEndTest {
    static final String ACME_KEY = "tdk_demo_acme_0123456789abcdefghijklmnopqrstuvw";
    static final String GLOBEX_KEY = "tdk_demo_globex_9876543210zyxwvutsrqponmlkjihgf";
    static final String SELLER_FAKE_KEY = "tdk_demo_sellerfake_0123456789abcdefghijklmnopq";

    private static LocalStack stack;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start() {
        stack = LocalStack.start(ProjectTemplate.stack(Map.of("DispatchGraceSeconds", "0")));
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    record Reply(int status, Map<String, List<String>> headers, JsonNode body) {
        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    static Reply call(String method, String path, String apiKey, String body, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(stack.apiUrl().resolve(path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (apiKey != null) {
            request.header("Authorization", "Bearer " + apiKey);
        }
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        headers.forEach(request::header);
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode json = response.body().isEmpty() ? null : Json.parse(response.body());
        return new Reply(response.statusCode(), response.headers().map(), json);
    }

    static Reply post(String body, String idempotencyKey) throws Exception {
        return call("POST", "/v1/notices", ACME_KEY, body,
                idempotencyKey == null ? Map.of() : Map.of("Idempotency-Key", idempotencyKey));
    }

    static Reply get(String path, String apiKey) throws Exception {
        return call("GET", path, apiKey, null, Map.of());
    }

    /** The valid notice of the unit tests, naming six listings that end up in every intake outcome. */
    static ObjectNode notice() {
        ObjectNode body = NoticeBodies.valid();
        var items = body.putArray("items");
        items.addObject().put("url", "https://market.example/item/1001?utm_source=newsletter");
        items.addObject().put("listingId", "1002");
        items.addObject().put("url", "https://M.MARKET.EXAMPLE/item/1003/");
        items.addObject().put("url", "https://market.example/item.htm?id=1001");
        items.addObject().put("url", "https://other-shop.example/item/1004");
        items.addObject().put("url", "mailto:sales@market.example");
        return body;
    }

    static String notice(Consumer<ObjectNode> change) {
        ObjectNode body = notice();
        change.accept(body);
        return body.toString();
    }

    static int storedRows() {
        return stack.dynamo().scan(r -> r.tableName(stack.tableName("NoticesTable")).select(Select.COUNT)
                .consistentRead(true)).count();
    }

    /** Waits until the verifier has settled every item of the notice; returns the notice as read then. */
    static JsonNode awaitCompleted(String noticeId) throws Exception {
        return awaitCompleted(noticeId, ACME_KEY);
    }

    static JsonNode awaitCompleted(String noticeId, String apiKey) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        JsonNode notice;
        do {
            Thread.sleep(100);
            notice = get("/v1/notices/" + noticeId, apiKey).body();
        } while (!notice.path("status").asText().equals("COMPLETED") && System.nanoTime() < deadline);
        assertThat(notice.path("status").asText()).as(notice.toString()).isEqualTo("COMPLETED");
        return notice;
    }

    static JsonNode parse(String text) {
        try {
            return Json.parse(text);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aNoticeIsAcceptedStoredQueuedAndReadBack() throws Exception {
        Reply accepted = post(notice().toString(), null);

        assertThat(accepted.status()).isEqualTo(202);
        String id = accepted.body().path("id").asText();
        assertThat(accepted.header("Location")).isEqualTo("/v1/notices/" + id);
        assertThat(accepted.body().path("status").asText()).isEqualTo("RECEIVED");
        assertThat(accepted.body().path("receivedAt").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        JsonNode items = accepted.body().path("items");
        assertThat(items).extracting(i -> i.path("status").asText())
                .containsExactly("RECEIVED", "RECEIVED", "RECEIVED", "DUPLICATE", "REJECTED", "REJECTED");
        assertThat(items.get(2).path("url").asText()).isEqualTo("https://m.market.example/item/1003");
        assertThat(items.get(3).path("duplicateOf").asInt()).isZero();
        assertThat(items.get(4).path("reason").asText()).isEqualTo("OFF_PLATFORM");
        assertThat(items.get(5).path("reason").asText()).isEqualTo("INVALID_URL");

        JsonNode completed = awaitCompleted(id);
        assertThat(completed.path("openItemCount").asInt()).isZero();
        assertThat(completed.path("items")).extracting(i -> i.path("status").asText()).doesNotContain("RECEIVED");
        assertThat(completed.path("items").get(0).path("decidedBy").asText()).isEqualTo("AUTO");

        Reply read = get("/v1/notices/" + id, ACME_KEY);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.body().path("explanation").asText()).isEqualTo(NoticeBodies.valid().path("explanation").asText());
        assertThat(read.body().path("items")).hasSize(6);
        assertThat(read.body().path("evidence").get(0).path("sha256").asText()).hasSize(64);

        Reply rejected = get("/v1/notices/" + id + "/items?status=REJECTED", ACME_KEY);
        assertThat(rejected.body().path("items")).extracting(i -> i.path("index").asInt()).containsExactly(4, 5);

        Reply list = get("/v1/notices?limit=100", ACME_KEY);
        assertThat(list.body().path("notices")).extracting(n -> n.path("id").asText()).contains(id);

        assertThat(get("/v1/notices/" + id, GLOBEX_KEY).status()).isEqualTo(404);
        assertThat(get("/v1/notices?limit=100", GLOBEX_KEY).body().path("notices"))
                .extracting(n -> n.path("id").asText()).doesNotContain(id);
    }

    /**
     * A rightholder's summary counts its own notices and items only: globex's one notice (a takedown, and a line for
     * another site refused at intake) is all globex sees, and none of it is in acme's.
     */
    @Test
    void aSummaryHoldsTheRightholdersOwnFiguresAndNoOneElses() throws Exception {
        ObjectNode globexNotice = NoticeBodies.valid().put("rightId", "tm-globex")
                .put("explanation", "Counterfeit GLOBEX hoodies: the logo is misprinted.");
        globexNotice.putArray("items").add(Json.object().put("listingId", "1009"))
                .add(Json.object().put("url", "https://other-shop.example/item/9"));
        Reply accepted = call("POST", "/v1/notices", GLOBEX_KEY, globexNotice.toString(), Map.of());
        assertThat(accepted.status()).as(accepted.body().toString()).isEqualTo(202);
        awaitCompleted(accepted.body().path("id").asText(), GLOBEX_KEY);
        // Around today, so that a run across midnight (UTC) still covers every notice of this stack.
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        String summary = "/v1/reports/summary?from=" + today.minusDays(1) + "&to=" + today.plusDays(1);

        JsonNode globex = get(summary, GLOBEX_KEY).body();
        assertThat(globex.path("rightholderId").asText()).isEqualTo("globex");
        assertThat(globex.path("items").path("decided").asLong()).isEqualTo(2);
        assertThat(globex.path("items").path("byOutcome").path("ACTIONED").asLong()).isEqualTo(1);
        assertThat(globex.path("items").path("byOutcome").path("REJECTED").asLong()).isEqualTo(1);
        assertThat(sum(globex.path("noticesByReason"))).isEqualTo(1);
        assertThat(globex.path("trust").path("tier").asText()).isEqualTo("STANDARD");
        assertThat(globex.path("trust").path("record").path("actioned").asLong()).as("the verifier's takedown")
                .isEqualTo(1);

        JsonNode acme = get(summary, ACME_KEY).body();
        assertThat(acme.path("rightholderId").asText()).isEqualTo("acme");
        assertThat(sum(acme.path("noticesByReason"))).as("every notice acme has, and globex's not among them")
                .isEqualTo(noticesOf(ACME_KEY));
        Reply refused = get("/v1/reports/summary?from=" + today, ACME_KEY);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body().path("errors").findValuesAsText("field")).containsExactly("to");
    }

    private static long sum(JsonNode counts) {
        long sum = 0;
        for (JsonNode count : counts) {
            sum += count.asLong();
        }
        return sum;
    }

    /** How many notices the key's rightholder has, every page of them. */
    private static long noticesOf(String apiKey) throws Exception {
        long count = 0;
        String cursor = null;
        do {
            JsonNode page = get("/v1/notices?limit=100" + (cursor == null ? "" : "&cursor=" + cursor), apiKey).body();
            count += page.path("notices").size();
            cursor = page.path("nextCursor").isNull() ? null : page.path("nextCursor").asText();
        } while (cursor != null);
        return count;
    }

    @Test
    void theIdempotencyKeyReplaysTheSameNoticeAndRefusesAnotherBody() throws Exception {
        String key = "e2e-" + UUID.randomUUID();
        Reply first = post(notice().toString(), key);
        Reply again = post(notice().toPrettyString(), key);
        Reply different = post(notice(b -> b.put("signature", "J. Doe")), key);

        assertThat(first.status()).isEqualTo(202);
        assertThat(first.header("Idempotent-Replayed")).isNull();
        assertThat(again.status()).isEqualTo(202);
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(again.body().path("id").asText()).isEqualTo(first.body().path("id").asText());
        assertThat(again.body().path("items")).extracting(i -> i.path("listingId").asText())
                .containsExactlyElementsOf(first.body().path("items").findValuesAsText("listingId"));
        assertThat(different.status()).isEqualTo(422);
        assertThat(different.body().path("errors").get(0).path("field").asText()).isEqualTo("Idempotency-Key");
    }

    @Test
    void listsNewestFirstAndPages() throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(0, post(notice().toString(), null).body().path("id").asText());
        }
        Reply page = get("/v1/notices?limit=2", ACME_KEY);
        assertThat(page.body().path("notices")).extracting(n -> n.path("id").asText()).containsExactlyElementsOf(ids.subList(0, 2));
        String cursor = page.body().path("nextCursor").asText();
        Reply next = get("/v1/notices?limit=2&cursor=" + cursor, ACME_KEY);
        assertThat(next.body().path("notices").get(0).path("id").asText()).isEqualTo(ids.get(2));
        awaitCompleted(ids.get(0));
        assertThat(get("/v1/notices?status=COMPLETED&limit=1", ACME_KEY).body().path("notices"))
                .extracting(n -> n.path("status").asText()).containsExactly("COMPLETED");
    }

    @Test
    void aLargeNoticeShowsItsFirstHundredItemsAndPagesTheRest() throws Exception {
        ObjectNode body = notice();
        var items = body.putArray("items");
        for (int i = 0; i < 1000; i++) {
            items.addObject().put("listingId", "bulk-" + i);
        }
        Reply accepted = post(body.toString(), null);
        assertThat(accepted.status()).isEqualTo(202);
        String id = accepted.body().path("id").asText();
        assertThat(accepted.body().path("items")).hasSize(1000);

        Reply read = get("/v1/notices/" + id, ACME_KEY);
        assertThat(read.body().path("items")).hasSize(100);
        String cursor = read.body().path("nextItemsCursor").asText();
        int seen = 100;
        while (cursor != null && !cursor.equals("null")) {
            Reply page = get("/v1/notices/" + id + "/items?cursor=" + cursor, ACME_KEY);
            assertThat(page.status()).isEqualTo(200);
            assertThat(page.body().path("items").get(0).path("index").asInt()).isEqualTo(seen);
            seen += page.body().path("items").size();
            cursor = page.body().path("nextCursor").isNull() ? null : page.body().path("nextCursor").asText();
        }
        assertThat(seen).isEqualTo(1000);
        JsonNode completed = awaitCompleted(id);
        assertThat(completed.path("outcome").asText()).isEqualTo("NONE");
        assertThat(get("/v1/notices/" + id + "/items?status=NOT_FOUND&limit=100", ACME_KEY).body().path("items")).hasSize(100);
    }

    @Test
    void whenTheQueueIsDownTheNoticeIsStillAcceptedAndItsWorkQueuedLater() throws Exception {
        String queueUrl = stack.queueUrl("VerificationQueue");
        var attributes = stack.sqs().getQueueAttributes(r -> r.queueUrl(queueUrl)
                .attributeNamesWithStrings("VisibilityTimeout", "RedrivePolicy")).attributesAsStrings();
        stack.sqs().deleteQueue(r -> r.queueUrl(queueUrl));
        Reply accepted;
        try {
            accepted = post(notice().toString(), null);
        } finally {
            stack.sqs().createQueue(r -> r.queueName(queueUrl.substring(queueUrl.lastIndexOf('/') + 1))
                    .attributesWithStrings(attributes));
        }
        assertThat(accepted.status()).isEqualTo(202);
        String id = accepted.body().path("id").asText();
        assertThat(get("/v1/notices/" + id, ACME_KEY).status()).isEqualTo(200);

        assertThat(get("/v1/notices/" + id, ACME_KEY).body().path("status").asText()).isEqualTo("RECEIVED");
        stack.runSchedulesNow();
        awaitCompleted(id);
    }

    @Test
    void withoutAValidKeyTheAnswerIs401AndNothingIsWritten() throws Exception {
        int before = storedRows();
        for (String key : new String[] {null, "", "not-a-key", "tdk_unknown_0000000000000000000000"}) {
            Reply reply = call("POST", "/v1/notices", key, notice().toString(), Map.of());
            assertThat(reply.status()).isEqualTo(401);
            assertThat(reply.header("Content-Type")).isEqualTo("application/problem+json");
            assertThat(reply.body().path("status").asInt()).isEqualTo(401);
        }
        Reply basic = call("GET", "/v1/notices", null, null, Map.of("Authorization", "Basic YWNtZTpwdw=="));
        assertThat(basic.status()).isEqualTo(401);
        assertThat(storedRows()).isEqualTo(before);
    }

    /** The notices routes are the rightholders': a seller's key finds them as it finds a path with no route. */
    @Test
    void aSellersKeyIsAnsweredOnEveryNoticesRouteAsOnAPathWithNoRoute() throws Exception {
        String id = post(notice().toString(), null).body().path("id").asText();
        int before = storedRows();
        Reply noRoute = get("/v1/no-such-route", SELLER_FAKE_KEY);
        assertThat(noRoute.status()).isEqualTo(404);

        for (Reply reply : List.of(get("/v1/notices", SELLER_FAKE_KEY), get("/v1/notices/" + id, SELLER_FAKE_KEY),
                get("/v1/notices/" + id + "/items", SELLER_FAKE_KEY), get("/v1/notices/" + id + "/deliveries", SELLER_FAKE_KEY),
                get("/v1/reports/summary?from=2026-11-01&to=2026-11-30", SELLER_FAKE_KEY),
                call("POST", "/v1/notices", SELLER_FAKE_KEY, notice().toString(), Map.of()),
                call("DELETE", "/v1/notices", SELLER_FAKE_KEY, null, Map.of()))) {
            assertThat(reply.status()).isEqualTo(404);
            assertThat(reply.header("Content-Type")).isEqualTo(noRoute.header("Content-Type"));
            assertThat(reply.header("Allow")).isNull();
            assertThat(reply.body()).isEqualTo(noRoute.body());
        }
        assertThat(storedRows()).isEqualTo(before);
        assertThat(call("GET", "/v1/notices", SELLER_FAKE_KEY.replace("tdk_demo", "tdk_dEmo"), null, Map.of()).status())
                .as("a seller's key is checked as a rightholder's").isEqualTo(401);
    }

    @Test
    void unknownRoutesAre404AndWrongMethods405() throws Exception {
        Reply unknown = get("/v1/takedowns", ACME_KEY);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.header("Content-Type")).isEqualTo("application/problem+json");

        Reply delete = call("DELETE", "/v1/notices", ACME_KEY, null, Map.of());
        assertThat(delete.status()).isEqualTo(405);
        assertThat(delete.header("Allow")).isEqualTo("GET, POST");
        assertThat(call("PUT", "/v1/notices/ntc_00000000000000000000000000", ACME_KEY, "{}", Map.of()).status()).isEqualTo(405);
        assertThat(get("/v1/notices/ntc_00000000000000000000000000", ACME_KEY).status()).isEqualTo(404);
    }

    static Stream<Arguments> badNotices() {
        String big = "x".repeat(1024 * 1024 + 1);
        ObjectNode tooMany = notice();
        var many = tooMany.putArray("items");
        for (int i = 0; i < 1001; i++) {
            many.addObject().put("listingId", "m" + i);
        }
        return Stream.of(
                Arguments.of("body not JSON", "{\"rightId\": ", 400, "body"),
                Arguments.of("body not an object", "[1, 2]", 400, "body"),
                Arguments.of("empty body", "", 400, "body"),
                Arguments.of("body over 1 MiB", notice(b -> b.put("explanation", big)), 413, "body"),
                Arguments.of("unknown top-level field", notice(b -> b.put("urgent", true)), 400, "urgent"),
                Arguments.of("missing declaration", notice(b -> b.withObjectProperty("declarations").remove("authorized")), 400, "declarations.authorized"),
                Arguments.of("false declaration", notice(b -> b.withObjectProperty("declarations").put("goodFaith", false)), 400, "declarations.goodFaith"),
                Arguments.of("blank signature", notice(b -> b.put("signature", "   ")), 400, "signature"),
                Arguments.of("blank sender name", notice(b -> b.withObjectProperty("sender").put("name", "")), 400, "sender.name"),
                Arguments.of("invalid email", notice(b -> b.withObjectProperty("sender").put("email", "legal-at-acme")), 400, "sender.email"),
                Arguments.of("reason not in the list", notice(b -> b.put("reason", "KNOCKOFF")), 400, "reason"),
                Arguments.of("reason not matching the right", notice(b -> b.put("reason", "PATENT")), 422, "reason"),
                Arguments.of("another rightholder's right", notice(b -> b.put("rightId", "tm-globex")), 422, "rightId"),
                Arguments.of("unknown right", notice(b -> b.put("rightId", "tm-nobody")), 422, "rightId"),
                Arguments.of("right not verified", notice(b -> b.put("rightId", "tm-acme-eu")), 422, "rightId"),
                Arguments.of("right expired", notice(b -> b.put("rightId", "tm-acme-old")), 422, "rightId"),
                Arguments.of("zero items", notice(b -> b.putArray("items")), 400, "items"),
                Arguments.of("more than MAX_ITEMS", tooMany.toString(), 413, "items"),
                Arguments.of("item with both url and listingId", notice(b -> b.withArray("items").addObject()
                        .put("url", "https://market.example/item/7").put("listingId", "7")), 400, "items[6]"),
                Arguments.of("item with neither", notice(b -> b.withArray("items").addObject()), 400, "items[6]"),
                Arguments.of("evidence sha256 not 64 hex", notice(b -> ((ObjectNode) b.withArray("evidence").get(0))
                        .put("sha256", "abc123")), 400, "evidence[0].sha256"),
                Arguments.of("string over its limit", notice(b -> b.put("explanation", "y".repeat(5001))), 400, "explanation"),
                Arguments.of("control characters", notice(b -> b.withObjectProperty("sender").put("name", "Jane\u0007Doe")), 400, "sender.name"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badNotices")
    void badInputGetsAProblemNamingTheFieldAndWritesNothing(String name, String body, int status, String field) throws Exception {
        int before = storedRows();
        Reply reply = post(body, "bad-" + UUID.randomUUID());

        assertThat(reply.status()).isEqualTo(status);
        assertThat(reply.header("Content-Type")).isEqualTo("application/problem+json");
        assertThat(reply.body().path("type").asText()).isNotBlank();
        assertThat(reply.body().path("title").asText()).isNotBlank();
        assertThat(reply.body().path("status").asInt()).isEqualTo(status);
        assertThat(reply.body().path("detail").asText()).isNotBlank();
        assertThat(reply.body().path("errors")).extracting(e -> e.path("field").asText()).contains(field);
        assertThat(storedRows()).isEqualTo(before);
    }

    @Test
    void everyBadFieldIsNamedAtOnce() throws Exception {
        Reply reply = post(notice(b -> {
            b.put("reason", "NOPE");
            b.put("signature", "");
            b.withObjectProperty("sender").put("email", "x");
            b.withObjectProperty("declarations").put("accurate", false);
        }), null);
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.body().path("errors")).extracting(e -> e.path("field").asText())
                .contains("reason", "signature", "sender.email", "declarations.accurate");
    }

    @Test
    void aMalformedIdempotencyKeyIs400() throws Exception {
        Reply reply = post(notice().toString(), "has spaces in it");
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.body().path("errors").get(0).path("field").asText()).isEqualTo("Idempotency-Key");
    }

    /** The bytes as sent, with this Content-Type (none when null): the gateway hands them on as API Gateway does. */
    static Reply postBytes(byte[] body, String contentType) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(stack.apiUrl().resolve("/v1/notices"))
                .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + ACME_KEY)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(response.statusCode(), response.headers().map(), Json.parse(response.body()));
    }

    @Test
    void aBodyThatIsNotUtf8OrNotSentAsJsonIsRefusedAndWritesNothing() throws Exception {
        int before = storedRows();
        byte[] notUtf8 = notice(b -> b.put("signature", "Jane#Doe")).getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < notUtf8.length; i++) {
            if (notUtf8[i] == '#') {
                notUtf8[i] = (byte) 0xC3;
            }
        }
        Reply malformed = postBytes(notUtf8, "application/json");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.body().path("errors").get(0).path("field").asText()).isEqualTo("body");

        byte[] valid = notice().toString().getBytes(StandardCharsets.UTF_8);
        for (String contentType : new String[] {"application/evil+json", "application/json; charset=utf-16",
                "text/plain", null}) {
            Reply refused = postBytes(valid, contentType);
            assertThat(refused.status()).as(contentType).isEqualTo(415);
            assertThat(refused.body().path("errors").get(0).path("field").asText()).isEqualTo("Content-Type");
        }
        assertThat(storedRows()).isEqualTo(before);
        assertThat(postBytes(valid, "application/json; charset=UTF-8").status()).isEqualTo(202);
    }

    @Test
    void aCursorIsRefusedWithA400OutsideTheListingThatHandedItOut() throws Exception {
        ObjectNode large = notice();
        var items = large.putArray("items");
        for (int i = 0; i < 3; i++) {
            items.addObject().put("listingId", "cursor-" + i);
        }
        String first = post(large.toString(), null).body().path("id").asText();
        String second = post(large.toString(), null).body().path("id").asText();
        String cursor = get("/v1/notices/" + first + "/items?limit=1", ACME_KEY).body().path("nextCursor").asText();
        assertThat(get("/v1/notices/" + first + "/items?limit=1&cursor=" + cursor, ACME_KEY).status()).isEqualTo(200);

        // A delivery position too long for a DynamoDB key, which DynamoDB would refuse.
        String overLong = Base64.getUrlEncoder().withoutPadding().encodeToString(
                ("ATTEMPT#RIGHTHOLDER#" + "x".repeat(2000)).getBytes(StandardCharsets.UTF_8));
        for (String path : new String[] {"/v1/notices/" + second + "/items?cursor=" + cursor,
                "/v1/notices/" + first + "/items?status=RECEIVED&cursor=" + cursor,
                "/v1/notices/" + first + "/deliveries?cursor=" + cursor,
                "/v1/notices/" + first + "/deliveries?cursor=" + overLong,
                "/v1/notices?cursor=" + cursor}) {
            Reply refused = get(path, ACME_KEY);
            assertThat(refused.status()).as(path).isEqualTo(400);
            assertThat(refused.body().path("errors").get(0).path("field").asText()).isEqualTo("cursor");
        }
        assertThat(get("/v1/notices/" + first + "/items?cursor=" + cursor, GLOBEX_KEY).status()).isEqualTo(404);
    }
}
