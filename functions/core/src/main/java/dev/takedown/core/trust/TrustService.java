package dev.takedown.core.trust;

import dev.takedown.core.events.DecisionsRecorded;
import dev.takedown.core.events.Notifications;
import dev.takedown.core.model.Figures;
import dev.takedown.core.model.ItemReason;
import dev.takedown.core.model.ItemStatus;
import dev.takedown.core.model.Notice;
import dev.takedown.core.model.NoticeItem;
import dev.takedown.core.model.NoticeReason;
import dev.takedown.core.model.NotificationEvent;
import dev.takedown.core.model.Rightholder;
import dev.takedown.core.model.RightholderTrust;
import dev.takedown.core.model.Strike;
import dev.takedown.core.model.TrustChange;
import dev.takedown.core.model.TrustCounts;
import dev.takedown.core.model.TrustEvent;
import dev.takedown.core.ports.FiguresStore;
import dev.takedown.core.ports.NotificationQueue;
import dev.takedown.core.ports.RightholderStore;
import dev.takedown.core.ports.TrustStore;
import dev.takedown.core.runtime.Log;
import dev.takedown.core.runtime.Metrics;
import dev.takedown.core.runtime.Metrics.Metric;
import dev.takedown.core.text.Times;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Keeps rightholders' records and tiers and sellers' strikes current as decisions are recorded, and applies the
 * rightholder rules. A change is recorded and told to the rightholder before it is stored: the event ids come from
 * the change, so a retry after a failure in between repeats them harmlessly.
 */
public final class TrustService implements DecisionsRecorded.Listener {
    private static final int ATTEMPTS = 3;

    private final TrustStore store;
    private final RightholderStore rightholders;
    private final NotificationQueue notifications;
    private final TrustPolicy policy;
    private final FiguresStore figures;
    private final TrustStandings standings;

    public TrustService(TrustStore store, RightholderStore rightholders, NotificationQueue notifications,
                        TrustPolicy policy, FiguresStore figures) {
        this.store = store;
        this.rightholders = rightholders;
        this.notifications = notifications;
        this.policy = policy;
        this.figures = figures;
        this.standings = new TrustStandings(store, policy);
    }

    public TrustPolicy policy() {
        return policy;
    }

    /**
     * What an item's decision adds to its rightholder's record, by the UTC day it counts on: the day of the decision,
     * and for an automatic takedown also the day its dispute window closes, from which it counts as confirmed.
     */
    public Map<LocalDate, TrustCounts> countOf(Notice notice, NoticeItem item) {
        boolean actioned = item.status() == ItemStatus.ACTIONED;
        boolean rejected = item.status() == ItemStatus.REJECTED;
        if (!actioned && !rejected) {
            return Map.of();
        }
        boolean byStaff = !item.decision().automated();
        boolean unfounded = rejected && (item.reason() == ItemReason.AUTHORIZED_SELLER || byStaff);
        Map<LocalDate, TrustCounts> counts = new TreeMap<>();
        counts.put(day(item.decision().decidedAt()), new TrustCounts(1, actioned ? 1 : 0, unfounded ? 1 : 0, 0,
                actioned && byStaff ? 1 : 0));
        if (actioned && !byStaff) {
            counts.merge(confirmationDay(notice, item), new TrustCounts(0, 0, 0, 0, 1), TrustCounts::plus);
        }
        return counts;
    }

    /**
     * The day an automatic takedown counts as confirmed: when its dispute window closes, the same window that
     * establishes its strike. A takedown reversed later by counter-notice is taken off this day's count.
     */
    public LocalDate confirmationDay(Notice notice, NoticeItem item) {
        return day(StrikeRules.windowCloses(day(item.decision().decidedAt()), notice.reason() == NoticeReason.COPYRIGHT,
                policy));
    }

    /** Strikes for the takedowns, and each newly settled item counted into the rightholder's record. */
    @Override
    public void on(DecisionsRecorded recorded) {
        Notice notice = recorded.notice();
        Instant now = recorded.at();
        recordStrikes(notice, recorded.decided());
        Map<LocalDate, TrustCounts> byDay = new TreeMap<>();
        recorded.newlySettled().forEach(item -> countOf(notice, item).forEach((day, counts) ->
                byDay.merge(day, counts, TrustCounts::plus)));
        byDay.forEach((day, delta) -> store.addCounts(notice.rightholderId(), day, delta));
        if (!byDay.isEmpty()) {
            review(notice.rightholderId(), now);
        }
    }

    /** One strike per seller and UTC day of the takedown; the store keeps each item once. */
    private void recordStrikes(Notice notice, List<NoticeItem> decided) {
        record Key(String sellerId, LocalDate day) {
        }
        Map<Key, List<String>> bySellerAndDay = new TreeMap<>(
                Comparator.comparing(Key::sellerId).thenComparing(Key::day));
        for (NoticeItem item : decided) {
            if (item.status() == ItemStatus.ACTIONED && item.statement() != null && item.decision() != null) {
                bySellerAndDay.computeIfAbsent(new Key(item.statement().sellerId(), day(item.decision().decidedAt())),
                        k -> new ArrayList<>()).add(Strike.itemKey(notice.id(), item.index()));
            }
        }
        boolean copyright = notice.reason() == NoticeReason.COPYRIGHT;
        bySellerAndDay.forEach((key, items) -> store.addStrikeItems(key.sellerId(), notice.rightholderId(), key.day(),
                copyright, items, StrikeRules.windowCloses(key.day(), copyright, policy)));
    }

    /** Applies the rules to the rightholder's current record; the change made, if any. */
    public Optional<TrustChange> review(String rightholderId, Instant now) {
        return review(rightholderId, now, false);
    }

    /** @param scheduleNextLook the review was due: when nothing changes, the next one is scheduled all the same */
    private Optional<TrustChange> review(String rightholderId, Instant now, boolean scheduleNextLook) {
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            Rightholder rightholder = rightholders.find(rightholderId).orElse(null);
            if (rightholder == null) {
                return Optional.empty();
            }
            RightholderTrust trust = rightholder.trust();
            Optional<TrustChange> change = TrustRules.evaluate(trust, countsOf(rightholderId, now), now, policy);
            if (change.isEmpty()) {
                if (scheduleNextLook) {
                    // E.g. TRUSTED: looked at again tomorrow.
                    store.replaceTrust(rightholderId, trust, trust, TrustRules.nextReview(trust, now, policy));
                }
                return change;
            }
            if (apply(rightholderId, change.get())) {
                return change;
            }
        }
        throw new IllegalStateException("trust of " + rightholderId + " keeps changing under review; retry later");
    }

    /** The record the rules look at: the window ending today. */
    public TrustStandings.Record recordOf(String rightholderId, Instant now) {
        return standings.recordOf(rightholderId, now);
    }

    /** The counts of that record. */
    public TrustCounts countsOf(String rightholderId, Instant now) {
        return recordOf(rightholderId, now).counts();
    }

    /**
     * Rightholders whose warning, suspension or daily TRUSTED check is due; returns how many changed. Each review
     * schedules the next one later, so the due rightholders are read again until none is left.
     */
    public int reviewDue(Instant now) {
        return DuePages.review(limit -> store.rightholdersDue(now, limit),
                due -> (int) due.stream().filter(id -> review(id, now, true).isPresent()).count());
    }

    /**
     * Records, announces, then stores the change; false when another change of the same version won (nothing of
     * this one is kept, and nothing announced).
     */
    public boolean apply(String rightholderId, TrustChange change) {
        RightholderTrust after = change.after();
        if (!store.record(new TrustEvent(TrustEvent.rightholder(rightholderId), after.version(), "", change.at(),
                change.actor(), change.kind().name(), describe(change.before()), describe(after), change.reason()))) {
            return false;
        }
        notifications.publish(eventsFor(rightholderId, change));
        if (!store.replaceTrust(rightholderId, change.before(), after, TrustRules.nextReview(after, change.at(), policy))) {
            return false;
        }
        Log.info("rightholder trust changed", "rightholderId", rightholderId, "kind", change.kind(),
                "from", change.before().tier(), "to", after.tier(), "actor", change.actor());
        // Counted by the one call that stored the change: a retry that lost the race stores and counts nothing.
        Metrics.count(Metric.TRUST_EVENTS, change.kind().name());
        if (change.tierChanged()) {
            Metrics.count(Metric.TRUST_EVENTS, "TIER_CHANGED");
        }
        // The measures against abusive senders a transparency report names (DSA Art. 23 and 24(1)(b)).
        if (change.kind() == TrustChange.Kind.WARNED || change.kind() == TrustChange.Kind.SUSPENDED) {
            figures.add(rightholderId, day(change.at()), Figures.builder().count(Figures.senders(change.kind().name())).build());
        }
        return true;
    }

    private List<NotificationEvent> eventsFor(String rightholderId, TrustChange change) {
        List<NotificationEvent> events = new ArrayList<>();
        if (change.kind() == TrustChange.Kind.WARNED) {
            events.add(Notifications.rightholderWarned(rightholderId, change,
                    change.at().plus(Duration.ofDays(policy.abuseWarningDays())), policy.windowDays()));
        }
        if (change.tierChanged()) {
            events.add(Notifications.tierChanged(rightholderId, change, policy.windowDays()));
        }
        return events;
    }

    static String describe(RightholderTrust trust) {
        StringBuilder text = new StringBuilder(trust.tier().name());
        if (trust.pinned()) {
            text.append(" (set by staff)");
        }
        if (trust.warnedAt() != null) {
            text.append(", warned ").append(Times.format(trust.warnedAt()));
        }
        if (trust.suspendedUntil() != null) {
            text.append(", until ").append(Times.format(trust.suspendedUntil()));
        }
        return text.toString();
    }

    static LocalDate day(Instant at) {
        return LocalDate.ofInstant(at, ZoneOffset.UTC);
    }
}
