package dev.takedown.core.intake;

import dev.takedown.core.model.ItemStatus;
import dev.takedown.core.model.Notice;
import dev.takedown.core.model.NoticeItem;
import dev.takedown.core.ports.NoticeStore;
import dev.takedown.core.ports.NotificationQueue;
import dev.takedown.core.ports.RightholderStore;
import dev.takedown.core.ports.VerificationQueue;
import dev.takedown.core.runtime.Log;
import dev.takedown.core.runtime.Metrics;
import dev.takedown.core.runtime.Metrics.Metric;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Queues again the verification work of notices that were stored but whose work was never confirmed on the
 * queue (the queue failed during intake, or intake crashed between the two), and reports the review backlog. Runs on a
 * schedule.
 */
public final class DispatchService {
    static final int NOTICES_PER_RUN = 100;

    private final NoticeStore notices;
    private final RightholderStore rightholders;
    private final VerificationQueue queue;
    private final NotificationQueue notifications;
    private final Clock clock;
    private final Duration grace;

    public DispatchService(NoticeStore notices, RightholderStore rightholders, VerificationQueue queue,
                           NotificationQueue notifications, Clock clock, Duration grace) {
        this.notices = notices;
        this.rightholders = rightholders;
        this.queue = queue;
        this.notifications = notifications;
        this.clock = clock;
        this.grace = grace;
    }

    /** Returns how many notices had their work queued again. */
    public int redispatch() {
        Instant cutoff = clock.instant().minus(grace);
        int done = 0;
        for (String noticeId : notices.awaitingDispatch(cutoff, NOTICES_PER_RUN)) {
            // One notice that cannot be dispatched must not hold back the others behind it.
            try {
                List<Integer> open = notices.allItems(noticeId, ItemStatus.RECEIVED).stream().map(NoticeItem::index).toList();
                Optional<Notice> notice = notices.find(noticeId);
                boolean priority = notice.flatMap(n -> rightholders.find(n.rightholderId()))
                        .map(r -> r.trust().trusted()).orElse(false);
                queue.enqueue(noticeId, open, priority);
                notice.ifPresent(n -> notifications.publish(IntakeService.announcements(n)));
                notices.markDispatched(noticeId);
                Log.info("verification work queued again", "noticeId", noticeId, "openItems", open.size());
                done++;
            } catch (RuntimeException e) {
                Log.error("could not queue verification work again; next run retries", e, "noticeId", noticeId);
            }
        }
        return done;
    }

    /**
     * The review backlog as metrics: how many items wait for a person and how long the oldest has waited (0 when none
     * does). Run every minute with the dispatch, so that an alarm on them sees every minute.
     */
    public void reportReviewBacklog() {
        NoticeStore.ReviewBacklog backlog = notices.reviewBacklog();
        Metrics.add(Metric.REVIEW_BACKLOG, backlog.items());
        Metrics.add(Metric.REVIEW_BACKLOG_OLDEST_AGE, backlog.oldestSince() == null ? 0
                : Math.max(0, Duration.between(backlog.oldestSince(), clock.instant()).toSeconds()));
    }
}
