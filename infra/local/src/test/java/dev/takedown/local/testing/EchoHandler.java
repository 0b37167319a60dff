package dev.takedown.local.testing;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * Test function: answers the proxy event it got as its body, and the environment variable named by the query
 * parameter "env" in a header. Paths ending in /throw, /malformed, /binary and /slow misbehave on purpose.
 */
public final class EchoHandler implements RequestStreamHandler {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, String> environment;

    public EchoHandler(Map<String, String> environment) {
        this.environment = environment;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        JsonNode event = JSON.readTree(input);
        String path = event.path("path").asText("");
        if (path.endsWith("/throw")) {
            throw new IllegalStateException("failing on purpose");
        }
        if (path.endsWith("/malformed")) {
            output.write("{\"statusCode\": 200, \"unexpected\": true}".getBytes(StandardCharsets.UTF_8));
            return;
        }
        if (path.endsWith("/slow")) {
            try {
                Thread.sleep(context.getRemainingTimeInMillis() + 2000L);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        ObjectNode response = JSON.createObjectNode();
        response.put("statusCode", path.endsWith("/created") ? 201 : 200);
        ObjectNode headers = response.putObject("headers");
        headers.put("X-Function", context.getFunctionName());
        String env = event.path("queryStringParameters").path("env").asText(null);
        if (env != null) {
            headers.put("X-Env", String.valueOf(environment.get(env)));
        }
        response.putObject("multiValueHeaders").putArray("X-Multi").add("one").add("two");
        if (path.endsWith("/binary")) {
            response.put("body", Base64.getEncoder().encodeToString(new byte[] {(byte) 0xff, 0, 1}));
            response.put("isBase64Encoded", true);
        } else {
            response.put("body", JSON.writeValueAsString(event));
        }
        JSON.writeValue(output, response);
    }
}
