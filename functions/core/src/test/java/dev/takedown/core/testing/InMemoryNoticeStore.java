package dev.takedown.core.testing;

import dev.takedown.core.model.ItemStatus;
import dev.takedown.core.model.Notice;
import dev.takedown.core.model.NoticeItem;
import dev.takedown.core.model.NoticeOutcome;
import dev.takedown.core.model.NoticeStatus;
import dev.takedown.core.model.Progress;
import dev.takedown.core.ports.InvalidCursorException;
import dev.takedown.core.ports.NoticeStore;
import dev.takedown.core.ports.Page;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** A notice store in memory, for unit tests of the services and handlers. */
public final class InMemoryNoticeStore implements NoticeStore {
    private final Map<String, Notice> notices = new ConcurrentHashMap<>();
    private final Map<String, List<NoticeItem>> items = new ConcurrentHashMap<>();
    private final Set<String> pendingDispatch = ConcurrentHashMap.newKeySet();
    private final Map<String, Set<Integer>> settled = new ConcurrentHashMap<>();
    private final Map<String, ListingClaim> claims = new ConcurrentHashMap<>();
    private final Map<ItemRef, Instant> redressDue = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Takedowns>> takedowns = new ConcurrentHashMap<>();
    public RuntimeException failWrites;

    @Override
    public synchronized Saved saveNew(Notice notice, List<NoticeItem> noticeItems) {
        if (failWrites != null) {
            throw failWrites;
        }
        if (notices.containsKey(notice.id())) {
            return Saved.ALREADY_STORED;
        }
        items.put(notice.id(), List.copyOf(noticeItems));
        notices.put(notice.id(), notice);
        pendingDispatch.add(notice.id());
        return Saved.STORED;
    }

    @Override
    public Optional<Notice> find(String noticeId) {
        return Optional.ofNullable(notices.get(noticeId));
    }

    @Override
    public Page<NoticeItem> items(String noticeId, ItemStatus onlyStatus, String cursor, int limit) {
        List<NoticeItem> all = items.getOrDefault(noticeId, List.of()).stream()
                .filter(i -> onlyStatus == null || i.status() == onlyStatus).toList();
        return page(all, cursor, limit, i -> Integer.toString(i.index()));
    }

    @Override
    public List<NoticeItem> itemsAt(String noticeId, java.util.Collection<Integer> indexes) {
        return items.getOrDefault(noticeId, List.of()).stream().filter(i -> indexes.contains(i.index())).toList();
    }

    @Override
    public Page<Notice> listFor(String rightholderId, NoticeStatus onlyStatus, String cursor, int limit) {
        List<Notice> all = notices.values().stream()
                .filter(n -> n.rightholderId().equals(rightholderId))
                .filter(n -> onlyStatus == null || n.status() == onlyStatus)
                .sorted(Comparator.comparing(Notice::receivedAt).thenComparing(Notice::id).reversed())
                .toList();
        return page(all, cursor, limit, Notice::id);
    }

    static <T> Page<T> page(List<T> all, String cursor, int limit, java.util.function.Function<T, String> key) {
        int from = 0;
        if (cursor != null) {
            from = -1;
            for (int i = 0; i < all.size(); i++) {
                if (key.apply(all.get(i)).equals(cursor)) {
                    from = i + 1;
                }
            }
            if (from < 0) {
                throw new InvalidCursorException("unknown cursor");
            }
        }
        int to = Math.min(all.size(), from + limit);
        return new Page<>(all.subList(from, to), to < all.size() ? key.apply(all.get(to - 1)) : null);
    }

    @Override
    public synchronized ListingClaim claimListing(String listingId, ListingClaim claimant) {
        Optional<ListingClaim> holder = standingHolder(listingId);
        if (holder.isPresent() && !holder.get().equals(claimant)) {
            return holder.get();
        }
        claims.put(listingId, claimant);
        return claimant;
    }

    private Optional<ListingClaim> standingHolder(String listingId) {
        return Optional.ofNullable(claims.get(listingId)).filter(holder -> itemsAt(holder.noticeId(),
                List.of(holder.index())).stream().anyMatch(i -> i.status().holdsListing()));
    }

    @Override
    public synchronized boolean recordDecision(String noticeId, NoticeItem decided, ItemStatus expectedStatus) {
        List<NoticeItem> list = new ArrayList<>(items.getOrDefault(noticeId, List.of()));
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i).index() == decided.index()) {
                if (list.get(i).status() != expectedStatus) {
                    return false;
                }
                list.set(i, decided);
                items.put(noticeId, List.copyOf(list));
                return true;
            }
        }
        return false;
    }

    @Override
    public synchronized Settled settle(String noticeId, List<Settlement> settlements, boolean seenInProgress) {
        Notice notice = find(noticeId).orElseThrow();
        Set<Integer> done = settled.computeIfAbsent(noticeId, k -> new java.util.HashSet<>());
        if (notice.status() == NoticeStatus.COMPLETED) {
            return new Settled(notice, List.of());
        }
        Progress p = notice.progress();
        int settledCount = p.settled();
        int actioned = p.actioned();
        int actionable = p.actionable();
        List<Integer> counted = new java.util.ArrayList<>();
        for (Settlement settlement : settlements) {
            if (done.add(settlement.index())) {
                counted.add(settlement.index());
                settledCount++;
                actioned += settlement.actioned() ? 1 : 0;
                actionable += settlement.actionable() ? 1 : 0;
            }
        }
        Notice updated = withProgress(notice, new Progress(p.toVerify(), settledCount, actioned, actionable),
                NoticeStatus.IN_PROGRESS, null, null);
        notices.put(noticeId, updated);
        return new Settled(updated, counted);
    }

    @Override
    public synchronized boolean complete(String noticeId, NoticeOutcome outcome, Instant at) {
        Notice notice = notices.get(noticeId);
        if (notice == null || notice.status() == NoticeStatus.COMPLETED) {
            return false;
        }
        notices.put(noticeId, withProgress(notice, notice.progress(), NoticeStatus.COMPLETED, outcome, at));
        return true;
    }

    private static Notice withProgress(Notice n, Progress progress, NoticeStatus status, NoticeOutcome outcome, Instant at) {
        return new Notice(n.id(), n.rightholderId(), n.rightId(), n.reason(), n.explanation(), n.sender(), n.signature(),
                n.evidence(), status, n.receivedAt(), n.itemCount(), progress,
                outcome != null ? outcome : n.outcome(), at != null ? at : n.completedAt(), n.trustedSender());
    }

    @Override
    public Page<ReviewItem> needsReview(String cursor, int limit) {
        List<ReviewItem> waiting = new ArrayList<>();
        items.forEach((noticeId, list) -> list.stream().filter(i -> i.status() == ItemStatus.NEEDS_REVIEW)
                .forEach(i -> waiting.add(new ReviewItem(noticeId, i))));
        waiting.sort(Comparator.comparing((ReviewItem r) -> !r.item().decision().reviewFirst())
                .thenComparing(r -> r.item().decision().decidedAt())
                .thenComparing(ReviewItem::noticeId).thenComparingInt(r -> r.item().index()));
        return page(waiting, cursor, limit, r -> r.noticeId() + "#" + r.item().index());
    }

    @Override
    public ReviewBacklog reviewBacklog() {
        List<ReviewItem> waiting = needsReview(null, Integer.MAX_VALUE).entries();
        return new ReviewBacklog(waiting.size(), waiting.stream().map(r -> r.item().decision().decidedAt())
                .min(Comparator.naturalOrder()).orElse(null));
    }

    @Override
    public synchronized boolean recordRedress(String noticeId, NoticeItem before, NoticeItem after, Instant dueAt) {
        List<NoticeItem> list = new ArrayList<>(items.getOrDefault(noticeId, List.of()));
        for (int i = 0; i < list.size(); i++) {
            NoticeItem stored = list.get(i);
            if (stored.index() == after.index()) {
                if (stored.status() != before.status() || !stored.redress().equals(before.redress())) {
                    return false;
                }
                list.set(i, after);
                items.put(noticeId, List.copyOf(list));
                scheduleRedress(noticeId, after.index(), dueAt);
                return true;
            }
        }
        return false;
    }

    @Override
    public synchronized void scheduleRedress(String noticeId, int index, Instant dueAt) {
        if (itemsAt(noticeId, List.of(index)).isEmpty()) {
            return;
        }
        if (dueAt == null) {
            redressDue.remove(new ItemRef(noticeId, index));
        } else {
            redressDue.put(new ItemRef(noticeId, index), dueAt);
        }
    }

    @Override
    public synchronized List<ItemRef> redressDue(Instant now, int limit) {
        return redressDue.entrySet().stream().filter(e -> !e.getValue().isAfter(now))
                .sorted(Map.Entry.<ItemRef, Instant>comparingByValue()
                        .thenComparing(e -> e.getKey().noticeId()).thenComparing(e -> e.getKey().index()))
                .limit(limit).map(Map.Entry::getKey).toList();
    }

    @Override
    public Page<ReviewItem> openComplaints(String cursor, int limit) {
        List<ReviewItem> open = new ArrayList<>();
        items.forEach((noticeId, list) -> list.stream().filter(i -> i.redress().openComplaint() != null)
                .forEach(i -> open.add(new ReviewItem(noticeId, i))));
        open.sort(Comparator.comparing((ReviewItem r) -> r.item().redress().openComplaint().filedAt())
                .thenComparing(ReviewItem::noticeId).thenComparingInt(r -> r.item().index()));
        return page(open, cursor, limit, r -> r.noticeId() + "#" + r.item().index());
    }

    @Override
    public synchronized void recordTakedowns(String sellerId, Notice notice, LocalDate day, List<Integer> indexes) {
        takedowns.computeIfAbsent(sellerId, k -> new java.util.TreeMap<>(Comparator.reverseOrder()))
                .computeIfAbsent(day + "#" + notice.receivedAt() + "#" + notice.id(),
                        k -> new Takedowns(notice.id(), notice.rightholderId(), new java.util.TreeSet<>()))
                .indexes().addAll(indexes);
    }

    @Override
    public synchronized Page<ItemRef> takedownsOf(String sellerId, String cursor, int limit) {
        List<ItemRef> all = new ArrayList<>();
        takedowns.getOrDefault(sellerId, Map.of()).values().forEach(t -> t.indexes().descendingSet()
                .forEach(i -> all.add(new ItemRef(t.noticeId(), i))));
        return page(all, cursor, limit, r -> r.noticeId() + "#" + r.index());
    }

    @Override
    public synchronized List<ItemRef> takedownsOn(String sellerId, String rightholderId, LocalDate day) {
        List<ItemRef> refs = new ArrayList<>();
        takedowns.getOrDefault(sellerId, Map.of()).forEach((key, t) -> {
            if (key.startsWith(day + "#") && t.rightholderId().equals(rightholderId)) {
                t.indexes().forEach(i -> refs.add(new ItemRef(t.noticeId(), i)));
            }
        });
        return refs;
    }

    @Override
    public synchronized Page<ItemRef> takedownsDecided(LocalDate from, LocalDate to, String cursor, int limit) {
        Map<String, Takedowns> byDay = new java.util.TreeMap<>();
        takedowns.forEach((sellerId, rows) -> rows.forEach((key, t) -> {
            LocalDate day = LocalDate.parse(key.substring(0, 10));
            if (!day.isBefore(from) && !day.isAfter(to)) {
                byDay.put(key + "#" + sellerId, t);
            }
        }));
        List<ItemRef> all = new ArrayList<>();
        byDay.values().forEach(t -> t.indexes().forEach(i -> all.add(new ItemRef(t.noticeId(), i))));
        return page(all, cursor, limit, r -> r.noticeId() + "#" + r.index());
    }

    private record Takedowns(String noticeId, String rightholderId, java.util.TreeSet<Integer> indexes) {
    }

    @Override
    public void markDispatched(String noticeId) {
        if (!notices.containsKey(noticeId)) {
            throw new IllegalStateException("notice " + noticeId + " does not exist");
        }
        pendingDispatch.remove(noticeId);
    }

    @Override
    public List<String> awaitingDispatch(Instant receivedBefore, int limit) {
        return pendingDispatch.stream().map(notices::get)
                .filter(notice -> notice.receivedAt().isBefore(receivedBefore))
                .sorted(Comparator.comparing(Notice::receivedAt).thenComparing(Notice::id))
                .limit(limit).map(Notice::id).toList();
    }

    public boolean isAwaitingDispatch(String noticeId) {
        return pendingDispatch.contains(noticeId);
    }

    public int size() {
        return notices.size();
    }

    public Map<String, Notice> all() {
        return new LinkedHashMap<>(notices);
    }

    public List<NoticeItem> itemsOf(String noticeId) {
        return new ArrayList<>(items.getOrDefault(noticeId, List.of()));
    }
}
