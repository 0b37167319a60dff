package dev.takedown.aws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.takedown.core.json.Json;
import dev.takedown.core.model.EventType;
import dev.takedown.core.model.NotificationEvent;
import dev.takedown.core.text.Times;
import java.util.ArrayList;
import java.util.List;

/**
 * An event as a NotificationQueue message, {@code {"id", "type", "noticeId", "items", "occurredAt", "sellerId",
 * "rightholderId", "data"}} (the last three when the event has them; events about a rightholder or seller have no
 * noticeId): written and read here only.
 */
public final class NotificationMessage {
    private NotificationMessage() {
    }

    public static String write(NotificationEvent event) {
        ObjectNode body = Json.object()
                .put("id", event.id())
                .put("type", event.type().wireName())
                .put("noticeId", event.noticeId());
        event.items().forEach(body.putArray("items")::add);
        body.put("occurredAt", Times.format(event.occurredAt()));
        if (event.sellerId() != null) {
            body.put("sellerId", event.sellerId());
        }
        if (event.rightholderId() != null) {
            body.put("rightholderId", event.rightholderId());
        }
        if (event.data() != null) {
            body.set("data", Json.parseTrusted(event.data()));
        }
        return Json.write(body);
    }

    public static NotificationEvent read(String text) throws JsonProcessingException {
        JsonNode body = Json.parse(text);
        List<Integer> items = new ArrayList<>();
        body.path("items").forEach(i -> items.add(i.asInt()));
        return new NotificationEvent(body.path("id").asText(), EventType.fromWire(body.path("type").asText()),
                Json.text(body, "noticeId"), items, Times.parse(body.path("occurredAt").asText()),
                Json.text(body, "sellerId"), body.hasNonNull("data") ? Json.write(body.get("data")) : null,
                Json.text(body, "rightholderId"));
    }
}
