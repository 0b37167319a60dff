package dev.takedown.core.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class WebhookSignerTest {
    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final String OLD_SECRET = "whsec_b2xkLWFjbWUtc2VjcmV0LWtleQ==";
    private static final String BODY = "{\"type\":\"notice.received\",\"data\":{\"noticeId\":\"ntc_1\"}}";

    /** HMAC-SHA256 computed here, apart from the signer, as a receiver does. */
    private static String expected(String secret, String signed) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
        return "v1," + Base64.getEncoder().encodeToString(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void signsLikeTheStandardWebhooksExample() {
        assertThat(WebhookSigner.signature(SECRET, "msg_p5jXN8AQM9LWM0D4loKWxJek", "1614265330", "{\"test\": 2432232314}"))
                .isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    @Test
    void theHeadersCarryTheIdTheUnixTimestampAndAnHmacOverAllThree() throws Exception {
        var headers = WebhookSigner.headers(List.of(SECRET), "msg_abc", Instant.parse("2026-11-28T15:30:00.900Z"), BODY);

        assertThat(headers).containsEntry("webhook-id", "msg_abc")
                .containsEntry("webhook-timestamp", "1795879800")
                .containsEntry("webhook-signature", expected(SECRET, "msg_abc.1795879800." + BODY));
    }

    @Test
    void withTwoSecretsTheHeaderCarriesBothSignaturesSpaceSeparatedTheFirstSecretsFirst() throws Exception {
        var headers = WebhookSigner.headers(List.of(SECRET, OLD_SECRET), "msg_abc",
                Instant.parse("2026-11-28T15:30:00.900Z"), BODY);

        assertThat(headers.get("webhook-signature")).isEqualTo(expected(SECRET, "msg_abc.1795879800." + BODY)
                + " " + expected(OLD_SECRET, "msg_abc.1795879800." + BODY));
    }

    @Test
    void aWebhookIsNeverUnsigned() {
        assertThatThrownBy(() -> WebhookSigner.headers(List.of(), "msg", Instant.EPOCH, "{}"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aSecretWithoutItsPrefixIsRefused() {
        assertThatThrownBy(() -> WebhookSigner.signature("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "msg", "1", "{}"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
