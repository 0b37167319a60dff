package dev.takedown.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.takedown.core.json.Json;
import dev.takedown.core.model.DeliveryAttempt.Target;
import dev.takedown.core.model.WebhookSecrets;
import dev.takedown.core.notify.WebhookSigner;
import dev.takedown.core.testing.InMemoryWebhookSecretStore;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WebhookReceiverTest {
    private static final String ACME_SECRET = "whsec_37q6Uz0ldqdToYxVSveHPT04dVDAVGHV";
    private static final String SELLER_SECRET = "whsec_bG9jYWwtc2VsbGVyLXdlYmhvb2stc2VjcmV0";
    private static final String OTHER_SELLER_SECRET = "whsec_b3RoZXItc2VsbGVyLXNlY3JldA==";
    private static final String OLD_SECRET = "whsec_b2xkLWFjbWUtc2VjcmV0LWtleQ==";
    private static final String BODY = "{\"type\":\"notice.completed\",\"timestamp\":\"2026-11-28T15:30:00.000Z\",\"data\":{}}";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final InMemoryWebhookSecretStore secrets = new InMemoryWebhookSecretStore()
            .with(Target.RIGHTHOLDER, "acme", WebhookSecrets.of(ACME_SECRET))
            .with(Target.SELLER, "seller-honest", WebhookSecrets.of(SELLER_SECRET))
            .with(Target.SELLER, "seller-other", WebhookSecrets.of(OTHER_SELLER_SECRET));
    private final WebhookReceiver receiver = new WebhookReceiver(0, secrets, Clock.systemUTC());

    @AfterEach
    void stop() {
        receiver.close();
    }

    private int post(String recipient, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(receiver.url().resolve(recipient))
                .POST(HttpRequest.BodyPublishers.ofString(BODY));
        headers.forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Test
    void acceptsSignedWebhooksAndRejectsForgedOrStaleOnes() throws Exception {
        Instant now = Instant.now();
        assertThat(post("acme", WebhookSigner.headers(List.of(ACME_SECRET), "msg_1", now, BODY))).isEqualTo(204);
        assertThat(post("sellers/seller-honest", WebhookSigner.headers(List.of(SELLER_SECRET), "msg_2", now, BODY)))
                .isEqualTo(204);
        assertThat(post("acme", WebhookSigner.headers(List.of(SELLER_SECRET), "msg_3", now, BODY))).isEqualTo(401);
        assertThat(post("acme", WebhookSigner.headers(List.of(ACME_SECRET), "msg_4", now.minusSeconds(301), BODY)))
                .isEqualTo(401);
        assertThat(post("acme", Map.of())).isEqualTo(401);

        assertThat(receiver.receipts()).extracting(WebhookReceiver.Receipt::signatureOk)
                .containsExactly(true, true, false, false, false);
        assertThat(receiver.receipts().get(3).problem()).contains("5 minutes");
        var listed = Json.parse(HTTP.send(HttpRequest.newBuilder(receiver.url().resolve("received")).build(),
                HttpResponse.BodyHandlers.ofString()).body());
        assertThat(listed).hasSize(5);
        assertThat(listed.get(1).path("recipient").asText()).isEqualTo("sellers/seller-honest");
        assertThat(listed.get(0).path("type").asText()).isEqualTo("notice.completed");
        assertThat(HTTP.send(HttpRequest.newBuilder(URI.create(receiver.url() + "nowhere")).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(404);
    }

    @Test
    void eachSellerIsCheckedWithItsOwnSecret() throws Exception {
        Instant now = Instant.now();
        assertThat(post("sellers/seller-other", WebhookSigner.headers(List.of(OTHER_SELLER_SECRET), "msg_1", now, BODY)))
                .isEqualTo(204);
        assertThat(post("sellers/seller-other", WebhookSigner.headers(List.of(SELLER_SECRET), "msg_2", now, BODY)))
                .isEqualTo(401);
        assertThat(post("sellers/seller-unknown", WebhookSigner.headers(List.of(SELLER_SECRET), "msg_3", now, BODY)))
                .isEqualTo(401);
        assertThat(receiver.receipts().get(2).problem()).isEqualTo("no secret known for sellers/seller-unknown");
    }

    /** A receiver holding only the new secret, or only the old one while the overlap lasts, accepts the webhook. */
    @Test
    void duringARotationAWebhookSignedWithBothSecretsPassesWithEither() throws Exception {
        Instant now = Instant.now();
        Map<String, String> bothSigned = WebhookSigner.headers(List.of(ACME_SECRET, OLD_SECRET), "msg_1", now, BODY);

        assertThat(post("acme", bothSigned)).as("receiver with the new secret").isEqualTo(204);
        secrets.with(Target.RIGHTHOLDER, "acme", WebhookSecrets.of(OLD_SECRET));
        assertThat(post("acme", bothSigned)).as("receiver with the old secret").isEqualTo(204);
        assertThat(post("acme", WebhookSigner.headers(List.of(ACME_SECRET), "msg_2", now, BODY)))
                .as("once only the new secret signs, the old one no longer verifies").isEqualTo(401);
    }

    @Test
    void refusesRequestsFromBrowsers() throws Exception {
        assertThat(post("acme", Map.of("Origin", "https://evil.example"))).isEqualTo(403);
        assertThat(HTTP.send(HttpRequest.newBuilder(receiver.url().resolve("received"))
                .header("Origin", "https://evil.example").build(), HttpResponse.BodyHandlers.discarding()).statusCode())
                .isEqualTo(403);
        assertThat(receiver.receipts()).isEmpty();
    }
}
