package dev.takedown.core.intake;

import static org.assertj.core.api.Assertions.assertThat;

import dev.takedown.core.testing.Fixtures;
import dev.takedown.core.testing.InMemoryIdempotencyStore;
import dev.takedown.core.testing.InMemoryNoticeStore;
import dev.takedown.core.testing.InMemoryRightholderStore;
import dev.takedown.core.testing.NoticeBodies;
import dev.takedown.core.testing.RecordingNotifications;
import dev.takedown.core.testing.RecordingQueue;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DispatchServiceTest {
    private final InMemoryNoticeStore notices = new InMemoryNoticeStore();
    private final RecordingQueue queue = new RecordingQueue();

    @Test
    void leavesRecentNoticesToIntakeAndRequeuesOnlyOpenItemsOfOlderOnes() {
        RecordingQueue brokenQueue = new RecordingQueue();
        brokenQueue.failure = new IllegalStateException("down");
        var body = NoticeBodies.valid();
        body.withArray("items").addObject().put("url", "https://elsewhere.example/item/1");
        String noticeId = Fixtures.intake(notices, new InMemoryIdempotencyStore(), brokenQueue, Fixtures.clock())
                .submit("acme", body.toString(), null).notice().id();

        DispatchService tooSoon = new DispatchService(notices, new InMemoryRightholderStore(), queue, new RecordingNotifications(), Clock.offset(Fixtures.clock(), Duration.ofSeconds(30)),
                Duration.ofSeconds(60));
        assertThat(tooSoon.redispatch()).isZero();
        assertThat(queue.sent).isEmpty();

        DispatchService later = new DispatchService(notices, new InMemoryRightholderStore(), queue, new RecordingNotifications(), Clock.offset(Fixtures.clock(), Duration.ofSeconds(61)),
                Duration.ofSeconds(60));
        assertThat(later.redispatch()).isEqualTo(1);
        assertThat(queue.itemsQueuedFor(noticeId)).containsExactly(0, 1);
        assertThat(later.redispatch()).isZero();
    }
}
