package dev.takedown.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.takedown.core.events.Notifications;
import dev.takedown.core.intake.NoticeQueries;
import dev.takedown.core.intake.SubmissionParser;
import dev.takedown.core.json.Json;
import dev.takedown.core.model.DeliveryAttempt;
import dev.takedown.core.model.EventType;
import dev.takedown.core.model.Figures;
import dev.takedown.core.model.NoticeReason;
import dev.takedown.core.model.TrustCounts;
import dev.takedown.core.ports.IdempotencyStore;
import dev.takedown.core.testing.Events;
import dev.takedown.core.testing.Fixtures;
import dev.takedown.core.testing.FormatSamples;
import dev.takedown.core.testing.InMemoryDeliveryStore;
import dev.takedown.core.testing.InMemoryFiguresStore;
import dev.takedown.core.testing.InMemoryIdempotencyStore;
import dev.takedown.core.testing.InMemoryNoticeStore;
import dev.takedown.core.testing.InMemoryRightholderStore;
import dev.takedown.core.testing.InMemoryTrustStore;
import dev.takedown.core.testing.RecordingQueue;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The notices API answers exactly as published: status, headers and body of each route, compared whole. Clients
 * parse these bodies and may compare them as text, so their fields, order and formatting are the API's contract and
 * change only on purpose.
 */
class NoticesApiAnswersTest {
    // Parts that several published strings share, each written once.
    private static final String ITEM_1_DUPLICATE =
            "{\"index\":1,\"url\":\"https://market.example/item/1002\",\"listingId\":\"1002\","
                    + "\"status\":\"DUPLICATE\",\"reason\":\"DUPLICATE\",\"duplicateOf\":3,"
                    + "\"duplicateOfNotice\":\"ntc_01kb4r2hq0z9y8x7w6v5t4s3r2\",\"decidedBy\":\"AUTO\","
                    + "\"decidedAt\":\"2026-11-28T15:31:07.250Z\",\"rule\":\"DUPLICATE_NOTICE\"}";
    private static final String ITEMS_2_AND_3 =
            "{\"index\":2,\"url\":\"https://other-shop.example/item/77\",\"listingId\":null,"
                    + "\"status\":\"REJECTED\",\"reason\":\"OFF_PLATFORM\",\"decidedBy\":\"AUTO\","
                    + "\"decidedAt\":\"2026-11-28T15:30:00.000Z\",\"rule\":\"LISTING_URL\"},{\"index\":3,"
                    + "\"url\":\"https://market.example/item/1008\",\"listingId\":\"1008\","
                    + "\"status\":\"REJECTED\",\"reason\":\"NOT_INFRINGING\",\"decidedBy\":\"STAFF\","
                    + "\"decidedAt\":\"2026-11-28T15:42:00.000Z\",\"rule\":\"STAFF_DECISION\"}";
    /**
     * The cursor after the first two items: the store's cursor (here the in-memory store's "1"), base64url, and
     * the HMAC-SHA256 of it and of the listing it continues, under the tests' key.
     */
    private static final String NEXT_ITEMS_CURSOR = "MQ.JBndlC1miQwHEQjB9EKI9Mo7f-4I-TbDY8qPTTl1AcU";
    private static final String ITEMS =
            "[{\"index\":0,\"url\":\"https://market.example/item/1001\",\"listingId\":\"1001\","
                    + "\"status\":\"ACTIONED\",\"reason\":null,\"decidedBy\":\"AUTO\","
                    + "\"decidedAt\":\"2026-11-28T15:31:07.250Z\",\"rule\":\"BRAND_MATCH\"},"
                    + ITEM_1_DUPLICATE + "," + ITEMS_2_AND_3
                    + ",{\"index\":4,\"url\":\"https://market.example/item/1005\",\"listingId\":\"1005\","
                    + "\"status\":\"RECEIVED\",\"reason\":null}]";

    private static final String NOTICE_ID = FormatSamples.NOTICE_ID;
    /** The id the sample submission gets: fixed through a stale claim of its Idempotency-Key (see submit). */
    private static final String SUBMITTED_ID = "ntc_01kb6s8mz0p0s7e8d9a0c1k2e3";
    private static final String JSON = "{\"Content-Type\":\"application/json\"}";

    private final InMemoryNoticeStore notices = new InMemoryNoticeStore();
    private final InMemoryDeliveryStore deliveries = new InMemoryDeliveryStore();
    private final InMemoryIdempotencyStore idempotency = new InMemoryIdempotencyStore();
    private final InMemoryFiguresStore figures = new InMemoryFiguresStore();
    private final InMemoryRightholderStore rightholders = new InMemoryRightholderStore().with(FormatSamples.ACME);
    private final InMemoryTrustStore trust = new InMemoryTrustStore(rightholders);
    private final IntakeHandler handler = new IntakeHandler(
            Fixtures.intake(notices, idempotency, new RecordingQueue(), Fixtures.clock()),
            new NoticeQueries(notices, deliveries, Fixtures.CURSORS), Fixtures.reports(figures, rightholders, trust));

    /** acme's two notices, and the webhook deliveries of the newer one: two retries, then delivered. */
    @BeforeEach
    void acmesNotices() {
        notices.saveNew(FormatSamples.earlierNotice(), List.of());
        notices.saveNew(FormatSamples.notice(), FormatSamples.items());
        String webhookId = Notifications.noticeReceived(NOTICE_ID, FormatSamples.RECEIVED_AT).id();
        String url = "https://hooks.acme.example/takedowns";
        Instant at = FormatSamples.RECEIVED_AT.plusSeconds(1);
        deliveries.record(new DeliveryAttempt(NOTICE_ID, webhookId, EventType.NOTICE_RECEIVED,
                DeliveryAttempt.Target.RIGHTHOLDER, "acme", url, 1, DeliveryAttempt.Status.RETRYING, 503, null, at,
                at.plusSeconds(30)));
        // The seller's webhook is not the rightholder's to see.
        deliveries.record(new DeliveryAttempt(NOTICE_ID, "msg_5b0e2c8a9d7f41e3a6c4b2d0e8f7a913",
                EventType.LISTING_RESTRICTED, DeliveryAttempt.Target.SELLER, "seller-fake",
                "https://hooks.deals.example/", 1, DeliveryAttempt.Status.DELIVERED, 204, null, at, null));
        deliveries.record(new DeliveryAttempt(NOTICE_ID, webhookId, EventType.NOTICE_RECEIVED,
                DeliveryAttempt.Target.RIGHTHOLDER, "acme", url, 2, DeliveryAttempt.Status.RETRYING, null,
                "SocketTimeoutException: Read timed out", at.plusSeconds(30), at.plusSeconds(150)));
        deliveries.record(new DeliveryAttempt(NOTICE_ID, webhookId, EventType.NOTICE_RECEIVED,
                DeliveryAttempt.Target.RIGHTHOLDER, "acme", url, 3, DeliveryAttempt.Status.DELIVERED, 204, null,
                at.plusSeconds(150), null));
    }

    @Test
    void getNoticeAnswersTheNoticeWithItsItems() throws Exception {
        assertAnswer(invoke(get("/v1/notices/{id}", NOTICE_ID, Map.of())), 200, JSON,
                "{\"id\":\"ntc_01kb6s8mz0a1b2c3d4e5f6g7h8\",\"status\":\"IN_PROGRESS\","
                        + "\"rightId\":\"tm-acme-us\",\"reason\":\"COUNTERFEIT\",\"receivedAt\":\"2026-11-28T15:"
                        + "30:00.000Z\",\"itemCount\":5,\"openItemCount\":1,\"outcome\":null,"
                        + "\"completedAt\":null,\"links\":{\"self\":\"/v1/notices/ntc_01kb6s8mz0a1b2c3d4e5f6g7h8"
                        + "\",\"items\":\"/v1/notices/ntc_01kb6s8mz0a1b2c3d4e5f6g7h8/items\"},"
                        + "\"explanation\":\"Counterfeit ACME goods — the \\\"ACME\\\" logo is misprinted; vendu"
                        + " à 29,90 €.\",\"sender\":{\"name\":\"Jane Doe\",\"email\":\"legal@acme.example\"},"
                        + "\"signature\":\"Jane Doe\",\"evidence\":[{\"url\":\"https://evidence.acme.example/sho"
                        + "ts/1001.png\",\"sha256\":\"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0"
                        + "f00a08\",\"kind\":\"SCREENSHOT\"}],\"items\":"
                        + ITEMS
                        + ",\"nextItemsCursor\":null}");
    }

    @Test
    void getItemsAnswersAPageOfItems() throws Exception {
        assertAnswer(invoke(get("/v1/notices/{id}/items", NOTICE_ID, Map.of())), 200, JSON,
                "{\"noticeId\":\"ntc_01kb6s8mz0a1b2c3d4e5f6g7h8\",\"items\":"
                        + ITEMS
                        + ",\"nextCursor\":null}");
        assertAnswer(invoke(get("/v1/notices/{id}/items", NOTICE_ID, Map.of("limit", "2"))), 200, JSON,
                "{\"noticeId\":\"ntc_01kb6s8mz0a1b2c3d4e5f6g7h8\",\"items\":[{\"index\":0,"
                        + "\"url\":\"https://market.example/item/1001\",\"listingId\":\"1001\","
                        + "\"status\":\"ACTIONED\",\"reason\":null,\"decidedBy\":\"AUTO\","
                        + "\"decidedAt\":\"2026-11-28T15:31:07.250Z\",\"rule\":\"BRAND_MATCH\"},"
                        + ITEM_1_DUPLICATE
                        + "],\"nextCursor\":\"" + NEXT_ITEMS_CURSOR + "\"}");
        assertAnswer(invoke(get("/v1/notices/{id}/items", NOTICE_ID, Map.of("limit", "2", "cursor",
                NEXT_ITEMS_CURSOR))), 200, JSON, "{\"noticeId\":\"ntc_01kb6s8mz0a1b2c3d4e5f6g7h8\",\"items\":["
                        + ITEMS_2_AND_3 + "],\"nextCursor\":\"Mw.K7sEtRBXjr3f3o0OQtjL-0bkRaZd0FJ4ZDtOwz7hd50\"}");
        assertAnswer(invoke(get("/v1/notices/{id}/items", NOTICE_ID, Map.of("status", "REJECTED"))), 200, JSON,
                "{\"noticeId\":\"ntc_01kb6s8mz0a1b2c3d4e5f6g7h8\",\"items\":[" + ITEMS_2_AND_3 + "],"
                        + "\"nextCursor\":null}");
    }

    @Test
    void getNoticesAnswersTheCallersNoticesNewestFirst() throws Exception {
        assertAnswer(invoke(get("/v1/notices", null, Map.of())), 200, JSON,
                "{\"notices\":[{\"id\":\"ntc_01kb6s8mz0a1b2c3d4e5f6g7h8\",\"status\":\"IN_PROGRESS\","
                        + "\"rightId\":\"tm-acme-us\",\"reason\":\"COUNTERFEIT\","
                        + "\"receivedAt\":\"2026-11-28T15:30:00.000Z\",\"itemCount\":5,\"openItemCount\":1,"
                        + "\"outcome\":null,\"completedAt\":null,\"links\":{"
                        + "\"self\":\"/v1/notices/ntc_01kb6s8mz0a1b2c3d4e5f6g7h8\","
                        + "\"items\":\"/v1/notices/ntc_01kb6s8mz0a1b2c3d4e5f6g7h8/items\"}},{"
                        + "\"id\":\"ntc_01kb4r2hq0z9y8x7w6v5t4s3r2\",\"status\":\"COMPLETED\","
                        + "\"rightId\":\"tm-acme-us\",\"reason\":\"TRADEMARK\","
                        + "\"receivedAt\":\"2026-11-20T09:00:00.000Z\",\"itemCount\":4,\"openItemCount\":0,"
                        + "\"outcome\":\"PARTIAL\",\"completedAt\":\"2026-11-20T09:01:00.000Z\",\"links\":{"
                        + "\"self\":\"/v1/notices/ntc_01kb4r2hq0z9y8x7w6v5t4s3r2\","
                        + "\"items\":\"/v1/notices/ntc_01kb4r2hq0z9y8x7w6v5t4s3r2/items\"}}],\"nextCursor\":null}");
    }

    @Test
    void getDeliveriesAnswersTheRightholdersWebhookAttempts() throws Exception {
        assertAnswer(invoke(get("/v1/notices/{id}/deliveries", NOTICE_ID, Map.of())), 200, JSON,
                "{\"noticeId\":\"ntc_01kb6s8mz0a1b2c3d4e5f6g7h8\",\"deliveries\":[{"
                        + "\"webhookId\":\"msg_8447f276c470091fcdc13c444e229bf9\",\"type\":\"notice.received\","
                        + "\"url\":\"https://hooks.acme.example/takedowns\",\"attempt\":1,\"outcome\":\"RETRYING\","
                        + "\"httpStatus\":503,\"error\":null,\"attemptedAt\":\"2026-11-28T15:30:01.000Z\","
                        + "\"nextAttemptAt\":\"2026-11-28T15:30:31.000Z\"},{"
                        + "\"webhookId\":\"msg_8447f276c470091fcdc13c444e229bf9\",\"type\":\"notice.received\","
                        + "\"url\":\"https://hooks.acme.example/takedowns\",\"attempt\":2,\"outcome\":\"RETRYING\","
                        + "\"httpStatus\":null,\"error\":\"SocketTimeoutException: Read timed out\","
                        + "\"attemptedAt\":\"2026-11-28T15:30:31.000Z\","
                        + "\"nextAttemptAt\":\"2026-11-28T15:32:31.000Z\"},{"
                        + "\"webhookId\":\"msg_8447f276c470091fcdc13c444e229bf9\",\"type\":\"notice.received\","
                        + "\"url\":\"https://hooks.acme.example/takedowns\",\"attempt\":3,\"outcome\":\"DELIVERED\","
                        + "\"httpStatus\":204,\"error\":null,\"attemptedAt\":\"2026-11-28T15:32:31.000Z\","
                        + "\"nextAttemptAt\":null}],\"nextCursor\":null}");
    }

    /** acme's figures and record of the sample notice: one takedown, a duplicate, two rejections (one by staff). */
    @Test
    void getSummaryAnswersTheRightholdersFiguresAndWhereItStandsAgainstTrusted() throws Exception {
        Figures.Builder own = Figures.builder().count(Figures.noticesByReason(NoticeReason.COUNTERFEIT));
        FormatSamples.items().stream().filter(item -> item.decision() != null).forEach(item -> own.decided(item,
                Duration.between(FormatSamples.RECEIVED_AT, item.decision().decidedAt())));
        figures.add("acme", LocalDate.parse("2026-11-28"), own.build());
        trust.addCounts("acme", LocalDate.parse("2026-11-28"), new TrustCounts(2, 1, 1, 0, 0));

        assertAnswer(invoke(get("/v1/reports/summary", null, Map.of("from", "2026-11-01", "to", "2026-11-30"))), 200,
                JSON, "{\"rightholderId\":\"acme\",\"from\":\"2026-11-01\",\"to\":\"2026-11-30\","
                        + "\"items\":{\"decided\":4,\"byOutcome\":{\"ACTIONED\":1,\"REJECTED\":2,\"DUPLICATE\":1,"
                        + "\"NOT_FOUND\":0,\"ALREADY_REMOVED\":0},\"actioned\":1,"
                        + "\"medianTimeToDecisionSeconds\":71.501},\"noticesByReason\":{\"COUNTERFEIT\":1,"
                        + "\"TRADEMARK\":0,\"COPYRIGHT\":0,\"DESIGN\":0,\"PATENT\":0},\"counterNotices\":{"
                        + "\"filed\":0,\"upheld\":0,\"restored\":{\"accepted\":0,\"unanswered\":0,\"total\":0}},"
                        + "\"complaintsAgainstTakedowns\":{\"filed\":0,\"upheld\":0,\"reversed\":0},"
                        + "\"takedownsReversed\":0,\"reversalRate\":0.0000,\"trust\":{\"tier\":\"STANDARD\","
                        + "\"record\":{\"from\":\"2026-08-31\",\"to\":\"2026-11-28\",\"windowDays\":90,"
                        + "\"decided\":2,\"actioned\":1,\"unfounded\":1,\"reversed\":0,\"confirmed\":0,"
                        + "\"rejected\":1,\"decisionsThatStand\":1},\"eligible\":false,\"missing\":["
                        + "\"49 more decisions that stand (takedowns confirmed by staff or past their dispute window,"
                        + " rejections, reversals): 1 of 50\",\"takedowns confirmed: 0 of 1 decisions that stand,"
                        + " at least 90% needed\"],\"trustedBar\":[\"at least 50 decisions that stand in the last 90"
                        + " days (takedowns confirmed by staff or past their dispute window, rejections, reversals):"
                        + " 1 now\",\"at least 90% of them takedowns confirmed: 0 of 1 now\",\"at most 5% of them"
                        + " takedowns reversed (undone on a counter-notice or complaint, or withdrawn): 0 of 1"
                        + " now\"]}}");
    }

    private static final String ACCEPTED =
            "{\"id\":\"ntc_01kb6s8mz0p0s7e8d9a0c1k2e3\",\"status\":\"RECEIVED\","
                    + "\"rightId\":\"tm-acme-us\",\"reason\":\"COUNTERFEIT\","
                    + "\"receivedAt\":\"2026-11-28T15:30:00.000Z\",\"itemCount\":6,\"openItemCount\":3,"
                    + "\"outcome\":null,\"completedAt\":null,\"links\":{"
                    + "\"self\":\"/v1/notices/ntc_01kb6s8mz0p0s7e8d9a0c1k2e3\","
                    + "\"items\":\"/v1/notices/ntc_01kb6s8mz0p0s7e8d9a0c1k2e3/items\"},\"items\":[{\"index\":0,"
                    + "\"url\":\"https://market.example/item/1001\",\"listingId\":\"1001\",\"status\":\"RECEIVED\","
                    + "\"reason\":null},{\"index\":1,\"url\":null,\"listingId\":\"1002\",\"status\":\"RECEIVED\","
                    + "\"reason\":null},{\"index\":2,\"url\":\"https://m.market.example/item/1003\","
                    + "\"listingId\":\"1003\",\"status\":\"RECEIVED\",\"reason\":null},{\"index\":3,"
                    + "\"url\":\"https://market.example/item.htm?id=1001\",\"listingId\":\"1001\","
                    + "\"status\":\"DUPLICATE\",\"reason\":\"DUPLICATE\",\"duplicateOf\":0,\"decidedBy\":\"AUTO\","
                    + "\"decidedAt\":\"2026-11-28T15:30:00.000Z\",\"rule\":\"DUPLICATE_IN_NOTICE\"},{\"index\":4,"
                    + "\"url\":\"https://other-shop.example/item/77\",\"listingId\":null,\"status\":\"REJECTED\","
                    + "\"reason\":\"OFF_PLATFORM\",\"decidedBy\":\"AUTO\","
                    + "\"decidedAt\":\"2026-11-28T15:30:00.000Z\",\"rule\":\"LISTING_URL\"},{\"index\":5,"
                    + "\"url\":\"ftp://market.example/item/5\",\"listingId\":null,\"status\":\"REJECTED\","
                    + "\"reason\":\"INVALID_URL\",\"decidedBy\":\"AUTO\",\"decidedAt\":\"2026-11-28T15:30:00.000Z\","
                    + "\"rule\":\"LISTING_URL\"}]}";

    /** The sample submission: every line accounted for; the same request again is a replay of the same answer. */
    @Test
    void postNoticeAnswers202WithEveryLine() throws Exception {
        String sample = Events.load("intake-submit-notice.json");
        // A first attempt that claimed the key and stopped: this request takes the claim over, and with it the id.
        String body = Json.parse(sample).path("body").asText();
        idempotency.put(new IdempotencyStore.Entry("acme", "acme-2026-11-28-0001",
                new SubmissionParser(1000).parse(body).contentHash(), SUBMITTED_ID, IdempotencyStore.State.IN_PROGRESS,
                Fixtures.NOW.plusSeconds(3600), Fixtures.NOW.minusSeconds(1)));

        assertAnswer(invoke(sample), 202,
                "{\"Content-Type\":\"application/json\","
                        + "\"Location\":\"/v1/notices/ntc_01kb6s8mz0p0s7e8d9a0c1k2e3\"}",
                ACCEPTED);
        assertAnswer(invoke(sample), 202,
                "{\"Content-Type\":\"application/json\","
                        + "\"Location\":\"/v1/notices/ntc_01kb6s8mz0p0s7e8d9a0c1k2e3\","
                        + "\"Idempotent-Replayed\":\"true\"}",
                ACCEPTED);
    }

    @Test
    void anUnknownNoticeIsAProblem() throws Exception {
        assertAnswer(invoke(get("/v1/notices/{id}", "ntc_01kb6s8mz0zzzzzzzzzzzzzzzz", Map.of())), 404,
                "{\"Content-Type\":\"application/problem+json\"}",
                "{\"type\":\"https://takedown.dev/problems/not-found\",\"title\":\"Not Found\","
                        + "\"status\":404,\"detail\":\"No notice ntc_01kb6s8mz0zzzzzzzzzzzzzzzz of yours exists.\","
                        + "\"errors\":[]}");
    }

    /** A seller's key on a notices route: API Gateway's own answer on a path it has no route for, word for word. */
    @Test
    void aSellerIsAnsweredAsOnAnUnknownRoute() throws Exception {
        ObjectNode event = (ObjectNode) Json.parse(get("/v1/notices/{id}", NOTICE_ID, Map.of()));
        event.withObjectProperty("requestContext").set("authorizer", Json.object().put("principalId", "seller-fake")
                .put("principalType", "SELLER").put("sellerId", "seller-fake"));
        assertAnswer(invoke(Json.write(event)), 404, "{\"Content-Type\":\"application/problem+json\"}",
                "{\"type\":\"https://takedown.dev/problems/not-found\",\"title\":\"Not Found\",\"status\":404,"
                        + "\"detail\":\"No such route.\",\"errors\":[]}");
    }

    /** The proxy response as API Gateway reads it: these four fields, in this order, and nothing else. */
    private static void assertAnswer(String response, int status, String headers, String body) throws Exception {
        JsonNode answer = Json.parse(response);
        assertThat(answer.path("statusCode").asInt()).isEqualTo(status);
        assertThat(Json.write(answer.path("headers"))).isEqualTo(headers);
        assertThat(answer.path("body").asText()).isEqualTo(body);
        assertThat(response).isEqualTo("{\"statusCode\":" + status + ",\"headers\":" + headers + ",\"body\":"
                + Json.write(TextNode.valueOf(body)) + ",\"isBase64Encoded\":false}");
    }

    private String invoke(String event) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out, null);
        return out.toString(StandardCharsets.UTF_8);
    }

    /** A GET by acme, as API Gateway passes it on. */
    private static String get(String resource, String id, Map<String, String> query) {
        ObjectNode event = Json.object().put("resource", resource)
                .put("path", resource.replace("{id}", id == null ? "" : id)).put("httpMethod", "GET");
        event.putObject("headers").put("Accept", "application/json");
        if (query.isEmpty()) {
            event.putNull("queryStringParameters");
        } else {
            ObjectNode parameters = event.putObject("queryStringParameters");
            query.forEach(parameters::put);
        }
        if (id == null) {
            event.putNull("pathParameters");
        } else {
            event.putObject("pathParameters").put("id", id);
        }
        event.putObject("requestContext").putObject("authorizer")
                .put("principalId", "acme").put("rightholderId", "acme");
        event.putNull("body");
        return Json.write(event);
    }
}
