package dev.takedown.core.notify;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * How long to wait after each failed attempt, from a list of seconds such as {@code 10,60,600,3600}: attempt n
 * is followed by the n-th delay, and the attempt after the last delay is the last one.
 */
public final class RetrySchedule {
    private final List<Duration> delays;

    private RetrySchedule(List<Duration> delays) {
        this.delays = List.copyOf(delays);
    }

    public static RetrySchedule parse(String seconds) {
        List<Duration> delays = new ArrayList<>();
        for (String part : seconds.split(",")) {
            try {
                long value = Long.parseLong(part.trim());
                if (value < 0) {
                    throw new NumberFormatException("negative");
                }
                delays.add(Duration.ofSeconds(value));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("a retry schedule is comma-separated whole seconds, got: " + seconds, e);
            }
        }
        return new RetrySchedule(delays);
    }

    public int maxAttempts() {
        return delays.size() + 1;
    }

    public boolean isLast(int attempt) {
        return attempt >= maxAttempts();
    }

    /** The wait after failed attempt {@code attempt} (1-based) before the next one. */
    public Duration delayAfter(int attempt) {
        if (attempt < 1 || isLast(attempt)) {
            throw new IllegalArgumentException("no attempt follows attempt " + attempt);
        }
        return delays.get(attempt - 1);
    }
}
