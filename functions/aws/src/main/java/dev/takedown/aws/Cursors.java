package dev.takedown.aws;

import dev.takedown.core.ports.InvalidCursorException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Page cursors as callers see them: the sort key a page ended at, base64url, so they pass through URLs unescaped.
 * Each store checks that a decoded key is one of its own before resuming from it, and a cursor longer than any key
 * of ours is refused undecoded, so that no caller's text reaches DynamoDB as a key it would refuse.
 */
final class Cursors {
    /** The encoding of a 256-byte key: more than any sort key a store pages by. */
    static final int MAX_LENGTH = 342;

    private Cursors() {
    }

    static String encode(String key) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(key.getBytes(StandardCharsets.UTF_8));
    }

    static String decode(String cursor) {
        if (cursor.length() > MAX_LENGTH) {
            throw new InvalidCursorException("cursor too long");
        }
        try {
            return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new InvalidCursorException("cursor is not base64url");
        }
    }
}
