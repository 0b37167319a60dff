package dev.takedown.core.notify;

import dev.takedown.core.Hashing;
import java.time.Instant;
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

    /** Decisions on several items of one notice, sent together. */
    public static NotificationEvent itemsDecided(String noticeId, List<Integer> indexes, Instant at) {
        return of(EventType.ITEMS_DECIDED, noticeId, indexes.stream().sorted().toList(), at);
    }

    public static NotificationEvent noticeCompleted(String noticeId, Instant at) {
        return of(EventType.NOTICE_COMPLETED, noticeId, List.of(), at);
    }

    /** To the seller of an actioned item: its statement of reasons. */
    public static NotificationEvent listingRestricted(String noticeId, int index, Instant at) {
        return of(EventType.LISTING_RESTRICTED, noticeId, List.of(index), at);
    }

    private static NotificationEvent of(EventType type, String noticeId, List<Integer> items, Instant at) {
        String subject = type.wireName() + "|" + noticeId + "|"
                + items.stream().map(String::valueOf).collect(Collectors.joining(","));
        return new NotificationEvent("msg_" + Hashing.sha256Hex(subject).substring(0, 32), type, noticeId, items, at);
    }
}
