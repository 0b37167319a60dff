package dev.takedown.aws;

import dev.takedown.core.ports.InvalidCursorException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Page cursors as callers see them: the sort key a page ended at, base64url, so they pass through URLs unescaped.
 * Each store checks that a decoded key is one of its own before resuming from it.
 */
final class Cursors {
    private Cursors() {
    }

    static String encode(String key) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(key.getBytes(StandardCharsets.UTF_8));
    }

    static String decode(String cursor) {
        try {
            return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new InvalidCursorException("cursor is not base64url");
        }
    }
}
