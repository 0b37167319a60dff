package dev.takedown.core.ports;

import dev.takedown.core.model.ItemStatus;
import dev.takedown.core.model.Notice;
import dev.takedown.core.model.NoticeItem;
import dev.takedown.core.model.NoticeOutcome;
import dev.takedown.core.model.NoticeStatus;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

public interface NoticeStore {
    /**
     * How long a request that is storing a notice holds it: a retry may take over a notice left half-written only
     * after this, and intake holds an Idempotency-Key as long. Longer than the intake function's timeout, so the
     * holder is gone by then.
     */
    Duration WRITE_LEASE = Duration.ofSeconds(60);

    /** What {@link #saveNew} did. */
    enum Saved {
        /** This call stored the notice and its items. */
        STORED,
        /** The notice was stored before, by an earlier attempt: nothing was written. */
        ALREADY_STORED,
        /** Another attempt is writing the notice and its lease has not run out: nothing was written. */
        BEING_WRITTEN
    }

    /**
     * Stores a new notice and its items, marked as awaiting dispatch, and never overwrites a stored one: the
     * notice row is first written as a gate (only where no row exists, or one whose writer's lease ran out), the
     * items follow, and the row is completed last, provided the gate is still this call's. No item can be decided
     * before that, since nothing reads or queues a notice whose row is a gate.
     */
    Saved saveNew(Notice notice, List<NoticeItem> items);

    Optional<Notice> find(String noticeId);

    /**
     * The other notices these items name as the ones they duplicate ({@code duplicateOfNotice}) that belong to this
     * rightholder too: only those may be shown to it.
     */
    default Set<String> ownNoticesNamedBy(String rightholderId, List<NoticeItem> items) {
        return items.stream().map(NoticeItem::duplicateOfNotice).filter(Objects::nonNull).distinct()
                .filter(id -> find(id).map(Notice::rightholderId).filter(rightholderId::equals).isPresent())
                .collect(Collectors.toUnmodifiableSet());
    }

    Page<NoticeItem> items(String noticeId, ItemStatus onlyStatus, String cursor, int limit);

    /** Every item of a notice (or only those in {@code onlyStatus}), in order, read page by page. */
    default List<NoticeItem> allItems(String noticeId, ItemStatus onlyStatus) {
        List<NoticeItem> all = new ArrayList<>();
        String cursor = null;
        do {
            Page<NoticeItem> page = items(noticeId, onlyStatus, cursor, 1000);
            all.addAll(page.entries());
            cursor = page.nextCursor();
        } while (cursor != null);
        return all;
    }

    /** The items of a notice with these indexes (those that exist), in index order. */
    List<NoticeItem> itemsAt(String noticeId, Collection<Integer> indexes);

    Page<Notice> listFor(String rightholderId, NoticeStatus onlyStatus, String cursor, int limit);

    /** The item that holds a listing: while it stands, items of other notices naming the listing are duplicates. */
    record ListingClaim(String noticeId, int index) {
    }

    /**
     * Claims the listing for this item, one conditional write whatever the number of notices naming it. The claim
     * is taken when no item holds the listing, this item already does (a replay), or the holder no longer stands
     * ({@link ItemStatus#holdsListing()} is false for its item's status now). Returns the holder afterwards: the
     * claimant, or the item that keeps the listing.
     */
    ListingClaim claimListing(String listingId, ListingClaim claimant);

    /**
     * Stores a decision on an item, provided the item is still in {@code expectedStatus}; returns false when
     * it is not (someone decided it meanwhile, or this is a replay).
     */
    boolean recordDecision(String noticeId, NoticeItem decided, ItemStatus expectedStatus);

    /** One item reaching a settled status, with what it counts for in the notice's outcome. */
    record Settlement(int index, boolean actioned, boolean actionable) {
    }

    /** The notice after settling, and the indexes this call counted (not counted before). */
    record Settled(Notice notice, List<Integer> counted) {
    }

    /**
     * Counts settled items into the notice's progress, each index once however often it is reported, and marks
     * the notice IN_PROGRESS unless the caller saw it so already.
     */
    Settled settle(String noticeId, List<Settlement> settlements, boolean seenInProgress);

    /** Marks the notice COMPLETED unless it already is; true for the one call that completed it. */
    boolean complete(String noticeId, NoticeOutcome outcome, Instant at);

    /** An item waiting for a person, with the notice it belongs to. */
    record ReviewItem(String noticeId, NoticeItem item) {
    }

    /** Items in NEEDS_REVIEW of every notice, longest waiting first. */
    Page<ReviewItem> needsReview(String cursor, int limit);

    /** How many items wait for a person, and since when the one waiting longest has (null when none waits). */
    record ReviewBacklog(int items, Instant oldestSince) {
    }

    /** The review queue's size and oldest entry, read from its index without reading the items. */
    ReviewBacklog reviewBacklog();

    /**
     * Stores a counter-notice, complaint, withdrawal or restoration on an item (its status and redress; the decision
     * and statement stay), provided the item is still as {@code before} left it: same status and no redress
     * recorded since. {@code dueAt} puts the item on the redress schedule (null takes it off): when a counter-notice
     * runs out, or at once while the steps that follow a change are not all done. Returns false when the item
     * changed meanwhile.
     */
    boolean recordRedress(String noticeId, NoticeItem before, NoticeItem after, Instant dueAt);

    /** Puts the item on the redress schedule at {@code dueAt}, or takes it off (null). */
    void scheduleRedress(String noticeId, int index, Instant dueAt);

    /** An item on the redress schedule. */
    record ItemRef(String noticeId, int index) {
    }

    /** Items whose redress is due at {@code now}, soonest first. */
    List<ItemRef> redressDue(Instant now, int limit);

    /** An item with an open complaint, with the notice it belongs to. */
    Page<ReviewItem> openComplaints(String cursor, int limit);

    /**
     * Remembers that these items of the notice took the seller's listings down on that UTC day, for the seller to
     * read back; recording them again changes nothing.
     */
    void recordTakedowns(String sellerId, Notice notice, LocalDate day, List<Integer> indexes);

    /** The seller's takedowns, newest day first, then newest notice first, then by index from the last. */
    Page<ItemRef> takedownsOf(String sellerId, String cursor, int limit);

    /** The seller's takedowns of one rightholder's notices on one UTC day: the takedowns of one strike. */
    List<ItemRef> takedownsOn(String sellerId, String rightholderId, LocalDate day);

    /**
     * Every item that took a listing down on the UTC days {@code from} to {@code to} (both included), whatever became
     * of it since: by day, then by notice. A takedown recorded after a cursor was given may be left out of the pages
     * after it, so a period is read once its last day is over.
     */
    Page<ItemRef> takedownsDecided(LocalDate from, LocalDate to, String cursor, int limit);

    /** Verification work for the notice is confirmed on the queue. */
    void markDispatched(String noticeId);

    /** Notices received before {@code receivedBefore} whose verification work is not confirmed queued, oldest first. */
    List<String> awaitingDispatch(Instant receivedBefore, int limit);
}
