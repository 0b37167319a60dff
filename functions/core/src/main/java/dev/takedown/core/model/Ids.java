package dev.takedown.core.model;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.regex.Pattern;

/**
 * Identifiers and credentials the platform hands out: time-ordered, unguessable notice ids (ULID layout: 48-bit
 * milliseconds then 80 random bits), API keys and webhook secrets. Whatever takes a notice id as input checks it
 * against {@link #NOTICE_ID}.
 */
public final class Ids {
    /** The shape of a notice id, as a regular expression to embed in others. */
    public static final String NOTICE_ID_REGEX = "ntc_[0-9a-z]{26}";
    public static final Pattern NOTICE_ID = Pattern.compile(NOTICE_ID_REGEX);
    /** The shape of an issued API key: {@code tdk_} and 32 random bytes in unpadded base64url (43 characters). */
    public static final Pattern API_KEY = Pattern.compile("tdk_[A-Za-z0-9_-]{43}");
    /** How much of a key may be shown or logged to tell keys apart: {@code tdk_} and 4 of its 43 characters. */
    public static final int API_KEY_PREFIX_LENGTH = 8;
    private static final char[] CROCKFORD = "0123456789abcdefghjkmnpqrstvwxyz".toCharArray();
    /** Every random value the product makes comes from here, so that one renewal covers them all. */
    private static volatile SecureRandom random = new SecureRandom();

    private Ids() {
    }

    /**
     * Replaces the generator with one the operating system seeds now. SnapStart calls it after each restore: the
     * environments restored from one snapshot would otherwise share the generator's state, and priming has used it.
     */
    public static void renewRandomness() {
        random = new SecureRandom();
    }

    static SecureRandom random() {
        return random;
    }

    public static String notice(Instant at) {
        return "ntc_" + ulid(at.toEpochMilli());
    }

    /** A seller id for a seller registered without one of its own: time-ordered and unguessable, like notice ids. */
    public static String seller(Instant at) {
        return "sel_" + ulid(at.toEpochMilli());
    }

    public static boolean isNoticeId(String text) {
        return text != null && NOTICE_ID.matcher(text).matches();
    }

    static String ulid(long millis) {
        byte[] bytes = new byte[10];
        random.nextBytes(bytes);
        char[] out = new char[26];
        for (int i = 9; i >= 0; i--) {
            out[i] = CROCKFORD[(int) (millis & 31)];
            millis >>>= 5;
        }
        long hi = 0;
        for (int i = 0; i < 5; i++) {
            hi = (hi << 8) | (bytes[i] & 0xff);
        }
        long lo = 0;
        for (int i = 5; i < 10; i++) {
            lo = (lo << 8) | (bytes[i] & 0xff);
        }
        for (int i = 17; i >= 10; i--) {
            out[i] = CROCKFORD[(int) (hi & 31)];
            hi >>>= 5;
        }
        for (int i = 25; i >= 18; i--) {
            out[i] = CROCKFORD[(int) (lo & 31)];
            lo >>>= 5;
        }
        return new String(out);
    }

    /** A token that tells one holder of a lease from another: 16 random bytes in unpadded base64url. */
    public static String leaseToken() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** A new API key: 32 random bytes, shown once, stored only as its SHA-256. */
    public static String apiKey() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return "tdk_" + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static boolean isApiKey(String text) {
        return text != null && API_KEY.matcher(text).matches();
    }

    /** The first characters of a key, or null when the text is too short for them to leave most of it unsaid. */
    public static String apiKeyPrefix(String key) {
        return key == null || key.length() < 2 * API_KEY_PREFIX_LENGTH ? null : key.substring(0, API_KEY_PREFIX_LENGTH);
    }

    /** A new webhook signing secret in the Standard Webhooks form: {@code whsec_} + base64 of 24 random bytes. */
    public static String webhookSecret() {
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        return "whsec_" + java.util.Base64.getEncoder().encodeToString(bytes);
    }
}
