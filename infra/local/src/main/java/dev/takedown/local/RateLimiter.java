package dev.takedown.local;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * API Gateway's throttling as the local stack applies a usage plan: a token bucket per caller that holds at most
 * {@code burst} tokens, refills at {@code rate} tokens a second and gives one to each request. A request that
 * finds no whole token is throttled (429) and told how long until one is there.
 */
final class RateLimiter {

    /** A usage plan's throttle: requests per second on average, and at most at once. */
    record Throttle(double rate, int burst) {
        Throttle {
            if (!(rate > 0) || burst < 1) {
                throw new IllegalArgumentException("a throttle needs a rate above 0 and a burst of at least 1");
            }
        }
    }

    /**
     * The answer to one request, in the IETF ratelimit headers' terms: {@code limit} is the burst, {@code remaining}
     * the whole tokens left after this request, {@code resetSeconds} until the bucket is full again, and
     * {@code retryAfterSeconds} (throttled requests only) until the next token.
     */
    record Decision(boolean allowed, int limit, int remaining, long resetSeconds, long retryAfterSeconds) {
    }

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final LongSupplier nanoTime;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    RateLimiter() {
        this(System::nanoTime);
    }

    RateLimiter(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    /** Takes a token from the caller's bucket for this throttle; a caller starts with a full bucket. */
    Decision take(String caller, Throttle throttle) {
        Bucket bucket = buckets.computeIfAbsent(caller + "\u0000" + throttle, key -> new Bucket(throttle, nanoTime.getAsLong()));
        return bucket.take(nanoTime.getAsLong());
    }

    private static final class Bucket {
        private final Throttle throttle;
        private double tokens;
        private long refilledAt;

        Bucket(Throttle throttle, long now) {
            this.throttle = throttle;
            this.tokens = throttle.burst();
            this.refilledAt = now;
        }

        synchronized Decision take(long now) {
            tokens = Math.min(throttle.burst(), tokens + (now - refilledAt) * throttle.rate() / NANOS_PER_SECOND);
            refilledAt = now;
            boolean allowed = tokens >= 1;
            if (allowed) {
                tokens -= 1;
            }
            long resetSeconds = seconds((throttle.burst() - tokens) / throttle.rate());
            long retryAfterSeconds = allowed ? 0 : Math.max(1, seconds((1 - tokens) / throttle.rate()));
            return new Decision(allowed, throttle.burst(), (int) Math.floor(tokens), resetSeconds, retryAfterSeconds);
        }

        /** Whole seconds, rounded up: a client that waits that long finds what was promised. */
        private static long seconds(double seconds) {
            return (long) Math.ceil(seconds - 1e-9);
        }
    }
}
