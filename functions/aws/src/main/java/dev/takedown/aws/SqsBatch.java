package dev.takedown.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.takedown.core.json.Json;
import dev.takedown.core.runtime.Parallel;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * An SQS-triggered invocation: each message is handled on its own and the failures are reported as a partial batch
 * response, so only they are retried (and finally dead-lettered) and never hold back their batch-mates.
 */
public final class SqsBatch {
    private SqsBatch() {
    }

    /** One message of the batch as Lambda hands it over. */
    public record Message(String messageId, String body, String receiptHandle, int receiveCount) {
        static Message of(JsonNode record) {
            return new Message(record.path("messageId").asText(), record.path("body").asText(),
                    record.path("receiptHandle").asText(),
                    record.path("attributes").path("ApproximateReceiveCount").asInt(1));
        }
    }

    /**
     * Handles every message of the event and writes the batch response.
     *
     * @param sideBySide the messages are independent and safe to handle concurrently
     * @param handler    true when the message is done with; false (or an exception, which the handler should log
     *                   itself) leaves it on the queue
     */
    public static void handle(InputStream event, OutputStream response, boolean sideBySide, Predicate<Message> handler)
            throws IOException {
        List<Message> messages = new ArrayList<>();
        StreamJson.read(event).path("Records").forEach(record -> messages.add(Message.of(record)));
        List<Boolean> done = sideBySide ? Parallel.map(messages, handler::test)
                : messages.stream().map(handler::test).toList();
        ObjectNode body = Json.object();
        ArrayNode failures = body.putArray("batchItemFailures");
        for (int i = 0; i < messages.size(); i++) {
            if (!done.get(i)) {
                failures.addObject().put("itemIdentifier", messages.get(i).messageId());
            }
        }
        StreamJson.write(response, body);
    }
}
