package dev.takedown.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateLimiterTest {
    private static final long SECOND = 1_000_000_000L;
    private final AtomicLong now = new AtomicLong(42 * SECOND);
    private final RateLimiter limiter = new RateLimiter(now::get);
    private final RateLimiter.Throttle twoPerSecondFourAtOnce = new RateLimiter.Throttle(2, 4);

    @Test
    void aCallerStartsWithAFullBucketAndIsThrottledWhenItIsEmpty() {
        for (int remaining = 3; remaining >= 0; remaining--) {
            RateLimiter.Decision decision = limiter.take("acme", twoPerSecondFourAtOnce);
            assertThat(decision.allowed()).isTrue();
            assertThat(decision.limit()).isEqualTo(4);
            assertThat(decision.remaining()).isEqualTo(remaining);
            assertThat(decision.retryAfterSeconds()).isZero();
        }
        RateLimiter.Decision throttled = limiter.take("acme", twoPerSecondFourAtOnce);
        assertThat(throttled.allowed()).isFalse();
        assertThat(throttled.remaining()).isZero();
        assertThat(throttled.retryAfterSeconds()).as("half a second to the next token, rounded up").isEqualTo(1);
        assertThat(throttled.resetSeconds()).as("two seconds to a full bucket").isEqualTo(2);
    }

    @Test
    void tokensComeBackAtTheRateAndNeverBeyondTheBurst() {
        for (int i = 0; i < 4; i++) {
            limiter.take("acme", twoPerSecondFourAtOnce);
        }
        now.addAndGet(SECOND / 2);
        assertThat(limiter.take("acme", twoPerSecondFourAtOnce).allowed()).as("one token after half a second").isTrue();
        assertThat(limiter.take("acme", twoPerSecondFourAtOnce).allowed()).isFalse();

        now.addAndGet(60 * SECOND);
        RateLimiter.Decision rested = limiter.take("acme", twoPerSecondFourAtOnce);
        assertThat(rested.remaining()).as("a long rest fills the bucket to the burst, no more").isEqualTo(3);
        assertThat(rested.resetSeconds()).isEqualTo(1);
    }

    @Test
    void aThrottledRequestTakesNoToken() {
        RateLimiter.Throttle onePerSecond = new RateLimiter.Throttle(1, 1);
        assertThat(limiter.take("acme", onePerSecond).allowed()).isTrue();
        for (int i = 0; i < 5; i++) {
            now.addAndGet(SECOND / 10);
            assertThat(limiter.take("acme", onePerSecond).allowed()).isFalse();
        }
        now.addAndGet(SECOND / 2);
        assertThat(limiter.take("acme", onePerSecond).allowed()).as("a second after the last token taken").isTrue();
    }

    @Test
    void everyCallerAndEveryPlanHasABucketOfItsOwn() {
        RateLimiter.Throttle one = new RateLimiter.Throttle(1, 1);
        assertThat(limiter.take("acme", one).allowed()).isTrue();
        assertThat(limiter.take("acme", one).allowed()).isFalse();
        assertThat(limiter.take("globex", one).allowed()).isTrue();
        assertThat(limiter.take("acme", new RateLimiter.Throttle(1, 5)).allowed()).as("a new plan, a full bucket").isTrue();
    }

    @Test
    void aRetryAfterIsAtLeastASecondAndCoversASlowRate() {
        RateLimiter.Throttle slow = new RateLimiter.Throttle(0.25, 1);
        limiter.take("acme", slow);
        assertThat(limiter.take("acme", slow).retryAfterSeconds()).isEqualTo(4);
        assertThatThrownBy(() -> new RateLimiter.Throttle(0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RateLimiter.Throttle(1, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
