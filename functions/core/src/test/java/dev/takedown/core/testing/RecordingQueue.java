package dev.takedown.core.testing;

import dev.takedown.core.ports.VerificationQueue;
import java.util.ArrayList;
import java.util.List;

/** Records what was queued; can be told to fail like an unreachable queue. */
public final class RecordingQueue implements VerificationQueue {
    public record Sent(String noticeId, List<Integer> items, boolean priority) {
    }

    public final List<Sent> sent = new ArrayList<>();
    public RuntimeException failure;

    @Override
    public synchronized void enqueue(String noticeId, List<Integer> itemIndexes, boolean priority) {
        if (failure != null) {
            throw failure;
        }
        sent.add(new Sent(noticeId, List.copyOf(itemIndexes), priority));
    }

    public synchronized List<Integer> itemsQueuedFor(String noticeId) {
        return sent.stream().filter(s -> s.noticeId().equals(noticeId)).flatMap(s -> s.items().stream()).toList();
    }
}
