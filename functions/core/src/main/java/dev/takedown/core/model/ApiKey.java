package dev.takedown.core.model;

import dev.takedown.core.text.Hashing;
import java.time.Instant;

/**
 * An issued API key as stored: its SHA-256 (the key itself is never kept), its first characters so that people can
 * tell keys apart, whom it speaks for, who issued it when, and when it stops working (null: never).
 */
public record ApiKey(String keyHash, String prefix, Principal principal, Instant issuedAt, String issuedBy,
                     Instant expiresAt) {

    public static ApiKey issued(String key, Principal principal, Instant at, String issuedBy, Instant expiresAt) {
        return new ApiKey(Hashing.sha256Hex(key), Ids.apiKeyPrefix(key), principal, at, issuedBy, expiresAt);
    }

    public boolean expiredAt(Instant now) {
        return expiresAt != null && !now.isBefore(expiresAt);
    }
}
