package dev.takedown.core.intake;

import static org.assertj.core.api.Assertions.assertThat;

import dev.takedown.core.model.Decision;
import dev.takedown.core.model.DecisionRule;
import dev.takedown.core.model.ItemReason;
import dev.takedown.core.model.ItemStatus;
import dev.takedown.core.model.NoticeItem;
import dev.takedown.core.testing.EmfLines;
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

    @Test
    void theReviewBacklogIsReportedWithTheAgeOfTheItemWaitingLongest() throws Exception {
        DispatchService dispatch = new DispatchService(notices, new InMemoryRightholderStore(), queue,
                new RecordingNotifications(), Clock.offset(Fixtures.clock(), Duration.ofMinutes(90)), Duration.ofSeconds(60));
        EmfLines empty = EmfLines.invocation(dispatch::reportReviewBacklog);

        var body = NoticeBodies.valid();
        var items = body.putArray("items");
        items.addObject().put("listingId", "1001");
        items.addObject().put("listingId", "1002");
        items.addObject().put("listingId", "1003");
        String noticeId = Fixtures.intake(notices, new InMemoryIdempotencyStore(), queue, Fixtures.clock())
                .submit("acme", body.toString(), null).notice().id();
        for (int index = 0; index < 2; index++) {
            NoticeItem item = notices.itemsOf(noticeId).get(index);
            // Sent to review 10 and 20 minutes after receipt.
            notices.recordDecision(noticeId, item.decided(ItemStatus.NEEDS_REVIEW, ItemReason.BRAND_MISMATCH,
                    Decision.auto(Fixtures.NOW.plus(Duration.ofMinutes(10L * (index + 1))), DecisionRule.BRAND_MATCH)),
                    ItemStatus.RECEIVED);
        }
        EmfLines waiting = EmfLines.invocation(dispatch::reportReviewBacklog);

        assertThat(empty.sum("ReviewBacklog")).isZero();
        assertThat(empty.values("ReviewBacklogOldestAge")).containsExactly(0.0);
        assertThat(waiting.problems()).isEmpty();
        assertThat(waiting.sum("ReviewBacklog")).isEqualTo(2);
        assertThat(waiting.values("ReviewBacklogOldestAge")).containsExactly((double) Duration.ofMinutes(80).toSeconds());
    }
}
