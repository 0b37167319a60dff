package dev.takedown.core.notify;

import dev.takedown.core.Hashing;
import dev.takedown.core.model.NoticeItem;
import dev.takedown.core.trust.TrustEvent;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Something a rightholder or seller is told about, as queued for the notifier. The id is derived from what
 * the event is about, so the same event raised twice (a replayed message) has the same id, which is also
 * the webhook id that receivers de-duplicate on.
 *
 * @param sellerId the seller told, for events to a seller; null for events to the notice's rightholder
 * @param data     the webhook's {@code data} as JSON, for events that carry what they report (so the notifier
 *                 need not read it back); null when the notifier renders it from the notice
 * @param rightholderId the rightholder told, for events about the rightholder itself rather than a notice
 */
public record NotificationEvent(String id, EventType type, String noticeId, List<Integer> items, Instant occurredAt,
                                String sellerId, String data, String rightholderId) {

    public NotificationEvent {
        items = List.copyOf(items);
    }

    public static NotificationEvent noticeReceived(String noticeId, Instant at) {
        return of(EventType.NOTICE_RECEIVED, noticeId, List.of(), null, null, at);
    }

    /**
     * Decisions on several items of one notice, sent together. The id covers each item's new status, so a
     * later decision on the same item (a review) is a new event.
     */
    public static NotificationEvent itemsDecided(String noticeId, List<NoticeItem> decided, Instant at) {
        List<NoticeItem> sorted = sorted(decided);
        String statuses = sorted.stream().map(i -> i.index() + ":" + i.status()).collect(Collectors.joining(","));
        return of(EventType.ITEMS_DECIDED, noticeId, indexes(sorted), statuses, null,
                WebhookPayloads.itemsDecidedData(noticeId, sorted), at);
    }

    public static NotificationEvent noticeCompleted(String noticeId, Instant at) {
        return of(EventType.NOTICE_COMPLETED, noticeId, List.of(), null, null, at);
    }

    /** To the seller of actioned items of one notice: a statement of reasons for each removed listing. */
    public static NotificationEvent listingsRestricted(String noticeId, String sellerId, List<NoticeItem> actioned,
                                                       Instant at) {
        List<NoticeItem> sorted = sorted(actioned);
        return of(EventType.LISTING_RESTRICTED, noticeId, indexes(sorted), sellerId,
                WebhookPayloads.listingsRestrictedFacts(noticeId, sellerId,
                        sorted.stream().map(NoticeItem::statement).toList()), at);
    }

    /**
     * About the rightholder itself (its tier, a warning), not one notice; {@code about} tells one such event from
     * another.
     */
    public static NotificationEvent aboutRightholder(EventType type, String rightholderId, String about, String data,
                                                     Instant at) {
        return aboutSubject(type, TrustEvent.rightholder(rightholderId), about, data, at, null, rightholderId);
    }

    /** About the seller itself (its standing), not one notice. */
    public static NotificationEvent aboutSeller(EventType type, String sellerId, String about, String data, Instant at) {
        return aboutSubject(type, TrustEvent.seller(sellerId), about, data, at, sellerId, null);
    }

    private static NotificationEvent aboutSubject(EventType type, String subject, String about, String data, Instant at,
                                                  String sellerId, String rightholderId) {
        return new NotificationEvent(id(type.wireName() + "|" + subject + "|" + about), type, null, List.of(), at,
                sellerId, data, rightholderId);
    }

    /** Where its deliveries are recorded: with the notice, or with the rightholder or seller it is about. */
    public String deliveryKey() {
        if (noticeId != null) {
            return noticeId;
        }
        return rightholderId != null ? TrustEvent.rightholder(rightholderId) : TrustEvent.seller(sellerId);
    }

    private static List<NoticeItem> sorted(List<NoticeItem> items) {
        return items.stream().sorted(Comparator.comparingInt(NoticeItem::index)).toList();
    }

    private static List<Integer> indexes(List<NoticeItem> sorted) {
        return sorted.stream().map(NoticeItem::index).toList();
    }

    private static NotificationEvent of(EventType type, String noticeId, List<Integer> items, String sellerId,
                                        String data, Instant at) {
        return of(type, noticeId, items, items.stream().map(String::valueOf).collect(Collectors.joining(",")), sellerId,
                data, at);
    }

    private static NotificationEvent of(EventType type, String noticeId, List<Integer> items, String about,
                                        String sellerId, String data, Instant at) {
        return new NotificationEvent(id(type.wireName() + "|" + noticeId + "|" + about), type, noticeId, items, at,
                sellerId, data, null);
    }

    private static String id(String subject) {
        return "msg_" + Hashing.sha256Hex(subject).substring(0, 32);
    }
}
