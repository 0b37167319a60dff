package dev.takedown.core.notify;

import dev.takedown.core.Hashing;
import dev.takedown.core.model.NoticeItem;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Something a rightholder or seller is told about, as queued for the notifier. The id is derived from what
 * the event is about, so the same event raised twice (a replayed message) has the same id, which is also
 * the webhook id that receivers de-duplicate on.
 */
public record NotificationEvent(String id, EventType type, String noticeId, List<Integer> items, Instant occurredAt) {

    public NotificationEvent {
        items = List.copyOf(items);
    }

    public static NotificationEvent noticeReceived(String noticeId, Instant at) {
        return of(EventType.NOTICE_RECEIVED, noticeId, List.of(), at);
    }

    /**
     * Decisions on several items of one notice, sent together. The id covers each item's new status, so a
     * later decision on the same item (a review) is a new event.
     */
    public static NotificationEvent itemsDecided(String noticeId, List<NoticeItem> decided, Instant at) {
        List<NoticeItem> sorted = decided.stream().sorted(Comparator.comparingInt(NoticeItem::index)).toList();
        String statuses = sorted.stream().map(i -> i.index() + ":" + i.status()).collect(Collectors.joining(","));
        return of(EventType.ITEMS_DECIDED, noticeId, sorted.stream().map(NoticeItem::index).toList(), statuses, at);
    }

    public static NotificationEvent noticeCompleted(String noticeId, Instant at) {
        return of(EventType.NOTICE_COMPLETED, noticeId, List.of(), at);
    }

    /** To the seller of an actioned item: its statement of reasons. */
    public static NotificationEvent listingRestricted(String noticeId, int index, Instant at) {
        return of(EventType.LISTING_RESTRICTED, noticeId, List.of(index), at);
    }

    private static NotificationEvent of(EventType type, String noticeId, List<Integer> items, Instant at) {
        return of(type, noticeId, items, items.stream().map(String::valueOf).collect(Collectors.joining(",")), at);
    }

    private static NotificationEvent of(EventType type, String noticeId, List<Integer> items, String about, Instant at) {
        String subject = type.wireName() + "|" + noticeId + "|" + about;
        return new NotificationEvent("msg_" + Hashing.sha256Hex(subject).substring(0, 32), type, noticeId, items, at);
    }
}
