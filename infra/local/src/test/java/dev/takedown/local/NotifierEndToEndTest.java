package dev.takedown.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.takedown.aws.DynamoRightholderStore;
import dev.takedown.aws.DynamoWebhookSecretStore;
import dev.takedown.aws.SqsNotificationQueue;
import dev.takedown.core.events.Notifications;
import dev.takedown.core.json.Json;
import dev.takedown.core.model.DeliveryAttempt.Target;
import dev.takedown.core.model.NoticeItem;
import dev.takedown.core.model.NotificationEvent;
import dev.takedown.core.model.Rightholder;
import dev.takedown.core.model.WebhookSecrets;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The events a notice raises as it goes through the local stack reach a webhook receiver of the test's own,
 * signed; failures are retried with the same webhook id on a fast schedule; a webhook that keeps failing ends in
 * the DLQ.
 */
class NotifierEndToEndTest {
    private static final String ACME_SECRET = "whsec_37q6Uz0ldqdToYxVSveHPT04dVDAVGHV";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** A webhook as the receiver got it, and whether its signature matched the HMAC it computed itself. */
    record Received(String webhookId, String timestamp, JsonNode body, boolean signatureOk, int answered) {
    }

    private static LocalStack stack;
    private static HttpServer receiver;
    private static final List<Received> RECEIVED = new CopyOnWriteArrayList<>();
    /** Webhook ids to fail, with how many more times to fail them (-1: always). */
    private static final Map<String, Integer> FAILURES = new ConcurrentHashMap<>();

    @BeforeAll
    static void start() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/hooks/acme", NotifierEndToEndTest::receive);
        receiver.start();
        stack = LocalStack.start(ProjectTemplate.stack(Map.of("WebhookRetrySchedule", "1,1,1,1")));
        new DynamoRightholderStore(stack.dynamo(), stack.tableName("RightholdersTable")).put(new Rightholder("acme",
                "Acme Brands Inc.", "legal@acme.example",
                "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks/acme"));
        new DynamoWebhookSecretStore(stack.dynamo(), stack.tableName("WebhookSecretsTable"))
                .put(Target.RIGHTHOLDER, "acme", WebhookSecrets.of(ACME_SECRET));
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
        if (receiver != null) {
            receiver.stop(0);
        }
    }

    private static void receive(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String id = exchange.getRequestHeaders().getFirst("webhook-id");
            String timestamp = exchange.getRequestHeaders().getFirst("webhook-timestamp");
            String signature = exchange.getRequestHeaders().getFirst("webhook-signature");
            int left = FAILURES.getOrDefault(id, 0);
            int status = left == 0 ? 204 : 503;
            if (left > 0) {
                FAILURES.put(id, left - 1);
            }
            RECEIVED.add(new Received(id, timestamp, Json.parse(body), hmac(id, timestamp, body).equals(signature), status));
            exchange.sendResponseHeaders(status, -1);
        }
    }

    private static String hmac(String id, String timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(ACME_SECRET.substring("whsec_".length())), "HmacSHA256"));
            return "v1," + Base64.getEncoder().encodeToString(
                    mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static HttpResponse<String> call(String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(stack.apiUrl().resolve(path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + LocalStackEndToEndTest.ACME_KEY)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String submitNotice() throws Exception {
        HttpResponse<String> accepted = call("POST", "/v1/notices", LocalStackEndToEndTest.notice().toString());
        assertThat(accepted.statusCode()).isEqualTo(202);
        return Json.parse(accepted.body()).path("id").asText();
    }

    private static void publish(NotificationEvent... events) {
        new SqsNotificationQueue(stack.sqs(), stack.queueUrl("NotificationQueue")).publish(List.of(events));
    }

    private static List<Received> receivedWith(String webhookId) {
        return RECEIVED.stream().filter(r -> r.webhookId().equals(webhookId)).toList();
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(45).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waiting for " + what).isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    private static JsonNode deliveries(String noticeId) throws Exception {
        HttpResponse<String> response = call("GET", "/v1/notices/" + noticeId + "/deliveries", null);
        assertThat(response.statusCode()).isEqualTo(200);
        return Json.parse(response.body()).path("deliveries");
    }

    private static List<Received> receivedFor(String noticeId) {
        return RECEIVED.stream().filter(r -> r.body().path("data").path("noticeId").asText().equals(noticeId)).toList();
    }

    private static JsonNode attemptsOf(String noticeId, String webhookId) throws Exception {
        var attempts = Json.array();
        deliveries(noticeId).forEach(a -> {
            if (a.path("webhookId").asText().equals(webhookId)) {
                attempts.add(a);
            }
        });
        return attempts;
    }

    /** A synthetic event of the notice that no producer raises, so the test alone decides its fate. */
    private static NotificationEvent testEvent(String noticeId, int index) {
        return Notifications.itemsDecided(noticeId, List.of(NoticeItem.open(index, null, "test-" + index)), Set.of(),
                Instant.now());
    }

    @Test
    void everyEventOfANoticeReachesTheRightholderSignedAndOnce() throws Exception {
        String noticeId = submitNotice();

        await("notice.received, items.decided and notice.completed", () -> receivedFor(noticeId).stream()
                .map(r -> r.body().path("type").asText()).collect(java.util.stream.Collectors.toSet())
                .containsAll(Set.of("notice.received", "items.decided", "notice.completed")));
        List<Received> received = receivedFor(noticeId);
        assertThat(received).allSatisfy(r -> {
            assertThat(r.signatureOk()).as("signature of " + r.body().path("type")).isTrue();
            assertThat(Math.abs(Long.parseLong(r.timestamp()) - Instant.now().getEpochSecond())).isLessThan(60);
        });
        assertThat(received.stream().map(Received::webhookId)).doesNotHaveDuplicates();
        JsonNode decided = received.stream().filter(r -> r.body().path("type").asText().equals("items.decided"))
                .findFirst().orElseThrow().body().path("data").path("items");
        assertThat(decided).allSatisfy(i -> assertThat(i.path("decidedBy").asText()).isEqualTo("AUTO"));
        JsonNode completed = received.stream().filter(r -> r.body().path("type").asText().equals("notice.completed"))
                .findFirst().orElseThrow().body().path("data");
        assertThat(completed.path("itemsByStatus").path("REJECTED").asInt()).isEqualTo(2);

        NotificationEvent replay = Notifications.noticeReceived(noticeId, Instant.now());
        int deliveriesBefore = deliveries(noticeId).size();
        publish(replay);
        Thread.sleep(1500);
        assertThat(receivedWith(replay.id())).as("a replayed event is not sent again").hasSize(1);
        assertThat(deliveries(noticeId)).hasSize(deliveriesBefore);
    }

    @Test
    void aReceiverThatFailsTwiceGetsTheSameWebhookIdThreeTimesAndTheDeliveriesShowEachAttempt() throws Exception {
        String noticeId = submitNotice();
        NotificationEvent event = testEvent(noticeId, 0);
        FAILURES.put(event.id(), 2);
        publish(event);

        await("the third attempt", () -> receivedWith(event.id()).size() == 3);
        assertThat(receivedWith(event.id())).extracting(Received::answered).containsExactly(503, 503, 204);
        assertThat(receivedWith(event.id())).allMatch(Received::signatureOk);
        assertThat(receivedWith(event.id())).extracting(r -> r.body().toString()).containsOnly(
                receivedWith(event.id()).get(0).body().toString());

        await("three recorded attempts", () -> {
            try {
                return attemptsOf(noticeId, event.id()).size() == 3;
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        JsonNode attempts = attemptsOf(noticeId, event.id());
        assertThat(attempts).extracting(a -> a.path("attempt").asInt()).containsExactly(1, 2, 3);
        assertThat(attempts).extracting(a -> a.path("outcome").asText()).containsExactly("RETRYING", "RETRYING", "DELIVERED");
        assertThat(attempts.get(0).path("httpStatus").asInt()).isEqualTo(503);
        assertThat(attempts.get(0).path("nextAttemptAt").asText()).isNotEmpty();
    }

    @Test
    void aWebhookThatKeepsFailingIsMarkedFailedAndEndsInTheDeadLetterQueue() throws Exception {
        String noticeId = submitNotice();
        NotificationEvent event = testEvent(noticeId, 1);
        FAILURES.put(event.id(), -1);
        publish(event);

        String dlq = stack.queueUrl("NotificationDLQ");
        List<Message> dead = new ArrayList<>();
        await("the dead-letter queue", () -> {
            stack.sqs().receiveMessage(r -> r.queueUrl(dlq).maxNumberOfMessages(10).waitTimeSeconds(1)).messages()
                    .stream().filter(m -> m.body().contains(event.id())).forEach(dead::add);
            return !dead.isEmpty();
        });
        assertThat(receivedWith(event.id())).hasSize(5);
        JsonNode attempts = attemptsOf(noticeId, event.id());
        assertThat(attempts).extracting(a -> a.path("outcome").asText())
                .containsExactly("RETRYING", "RETRYING", "RETRYING", "RETRYING", "FAILED");
        assertThat(attempts.get(4).path("nextAttemptAt").isNull()).isTrue();
    }

    @Test
    void anotherRightholdersDeliveriesAreNotFound() throws Exception {
        String noticeId = submitNotice();
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                        stack.apiUrl().resolve("/v1/notices/" + noticeId + "/deliveries"))
                .header("Authorization", "Bearer " + LocalStackEndToEndTest.GLOBEX_KEY).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(call("DELETE", "/v1/notices/" + noticeId + "/deliveries", null).statusCode()).isEqualTo(405);
    }
}
