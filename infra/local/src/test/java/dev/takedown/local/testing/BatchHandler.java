package dev.takedown.local.testing;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** Test SQS consumer: reports messages whose body is "fail" as batch item failures, and records every record. */
public final class BatchHandler implements RequestStreamHandler {
    public static final List<JsonNode> RECORDS = new CopyOnWriteArrayList<>();

    private static final ObjectMapper JSON = new ObjectMapper();

    public BatchHandler(Map<String, String> environment) {
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        JsonNode event = JSON.readTree(input);
        ArrayNode failures = JSON.createArrayNode();
        for (JsonNode record : event.path("Records")) {
            RECORDS.add(record);
            if (record.path("body").asText().equals("fail")) {
                failures.addObject().put("itemIdentifier", record.path("messageId").asText());
            }
        }
        JSON.writeValue(output, JSON.createObjectNode().set("batchItemFailures", failures));
    }
}
