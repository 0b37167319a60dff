package dev.takedown.aws;

import dev.takedown.core.ports.DependencyException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/** Exponential backoff with full jitter, capped at about a second, for retries the SDK does not do itself. */
final class Backoff {
    private Backoff() {
    }

    /**
     * Sends {@code pending}, then whatever each answer left unprocessed, backing off between attempts, until nothing
     * is left; after {@code maxAttempts} it gives up with {@code refusal} of what is still left.
     */
    static <T> void untilNoneLeft(T pending, Predicate<T> noneLeft, UnaryOperator<T> send, int maxAttempts,
                                  Function<T, String> refusal) {
        for (int attempt = 1; !noneLeft.test(pending); attempt++) {
            if (attempt > maxAttempts) {
                throw new DependencyException(refusal.apply(pending) + " after " + maxAttempts + " attempts", null);
            }
            if (attempt > 1) {
                sleep(attempt);
            }
            pending = send.apply(pending);
        }
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
