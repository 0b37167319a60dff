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

    /**
     * Ends the lock of an in-progress claim whose request failed, keeping its notice id: the client's retry
     * takes it over at once and finishes the same notice, whatever part of it was already stored.
     */
    void releaseLock(String rightholderId, String key, Instant now);
}
