package dev.takedown.core.ports;

import java.util.List;

/** Where verification work goes: one message per group of item indexes of one notice. */
public interface VerificationQueue {
    void enqueue(String noticeId, List<Integer> itemIndexes);
}
