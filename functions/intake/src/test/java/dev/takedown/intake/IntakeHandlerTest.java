package dev.takedown.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.takedown.core.events.Notifications;
import dev.takedown.core.intake.NoticeQueries;
import dev.takedown.core.json.Json;
import dev.takedown.core.model.DeliveryAttempt;
import dev.takedown.core.model.EventType;
import dev.takedown.core.model.NotificationEvent;
import dev.takedown.core.ports.DependencyException;
import dev.takedown.core.testing.EmfLines;
import dev.takedown.core.testing.Events;
import dev.takedown.core.model.Notice;
import dev.takedown.core.testing.Fixtures;
import dev.takedown.core.testing.FormatSamples;
import dev.takedown.core.model.Rightholder;
import dev.takedown.core.model.RightholderTrust;
import dev.takedown.core.model.Tier;
import dev.takedown.core.model.TrustCounts;
import dev.takedown.core.testing.InMemoryDeliveryStore;
import dev.takedown.core.testing.InMemoryFiguresStore;
import dev.takedown.core.testing.InMemoryIdempotencyStore;
import dev.takedown.core.testing.InMemoryNoticeStore;
import dev.takedown.core.testing.InMemoryRightholderStore;
import dev.takedown.core.testing.InMemoryTrustStore;
import dev.takedown.core.testing.RecordingQueue;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import org.junit.jupiter.api.Test;

class IntakeHandlerTest {
    private final InMemoryNoticeStore notices = new InMemoryNoticeStore();
    private final InMemoryDeliveryStore deliveries = new InMemoryDeliveryStore();
    private final RecordingQueue queue = new RecordingQueue();
    private final InMemoryFiguresStore figures = new InMemoryFiguresStore();
    private final InMemoryRightholderStore rightholders = new InMemoryRightholderStore();
    private final InMemoryTrustStore trust = new InMemoryTrustStore(rightholders);
    private final IntakeHandler handler = new IntakeHandler(
            Fixtures.intake(notices, new InMemoryIdempotencyStore(), queue, figures, Fixtures.clock()),
            new NoticeQueries(notices, deliveries, Fixtures.CURSORS), Fixtures.reports(figures, rightholders, trust));

    private JsonNode invoke(String event) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out, null);
        return Json.parse(out.toString(StandardCharsets.UTF_8));
    }

    private static JsonNode body(JsonNode response) throws Exception {
        return Json.parse(response.path("body").asText());
    }

    private static ObjectNode event(String name) throws Exception {
        return (ObjectNode) Json.parse(Events.load(name));
    }

    private JsonNode submitSample() throws Exception {
        return invoke(Events.load("intake-submit-notice.json"));
    }

    /** A request for the OpenAPI document as API Gateway hands it on: no authorizer ran, no key was sent. */
    private static ObjectNode openApiDocumentRequest(String method) throws Exception {
        ObjectNode request = event("intake-get-notice.json");
        request.put("resource", "/openapi.json").put("path", "/openapi.json").put("httpMethod", method);
        request.putNull("pathParameters");
        ((ObjectNode) request.path("headers")).remove("Authorization");
        ((ObjectNode) request.path("multiValueHeaders")).remove("Authorization");
        ObjectNode context = (ObjectNode) request.path("requestContext");
        context.put("resourcePath", "/openapi.json").put("httpMethod", method);
        context.remove("authorizer");
        return request;
    }

    @Test
    void theOpenApiDocumentIsServedWithoutAKeyAsJsonEqualToTheYamlDocument() throws Exception {
        JsonNode response = invoke(openApiDocumentRequest("GET").toString());

        assertThat(response.path("statusCode").asInt()).isEqualTo(200);
        assertThat(response.path("headers").path("Content-Type").asText()).isEqualTo("application/json");
        assertThat(response.path("headers").path("Cache-Control").asText()).isEqualTo("public, max-age=3600");
        JsonNode served = body(response);
        JsonNode written = new ObjectMapper(new YAMLFactory()).readTree(Path.of("../../infra/api/openapi.yaml").toFile());
        assertThat(served).isEqualTo(written);
        assertThat(served.path("paths").path("/openapi.json").path("get").path("security")).isEmpty();
    }

    @Test
    void otherMethodsOnTheOpenApiDocumentAre405() throws Exception {
        JsonNode response = invoke(openApiDocumentRequest("POST").toString());

        assertThat(response.path("statusCode").asInt()).isEqualTo(405);
        assertThat(response.path("headers").path("Allow").asText()).isEqualTo("GET");
        assertThat(response.path("headers").path("Content-Type").asText()).isEqualTo("application/problem+json");
    }

    @Test
    void submittingTheSampleNoticeAnswers202WithEveryLineAccountedFor() throws Exception {
        JsonNode response = submitSample();

        assertThat(response.path("statusCode").asInt()).isEqualTo(202);
        JsonNode body = body(response);
        String id = body.path("id").asText();
        assertThat(response.path("headers").path("Location").asText()).isEqualTo("/v1/notices/" + id);
        assertThat(response.path("headers").path("Content-Type").asText()).isEqualTo("application/json");
        assertThat(body.path("status").asText()).isEqualTo("RECEIVED");
        assertThat(body.path("receivedAt").asText()).isEqualTo("2026-11-28T15:30:00.000Z");
        JsonNode items = body.path("items");
        assertThat(items).hasSize(6);
        assertThat(items.get(0).path("url").asText()).isEqualTo("https://market.example/item/1001");
        assertThat(items.get(0).path("listingId").asText()).isEqualTo("1001");
        assertThat(items.get(0).path("status").asText()).isEqualTo("RECEIVED");
        assertThat(items.get(0).path("reason").isNull()).isTrue();
        assertThat(items.get(2).path("url").asText()).isEqualTo("https://m.market.example/item/1003");
        assertThat(items.get(3).path("status").asText()).isEqualTo("DUPLICATE");
        assertThat(items.get(3).path("duplicateOf").asInt()).isZero();
        assertThat(items.get(4).path("reason").asText()).isEqualTo("OFF_PLATFORM");
        assertThat(items.get(5).path("reason").asText()).isEqualTo("INVALID_URL");
        assertThat(queue.itemsQueuedFor(id)).containsExactly(0, 1, 2);
    }

    @Test
    void replayingTheSampleWithItsIdempotencyKeyReturnsTheSameNotice() throws Exception {
        String first = body(submitSample()).path("id").asText();
        JsonNode again = submitSample();

        assertThat(again.path("statusCode").asInt()).isEqualTo(202);
        assertThat(again.path("headers").path("Idempotent-Replayed").asText()).isEqualTo("true");
        assertThat(body(again).path("id").asText()).isEqualTo(first);
        assertThat(notices.size()).isEqualTo(1);
    }

    @Test
    void aSubmittedNoticeWritesItsMetricsOnceAndItsReplayWritesNone() throws Exception {
        EmfLines first = EmfLines.capture(this::submitSample);
        EmfLines replay = EmfLines.capture(this::submitSample);

        assertThat(first.problems()).isEmpty();
        assertThat(first.sum("NoticesReceived", "Reason", "COUNTERFEIT")).isEqualTo(1);
        assertThat(first.sum("ItemsDecided", "Status", "DUPLICATE", "DecidedBy", "AUTOMATED")).isEqualTo(1);
        assertThat(first.sum("ItemsDecided", "Status", "REJECTED", "DecidedBy", "AUTOMATED")).isEqualTo(2);
        assertThat(first.documents()).hasSize(3);
        assertThat(replay.documents()).isEmpty();
    }

    @Test
    void readsTheNoticeBackWithItsItems() throws Exception {
        String id = body(submitSample()).path("id").asText();
        ObjectNode get = event("intake-get-notice.json");
        get.put("path", "/v1/notices/" + id);
        get.withObjectProperty("pathParameters").put("id", id);

        JsonNode response = invoke(get.toString());
        assertThat(response.path("statusCode").asInt()).isEqualTo(200);
        JsonNode notice = body(response);
        assertThat(notice.path("id").asText()).isEqualTo(id);
        assertThat(notice.path("sender").path("email").asText()).isEqualTo("legal@acme.example");
        assertThat(notice.path("evidence").get(0).path("kind").asText()).isEqualTo("SCREENSHOT");
        assertThat(notice.path("items")).hasSize(6);
        assertThat(notice.path("nextItemsCursor").isNull()).isTrue();

        ObjectNode items = event("intake-list-notice-items.json");
        items.withObjectProperty("pathParameters").put("id", id);
        JsonNode page = body(invoke(items.toString()));
        assertThat(page.path("items")).extracting(i -> i.path("index").asInt()).containsExactly(0, 1, 2);
    }

    @Test
    void listsTheCallersNotices() throws Exception {
        String id = body(submitSample()).path("id").asText();
        JsonNode list = body(invoke(Events.load("intake-list-notices.json")));
        assertThat(list.path("notices")).extracting(n -> n.path("id").asText()).containsExactly(id);
        assertThat(list.path("nextCursor").isNull()).isTrue();
    }

    @Test
    void anotherRightholdersNoticeIsNotFound() throws Exception {
        String id = body(submitSample()).path("id").asText();
        ObjectNode get = event("intake-get-notice.json");
        get.withObjectProperty("pathParameters").put("id", id);
        get.withObjectProperty("requestContext").withObjectProperty("authorizer").put("rightholderId", "globex").put("principalId", "globex");

        JsonNode response = invoke(get.toString());
        assertThat(response.path("statusCode").asInt()).isEqualTo(404);
        assertThat(response.path("headers").path("Content-Type").asText()).isEqualTo("application/problem+json");
        assertThat(body(response).path("status").asInt()).isEqualTo(404);
    }

    @Test
    void listsTheDeliveriesOfTheCallersNoticeOnly() throws Exception {
        String id = body(submitSample()).path("id").asText();
        NotificationEvent event = Notifications.noticeReceived(id, Fixtures.NOW);
        deliveries.record(new DeliveryAttempt(id, event.id(), EventType.NOTICE_RECEIVED, DeliveryAttempt.Target.RIGHTHOLDER,
                "acme", "https://hooks.acme.example/", 1, DeliveryAttempt.Status.RETRYING, 500, null, Fixtures.NOW,
                Fixtures.NOW.plusSeconds(10)));
        deliveries.record(new DeliveryAttempt(id, "msg_seller", EventType.LISTING_RESTRICTED, DeliveryAttempt.Target.SELLER,
                "seller-fake", "https://hooks.deals.example/", 1, DeliveryAttempt.Status.DELIVERED, 204, null,
                Fixtures.NOW, null));
        ObjectNode list = event("intake-list-notice-deliveries.json");
        list.withObjectProperty("pathParameters").put("id", id);

        JsonNode response = invoke(list.toString());
        assertThat(response.path("statusCode").asInt()).isEqualTo(200);
        JsonNode page = body(response);
        assertThat(page.path("deliveries")).singleElement().satisfies(d -> {
            assertThat(d.path("webhookId").asText()).isEqualTo(event.id());
            assertThat(d.path("type").asText()).isEqualTo("notice.received");
            assertThat(d.path("outcome").asText()).isEqualTo("RETRYING");
            assertThat(d.path("httpStatus").asInt()).isEqualTo(500);
            assertThat(d.path("nextAttemptAt").asText()).isEqualTo("2026-11-28T15:30:10.000Z");
        });
        assertThat(page.path("nextCursor").isNull()).isTrue();

        list.withObjectProperty("requestContext").withObjectProperty("authorizer").put("rightholderId", "globex");
        assertThat(invoke(list.toString()).path("statusCode").asInt()).isEqualTo(404);
        list.put("httpMethod", "DELETE");
        assertThat(invoke(list.toString()).path("statusCode").asInt()).isEqualTo(405);
    }

    @Test
    void aMalformedNoticeIdIsNotFound() throws Exception {
        ObjectNode get = event("intake-get-notice.json");
        get.withObjectProperty("pathParameters").put("id", "../../etc");
        assertThat(invoke(get.toString()).path("statusCode").asInt()).isEqualTo(404);
    }

    @Test
    void wrongMethodIs405WithAllow() throws Exception {
        JsonNode response = invoke(Events.load("intake-wrong-method.json"));
        assertThat(response.path("statusCode").asInt()).isEqualTo(405);
        assertThat(response.path("headers").path("Allow").asText()).isEqualTo("GET");
        assertThat(body(response).path("title").asText()).isEqualTo("Method Not Allowed");
    }

    @Test
    void aNonJsonContentTypeIs415() throws Exception {
        ObjectNode post = event("intake-submit-notice.json");
        post.withObjectProperty("headers").put("Content-Type", "application/x-www-form-urlencoded");
        assertThat(invoke(post.toString()).path("statusCode").asInt()).isEqualTo(415);
        post.withObjectProperty("headers").put("Content-Type", "application/json; charset=utf-8");
        assertThat(invoke(post.toString()).path("statusCode").asInt()).isEqualTo(202);
    }

    @Test
    void aBase64EncodedBodyIsDecoded() throws Exception {
        ObjectNode post = event("intake-submit-notice.json");
        String raw = post.path("body").asText();
        post.put("body", java.util.Base64.getEncoder().encodeToString(raw.getBytes(StandardCharsets.UTF_8)));
        post.put("isBase64Encoded", true);
        assertThat(invoke(post.toString()).path("statusCode").asInt()).isEqualTo(202);
    }

    @Test
    void aSellersKeyFindsNoNoticesRouteAndIsAnsweredAsOnAnUnknownRoute() throws Exception {
        submitSample();
        int stored = notices.size();
        for (String sample : List.of("intake-submit-notice.json", "intake-list-notices.json", "intake-get-notice.json",
                "intake-list-notice-items.json", "intake-list-notice-deliveries.json", "intake-wrong-method.json",
                "intake-reports-summary.json")) {
            ObjectNode event = event(sample);
            // What the authorizer hands on for a seller's key: no rightholderId.
            event.withObjectProperty("requestContext").set("authorizer", Json.object().put("principalId", "seller-fake")
                    .put("principalType", "SELLER").put("sellerId", "seller-fake"));
            ObjectNode unknownRoute = event(sample);
            unknownRoute.put("resource", "/v1/nothing-here").put("path", "/v1/nothing-here");

            JsonNode response = invoke(event.toString());
            assertThat(response.path("statusCode").asInt()).as(sample).isEqualTo(404);
            assertThat(response).as(sample).isEqualTo(invoke(unknownRoute.toString()));
        }
        assertThat(notices.size()).isEqualTo(stored);
    }

    /** A summary request of {@code rightholderId} for the days {@code from} to {@code to} (null: left out). */
    private static ObjectNode summaryRequest(String rightholderId, String from, String to) throws Exception {
        ObjectNode request = event("intake-reports-summary.json");
        request.withObjectProperty("requestContext").withObjectProperty("authorizer").put("principalId", rightholderId)
                .put("rightholderId", rightholderId);
        ObjectNode query = request.putObject("queryStringParameters");
        if (from != null) {
            query.put("from", from);
        }
        if (to != null) {
            query.put("to", to);
        }
        return request;
    }

    @Test
    void theSummaryEventAnswersTheCallersOwnFiguresOfThePeriod() throws Exception {
        submitSample();
        JsonNode response = invoke(Events.load("intake-reports-summary.json"));

        assertThat(response.path("statusCode").asInt()).isEqualTo(200);
        assertThat(response.path("headers").path("Content-Type").asText()).isEqualTo("application/json");
        JsonNode summary = body(response);
        assertThat(summary.path("rightholderId").asText()).isEqualTo("acme");
        assertThat(summary.path("from").asText()).isEqualTo("2026-11-01");
        assertThat(summary.path("to").asText()).isEqualTo("2026-11-30");
        // The sample's lines settled at intake: one duplicate, two not listings of this marketplace.
        assertThat(summary.path("items").path("decided").asLong()).isEqualTo(3);
        assertThat(summary.path("items").path("byOutcome").path("DUPLICATE").asLong()).isEqualTo(1);
        assertThat(summary.path("items").path("byOutcome").path("REJECTED").asLong()).isEqualTo(2);
        assertThat(summary.path("noticesByReason").path("COUNTERFEIT").asLong()).isEqualTo(1);
        assertThat(summary.path("trust").path("tier").asText()).isEqualTo("STANDARD");

        JsonNode globex = body(invoke(summaryRequest("globex", "2026-11-01", "2026-11-30").toString()));
        assertThat(globex.path("rightholderId").asText()).isEqualTo("globex");
        assertThat(globex.path("items").path("decided").asLong()).as("acme's items are not globex's").isZero();
        assertThat(globex.path("noticesByReason").path("COUNTERFEIT").asLong()).isZero();
        JsonNode december = body(invoke(summaryRequest("acme", "2026-12-01", "2026-12-31").toString()));
        assertThat(december.path("items").path("decided").asLong()).as("another period").isZero();
    }

    @Test
    void badSummaryParametersAre400NamingEachAndChangeNothing() throws Exception {
        submitSample();
        int writes = figures.writes();
        int stored = notices.size();

        assertRefused(null, null, "from", "to");
        assertRefused("2026-11-01", null, "to");
        assertRefused("2026-11-01", "30/11/2026", "to");
        assertRefused("2026-11-31", "2026-12-01", "from");
        assertRefused(" 2026-11-01", "2026-11-30", "from");
        assertRefused("", "", "from", "to");
        assertRefused("2026-11-30", "2026-11-01", "to");
        assertRefused("2025-11-01", "2026-11-02", "to");
        assertThat(invoke(summaryRequest("acme", "2025-11-01", "2026-11-01").toString()).path("statusCode").asInt())
                .as("366 days").isEqualTo(200);
        assertThat(figures.writes()).isEqualTo(writes);
        assertThat(notices.size()).isEqualTo(stored);
    }

    private void assertRefused(String from, String to, String... fields) throws Exception {
        JsonNode response = invoke(summaryRequest("acme", from, to).toString());
        assertThat(response.path("statusCode").asInt()).as(from + ".." + to).isEqualTo(400);
        assertThat(response.path("headers").path("Content-Type").asText()).isEqualTo("application/problem+json");
        assertThat(body(response).path("errors").findValuesAsText("field")).as(from + ".." + to).containsExactly(fields);
    }

    @Test
    void otherMethodsOnTheSummaryAre405() throws Exception {
        ObjectNode post = event("intake-reports-summary.json");
        post.put("httpMethod", "POST");
        JsonNode response = invoke(post.toString());
        assertThat(response.path("statusCode").asInt()).isEqualTo(405);
        assertThat(response.path("headers").path("Allow").asText()).isEqualTo("GET");
    }

    @Test
    void aStandardRightholderSeesWhatItStillNeedsForTrusted() throws Exception {
        rightholders.with(new Rightholder("acme", "Acme Brands Inc.", "legal@acme.example", null));
        trust.addCounts("acme", LocalDate.parse("2026-11-20"), new TrustCounts(30, 28, 0, 0, 27));

        JsonNode standing = body(invoke(Events.load("intake-reports-summary.json"))).path("trust");

        assertThat(standing.path("tier").asText()).isEqualTo("STANDARD");
        assertThat(standing.path("record").path("decisionsThatStand").asLong()).isEqualTo(29);
        assertThat(standing.path("record").path("confirmed").asLong()).isEqualTo(27);
        assertThat(standing.path("eligible").asBoolean()).isFalse();
        assertThat(standing.path("missing")).singleElement().extracting(JsonNode::asText).asString()
                .startsWith("21 more decisions that stand").endsWith("29 of 50");
        assertThat(standing.path("trustedBar")).hasSize(3);
    }

    @Test
    void aTrustedRightholderSeesTheBarsItMustKeepMeetingAndNoStaffMember() throws Exception {
        rightholders.with(new Rightholder("acme", "Acme Brands Inc.", "legal@acme.example", null,
                RightholderTrust.INITIAL.next(Tier.TRUSTED, Fixtures.NOW, "staff-jane", true, null, null, null)));
        trust.addCounts("acme", LocalDate.parse("2026-11-20"), new TrustCounts(80, 78, 0, 1, 75));

        JsonNode response = invoke(Events.load("intake-reports-summary.json"));
        JsonNode standing = body(response).path("trust");

        assertThat(standing.path("tier").asText()).isEqualTo("TRUSTED");
        assertThat(standing.path("eligible").asBoolean()).as("keeps TRUSTED").isTrue();
        assertThat(standing.path("missing")).isEmpty();
        assertThat(standing.path("trustedBar")).extracting(JsonNode::asText).satisfiesExactly(
                bar -> assertThat(bar).startsWith("at least 50 decisions that stand").endsWith(": 78 now"),
                bar -> assertThat(bar).startsWith("at least 90% of them takedowns confirmed").endsWith("75 of 78 now"),
                bar -> assertThat(bar).startsWith("at most 5% of them takedowns reversed").endsWith("1 of 78 now"));
        assertThat(response.path("body").asText()).doesNotContain("staff-jane");
    }

    @Test
    void withoutAnAuthorizerContextNothingIsServed() throws Exception {
        ObjectNode post = event("intake-submit-notice.json");
        post.withObjectProperty("requestContext").remove("authorizer");
        assertThat(invoke(post.toString()).path("statusCode").asInt()).isEqualTo(401);
        post.withObjectProperty("requestContext").putObject("authorizer").put("integrationLatency", 12);
        assertThat(invoke(post.toString()).path("statusCode").asInt()).as("a context naming no principal").isEqualTo(401);
        assertThat(notices.size()).isZero();
    }

    @Test
    void aFailingDatabaseIs503WithRetryAfter() throws Exception {
        notices.failWrites = new DependencyException("table unavailable", null);
        JsonNode response = submitSample();
        assertThat(response.path("statusCode").asInt()).isEqualTo(503);
        assertThat(response.path("headers").path("Retry-After").asText()).isEqualTo("2");
    }

    @Test
    void badQueryParametersAre400() throws Exception {
        ObjectNode list = event("intake-list-notices.json");
        list.withObjectProperty("queryStringParameters").put("limit", "101");
        assertThat(body(invoke(list.toString())).path("errors").get(0).path("field").asText()).isEqualTo("limit");
        list.withObjectProperty("queryStringParameters").put("limit", "5").put("status", "DONE");
        assertThat(body(invoke(list.toString())).path("errors").get(0).path("field").asText()).isEqualTo("status");
        list.withObjectProperty("queryStringParameters").put("status", "RECEIVED").put("cursor", "not-a-cursor");
        JsonNode response = invoke(list.toString());
        assertThat(response.path("statusCode").asInt()).isEqualTo(400);
        assertThat(body(response).path("errors").get(0).path("field").asText()).isEqualTo("cursor");
    }

    @Test
    void aMediaTypeOtherThanJsonWithAtMostAUtf8CharsetIs415AndStoresNothing() throws Exception {
        ObjectNode post = event("intake-submit-notice.json");
        for (String refused : new String[] {"application/evil+json", "application/json; charset=utf-16",
                "application/json; charset=utf-8; profile=x", "application/json;", "application/jsonx", "text/json"}) {
            post.withObjectProperty("headers").put("Content-Type", refused);
            JsonNode response = invoke(post.toString());
            assertThat(response.path("statusCode").asInt()).as(refused).isEqualTo(415);
            assertThat(body(response).path("errors").get(0).path("field").asText()).isEqualTo("Content-Type");
        }
        post.withObjectProperty("headers").remove("Content-Type");
        assertThat(invoke(post.toString()).path("statusCode").asInt()).as("no Content-Type").isEqualTo(415);
        assertThat(notices.size()).isZero();
        post.withObjectProperty("headers").put("Content-Type", "Application/JSON ; Charset=\"UTF-8\"");
        assertThat(invoke(post.toString()).path("statusCode").asInt()).isEqualTo(202);
    }

    @Test
    void aBodyThatIsNotUtf8Is400AndStoresNothing() throws Exception {
        ObjectNode post = event("intake-submit-notice.json");
        byte[] body = post.path("body").asText().replace("Jane Doe", "Jane D#e").getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < body.length; i++) {
            if (body[i] == '#') {
                body[i] = (byte) 0xFF;
            }
        }
        post.put("body", Base64.getEncoder().encodeToString(body));
        post.put("isBase64Encoded", true);
        JsonNode response = invoke(post.toString());
        assertThat(response.path("statusCode").asInt()).isEqualTo(400);
        assertThat(body(response).path("errors").get(0).path("field").asText()).isEqualTo("body");
        assertThat(notices.size()).isZero();
    }

    @Test
    void aCursorServesOnlyTheListingThatHandedItOut() throws Exception {
        notices.saveNew(FormatSamples.earlierNotice(), java.util.List.of());
        notices.saveNew(FormatSamples.notice(), FormatSamples.items());
        for (String noticeId : new String[] {FormatSamples.NOTICE_ID, FormatSamples.EARLIER_NOTICE_ID}) {
            for (int attempt = 1; attempt <= 2; attempt++) {
                Instant at = Fixtures.NOW.plusSeconds(attempt);
                deliveries.record(new DeliveryAttempt(noticeId, "msg_" + "0".repeat(31) + attempt,
                        EventType.NOTICE_RECEIVED, DeliveryAttempt.Target.RIGHTHOLDER, "acme", "https://hooks.acme.example/",
                        attempt, DeliveryAttempt.Status.DELIVERED, 204, null, at, null));
            }
        }
        ObjectNode page = event("intake-list-notice-deliveries.json");
        page.withObjectProperty("pathParameters").put("id", FormatSamples.NOTICE_ID);
        page.withObjectProperty("queryStringParameters").put("limit", "1");
        String cursor = body(invoke(page.toString())).path("nextCursor").asText();
        page.withObjectProperty("queryStringParameters").put("cursor", cursor);
        assertThat(invoke(page.toString()).path("statusCode").asInt()).isEqualTo(200);

        page.withObjectProperty("pathParameters").put("id", FormatSamples.EARLIER_NOTICE_ID);
        assertBadCursor(invoke(page.toString()));
        ObjectNode items = event("intake-list-notice-items.json");
        items.withObjectProperty("pathParameters").put("id", FormatSamples.NOTICE_ID);
        items.withObjectProperty("queryStringParameters").put("cursor", cursor);
        assertBadCursor(invoke(items.toString()));
        String tampered = cursor.substring(0, cursor.indexOf('.')) + "x" + cursor.substring(cursor.indexOf('.'));
        page.withObjectProperty("pathParameters").put("id", FormatSamples.NOTICE_ID);
        page.withObjectProperty("queryStringParameters").put("cursor", tampered);
        assertBadCursor(invoke(page.toString()));
        page.withObjectProperty("queryStringParameters").put("cursor", "A".repeat(5000));
        assertBadCursor(invoke(page.toString()));
    }

    private static void assertBadCursor(JsonNode response) throws Exception {
        assertThat(response.path("statusCode").asInt()).isEqualTo(400);
        assertThat(body(response).path("errors").get(0).path("field").asText()).isEqualTo("cursor");
    }

    @Test
    void anotherRightholdersNoticeAndAStaffMembersIdAreNeverShown() throws Exception {
        Notice earlier = FormatSamples.earlierNotice();
        notices.saveNew(new Notice(earlier.id(), "globex", earlier.rightId(), earlier.reason(), earlier.explanation(),
                earlier.sender(), earlier.signature(), earlier.evidence(), earlier.status(), earlier.receivedAt(),
                earlier.itemCount(), earlier.progress(), earlier.outcome(), earlier.completedAt(), false), java.util.List.of());
        notices.saveNew(FormatSamples.notice(), FormatSamples.items());
        ObjectNode get = event("intake-get-notice.json");
        get.withObjectProperty("pathParameters").put("id", FormatSamples.NOTICE_ID);
        JsonNode response = invoke(get.toString());
        JsonNode items = body(response).path("items");
        assertThat(items.get(1).path("status").asText()).isEqualTo("DUPLICATE");
        assertThat(items.get(1).path("subjectOfAnotherNotice").asBoolean()).isTrue();
        assertThat(items.get(1).has("duplicateOf")).isFalse();
        assertThat(items.get(3).path("decidedBy").asText()).isEqualTo("STAFF");
        assertThat(response.path("body").asText()).doesNotContain(earlier.id()).doesNotContain("staff-jane");
    }

    @Test
    void aDatabaseThatRefusesOurRequestIs500NotRetryLater() throws Exception {
        notices.failWrites = DynamoDbException.builder().statusCode(400).message("key too long")
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("ValidationException").build()).build();
        JsonNode response = submitSample();
        assertThat(response.path("statusCode").asInt()).isEqualTo(500);
        assertThat(response.path("headers").has("Retry-After")).isFalse();
        assertThat(body(response).path("detail").asText()).doesNotContain("key too long");
    }

    @Test
    void aThrottlingOrUnreachableDatabaseIs503() throws Exception {
        notices.failWrites = ProvisionedThroughputExceededException.builder().statusCode(400)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("ProvisionedThroughputExceededException").build())
                .build();
        assertThat(submitSample().path("statusCode").asInt()).isEqualTo(503);
        notices.failWrites = SdkClientException.create("Unable to execute HTTP request",
                new IOException("Connection refused"));
        assertThat(submitSample().path("statusCode").asInt()).isEqualTo(503);
        notices.failWrites = DynamoDbException.builder().statusCode(500)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("InternalServerError").build()).build();
        assertThat(submitSample().path("statusCode").asInt()).isEqualTo(503);
    }
}
