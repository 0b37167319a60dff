package dev.takedown.core.ports;

import java.time.Instant;

/** Where staff issue and revoke API keys; like {@link ApiKeyStore}, it only ever sees a key's SHA-256. */
public interface ApiKeyRegistry {
    void issue(String keyHash, String rightholderId, String issuedBy, Instant at);

    /** Revokes every key of the rightholder but the one given, at once; returns how many were revoked. */
    int revokeAllBut(String rightholderId, String keptKeyHash);
}
