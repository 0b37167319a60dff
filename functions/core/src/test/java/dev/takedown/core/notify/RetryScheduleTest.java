package dev.takedown.core.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryScheduleTest {
    @Test
    void eachFailedAttemptWaitsItsDelayAndTheAttemptAfterTheLastDelayIsTheLast() {
        RetrySchedule schedule = RetrySchedule.parse("10, 60,600,3600");
        assertThat(schedule.maxAttempts()).isEqualTo(5);
        assertThat(schedule.delayAfter(1)).isEqualTo(Duration.ofSeconds(10));
        assertThat(schedule.delayAfter(2)).isEqualTo(Duration.ofMinutes(1));
        assertThat(schedule.delayAfter(4)).isEqualTo(Duration.ofHours(1));
        assertThat(schedule.isLast(4)).isFalse();
        assertThat(schedule.isLast(5)).isTrue();
        assertThat(schedule.isLast(7)).isTrue();
        assertThatThrownBy(() -> schedule.delayAfter(5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> schedule.delayAfter(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aScheduleIsWholeNonNegativeSeconds() {
        assertThat(RetrySchedule.parse("1").maxAttempts()).isEqualTo(2);
        for (String bad : new String[] {"", "10,,60", "ten", "-1", "1.5"}) {
            assertThatThrownBy(() -> RetrySchedule.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
