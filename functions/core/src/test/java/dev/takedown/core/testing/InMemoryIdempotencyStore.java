package dev.takedown.core.testing;

import dev.takedown.core.ports.IdempotencyStore;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

public final class InMemoryIdempotencyStore implements IdempotencyStore {
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    @Override
    public Optional<Entry> find(String rightholderId, String key) {
        return Optional.ofNullable(entries.get(rightholderId + "#" + key));
    }

    @Override
    public synchronized boolean claim(Entry entry, Instant now) {
        String id = entry.rightholderId() + "#" + entry.key();
        Entry current = entries.get(id);
        boolean free = current == null || current.expired(now)
                || current.state() == State.IN_PROGRESS && !current.lockHeld(now)
                && current.requestHash().equals(entry.requestHash());
        if (free) {
            entries.put(id, entry);
        }
        return free;
    }

    @Override
    public void complete(String rightholderId, String key) {
        entries.computeIfPresent(rightholderId + "#" + key, (k, e) -> new Entry(e.rightholderId(), e.key(),
                e.requestHash(), e.noticeId(), State.COMPLETED, e.expiresAt(), e.lockedUntil()));
    }

    @Override
    public void releaseLock(String rightholderId, String key, Instant now) {
        entries.computeIfPresent(rightholderId + "#" + key, (k, e) -> e.state() != State.IN_PROGRESS ? e
                : new Entry(e.rightholderId(), e.key(), e.requestHash(), e.noticeId(), e.state(), e.expiresAt(), now));
    }

    public void put(Entry entry) {
        entries.put(entry.rightholderId() + "#" + entry.key(), entry);
    }

    public int size() {
        return entries.size();
    }
}
