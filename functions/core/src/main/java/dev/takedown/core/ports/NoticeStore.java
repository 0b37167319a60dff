package dev.takedown.core.ports;

import dev.takedown.core.model.ItemStatus;
import dev.takedown.core.model.Notice;
import dev.takedown.core.model.NoticeItem;
import dev.takedown.core.model.NoticeOutcome;
import dev.takedown.core.model.NoticeStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

public interface NoticeStore {
    /**
     * Stores the items, then the notice marked as awaiting dispatch; writing the same notice again
     * overwrites it with the same content, so a retried request is harmless.
     */
    void saveNew(Notice notice, List<NoticeItem> items);

    Optional<Notice> find(String noticeId);

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

    /** An item of some notice naming a listing, for duplicate checks. */
    record ListingClaim(String noticeId, int index, ItemStatus status) {
    }

    /** The items of notices other than {@code noticeId} that name this listing. */
    List<ListingClaim> otherNoticesNaming(String listingId, String noticeId);

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

    /** Verification work for the notice is confirmed on the queue. */
    void markDispatched(String noticeId);

    /** Notices received before {@code receivedBefore} whose verification work is not confirmed queued, oldest first. */
    List<String> awaitingDispatch(Instant receivedBefore, int limit);
}
