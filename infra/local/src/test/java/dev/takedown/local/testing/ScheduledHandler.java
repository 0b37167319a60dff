package dev.takedown.local.testing;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** Test scheduled function: records the events it gets. */
public final class ScheduledHandler implements RequestStreamHandler {
    public static final List<JsonNode> EVENTS = new CopyOnWriteArrayList<>();

    private static final ObjectMapper JSON = new ObjectMapper();

    public ScheduledHandler(Map<String, String> environment) {
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        EVENTS.add(JSON.readTree(input));
    }
}
