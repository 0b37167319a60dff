package dev.takedown.core.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class WebhookSignerTest {
    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    @Test
    void signsLikeTheStandardWebhooksExample() {
        assertThat(WebhookSigner.signature(SECRET, "msg_p5jXN8AQM9LWM0D4loKWxJek", "1614265330", "{\"test\": 2432232314}"))
                .isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    @Test
    void theHeadersCarryTheIdTheUnixTimestampAndAnHmacOverAllThree() throws Exception {
        String body = "{\"type\":\"notice.received\",\"data\":{\"noticeId\":\"ntc_1\"}}";
        var headers = WebhookSigner.headers(SECRET, "msg_abc", Instant.parse("2026-11-28T15:30:00.900Z"), body);

        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"), "HmacSHA256"));
        String expected = "v1," + Base64.getEncoder().encodeToString(
                mac.doFinal(("msg_abc.1795879800." + body).getBytes(StandardCharsets.UTF_8)));
        assertThat(headers).containsEntry("webhook-id", "msg_abc")
                .containsEntry("webhook-timestamp", "1795879800")
                .containsEntry("webhook-signature", expected);
    }

    @Test
    void aSecretWithoutItsPrefixIsRefused() {
        assertThatThrownBy(() -> WebhookSigner.signature("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "msg", "1", "{}"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
