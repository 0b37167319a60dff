package dev.takedown.core.ports;

import java.util.List;

/** Where verification work goes. Sending the same items twice is harmless: the verifier is idempotent. */
public interface VerificationQueue {
    /**
     * Queues the given items of one notice; returns only once all of them are on the queue.
     *
     * @param priority a TRUSTED rightholder's work: it goes to the priority queue, never behind a standard backlog
     */
    void enqueue(String noticeId, List<Integer> itemIndexes, boolean priority);
}
