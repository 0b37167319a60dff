package dev.takedown.redress;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.takedown.core.decisions.DecisionRecorder;
import dev.takedown.core.json.Json;
import dev.takedown.core.model.ItemStatus;
import dev.takedown.core.model.ListingStatus;
import dev.takedown.core.model.Notice;
import dev.takedown.core.model.NoticeItem;
import dev.takedown.core.ports.DependencyException;
import dev.takedown.core.redress.RedressFollowUp;
import dev.takedown.core.redress.RedressPolicy;
import dev.takedown.core.redress.RedressService;
import dev.takedown.core.testing.Events;
import dev.takedown.core.testing.Fixtures;
import dev.takedown.core.testing.FormatSamples;
import dev.takedown.core.testing.InMemoryAuditLog;
import dev.takedown.core.testing.InMemoryFiguresStore;
import dev.takedown.core.testing.InMemoryIdempotencyStore;
import dev.takedown.core.testing.InMemoryListingStore;
import dev.takedown.core.testing.InMemoryNoticeStore;
import dev.takedown.core.testing.InMemoryRightholderStore;
import dev.takedown.core.testing.InMemoryTrustStore;
import dev.takedown.core.testing.MovingClock;
import dev.takedown.core.testing.RecordingNotifications;
import dev.takedown.core.trust.SellerStandings;
import dev.takedown.core.trust.TrustPolicy;
import dev.takedown.core.trust.TrustService;
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

/** The redress routes over in-memory stores, driven by the sample events in events/. */
class RedressHandlerTest {
    private static final String NOTICE_ID = FormatSamples.NOTICE_ID;
    /** Monday, two days after the sample notice's takedown. */
    private static final Instant NOW = Instant.parse("2026-11-30T10:00:00.000Z");
    private static final List<String> ROUTE_SAMPLES = List.of("redress-list-takedowns.json", "redress-get-takedown.json",
            "redress-file-counter-notice.json", "redress-seller-complaint.json", "redress-respond-to-counter-notice.json",
            "redress-withdraw-notice.json", "redress-rightholder-complaint.json");
    private static final List<String> SELLER_SAMPLES = ROUTE_SAMPLES.subList(0, 4);

    private final MovingClock clock = new MovingClock(NOW);
    private final InMemoryNoticeStore notices = new InMemoryNoticeStore();
    private final InMemoryListingStore listings = new InMemoryListingStore().with(FormatSamples.SKATES);
    private final InMemoryIdempotencyStore idempotency = new InMemoryIdempotencyStore();
    private final RecordingNotifications notifications = new RecordingNotifications();
    private RedressService service;
    private RedressHandler handler;

    @BeforeEach
    void world() {
        InMemoryRightholderStore rightholders = new InMemoryRightholderStore().with(FormatSamples.ACME);
        InMemoryTrustStore trust = new InMemoryTrustStore(rightholders);
        InMemoryAuditLog audit = new InMemoryAuditLog();
        TrustService rightholderTrust = new TrustService(trust, rightholders, notifications, TrustPolicy.DEFAULTS, new InMemoryFiguresStore());
        RedressFollowUp followUp = new RedressFollowUp(notices, listings, trust, audit, notifications, rightholderTrust,
                new SellerStandings(trust, listings, notifications, TrustPolicy.DEFAULTS, new InMemoryFiguresStore()));
        service = new RedressService(notices, listings, Fixtures.RIGHT_STORE, rightholders, trust,
                new DecisionRecorder(notices, audit, notifications, rightholderTrust), followUp, RedressPolicy.DEFAULTS,
                new InMemoryFiguresStore(), clock);
        handler = new RedressHandler(service, idempotency, Fixtures.CURSORS, clock);
        // The sample notice: item 0 took seller-fake's listing 1001 down, item 3 was rejected, item 4 is open.
        notices.saveNew(FormatSamples.notice(), FormatSamples.items());
        listings.takeDown("1001", NOTICE_ID, 0, FormatSamples.DECIDED_AT);
        notices.recordTakedowns("seller-fake", FormatSamples.notice(), LocalDate.parse("2026-11-28"), List.of(0));
    }

    private JsonNode invoke(String event) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out, null);
        return Json.parse(out.toString(StandardCharsets.UTF_8));
    }

    private JsonNode invoke(ObjectNode event) throws Exception {
        return invoke(event.toString());
    }

    private static ObjectNode event(String name) throws Exception {
        return (ObjectNode) Json.parse(Events.load(name));
    }

    private static JsonNode body(JsonNode response) throws Exception {
        return Json.parse(response.path("body").asText());
    }

    private static int status(JsonNode response) {
        return response.path("statusCode").asInt();
    }

    private static ObjectNode withBody(ObjectNode event, JsonNode body) {
        return event.put("body", body.toString());
    }

    private static ObjectNode asSeller(ObjectNode event, String sellerId) {
        event.withObjectProperty("requestContext").set("authorizer", Json.object().put("principalId", sellerId)
                .put("principalType", "SELLER").put("sellerId", sellerId));
        return event;
    }

    private static ObjectNode asRightholder(ObjectNode event, String rightholderId) {
        event.withObjectProperty("requestContext").set("authorizer", Json.object().put("principalId", rightholderId)
                .put("principalType", "RIGHTHOLDER").put("rightholderId", rightholderId));
        return event;
    }

    private NoticeItem item(int index) {
        return notices.itemsAt(NOTICE_ID, List.of(index)).get(0);
    }

    @Test
    void aSellerFilesACounterNoticeOnItsTakedownAndTheListingStaysDownUntilTheAnswer() throws Exception {
        JsonNode response = invoke(Events.load("redress-file-counter-notice.json"));

        assertThat(status(response)).isEqualTo(201);
        assertThat(response.path("headers").path("Location").asText()).isEqualTo("/v1/takedowns/" + NOTICE_ID + "/0");
        JsonNode takedown = body(response);
        assertThat(takedown.path("noticeId").asText()).isEqualTo(NOTICE_ID);
        assertThat(takedown.path("index").asInt()).isZero();
        assertThat(takedown.path("status").asText()).isEqualTo("COUNTER_NOTICED");
        assertThat(takedown.path("statementOfReasons").path("listingId").asText()).isEqualTo("1001");
        // A COUNTERFEIT notice: 15 calendar days after the filing day, to the end of that day.
        assertThat(takedown.path("counterNotice").path("respondBy").asText()).isEqualTo("2026-12-16T00:00:00.000Z");
        assertThat(takedown.path("counterNotice").path("status").asText()).isEqualTo("OPEN");
        assertThat(item(0).status()).isEqualTo(ItemStatus.COUNTER_NOTICED);
        assertThat(listings.find("1001").orElseThrow().status()).isEqualTo(ListingStatus.REMOVED);
    }

    @Test
    void theSameKeyAndRequestIsAnsweredAgainAnotherRequestUnderItIs422() throws Exception {
        JsonNode first = invoke(Events.load("redress-file-counter-notice.json"));
        JsonNode again = invoke(Events.load("redress-file-counter-notice.json"));

        assertThat(status(again)).isEqualTo(201);
        assertThat(first.path("headers").has("Idempotent-Replayed")).isFalse();
        assertThat(again.path("headers").path("Idempotent-Replayed").asText()).isEqualTo("true");
        assertThat(body(again)).isEqualTo(body(first));

        ObjectNode other = event("redress-file-counter-notice.json");
        JsonNode filing = Json.parse(other.path("body").asText());
        ((ObjectNode) filing).put("statement", "Another statement.");
        JsonNode mismatch = invoke(withBody(other, filing));
        assertThat(status(mismatch)).isEqualTo(422);
        assertThat(body(mismatch).path("detail").asText()).contains("Idempotency-Key");

        // The same key on another path is another request too.
        ObjectNode elsewhere = event("redress-seller-complaint.json");
        elsewhere.withObjectProperty("headers").put("Idempotency-Key", "seller-fake-2026-11-30-0001");
        assertThat(status(invoke(elsewhere))).isEqualTo(422);
        assertThat(item(0).redress().sellerComplaint()).isNull();
    }

    @Test
    void aSecondCounterNoticeIs409AndSoIsAComplaintWhileItIsOpen() throws Exception {
        assertThat(status(invoke(Events.load("redress-file-counter-notice.json")))).isEqualTo(201);
        ObjectNode second = event("redress-file-counter-notice.json");
        second.withObjectProperty("headers").remove("Idempotency-Key");
        JsonNode filing = Json.parse(second.path("body").asText());
        ((ObjectNode) filing).put("statement", "A second statement.");
        JsonNode conflict = invoke(withBody(second, filing));
        assertThat(status(conflict)).isEqualTo(409);
        assertThat(conflict.path("headers").path("Content-Type").asText()).isEqualTo("application/problem+json");

        assertThat(status(invoke(Events.load("redress-seller-complaint.json")))).isEqualTo(409);
    }

    @Test
    void aComplaintAfterTheWindowIs422() throws Exception {
        clock.set(FormatSamples.DECIDED_AT.plus(Duration.ofDays(183)));
        JsonNode late = invoke(Events.load("redress-seller-complaint.json"));
        assertThat(status(late)).isEqualTo(422);
        assertThat(body(late).path("errors").get(0).path("field").asText()).isEqualTo("index");
        assertThat(item(0).redress().isEmpty()).isTrue();
    }

    @Test
    void anotherSellersTakedownAndPathsThatNameNoItemAre404() throws Exception {
        JsonNode others = invoke(asSeller(event("redress-file-counter-notice.json"), "seller-honest"));
        assertThat(status(others)).isEqualTo(404);
        assertThat(status(invoke(asSeller(event("redress-get-takedown.json"), "seller-honest")))).isEqualTo(404);
        for (String index : List.of("-1", "01", "x", "2147483648", "5")) {
            ObjectNode get = event("redress-get-takedown.json");
            get.withObjectProperty("pathParameters").put("index", index);
            assertThat(status(invoke(get))).as(index).isEqualTo(404);
        }
        ObjectNode badId = event("redress-get-takedown.json");
        badId.withObjectProperty("pathParameters").put("noticeId", "ntc_../../x");
        assertThat(status(invoke(badId))).isEqualTo(404);
        assertThat(item(0).redress().isEmpty()).isTrue();
    }

    @Test
    void everyRouteAnswersThePrincipalItDoesNotServeAsAPathWithNoRoute() throws Exception {
        ObjectNode unknownSeller = asSeller(event("redress-get-takedown.json"), "seller-fake");
        unknownSeller.put("resource", "/v1/nothing-here").put("path", "/v1/nothing-here");
        ObjectNode unknownRightholder = asRightholder(event("redress-get-takedown.json"), "acme");
        unknownRightholder.put("resource", "/v1/nothing-here").put("path", "/v1/nothing-here");
        JsonNode noRoute = invoke(unknownSeller);
        assertThat(status(noRoute)).isEqualTo(404);
        assertThat(invoke(unknownRightholder)).isEqualTo(noRoute);

        for (String sample : ROUTE_SAMPLES) {
            boolean sellers = SELLER_SAMPLES.contains(sample);
            ObjectNode event = sellers ? asRightholder(event(sample), "acme") : asSeller(event(sample), "seller-fake");
            assertThat(invoke(event)).as(sample).isEqualTo(noRoute);
            event.put("httpMethod", "DELETE");
            assertThat(invoke(event)).as(sample + ", another method").isEqualTo(noRoute);
        }
        assertThat(List.of(item(0), item(3), item(4))).allMatch(i -> i.redress().isEmpty());
        assertThat(idempotency.size()).isZero();
    }

    @Test
    void otherMethodsAre405WithAllow() throws Exception {
        for (String sample : ROUTE_SAMPLES) {
            ObjectNode event = event(sample);
            String method = event.path("httpMethod").asText();
            event.put("httpMethod", method.equals("GET") ? "POST" : "PUT");
            JsonNode response = invoke(event);
            assertThat(status(response)).as(sample).isEqualTo(405);
            assertThat(response.path("headers").path("Allow").asText()).as(sample).isEqualTo(method);
        }
    }

    @Test
    void aBodyThatIsNotJsonIs415AndStoresNothing() throws Exception {
        for (String contentType : List.of("text/plain", "application/json; charset=latin-1", "application/jsonx")) {
            ObjectNode event = event("redress-file-counter-notice.json");
            event.withObjectProperty("headers").put("Content-Type", contentType);
            assertThat(status(invoke(event))).as(contentType).isEqualTo(415);
        }
        ObjectNode noType = event("redress-rightholder-complaint.json");
        noType.withObjectProperty("headers").remove("Content-Type");
        assertThat(status(invoke(noType))).isEqualTo(415);
        ObjectNode utf8 = event("redress-file-counter-notice.json");
        utf8.withObjectProperty("headers").put("Content-Type", "application/json; charset=UTF-8");
        assertThat(status(invoke(utf8))).isEqualTo(201);
    }

    @Test
    void badBodiesKeysAndQueriesAre400NamingTheFieldAndTakeNoKey() throws Exception {
        ObjectNode filing = event("redress-file-counter-notice.json");
        JsonNode body = Json.parse(filing.path("body").asText());
        ((ObjectNode) body).remove("signature");
        ((ObjectNode) body.path("declarations")).put("goodFaith", false);
        JsonNode refused = invoke(withBody(filing, body));
        assertThat(status(refused)).isBetween(400, 422);
        assertThat(body(refused).path("errors")).extracting(e -> e.path("field").asText())
                .contains("signature", "declarations.goodFaith");
        assertThat(idempotency.size()).isZero();

        ObjectNode badKey = event("redress-withdraw-notice.json");
        badKey.withObjectProperty("headers").put("Idempotency-Key", "has a space");
        JsonNode keyRefused = invoke(badKey);
        assertThat(status(keyRefused)).isEqualTo(400);
        assertThat(body(keyRefused).path("errors").get(0).path("field").asText()).isEqualTo("Idempotency-Key");

        Map<String, String> badQueries = Map.of("status", "REJECTED", "limit", "0", "cursor", "not-a-cursor");
        for (var query : badQueries.entrySet()) {
            ObjectNode list = event("redress-list-takedowns.json");
            list.set("queryStringParameters", Json.object().put(query.getKey(), query.getValue()));
            JsonNode response = invoke(list);
            assertThat(status(response)).as(query.toString()).isEqualTo(400);
            assertThat(body(response).path("errors").get(0).path("field").asText()).isEqualTo(query.getKey());
        }
        assertThat(item(0).redress().isEmpty()).isTrue();
        assertThat(item(4).status()).isEqualTo(ItemStatus.RECEIVED);
    }

    @Test
    void aSellerListsItsTakedownsByStatusWithCursorsBoundToItsListing() throws Exception {
        JsonNode all = body(invoke(Events.load("redress-list-takedowns.json")));
        assertThat(all.path("takedowns")).extracting(t -> t.path("noticeId").asText() + "/" + t.path("index").asInt())
                .containsExactly(NOTICE_ID + "/0");
        assertThat(all.path("nextCursor").isNull()).isTrue();

        invoke(Events.load("redress-file-counter-notice.json"));
        assertThat(body(invoke(Events.load("redress-list-takedowns.json"))).path("takedowns")).isEmpty();
        ObjectNode contested = event("redress-list-takedowns.json");
        contested.set("queryStringParameters", Json.object().put("status", "COUNTER_NOTICED"));
        assertThat(body(invoke(contested)).path("takedowns").get(0).path("status").asText()).isEqualTo("COUNTER_NOTICED");

        assertThat(body(invoke(asSeller(event("redress-list-takedowns.json"), "seller-honest"))).path("takedowns"))
                .isEmpty();
        ObjectNode foreignCursor = event("redress-list-takedowns.json");
        foreignCursor.set("queryStringParameters", Json.object()
                .put("cursor", Fixtures.CURSORS.sign("takedowns|seller-honest|", NOTICE_ID + "#0")));
        assertThat(status(invoke(foreignCursor))).isEqualTo(400);
    }

    @Test
    void pagesOfTakedownsFollowTheirCursorWhichServesOnlyItsOwnFilter() throws Exception {
        Notice sample = FormatSamples.notice();
        Notice later = new Notice(FormatSamples.EARLIER_NOTICE_ID, sample.rightholderId(), sample.rightId(),
                sample.reason(), sample.explanation(), sample.sender(), sample.signature(), sample.evidence(),
                sample.status(), sample.receivedAt().plusSeconds(60), sample.itemCount(), sample.progress(), null, null, false);
        notices.saveNew(later, FormatSamples.items());
        notices.recordTakedowns("seller-fake", later, LocalDate.parse("2026-11-28"), List.of(0));

        ObjectNode first = event("redress-list-takedowns.json");
        first.set("queryStringParameters", Json.object().put("limit", "1"));
        JsonNode page = body(invoke(first));
        assertThat(page.path("takedowns")).extracting(t -> t.path("noticeId").asText())
                .containsExactly(FormatSamples.EARLIER_NOTICE_ID);
        String cursor = page.path("nextCursor").asText();

        ObjectNode next = event("redress-list-takedowns.json");
        next.set("queryStringParameters", Json.object().put("limit", "1").put("cursor", cursor));
        JsonNode rest = body(invoke(next));
        assertThat(rest.path("takedowns")).extracting(t -> t.path("noticeId").asText()).containsExactly(NOTICE_ID);
        assertThat(rest.path("nextCursor").isNull()).isTrue();

        ObjectNode filtered = event("redress-list-takedowns.json");
        filtered.set("queryStringParameters", Json.object().put("status", "ACTIONED").put("cursor", cursor));
        assertThat(status(invoke(filtered))).as("a cursor of the unfiltered list").isEqualTo(400);
        assertThat(status(invoke(asSeller(next, "seller-honest")))).as("another seller's").isEqualTo(400);
    }

    @Test
    void theRightholderAnswersWithLegalActionAndTheTakedownStands() throws Exception {
        invoke(Events.load("redress-file-counter-notice.json"));
        JsonNode response = invoke(Events.load("redress-respond-to-counter-notice.json"));

        assertThat(status(response)).isEqualTo(200);
        JsonNode item = body(response);
        assertThat(item.path("index").asInt()).isZero();
        assertThat(item.path("status").asText()).isEqualTo("ACTIONED");
        assertThat(item.path("counterNotice").path("outcome").asText()).isEqualTo("UPHELD");
        assertThat(item.path("counterNotice").path("legalAction").path("caseNumber").asText()).isEqualTo("3:26-cv-04512");
        assertThat(status(invoke(Events.load("redress-respond-to-counter-notice.json")))).as("replayed").isEqualTo(200);

        ObjectNode accept = event("redress-respond-to-counter-notice.json");
        accept.withObjectProperty("headers").remove("Idempotency-Key");
        assertThat(status(invoke(withBody(accept, Json.object().put("response", "ACCEPT"))))).as("closed").isEqualTo(409);
        assertThat(listings.find("1001").orElseThrow().status()).isEqualTo(ListingStatus.REMOVED);
    }

    @Test
    void aLateResponseIs409AndTheSweepRestoresTheListing() throws Exception {
        invoke(Events.load("redress-file-counter-notice.json"));
        clock.set(Instant.parse("2026-12-16T00:00:00.000Z"));

        assertThat(status(invoke(Events.load("redress-respond-to-counter-notice.json")))).isEqualTo(409);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new RedressSweepHandler(service).handleRequest(new ByteArrayInputStream(
                Events.load("redress-sweep-schedule.json").getBytes(StandardCharsets.UTF_8)), out, null);
        assertThat(Json.parse(out.toString(StandardCharsets.UTF_8)).path("restored").asInt()).isEqualTo(1);
        assertThat(item(0).status()).isEqualTo(ItemStatus.RESTORED);
        assertThat(listings.find("1001").orElseThrow().status()).isEqualTo(ListingStatus.ACTIVE);
    }

    @Test
    void aWithdrawalWithdrawsOpenItemsAndRetractsTakedowns() throws Exception {
        JsonNode response = invoke(Events.load("redress-withdraw-notice.json"));

        assertThat(status(response)).isEqualTo(200);
        JsonNode body = body(response);
        assertThat(body.path("noticeId").asText()).isEqualTo(NOTICE_ID);
        assertThat(body.path("withdrawn")).extracting(i -> i.path("index").asInt()).containsExactly(4);
        assertThat(body.path("withdrawn").get(0).path("status").asText()).isEqualTo("WITHDRAWN");
        assertThat(body.path("retracted")).extracting(i -> i.path("index").asInt()).containsExactly(0);
        assertThat(body.path("retracted").get(0).path("restoration").path("cause").asText()).isEqualTo("NOTICE_WITHDRAWN");
        assertThat(body.path("unchanged")).isEmpty();
        assertThat(body.path("status").asText()).isEqualTo(notices.find(NOTICE_ID).orElseThrow().status().name());
        assertThat(listings.find("1001").orElseThrow().status()).isEqualTo(ListingStatus.ACTIVE);

        ObjectNode rest = event("redress-withdraw-notice.json");
        rest.withObjectProperty("headers").remove(List.of("Idempotency-Key", "Content-Type"));
        rest.putNull("body");
        JsonNode everything = body(invoke(rest));
        assertThat(everything.path("unchanged")).extracting(JsonNode::asInt).containsExactly(0, 1, 2, 3, 4);
    }

    @Test
    void complaintsOfBothPartiesAreFiled() throws Exception {
        JsonNode seller = invoke(Events.load("redress-seller-complaint.json"));
        assertThat(status(seller)).isEqualTo(201);
        assertThat(body(seller).path("complaint").path("status").asText()).isEqualTo("OPEN");
        assertThat(body(seller).path("status").asText()).isEqualTo("ACTIONED");

        JsonNode rightholder = invoke(Events.load("redress-rightholder-complaint.json"));
        assertThat(status(rightholder)).isEqualTo(201);
        JsonNode item = body(rightholder);
        assertThat(item.path("index").asInt()).isEqualTo(3);
        assertThat(item.path("status").asText()).isEqualTo("REJECTED");
        assertThat(item.path("complaint").path("from").asText()).isEqualTo("RIGHTHOLDER");
        assertThat(item.path("decidedBy").asText()).isEqualTo("STAFF");

        ObjectNode onATakedown = event("redress-rightholder-complaint.json");
        onATakedown.withObjectProperty("pathParameters").put("index", "0");
        onATakedown.withObjectProperty("headers").remove("Idempotency-Key");
        assertThat(status(invoke(onATakedown))).isEqualTo(409);
        ObjectNode othersNotice = asRightholder(event("redress-rightholder-complaint.json"), "globex");
        assertThat(status(invoke(othersNotice))).isEqualTo(404);
    }

    @Test
    void noPrincipalIs401AndAFailingBackendIs503() throws Exception {
        ObjectNode anonymous = event("redress-get-takedown.json");
        anonymous.withObjectProperty("requestContext").remove("authorizer");
        assertThat(status(invoke(anonymous))).isEqualTo(401);

        notifications.failure = new DependencyException("queue unavailable", null);
        JsonNode response = invoke(Events.load("redress-file-counter-notice.json"));
        assertThat(status(response)).isEqualTo(503);
        assertThat(response.path("headers").path("Retry-After").asText()).isEqualTo("2");

        // The retry with the same key finishes the filing, as a first answer.
        notifications.failure = null;
        JsonNode retried = invoke(Events.load("redress-file-counter-notice.json"));
        assertThat(status(retried)).isEqualTo(201);
        assertThat(retried.path("headers").has("Idempotent-Replayed")).isFalse();
    }
}
