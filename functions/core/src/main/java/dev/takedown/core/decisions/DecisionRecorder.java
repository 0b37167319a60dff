package dev.takedown.core.decisions;

import dev.takedown.core.events.DecisionsRecorded;
import dev.takedown.core.events.Notifications;
import dev.takedown.core.model.AuditEvent;
import dev.takedown.core.model.Decision;
import dev.takedown.core.model.DecisionRule;
import dev.takedown.core.model.ItemStatus;
import dev.takedown.core.model.Notice;
import dev.takedown.core.model.NoticeItem;
import dev.takedown.core.model.NoticeOutcome;
import dev.takedown.core.model.NoticeStatus;
import dev.takedown.core.model.NotificationEvent;
import dev.takedown.core.ports.AuditLog;
import dev.takedown.core.ports.NoticeStore;
import dev.takedown.core.ports.NotificationQueue;
import dev.takedown.core.runtime.Metrics;
import dev.takedown.core.runtime.Metrics.Metric;
import dev.takedown.core.runtime.Parallel;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Records decisions on items of one notice and everything that follows from them: the audit trail, the
 * notice's progress, the rightholder's record, the sellers' strikes and the transparency figures (kept by the
 * followers of {@link DecisionsRecorded}), the notice's completion, and the events for rightholder and seller. Every step can be repeated without effect, so a replayed message re-does only what
 * an interrupted attempt left undone.
 */
public final class DecisionRecorder {
    private final NoticeStore notices;
    private final AuditLog audit;
    private final NotificationQueue notifications;
    private final List<DecisionsRecorded.Listener> followers;

    public DecisionRecorder(NoticeStore notices, AuditLog audit, NotificationQueue notifications,
                            DecisionsRecorded.Listener... followers) {
        this.notices = notices;
        this.audit = audit;
        this.notifications = notifications;
        this.followers = List.of(followers);
    }

    /** An item before and after its decision. */
    public record Change(NoticeItem before, NoticeItem after) {
    }

    /**
     * @param changes     decisions made now
     * @param seenDecided items of the same batch found already decided (by an earlier attempt, or by someone else)
     * @return the items as they stand after recording
     */
    public List<NoticeItem> record(Notice notice, List<Change> changes, List<NoticeItem> seenDecided, Instant now) {
        // Redress after a decision (a counter-notice, a restoration) is followed up elsewhere: here it is the decision.
        seenDecided = seenDecided.stream().map(NoticeItem::asDecided).toList();
        List<NoticeItem> decided = new ArrayList<>(seenDecided);
        List<AuditEvent> events = new ArrayList<>();
        List<Integer> lostRaces = new ArrayList<>();
        // Each decision is its own conditional write: they go side by side.
        List<Boolean> recorded = Parallel.map(changes,
                change -> notices.recordDecision(notice.id(), change.after(), change.before().status()));
        for (int i = 0; i < changes.size(); i++) {
            Change change = changes.get(i);
            if (recorded.get(i)) {
                decided.add(change.after());
                NoticeItem after = change.after();
                events.add(new AuditEvent(notice.id(), after.index(), after.decision().decidedBy(), after.decision().decidedAt(),
                        change.before().status(), after.status(), after.reason(), after.decision().rule()));
                count(notice, change);
            } else {
                lostRaces.add(change.before().index());
            }
        }
        if (!lostRaces.isEmpty()) {
            decided.addAll(notices.itemsAt(notice.id(), lostRaces).stream().filter(i -> !isOpenForVerification(i))
                    .map(NoticeItem::asDecided).toList());
        }
        // An attempt that stopped after storing decisions left their events unwritten: write them again (kept once).
        seenDecided.stream().filter(DecisionRecorder::decidedAfterIntake).forEach(item -> events.add(new AuditEvent(notice.id(),
                item.index(), item.decision().decidedBy(), item.decision().decidedAt(),
                item.decision().rule() == DecisionRule.STAFF_DECISION ? ItemStatus.NEEDS_REVIEW : ItemStatus.RECEIVED,
                item.status(), item.reason(), item.decision().rule())));
        audit.append(events);
        recordTakedowns(notice, decided);

        // Items settled at intake (not a listing URL, named twice) were never counted as work to verify.
        List<NoticeStore.Settlement> settlements = decided.stream()
                .filter(i -> !i.status().isOpen() && decidedAfterIntake(i))
                .map(i -> new NoticeStore.Settlement(i.index(), i.status() == ItemStatus.ACTIONED,
                        i.status() == ItemStatus.ACTIONED || i.status() == ItemStatus.REJECTED))
                .toList();
        NoticeStore.Settled settled = settlements.isEmpty() ? new NoticeStore.Settled(notice, List.of())
                : notices.settle(notice.id(), settlements, notice.status() == NoticeStatus.IN_PROGRESS);
        Notice current = settled.notice();
        Set<Integer> counted = Set.copyOf(settled.counted());
        DecisionsRecorded recordedNow = new DecisionsRecorded(notice,
                decided.stream().filter(i -> counted.contains(i.index())).toList(),
                decided.stream().filter(DecisionRecorder::decidedAfterIntake).toList(), now);
        followers.forEach(follower -> follower.on(recordedNow));
        boolean completed = current.status() == NoticeStatus.COMPLETED;
        if (!completed && current.progress().allSettled()) {
            NoticeOutcome outcome = NoticeOutcome.of(current.progress().actioned(), current.progress().actionable());
            notices.complete(notice.id(), outcome, now);
            completed = true;
        }
        notifications.publish(eventsFor(notice, decided, completed, now));
        return decided;
    }

    /**
     * A decision this call stored (one found stored already, by an earlier attempt or by someone else, is not counted
     * again): counted when it decides an item still waiting for one, by the checks or a person. A rightholder's
     * withdrawal is no decision of ours, and a decision reversed on complaint is counted as the complaint's.
     */
    private static void count(Notice notice, Change change) {
        Decision decision = change.after().decision();
        if (!change.before().status().isOpen() || decision.byParty()) {
            return;
        }
        String decidedBy = decision.automated() ? Metrics.AUTOMATED : Metrics.STAFF;
        Metrics.count(Metric.ITEMS_DECIDED, change.after().status().name(), decidedBy);
        Metrics.add(Metric.TIME_TO_DECISION, Duration.between(notice.receivedAt(), decision.decidedAt()).toMillis(),
                decidedBy);
    }

    /** Each seller's takedowns, by UTC day, for the seller to read back. */
    private void recordTakedowns(Notice notice, List<NoticeItem> decided) {
        Map<String, Map<LocalDate, List<Integer>>> bySeller = new TreeMap<>();
        decided.stream().filter(i -> i.status() == ItemStatus.ACTIONED && i.statement() != null)
                .forEach(i -> bySeller.computeIfAbsent(i.statement().sellerId(), k -> new TreeMap<>())
                        .computeIfAbsent(LocalDate.ofInstant(i.decision().decidedAt(), ZoneOffset.UTC),
                                k -> new ArrayList<>()).add(i.index()));
        bySeller.forEach((sellerId, byDay) -> byDay.forEach((day, indexes) ->
                notices.recordTakedowns(sellerId, notice, day, indexes)));
    }

    private List<NotificationEvent> eventsFor(Notice notice, List<NoticeItem> decided, boolean completed, Instant now) {
        String noticeId = notice.id();
        List<NotificationEvent> events = new ArrayList<>();
        if (!decided.isEmpty()) {
            events.add(Notifications.itemsDecided(noticeId, decided, notices.ownNoticesNamedBy(notice.rightholderId(), decided), now));
        }
        // One webhook per seller, however many of its listings the batch removed.
        Map<String, List<NoticeItem>> actionedBySeller = new TreeMap<>();
        decided.stream().filter(i -> i.status() == ItemStatus.ACTIONED && i.statement() != null)
                .forEach(i -> actionedBySeller.computeIfAbsent(i.statement().sellerId(), k -> new ArrayList<>()).add(i));
        actionedBySeller.forEach((sellerId, items) ->
                events.add(Notifications.listingsRestricted(noticeId, sellerId, items, now)));
        if (completed) {
            events.add(Notifications.noticeCompleted(noticeId, now));
        }
        return events;
    }

    static boolean decidedAfterIntake(NoticeItem item) {
        return item.decision() != null && item.decision().rule() != DecisionRule.LISTING_URL
                && item.decision().rule() != DecisionRule.DUPLICATE_IN_NOTICE;
    }

    /** Waiting for the verifier's checks (NEEDS_REVIEW waits for a person instead). */
    public static boolean isOpenForVerification(NoticeItem item) {
        return item.status() == ItemStatus.RECEIVED || item.status() == ItemStatus.VERIFYING;
    }
}
