package dev.takedown.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.takedown.aws.DynamoSellerStore;
import dev.takedown.aws.SqsNotificationQueue;
import dev.takedown.core.events.Notifications;
import dev.takedown.core.model.Ids;
import dev.takedown.core.model.NotificationEvent;
import dev.takedown.core.model.Seller;
import dev.takedown.core.testing.FormatSamples;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A seller registered by staff, its secret rotated by staff, on the local stack with a clock the test moves on:
 * webhooks verify with the new secret at once, with the old one until the overlap ends, and then no longer.
 * Signatures are checked here, by an HMAC of the test's own, as a seller's receiver holding one secret would.
 */
class WebhookSecretRotationEndToEndTest {
    private static final String SELLER = "seller-rotating";
    private static final MovableClock CLOCK = new MovableClock();

    /** A webhook as the seller's endpoint got it. */
    record Received(String webhookId, String timestamp, String signatures, String body) {
    }

    private static LocalStack stack;
    private static HttpServer receiver;
    private static final List<Received> RECEIVED = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/hooks/seller", WebhookSecretRotationEndToEndTest::receive);
        receiver.start();
        stack = LocalStack.start(ProjectTemplate.stack(Map.of()).withClock(CLOCK));
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
            var headers = exchange.getRequestHeaders();
            RECEIVED.add(new Received(headers.getFirst("webhook-id"), headers.getFirst("webhook-timestamp"),
                    headers.getFirst("webhook-signature"),
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            exchange.sendResponseHeaders(204, -1);
        }
    }

    /** Whether a receiver holding only {@code secret} accepts the webhook: one of its signatures is that secret's. */
    private static boolean verifiesWith(String secret, Received webhook) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
        String expected = "v1," + Base64.getEncoder().encodeToString(mac.doFinal(
                (webhook.webhookId() + "." + webhook.timestamp() + "." + webhook.body()).getBytes(StandardCharsets.UTF_8)));
        return Arrays.asList(webhook.signatures().split(" ")).contains(expected);
    }

    /** A listing of the seller restricted, published as the verifier does, and the webhook that reaches the seller. */
    private static Received restrictAListing() throws InterruptedException {
        NotificationEvent event = Notifications.listingsRestricted(Ids.notice(Instant.now()), SELLER,
                List.of(FormatSamples.items().get(0)), CLOCK.instant());
        new SqsNotificationQueue(stack.sqs(), stack.queueUrl("NotificationQueue")).publish(List.of(event));
        long deadline = System.nanoTime() + Duration.ofSeconds(45).toNanos();
        while (true) {
            for (Received received : RECEIVED) {
                if (event.id().equals(received.webhookId())) {
                    return received;
                }
            }
            assertThat(System.nanoTime()).as("waiting for webhook " + event.id()).isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    @Test
    void aRotatedSecretSignsAtOnceAndTheOldOneOnlyUntilTheOverlapEnds() throws Exception {
        JsonNode registered = StaffInvocations.invoke(stack, "{\"operation\": \"registerSeller\", \"sellerId\": \""
                + SELLER + "\", \"name\": \"Rotating Goods\", \"callbackUrl\": \"https://hooks.rotating.example/\","
                + " \"staffId\": \"staff-jane\"}");
        String oldSecret = registered.path("webhookSecret").asText();
        assertThat(oldSecret).startsWith("whsec_");
        // Staff give sellers https callbacks only; the test's endpoint is plain http on loopback, as the stack allows.
        new DynamoSellerStore(stack.dynamo(), stack.tableName("SellersTable")).put(new Seller(SELLER, "Rotating Goods",
                "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks/seller"));

        Received before = restrictAListing();
        assertThat(before.signatures()).doesNotContain(" ");
        assertThat(verifiesWith(oldSecret, before)).isTrue();

        JsonNode rotated = StaffInvocations.invoke(stack, "{\"operation\": \"rotateWebhookSecret\", \"sellerId\": \""
                + SELLER + "\", \"overlapHours\": 24, \"staffId\": \"staff-jane\"}");
        String newSecret = rotated.path("webhookSecret").asText();
        assertThat(newSecret).startsWith("whsec_").isNotEqualTo(oldSecret);
        assertThat(Duration.between(CLOCK.instant(), Instant.parse(rotated.path("previousValidUntil").asText())))
                .isBetween(Duration.ofHours(23), Duration.ofHours(24));

        Received during = restrictAListing();
        assertThat(verifiesWith(newSecret, during)).as("a receiver with only the new secret").isTrue();
        assertThat(verifiesWith(oldSecret, during)).as("a receiver with only the old secret, during the overlap").isTrue();

        CLOCK.advance(Duration.ofHours(24).plusMinutes(1));
        Received after = restrictAListing();
        assertThat(verifiesWith(newSecret, after)).as("a receiver with only the new secret").isTrue();
        assertThat(verifiesWith(oldSecret, after)).as("a receiver with only the old secret, after the overlap").isFalse();

        assertThat(StaffInvocations.invoke(stack, "{\"operation\": \"getSeller\", \"sellerId\": \"" + SELLER + "\"}")
                .toString()).doesNotContain("whsec_");
    }
}
