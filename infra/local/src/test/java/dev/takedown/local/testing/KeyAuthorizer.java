package dev.takedown.local.testing;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** Test authorizer: "Bearer good" is allowed, "deny" denied, "broken" fails, "nested" answers bad context. */
public final class KeyAuthorizer implements RequestStreamHandler {
    public static final AtomicInteger CALLS = new AtomicInteger();
    public static volatile JsonNode lastEvent;

    private static final ObjectMapper JSON = new ObjectMapper();

    public KeyAuthorizer(Map<String, String> environment) {
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        CALLS.incrementAndGet();
        JsonNode event = JSON.readTree(input);
        lastEvent = event;
        String authorization = event.path("headers").path("Authorization").asText();
        String methodArn = event.path("methodArn").asText();
        ObjectNode response = JSON.createObjectNode();
        response.put("principalId", "user-1");
        switch (authorization) {
            case "Bearer good" -> {
                statement(response, "Allow", methodArn.substring(0, methodArn.indexOf('/') + 1) + "*");
                response.putObject("context").put("rightholderId", "acme").put("weight", 3).put("admin", false);
            }
            case "Bearer deny" -> statement(response, "Deny", methodArn);
            case "Bearer elsewhere" -> statement(response, "Allow", "arn:aws:execute-api:us-east-1:000000000000:other/*");
            case "Bearer nested" -> {
                statement(response, "Allow", "*");
                response.putObject("context").putObject("nested").put("a", 1);
            }
            case "Bearer broken" -> throw new IllegalStateException("the key store is down");
            default -> throw new RuntimeException("Unauthorized");
        }
        JSON.writeValue(output, response);
    }

    private static void statement(ObjectNode response, String effect, String resource) {
        ObjectNode statement = response.putObject("policyDocument").put("Version", "2012-10-17")
                .putArray("Statement").addObject();
        statement.put("Action", "execute-api:Invoke").put("Effect", effect).putArray("Resource").add(resource);
    }
}
