package dev.takedown.core.ports;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Page cursors as callers of the API see them: a store's cursor, base64url, then {@code .} and the HMAC-SHA256 of
 * it and of the listing it continues (its scope: which route, whose, which filter). A caller can neither make one
 * up nor carry one over to another listing, and nothing of a cursor is decoded before its length and MAC are checked.
 */
public final class SignedCursors {
    /** Far longer than any cursor handed out: a longer one is refused unread. */
    public static final int MAX_LENGTH = 512;
    public static final int MIN_KEY_LENGTH = 32;
    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;

    public SignedCursors(String key) {
        if (key == null || key.length() < MIN_KEY_LENGTH) {
            throw new IllegalArgumentException("a cursor signing key has at least " + MIN_KEY_LENGTH + " characters");
        }
        this.key = new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), ALGORITHM);
    }

    /** The cursor to hand out for the store's {@code storeCursor} in {@code scope}; null at the end of a listing. */
    public String sign(String scope, String storeCursor) {
        if (storeCursor == null) {
            return null;
        }
        String payload = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(storeCursor.getBytes(StandardCharsets.UTF_8));
        return payload + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(mac(scope, payload));
    }

    /**
     * The store's cursor inside {@code cursor}, which must have been handed out for {@code scope}; null for none.
     *
     * @throws InvalidCursorException for anything else
     */
    public String open(String scope, String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return null;
        }
        if (cursor.length() > MAX_LENGTH) {
            throw new InvalidCursorException("cursor too long");
        }
        int dot = cursor.indexOf('.');
        if (dot < 0) {
            throw new InvalidCursorException("cursor not signed");
        }
        String payload = cursor.substring(0, dot);
        try {
            byte[] given = Base64.getUrlDecoder().decode(cursor.substring(dot + 1));
            if (!MessageDigest.isEqual(given, mac(scope, payload))) {
                throw new InvalidCursorException("cursor signature does not match");
            }
            return new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new InvalidCursorException("cursor is not base64url");
        }
    }

    private byte[] mac(String scope, String payload) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            // The scope's length first, so that no scope and payload can pass for another pair.
            mac.update((scope.length() + ":" + scope).getBytes(StandardCharsets.UTF_8));
            return mac.doFinal(payload.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is always available", e);
        }
    }
}
