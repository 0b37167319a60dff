package dev.takedown.aws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.takedown.core.json.Json;
import java.util.ArrayList;
import java.util.List;

/** One message of verification work, {@code {"noticeId": ..., "items": [indexes]}}: written and read here only. */
public record VerificationMessage(String noticeId, List<Integer> items) {

    public VerificationMessage {
        items = List.copyOf(items);
    }

    public String write() {
        ObjectNode body = Json.object().put("noticeId", noticeId);
        items.forEach(body.putArray("items")::add);
        return Json.write(body);
    }

    /** The work a message body names; an exception for a body that names none, which is poison to retry. */
    public static VerificationMessage read(String body) throws JsonProcessingException {
        JsonNode message = Json.parse(body);
        List<Integer> items = new ArrayList<>();
        for (JsonNode index : message.path("items")) {
            if (!index.canConvertToInt() || !index.isIntegralNumber() || index.intValue() < 0) {
                throw new IllegalArgumentException("item indexes must be whole numbers from 0");
            }
            items.add(index.intValue());
        }
        String noticeId = message.path("noticeId").asText(null);
        if (noticeId == null || items.isEmpty()) {
            throw new IllegalArgumentException("a verification message needs noticeId and items");
        }
        return new VerificationMessage(noticeId, items);
    }
}
