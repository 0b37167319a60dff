package dev.takedown.local;

import static dev.takedown.local.FaultDrills.ACME_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.takedown.aws.DynamoRightholderStore;
import dev.takedown.aws.DynamoWebhookSecretStore;
import dev.takedown.core.json.Json;
import dev.takedown.core.model.DeliveryAttempt.Target;
import dev.takedown.core.model.Rightholder;
import dev.takedown.core.model.WebhookSecrets;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The rightholder's webhook receiver is down while a notice goes through, then comes back on the same port:
 * every webhook arrives late, once, with the webhook id of its failed attempts.
 */
class FaultDrillWebhookOutageTest {
    private static final String ACME_SECRET = "whsec_37q6Uz0ldqdToYxVSveHPT04dVDAVGHV";
    /** Ten seconds from first attempt to last; the receiver is back well before. */
    private static final String RETRY_SCHEDULE = "1,2,3,4";
    private static final Duration DOWN = Duration.ofSeconds(4);

    record Received(String webhookId, String type, String noticeId, Instant at) {
    }

    private static final List<Received> RECEIVED = new CopyOnWriteArrayList<>();
    private static LocalStack stack;
    private static HttpServer receiver;
    private static int receiverPort;

    @BeforeAll
    static void start() throws IOException {
        receiver = openReceiver(0);
        receiverPort = receiver.getAddress().getPort();
        stack = LocalStack.start(ProjectTemplate.stack(Map.of("WebhookRetrySchedule", RETRY_SCHEDULE)));
        new DynamoRightholderStore(stack.dynamo(), stack.tableName("RightholdersTable")).put(new Rightholder("acme",
                "Acme Brands Inc.", "legal@acme.example", "http://127.0.0.1:" + receiverPort + "/hooks/acme"));
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

    private static HttpServer openReceiver(int port) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        server.createContext("/hooks/acme", FaultDrillWebhookOutageTest::receive);
        server.start();
        return server;
    }

    private static void receive(HttpExchange exchange) throws IOException {
        try (exchange) {
            JsonNode body = Json.parse(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            RECEIVED.add(new Received(exchange.getRequestHeaders().getFirst("webhook-id"), body.path("type").asText(),
                    body.path("data").path("noticeId").asText(), Instant.now()));
            exchange.sendResponseHeaders(204, -1);
        }
    }

    @Test
    void everyWebhookArrivesLateWithItsOriginalId() throws Exception {
        receiver.stop(0);
        String noticeId = FaultDrills.submit(stack, ACME_KEY, LocalStackEndToEndTest.notice());
        FaultDrills.await("failed attempts at notice.received and notice.completed", Duration.ofSeconds(30),
                () -> failedTypes(noticeId).containsAll(Set.of("notice.received", "notice.completed")));
        Thread.sleep(DOWN.toMillis());
        Instant reopened = Instant.now();
        receiver = openReceiver(receiverPort);

        Set<String> failedIds = attempts(noticeId).stream().filter(a -> a.path("outcome").asText().equals("RETRYING"))
                .map(a -> a.path("webhookId").asText()).collect(Collectors.toSet());
        FaultDrills.await("every webhook that failed to arrive", Duration.ofSeconds(30), () -> RECEIVED.stream()
                .map(Received::webhookId).collect(Collectors.toSet()).containsAll(failedIds));
        FaultDrills.await("every webhook to be recorded as delivered", Duration.ofSeconds(30),
                () -> deliveredIds(noticeId).containsAll(failedIds));

        List<Received> received = RECEIVED.stream().filter(r -> r.noticeId().equals(noticeId)).toList();
        assertThat(received).extracting(Received::type).contains("notice.received", "items.decided", "notice.completed");
        assertThat(received).extracting(Received::webhookId).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(failedIds);
        assertThat(received).allSatisfy(r -> assertThat(r.at()).isAfterOrEqualTo(reopened));
    }

    private static List<JsonNode> attempts(String noticeId) {
        try {
            FaultDrills.Reply reply = FaultDrills.get(stack, "/v1/notices/" + noticeId + "/deliveries", ACME_KEY);
            assertThat(reply.status()).isEqualTo(200);
            return StreamSupport.stream(reply.body().path("deliveries").spliterator(), false).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Set<String> failedTypes(String noticeId) {
        return attempts(noticeId).stream().filter(a -> a.path("outcome").asText().equals("RETRYING"))
                .map(a -> a.path("type").asText()).collect(Collectors.toSet());
    }

    private static Set<String> deliveredIds(String noticeId) {
        return attempts(noticeId).stream().filter(a -> a.path("outcome").asText().equals("DELIVERED"))
                .map(a -> a.path("webhookId").asText()).collect(Collectors.toSet());
    }
}
