package dev.takedown.aws;

import java.util.concurrent.ThreadLocalRandom;

/** Exponential backoff with full jitter, capped at about a second, for retries the SDK does not do itself. */
final class Backoff {
    private Backoff() {
    }

    static void sleep(int attempt) {
        long cap = Math.min(1000, 25L << Math.min(attempt, 6));
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(cap / 2, cap + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during backoff", e);
        }
    }
}
