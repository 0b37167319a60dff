package dev.takedown.core.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.takedown.core.json.Json;
import dev.takedown.core.json.StatementJson;
import dev.takedown.core.model.EventType;
import dev.takedown.core.model.ItemStatus;
import dev.takedown.core.model.Notice;
import dev.takedown.core.model.NoticeItem;
import dev.takedown.core.model.NotificationEvent;
import dev.takedown.core.text.Times;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Every webhook body, {@code {"type", "timestamp", "data"}}, the timestamp being when the event occurred: from the
 * facts the event carries ({@link Notifications}), or for {@code notice.*} from the notice as stored.
 */
public final class WebhookBodies {
    private WebhookBodies() {
    }

    /**
     * The body of {@code event}.
     *
     * @param notice   the event's notice as stored, for {@code notice.*} events (they carry no facts); else unused
     * @param allItems every item of that notice, read only for {@code notice.completed}
     */
    public static String body(NotificationEvent event, Notice notice, Supplier<List<NoticeItem>> allItems) {
        if (event.type() == EventType.LISTING_RESTRICTED) {
            return wrap(event, listingsRestricted(Json.parseTrusted(event.data())));
        }
        if (event.data() != null) {
            return wrap(event, event.data());
        }
        return switch (event.type()) {
            case NOTICE_RECEIVED -> wrap(event, noticeReceived(notice));
            case NOTICE_COMPLETED -> wrap(event, noticeCompleted(notice, allItems.get()));
            default -> throw new IllegalArgumentException(event.type().wireName() + " carries its facts");
        };
    }

    private static String noticeReceived(Notice notice) {
        return Json.write(Json.object()
                .put("noticeId", notice.id())
                .put("status", notice.status().name())
                .put("receivedAt", Times.format(notice.receivedAt()))
                .put("itemCount", notice.itemCount())
                .put("openItemCount", notice.openItemCount()));
    }

    /** The notice's status, outcome, and how many of its items ended in each status (every status listed, zeros too). */
    private static String noticeCompleted(Notice notice, List<NoticeItem> allItems) {
        Map<ItemStatus, Integer> counts = new EnumMap<>(ItemStatus.class);
        for (ItemStatus status : ItemStatus.values()) {
            counts.put(status, 0);
        }
        allItems.forEach(item -> counts.merge(item.status(), 1, Integer::sum));
        ObjectNode data = Json.object()
                .put("noticeId", notice.id())
                .put("status", notice.status().name())
                .put("outcome", notice.outcome() == null ? null : notice.outcome().name())
                .put("completedAt", notice.completedAt() == null ? null : Times.format(notice.completedAt()))
                .put("itemCount", allItems.size());
        ObjectNode byStatus = data.putObject("itemsByStatus");
        counts.forEach((status, count) -> byStatus.put(status.name(), count));
        return Json.write(data);
    }

    /** Each listing with its statement of reasons, worded from the queued facts. */
    private static String listingsRestricted(JsonNode facts) {
        String noticeId = Json.text(facts, "noticeId");
        String sellerId = Json.text(facts, "sellerId");
        ObjectNode data = Json.object().put("sellerId", sellerId).put("noticeId", noticeId);
        ArrayNode listings = data.putArray("listings");
        for (JsonNode listing : facts.path("listings")) {
            listings.addObject().put("listingId", Json.text(listing, "listingId"))
                    .set("statementOfReasons", StatementJson.full(StatementJson.fromFacts(listing, noticeId, sellerId)));
        }
        return Json.write(data);
    }

    /** Data written by this program needs no escaping around it; type and timestamp need none either. */
    private static String wrap(NotificationEvent event, String data) {
        return "{\"type\":\"" + event.type().wireName() + "\",\"timestamp\":\"" + Times.format(event.occurredAt())
                + "\",\"data\":" + data + "}";
    }
}
