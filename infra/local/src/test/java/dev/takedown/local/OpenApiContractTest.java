package dev.takedown.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.takedown.client.ApiClient;
import dev.takedown.client.ApiException;
import dev.takedown.client.ApiResponse;
import dev.takedown.client.api.NoticesApi;
import dev.takedown.client.model.AcceptedNotice;
import dev.takedown.client.model.Evidence;
import dev.takedown.client.model.Item;
import dev.takedown.client.model.ItemStatus;
import dev.takedown.client.model.NoticeDeclarations;
import dev.takedown.client.model.NoticeDetail;
import dev.takedown.client.model.NoticeReason;
import dev.takedown.client.model.NoticeSubmission;
import dev.takedown.client.model.Problem;
import dev.takedown.client.model.ReportedListing;
import dev.takedown.client.model.Sender;
import dev.takedown.core.json.Json;
import dev.takedown.core.testing.Events;
import java.net.URI;
import java.nio.file.Path;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local stack's real answers against infra/api/openapi.yaml: the happy path and 4xx answers of every route, each
 * status documented, each body and API header conforming to its schema; and the document served at /openapi.json,
 * rendered at /docs.
 */
class OpenApiContractTest {
    private static final String ACME = LocalStackEndToEndTest.ACME_KEY;
    private static final String SELLER = LocalStackEndToEndTest.SELLER_FAKE_KEY;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String OTHER_NOTICE = "ntc_01kb6s8mz0zzzzzzzzzzzzzzzz";
    /** A summary's period around today (UTC), wide enough for a run across midnight. */
    private static final LocalDate PERIOD_FROM = LocalDate.now(ZoneOffset.UTC).minusDays(1);
    private static final LocalDate PERIOD_TO = PERIOD_FROM.plusDays(2);

    private static LocalStack stack;
    private static OpenApiContract contract;
    private static OpenApiContract.Answer submitted;
    private static String noticeId;
    private static final List<String> violations = Collections.synchronizedList(new ArrayList<>());

    /** DynamoDB keeps its data here, so that a test can stop it and start it again. */
    @TempDir
    static Path dataDir;

    @BeforeAll
    static void start() throws Exception {
        stack = LocalStack.start(ProjectTemplate.stack(Map.of("DispatchGraceSeconds", "0")).withDataDir(dataDir));
        contract = new OpenApiContract(OpenApiDriftTest.document());
        submitted = call("POST", "/v1/notices", "/v1/notices", ACME, LocalStackEndToEndTest.notice().toString(),
                Map.of("Idempotency-Key", "contract-0001"));
        noticeId = Json.parse(submitted.body()).path("id").asText();
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void everyRouteAnswersAsDocumented() throws Exception {
        String notice = "/v1/notices/" + noticeId;

        // Notices: the submission (and its replay), reads, and their 4xx.
        expect(202, submitted);
        expect(202, call("POST", "/v1/notices", "/v1/notices", ACME, LocalStackEndToEndTest.notice().toString(),
                Map.of("Idempotency-Key", "contract-0001")));
        expect(400, call("POST", "/v1/notices", "/v1/notices", ACME,
                "{\"rightId\": \"tm-acme-us\", \"reason\": \"KNOCKOFF\", \"items\": [], \"signature\": \"\"}", Map.of()));
        expect(401, call("POST", "/v1/notices", "/v1/notices", null, "{}", Map.of()));
        expect(405, call("DELETE", "/v1/notices", "/v1/notices", ACME, null, Map.of()));
        expect(415, call("POST", "/v1/notices", "/v1/notices", ACME, "{}", Map.of("Content-Type", "text/plain")));
        String overOneMiB = "{\"explanation\": \"" + "x".repeat(1_100_000) + "\"}";
        expect(413, call("POST", "/v1/notices", "/v1/notices", ACME, overOneMiB, Map.of()));
        expect(422, call("POST", "/v1/notices", "/v1/notices", ACME,
                LocalStackEndToEndTest.notice(body -> body.put("rightId", "tm-nobody")), Map.of()));
        expect(200, call("GET", "/v1/notices", "/v1/notices?limit=5", ACME, null, Map.of()));
        expect(400, call("GET", "/v1/notices", "/v1/notices?limit=0", ACME, null, Map.of()));
        expect(404, call("GET", "/v1/notices", "/v1/notices", SELLER, null, Map.of()));
        awaitCompleted();
        expect(200, call("GET", "/v1/notices/{id}", notice, ACME, null, Map.of()));
        expect(404, call("GET", "/v1/notices/{id}", "/v1/notices/" + OTHER_NOTICE, ACME, null, Map.of()));
        expect(405, call("POST", "/v1/notices/{id}", notice, ACME, "{}", Map.of()));
        expect(200, call("GET", "/v1/notices/{id}/items", notice + "/items?status=ACTIONED", ACME, null, Map.of()));
        expect(400, call("GET", "/v1/notices/{id}/items", notice + "/items?status=BOGUS", ACME, null, Map.of()));
        expect(200, call("GET", "/v1/notices/{id}/deliveries", notice + "/deliveries", ACME, null, Map.of()));
        expect(400, call("GET", "/v1/notices/{id}/deliveries", notice + "/deliveries?cursor=forged", ACME, null,
                Map.of()));

        // The rightholder's summary, its notice decided.
        String summary = "/v1/reports/summary?from=" + PERIOD_FROM + "&to=" + PERIOD_TO;
        expect(200, call("GET", "/v1/reports/summary", summary, ACME, null, Map.of()));
        expect(400, call("GET", "/v1/reports/summary", "/v1/reports/summary?from=" + PERIOD_TO + "&to=" + PERIOD_FROM,
                ACME, null, Map.of()));
        expect(404, call("GET", "/v1/reports/summary", summary, SELLER, null, Map.of()));
        expect(405, call("DELETE", "/v1/reports/summary", summary, ACME, null, Map.of()));

        // A seller's takedowns: items 0-2 took down seller-fake's listings 1001-1003.
        expect(200, call("GET", "/v1/takedowns", "/v1/takedowns?limit=10", SELLER, null, Map.of()));
        expect(400, call("GET", "/v1/takedowns", "/v1/takedowns?limit=0", SELLER, null, Map.of()));
        expect(404, call("GET", "/v1/takedowns", "/v1/takedowns", ACME, null, Map.of()));
        String takedown = "/v1/takedowns/" + noticeId + "/0";
        expect(200, call("GET", "/v1/takedowns/{noticeId}/{index}", takedown, SELLER, null, Map.of()));
        expect(404, call("GET", "/v1/takedowns/{noticeId}/{index}", "/v1/takedowns/" + OTHER_NOTICE + "/0", SELLER,
                null, Map.of()));
        String counterNotice = Json.parse(Events.load("redress-file-counter-notice.json")).path("body").asText();
        expect(400, call("POST", "/v1/takedowns/{noticeId}/{index}/counter-notice", takedown + "/counter-notice",
                SELLER, "{}", Map.of()));
        expect(201, call("POST", "/v1/takedowns/{noticeId}/{index}/counter-notice", takedown + "/counter-notice",
                SELLER, counterNotice, Map.of()));
        expect(405, call("GET", "/v1/takedowns/{noticeId}/{index}/counter-notice", takedown + "/counter-notice",
                SELLER, null, Map.of()));
        String complaint = "{\"explanation\": \"These are our own brand's skates, not ACME's.\"}";
        expect(409, call("POST", "/v1/takedowns/{noticeId}/{index}/complaint", takedown + "/complaint", SELLER,
                complaint, Map.of()));
        expect(201, call("POST", "/v1/takedowns/{noticeId}/{index}/complaint", "/v1/takedowns/" + noticeId
                + "/1/complaint", SELLER, complaint, Map.of()));
        expect(413, call("POST", "/v1/takedowns/{noticeId}/{index}/complaint", "/v1/takedowns/" + noticeId
                + "/2/complaint", SELLER, overOneMiB, Map.of()));
        expect(415, call("POST", "/v1/takedowns/{noticeId}/{index}/complaint", "/v1/takedowns/" + noticeId
                + "/2/complaint", SELLER, complaint, Map.of("Content-Type", "text/plain")));

        // The rightholder's redress.
        String response = notice + "/items/0/counter-notice-response";
        expect(400, call("POST", "/v1/notices/{id}/items/{index}/counter-notice-response", response, ACME,
                "{\"response\": \"MAYBE\"}", Map.of()));
        expect(200, call("POST", "/v1/notices/{id}/items/{index}/counter-notice-response", response, ACME,
                "{\"response\": \"ACCEPT\"}", Map.of()));
        expect(409, call("POST", "/v1/notices/{id}/items/{index}/counter-notice-response",
                notice + "/items/1/counter-notice-response", ACME, "{\"response\": \"ACCEPT\"}", Map.of()));
        expect(400, call("POST", "/v1/notices/{id}/items/{index}/complaint", notice + "/items/4/complaint", ACME,
                "{\"explanation\": \"\"}", Map.of()));
        expect(201, call("POST", "/v1/notices/{id}/items/{index}/complaint", notice + "/items/4/complaint", ACME,
                "{\"explanation\": \"other-shop.example resells market listings; item 77 is one of them.\"}",
                Map.of()));
        expect(422, call("POST", "/v1/notices/{id}/withdrawal", notice + "/withdrawal", ACME,
                "{\"items\": [99]}", Map.of()));
        expect(200, call("POST", "/v1/notices/{id}/withdrawal", notice + "/withdrawal", ACME,
                "{\"items\": [2], \"reason\": \"Settled with the seller.\"}", Map.of()));
        expect(404, call("POST", "/v1/notices/{id}/withdrawal", notice + "/withdrawal", SELLER, "{}", Map.of()));

        // The document itself, without a key: answered by the local stack, other methods by the function.
        expect(200, call("GET", "/openapi.json", "/openapi.json", null, null, Map.of()));
        expect(405, call("POST", "/openapi.json", "/openapi.json", null, "{}", Map.of()));

        assertThat(violations).isEmpty();
    }

    @Test
    void everyRouteAnswers503AsDocumentedWhileDynamoDbIsDown() throws Exception {
        String notice = "/v1/notices/" + noticeId;
        String takedown = "/v1/takedowns/" + noticeId + "/0";
        List<Callable<OpenApiContract.Answer>> calls = List.of(
                () -> call("POST", "/v1/notices", "/v1/notices", ACME, LocalStackEndToEndTest.notice().toString(),
                        Map.of()),
                () -> call("GET", "/v1/notices", "/v1/notices", ACME, null, Map.of()),
                () -> call("GET", "/v1/notices/{id}", notice, ACME, null, Map.of()),
                () -> call("GET", "/v1/notices/{id}/items", notice + "/items", ACME, null, Map.of()),
                () -> call("GET", "/v1/notices/{id}/deliveries", notice + "/deliveries", ACME, null, Map.of()),
                () -> call("GET", "/v1/reports/summary", "/v1/reports/summary?from=" + PERIOD_FROM + "&to=" + PERIOD_TO,
                        ACME, null, Map.of()),
                () -> call("POST", "/v1/notices/{id}/items/{index}/counter-notice-response",
                        notice + "/items/0/counter-notice-response", ACME, "{\"response\": \"ACCEPT\"}", Map.of()),
                () -> call("POST", "/v1/notices/{id}/withdrawal", notice + "/withdrawal", ACME, null, Map.of()),
                () -> call("POST", "/v1/notices/{id}/items/{index}/complaint", notice + "/items/4/complaint", ACME,
                        "{\"explanation\": \"Resold market listings.\"}", Map.of()),
                () -> call("GET", "/v1/takedowns", "/v1/takedowns", SELLER, null, Map.of()),
                () -> call("GET", "/v1/takedowns/{noticeId}/{index}", takedown, SELLER, null, Map.of()),
                () -> call("POST", "/v1/takedowns/{noticeId}/{index}/counter-notice", takedown + "/counter-notice",
                        SELLER, "{}", Map.of()),
                () -> call("POST", "/v1/takedowns/{noticeId}/{index}/complaint", takedown + "/complaint", SELLER,
                        "{}", Map.of()));
        Thread outage = new Thread(() -> stack.restartDynamo(Duration.ofSeconds(15)));
        ExecutorService clients = Executors.newFixedThreadPool(calls.size());
        List<Future<OpenApiContract.Answer>> answers;
        outage.start();
        try {
            Thread.sleep(500);
            // All at once: each waits out the key check's retries against the stopped database.
            answers = clients.invokeAll(calls);
        } finally {
            clients.shutdown();
            outage.join();
        }

        for (Future<OpenApiContract.Answer> answer : answers) {
            expect(503, answer.get());
            assertThat(answer.get().headers().keySet()).anyMatch(name -> name.equalsIgnoreCase("Retry-After"));
        }
        assertThat(violations).isEmpty();
    }

    @Test
    void everyWebhookReceivedIsAsDocumented() throws Exception {
        awaitCompleted();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (stack.webhookReceipts().stream().noneMatch(r -> r.type().equals("notice.completed"))
                && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        List<WebhookReceiver.Receipt> receipts = stack.webhookReceipts();

        assertThat(receipts).extracting(WebhookReceiver.Receipt::type)
                .contains("notice.received", "items.decided", "notice.completed");
        assertThat(receipts).allSatisfy(receipt -> assertThat(contract.webhookViolations(receipt)).isEmpty());
    }

    @Test
    void aBodyMissingWhatTheDocumentRequiresIsFound() {
        String items = "/paths/~1v1~1notices~1{id}~1items/get/responses/200/content/application~1json/schema";

        assertThat(contract.validate("items", items, "{\"noticeId\": \"" + noticeId + "\"}"))
                .anySatisfy(violation -> assertThat(violation).contains("items", "nextCursor"));
    }

    @Test
    void aWrongFieldTypeInTheDocumentIsFound() {
        JsonNode broken = OpenApiDriftTest.document();
        ((ObjectNode) broken.at("/components/schemas/NoticeSummary/properties/itemCount")).put("type", "string");

        assertThat(new OpenApiContract(broken).violations("POST", "/v1/notices", submitted))
                .anySatisfy(violation -> assertThat(violation).contains("POST /v1/notices 202 body", "itemCount"));
    }

    @Test
    void anUndocumentedStatusIsFound() {
        JsonNode broken = OpenApiDriftTest.document();
        ((ObjectNode) broken.at("/paths/~1v1~1notices/post/responses")).remove("202");

        assertThat(new OpenApiContract(broken).violations("POST", "/v1/notices", submitted))
                .containsExactly("POST /v1/notices answered 202, which is not documented");
    }

    @Test
    void anUndocumentedHeaderIsFound() {
        JsonNode broken = OpenApiDriftTest.document();
        ((ObjectNode) broken.at("/paths/~1v1~1notices/post/responses/202/headers")).remove("Location");

        assertThat(new OpenApiContract(broken).violations("POST", "/v1/notices", submitted))
                .containsExactly("POST /v1/notices 202: header Location is not documented");
    }

    @Test
    void theApiPortServesTheDocumentAndItsReferencePageWithoutAKey() throws Exception {
        HttpResponse<String> document = fetch("/openapi.json");
        assertThat(document.statusCode()).isEqualTo(200);
        assertThat(document.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(new ObjectMapper().readTree(document.body())).isEqualTo(OpenApiDriftTest.document());

        HttpResponse<String> page = fetch("/docs");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<redoc spec-url=\"/openapi.json\">",
                "<script src=\"/docs/redoc.standalone.js\">").doesNotContain("http:", "https:");

        HttpResponse<String> redoc = fetch("/docs/redoc.standalone.js");
        assertThat(redoc.statusCode()).isEqualTo(200);
        assertThat(redoc.body()).contains("Redoc");
    }

    @Test
    void aClientGeneratedFromTheDocumentSubmitsANoticeAndReadsItBack() throws Exception {
        ApiClient client = new ApiClient().setHost(stack.apiUrl().getHost()).setPort(stack.apiUrl().getPort())
                .setRequestInterceptor(request -> request.header("Authorization", "Bearer " + ACME));
        NoticesApi notices = new NoticesApi(client);
        NoticeSubmission submission = new NoticeSubmission()
                .rightId("tm-acme-us")
                .reason(NoticeReason.COUNTERFEIT)
                .explanation("Counterfeit ACME rocket skates: misprinted logo, sold far below cost.")
                .addItemsItem(new ReportedListing().url("https://market.example/item/1001"))
                .addItemsItem(new ReportedListing().listingId("1002"))
                .addEvidenceItem(new Evidence().url("https://evidence.acme.example/1001.png")
                        .sha256("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08")
                        .kind(Evidence.KindEnum.SCREENSHOT))
                .sender(new Sender().name("Jane Doe").email("legal@acme.example"))
                .declarations(new NoticeDeclarations().goodFaith(NoticeDeclarations.GoodFaithEnum.TRUE)
                        .accurate(NoticeDeclarations.AccurateEnum.TRUE)
                        .authorized(NoticeDeclarations.AuthorizedEnum.TRUE))
                .signature("Jane Doe");

        ApiResponse<AcceptedNotice> accepted = notices.submitNoticeWithHttpInfo(submission, "generated-client-0001");

        assertThat(accepted.getStatusCode()).isEqualTo(202);
        assertThat(accepted.getHeaders().get("location")).containsExactly("/v1/notices/" + accepted.getData().getId());
        assertThat(accepted.getData().getItems()).extracting(Item::getStatus)
                .containsOnly(ItemStatus.RECEIVED);
        NoticeDetail read = notices.getNotice(accepted.getData().getId());
        assertThat(read.getRightId()).isEqualTo("tm-acme-us");
        assertThat(read.getSender()).isEqualTo(new Sender().name("Jane Doe").email("legal@acme.example"));
        assertThat(read.getItems()).extracting(Item::getListingId).containsExactly("1001", "1002");

        ApiException refused = catchThrowableOfType(ApiException.class,
                () -> notices.submitNotice(submission.rightId("tm-nobody"), null));
        assertThat(refused.getCode()).isEqualTo(422);
        assertThat(client.getObjectMapper().readValue(refused.getResponseBody(), Problem.class).getType())
                .isEqualTo(URI.create("https://takedown.dev/problems/unprocessable-notice"));
    }

    /** Until the verifier has decided every item (outside the contract: polling is no route's concern). */
    private static void awaitCompleted() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        String status;
        do {
            Thread.sleep(100);
            HttpResponse<String> notice = HTTP.send(HttpRequest.newBuilder(URI.create(stack.apiUrl() + "/v1/notices/"
                    + noticeId)).header("Authorization", "Bearer " + ACME).build(), HttpResponse.BodyHandlers.ofString());
            status = Json.parse(notice.body()).path("status").asText();
        } while (!status.equals("COMPLETED") && System.nanoTime() < deadline);
        assertThat(status).isEqualTo("COMPLETED");
    }

    private static HttpResponse<String> fetch(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(stack.apiUrl().resolve(path)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static void expect(int status, OpenApiContract.Answer answer) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
    }

    /** Calls the stack and records how the answer departs from the document for {@code template}. */
    private static OpenApiContract.Answer call(String method, String template, String path, String apiKey,
                                               String body, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(stack.apiUrl() + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (apiKey != null) {
            request.header("Authorization", "Bearer " + apiKey);
        }
        if (body != null && !headers.containsKey("Content-Type")) {
            request.header("Content-Type", "application/json");
        }
        headers.forEach(request::header);
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        Map<String, String> first = new LinkedHashMap<>();
        response.headers().map().forEach((name, values) -> first.put(name, values.get(0)));
        OpenApiContract.Answer answer = new OpenApiContract.Answer(response.statusCode(), first,
                response.headers().firstValue("Content-Type").orElse(null), response.body());
        violations.addAll(contract.violations(method, template, answer));
        return answer;
    }
}
