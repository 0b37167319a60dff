package dev.takedown.core.notify;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Standard Webhooks signatures: {@code v1,} + base64 HMAC-SHA256 of {@code id.timestamp.body}, keyed with the
 * bytes that follow {@code whsec_} in the secret. Signed with several secrets (during a rotation), the header
 * carries one signature per secret, space-separated, in the order given; a receiver accepts any that matches.
 */
public final class WebhookSigner {
    public static final String SECRET_PREFIX = "whsec_";

    private WebhookSigner() {
    }

    /** The three headers that go with {@code body}, timestamped {@code at}, signed with each of {@code secrets}. */
    public static Map<String, String> headers(List<String> secrets, String webhookId, Instant at, String body) {
        if (secrets.isEmpty()) {
            throw new IllegalArgumentException("a webhook is signed with at least one secret");
        }
        String timestamp = Long.toString(at.getEpochSecond());
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("webhook-id", webhookId);
        headers.put("webhook-timestamp", timestamp);
        headers.put("webhook-signature", secrets.stream()
                .map(secret -> signature(secret, webhookId, timestamp, body))
                .collect(Collectors.joining(" ")));
        return headers;
    }

    public static String signature(String secret, String webhookId, String timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key(secret), "HmacSHA256"));
            byte[] digest = mac.doFinal((webhookId + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is always available", e);
        }
    }

    private static byte[] key(String secret) {
        if (secret == null || !secret.startsWith(SECRET_PREFIX)) {
            throw new IllegalArgumentException("a webhook secret starts with " + SECRET_PREFIX);
        }
        byte[] key = Base64.getDecoder().decode(secret.substring(SECRET_PREFIX.length()));
        if (key.length == 0) {
            throw new IllegalArgumentException("a webhook secret has key bytes after " + SECRET_PREFIX);
        }
        return key;
    }
}
