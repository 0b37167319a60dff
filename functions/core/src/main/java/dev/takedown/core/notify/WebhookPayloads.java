package dev.takedown.core.notify;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.takedown.core.Json;
import dev.takedown.core.Times;
import dev.takedown.core.model.ItemStatus;
import dev.takedown.core.model.Notice;
import dev.takedown.core.model.NoticeItem;
import dev.takedown.core.model.NoticeReason;
import dev.takedown.core.model.RightType;
import dev.takedown.core.model.StatementOfReasons;
import dev.takedown.core.verify.Statements;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Webhook bodies: {@code {"type", "timestamp", "data"}}, the timestamp being when the event occurred. */
public final class WebhookPayloads {
    private WebhookPayloads() {
    }

    public static String noticeReceived(Instant occurredAt, Notice notice) {
        ObjectNode data = Json.object()
                .put("noticeId", notice.id())
                .put("status", notice.status().name())
                .put("receivedAt", Times.format(notice.receivedAt()))
                .put("itemCount", notice.itemCount())
                .put("openItemCount", notice.openItemCount());
        return body(EventType.NOTICE_RECEIVED, occurredAt, data);
    }

    /** The {@code data} of {@code items.decided}: each decision as it was made. */
    public static String itemsDecidedData(String noticeId, List<NoticeItem> items) {
        ObjectNode data = Json.object().put("noticeId", noticeId);
        var array = data.putArray("items");
        for (NoticeItem item : items) {
            ObjectNode node = array.addObject()
                    .put("index", item.index())
                    .put("listingId", item.listingId())
                    .put("url", item.url())
                    .put("status", item.status().name())
                    .put("reason", item.reason() == null ? null : item.reason().name());
            if (item.decision() != null) {
                node.put("decidedBy", item.decision().decidedBy())
                        .put("decidedAt", Times.format(item.decision().decidedAt()));
            }
            if (item.duplicateOf() != null) {
                node.put("duplicateOf", item.duplicateOf());
            }
            if (item.duplicateOfNotice() != null) {
                node.put("duplicateOfNotice", item.duplicateOfNotice());
            }
        }
        return Json.write(data);
    }

    /** The notice's status, outcome, and how many of its items ended in each status (every status listed, zeros too). */
    public static String noticeCompleted(Instant occurredAt, Notice notice, List<NoticeItem> allItems) {
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
        return body(EventType.NOTICE_COMPLETED, occurredAt, data);
    }

    /**
     * What {@code listing.restricted} is queued with: the facts of one seller's listings removed on one notice, from
     * which the notifier words their statements ({@link #listingsRestricted}). Facts only, so the message stays small.
     */
    public static String listingsRestrictedFacts(String noticeId, String sellerId, List<StatementOfReasons> statements) {
        ObjectNode data = Json.object().put("sellerId", sellerId).put("noticeId", noticeId);
        var listings = data.putArray("listings");
        // The wording and what the message names once are left out; listingsRestricted puts them back.
        statements.forEach(s -> listings.add(statementOfReasons(s)
                .remove(List.of("restriction", "sellerId", "noticeId", "ground", "howToContest"))));
        return Json.write(data);
    }

    /** {@code listing.restricted} as sent: each listing with its statement of reasons, worded from the queued facts. */
    public static String listingsRestricted(Instant occurredAt, String facts) {
        JsonNode data = Json.parseTrusted(facts);
        String noticeId = Json.text(data, "noticeId");
        String sellerId = Json.text(data, "sellerId");
        List<StatementOfReasons> statements = new ArrayList<>();
        for (JsonNode l : data.path("listings")) {
            statements.add(Statements.of(Json.text(l, "listingId"), Json.text(l, "listingTitle"), sellerId, noticeId,
                    l.path("itemIndex").intValue(), Json.text(l, "rightId"), RightType.valueOf(Json.text(l, "rightType")),
                    Json.text(l, "registrationNumber"), Json.text(l, "jurisdiction"),
                    NoticeReason.valueOf(Json.text(l, "reasonCode")), Json.text(l, "rightholderName"),
                    Json.text(l, "rightholderEmail"), l.path("automated").booleanValue(),
                    Times.parse(Json.text(l, "decidedAt"))));
        }
        return body(EventType.LISTING_RESTRICTED, occurredAt, listingsRestrictedData(noticeId, sellerId, statements));
    }

    /** The {@code data} of {@code listing.restricted}: one seller's listings removed on one notice, with their statements. */
    static String listingsRestrictedData(String noticeId, String sellerId, List<StatementOfReasons> statements) {
        ObjectNode data = Json.object().put("sellerId", sellerId).put("noticeId", noticeId);
        var listings = data.putArray("listings");
        for (StatementOfReasons statement : statements) {
            listings.addObject().put("listingId", statement.listingId())
                    .set("statementOfReasons", statementOfReasons(statement));
        }
        return Json.write(data);
    }

    /** A statement of reasons in full, as sellers get it and staff read it. */
    public static ObjectNode statementOfReasons(StatementOfReasons statement) {
        return Json.object()
                .put("restriction", statement.restriction())
                .put("listingId", statement.listingId())
                .put("listingTitle", statement.listingTitle())
                .put("sellerId", statement.sellerId())
                .put("noticeId", statement.noticeId())
                .put("itemIndex", statement.itemIndex())
                .put("rightId", statement.rightId())
                .put("rightType", statement.rightType() == null ? null : statement.rightType().name())
                .put("registrationNumber", statement.registrationNumber())
                .put("jurisdiction", statement.jurisdiction())
                .put("reasonCode", statement.reasonCode() == null ? null : statement.reasonCode().name())
                .put("rightholderName", statement.rightholderName())
                .put("rightholderEmail", statement.rightholderEmail())
                .put("ground", statement.ground())
                .put("automated", statement.automated())
                .put("decidedAt", statement.decidedAt() == null ? null : Times.format(statement.decidedAt()))
                .put("howToContest", statement.howToContest());
    }

    /** A webhook body around {@code data}, JSON written by this class (type and timestamp need no escaping). */
    public static String body(EventType type, Instant occurredAt, String data) {
        return "{\"type\":\"" + type.wireName() + "\",\"timestamp\":\"" + Times.format(occurredAt) + "\",\"data\":"
                + data + "}";
    }

    private static String body(EventType type, Instant occurredAt, ObjectNode data) {
        return body(type, occurredAt, Json.write(data));
    }
}
