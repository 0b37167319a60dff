package dev.takedown.core.ports;

import java.time.Instant;
import java.util.Optional;

/** Remembers, per rightholder and key, which request a key was first used for and its notice. */
public interface IdempotencyStore {
    enum State { IN_PROGRESS, COMPLETED }

    record Entry(String rightholderId, String key, String requestHash, String noticeId, State state,
                 Instant expiresAt, Instant lockedUntil) {

        public boolean expired(Instant now) {
            return !expiresAt.isAfter(now);
        }

        public boolean lockHeld(Instant now) {
            return state == State.IN_PROGRESS && lockedUntil.isAfter(now);
        }
    }

    Optional<Entry> find(String rightholderId, String key);

    /**
     * Records {@code entry} unless a live entry exists for the key. A stale in-progress entry for the same
     * request (its lock ran out, say after a crash) may be taken over. Returns false when another holds it.
     */
    boolean claim(Entry entry, Instant now);

    void complete(String rightholderId, String key);

    /** Forgets an in-progress claim whose request failed, so the client can retry at once. */
    void release(String rightholderId, String key);
}
