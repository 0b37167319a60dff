package dev.takedown.core.model;

import dev.takedown.core.text.Hashing;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Something a rightholder or seller is told about, as queued for the notifier. The id is derived from what
 * the event is about, so the same event raised twice (a replayed message) has the same id, which is also
 * the webhook id that receivers de-duplicate on. Events are made, with their facts, by
 * {@code dev.takedown.core.events.Notifications}.
 *
 * @param sellerId      the seller told, for events to a seller; null for events to the notice's rightholder
 * @param data          the facts the webhook reports, as JSON, for events that carry them (so the notifier need not
 *                      read them back); null when the notifier renders the body from the notice
 * @param rightholderId the rightholder told, for events about the rightholder itself rather than a notice
 */
public record NotificationEvent(String id, EventType type, String noticeId, List<Integer> items, Instant occurredAt,
                                String sellerId, String data, String rightholderId) {

    public NotificationEvent {
        items = List.copyOf(items);
    }

    /**
     * About items of one notice (none for the notice as a whole); {@code about} tells events of one type and notice
     * apart, and is the item indexes joined by commas when null.
     */
    public static NotificationEvent aboutNotice(EventType type, String noticeId, List<Integer> items, String about,
                                                String sellerId, String data, Instant at) {
        String subject = about != null ? about : items.stream().map(String::valueOf).collect(Collectors.joining(","));
        return new NotificationEvent(id(type.wireName() + "|" + noticeId + "|" + subject), type, noticeId, items, at,
                sellerId, data, null);
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

    private static String id(String subject) {
        return "msg_" + Hashing.sha256Hex(subject).substring(0, 32);
    }
}
