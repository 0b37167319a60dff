package dev.takedown.intake;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.takedown.core.json.ItemJson;
import dev.takedown.core.json.EvidenceJson;
import dev.takedown.core.json.Json;
import dev.takedown.core.model.DeliveryAttempt;
import dev.takedown.core.model.Notice;
import dev.takedown.core.intake.NoticeQueries.ItemPage;
import dev.takedown.core.model.NoticeItem;
import dev.takedown.core.text.Times;
import java.util.List;
import java.util.Set;

/** The API's JSON shapes: camelCase names, ISO-8601 UTC times. */
final class NoticeJson {
    private NoticeJson() {
    }

    static String location(String noticeId) {
        return "/v1/notices/" + noticeId;
    }

    /** {@code ownNotices}: see {@link ItemPage}; a replay answers the items as they stand now. */
    static ObjectNode accepted(Notice notice, List<NoticeItem> items, Set<String> ownNotices) {
        ObjectNode body = summary(notice);
        items(body.putArray("items"), items, ownNotices);
        return body;
    }

    static ObjectNode summary(Notice notice) {
        ObjectNode body = Json.object()
                .put("id", notice.id())
                .put("status", notice.status().name())
                .put("rightId", notice.rightId())
                .put("reason", notice.reason().name())
                .put("receivedAt", Times.format(notice.receivedAt()))
                .put("itemCount", notice.itemCount())
                .put("openItemCount", notice.openItemCount())
                .put("outcome", notice.outcome() == null ? null : notice.outcome().name())
                .put("completedAt", notice.completedAt() == null ? null : Times.format(notice.completedAt()));
        body.putObject("links")
                .put("self", location(notice.id()))
                .put("items", location(notice.id()) + "/items");
        return body;
    }

    static ObjectNode detail(Notice notice, ItemPage firstItems) {
        String nextCursor = firstItems.page().nextCursor();
        ObjectNode body = summary(notice);
        body.put("explanation", notice.explanation());
        body.putObject("sender").put("name", notice.sender().name()).put("email", notice.sender().email());
        body.put("signature", notice.signature());
        EvidenceJson.put(body, notice.evidence());
        items(body.putArray("items"), firstItems.page().entries(), firstItems.ownNotices());
        body.put("nextItemsCursor", nextCursor);
        if (nextCursor != null) {
            body.withObjectProperty("links").put("nextItems", location(notice.id()) + "/items?cursor=" + nextCursor);
        }
        return body;
    }

    static ObjectNode itemPage(String noticeId, ItemPage items) {
        ObjectNode body = Json.object().put("noticeId", noticeId);
        items(body.putArray("items"), items.page().entries(), items.ownNotices());
        body.put("nextCursor", items.page().nextCursor());
        return body;
    }

    static ObjectNode deliveryPage(String noticeId, List<DeliveryAttempt> attempts, String nextCursor) {
        ObjectNode body = Json.object().put("noticeId", noticeId);
        ArrayNode array = body.putArray("deliveries");
        for (DeliveryAttempt attempt : attempts) {
            array.addObject()
                    .put("webhookId", attempt.webhookId())
                    .put("type", attempt.eventType().wireName())
                    .put("url", attempt.url())
                    .put("attempt", attempt.attempt())
                    .put("outcome", attempt.outcome().name())
                    .put("httpStatus", attempt.httpStatus())
                    .put("error", attempt.error())
                    .put("attemptedAt", Times.format(attempt.attemptedAt()))
                    .put("nextAttemptAt", attempt.nextAttemptAt() == null ? null : Times.format(attempt.nextAttemptAt()));
        }
        body.put("nextCursor", nextCursor);
        return body;
    }

    static ObjectNode noticePage(List<Notice> notices, String nextCursor) {
        ObjectNode body = Json.object();
        ArrayNode list = body.putArray("notices");
        notices.forEach(n -> list.add(summary(n)));
        body.put("nextCursor", nextCursor);
        return body;
    }

    private static void items(ArrayNode array, List<NoticeItem> items, Set<String> ownNotices) {
        items.forEach(item -> array.add(ItemJson.forApi(item, ownNotices)));
    }
}
