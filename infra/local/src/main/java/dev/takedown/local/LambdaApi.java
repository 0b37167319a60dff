package dev.takedown.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lambda's Invoke API ({@code POST /2015-03-31/functions/{name}/invocations}) like {@code sam local start-lambda},
 * so that {@code aws lambda invoke --endpoint-url} reaches the functions; a function's name is its logical id. On a
 * stack with a test clock it also serves {@link TestClockApi}'s routes.
 */
final class LambdaApi implements HttpHandler {
    private static final Pattern INVOKE = Pattern.compile("/2015-03-31/functions/([^/]+)/invocations/?");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Functions functions;
    private final Optional<TestClockApi> testClock;

    LambdaApi(Functions functions, Optional<TestClockApi> testClock) {
        this.functions = functions;
        this.testClock = testClock;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        if (testClock.isPresent() && exchange.getRequestURI().getPath().equals(TestClockApi.PATH)) {
            testClock.get().handle(exchange);
            return;
        }
        byte[] payload;
        try (InputStream in = exchange.getRequestBody()) {
            payload = in.readAllBytes();
        }
        Matcher invoke = INVOKE.matcher(exchange.getRequestURI().getPath());
        if (!exchange.getRequestMethod().equals("POST") || !invoke.matches()) {
            error(404, "UnknownOperationException", "no such operation: " + exchange.getRequestMethod() + " "
                    + exchange.getRequestURI().getPath()).send(exchange);
            return;
        }
        String name = functionName(invoke.group(1));
        if (!functions.exists(name)) {
            error(404, "ResourceNotFoundException", "Function not found: " + References.functionArn(name))
                    .send(exchange);
            return;
        }
        byte[] event = payload.length == 0 ? "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8) : payload;
        String invocationType = exchange.getRequestHeaders().getFirst("X-Amz-Invocation-Type");
        if ("DryRun".equals(invocationType)) {
            new HttpReply(204, Map.of(), new byte[0]).send(exchange);
        } else if ("Event".equals(invocationType)) {
            CompletableFuture.runAsync(() -> functions.invoke(name, event));
            new HttpReply(202, Map.of(), new byte[0]).send(exchange);
        } else {
            reply(functions.invoke(name, event)).send(exchange);
        }
    }

    /** Accepts a name, a partial or full function ARN, each with an optional :qualifier. */
    static String functionName(String raw) {
        String name = Router.decode(raw);
        if (name.contains(":function:")) {
            name = name.substring(name.indexOf(":function:") + ":function:".length());
        } else if (name.startsWith("function:")) {
            name = name.substring("function:".length());
        }
        return name.contains(":") ? name.substring(0, name.indexOf(':')) : name;
    }

    private static HttpReply reply(Functions.Invocation invocation) throws IOException {
        if (!invocation.failed()) {
            return new HttpReply(200, Map.of("Content-Type", List.of("application/json")), invocation.output())
                    .withHeader("X-Amz-Executed-Version", "$LATEST")
                    .withHeader("x-amzn-RequestId", invocation.requestId());
        }
        ObjectNode error = JSON.createObjectNode();
        error.put("errorMessage", invocation.errorMessage());
        error.put("errorType", invocation.errorType());
        invocation.stackTrace().forEach(error.putArray("stackTrace")::add);
        return HttpReply.json(200, JSON.writeValueAsString(error))
                .withHeader("X-Amz-Function-Error", "Unhandled")
                .withHeader("X-Amz-Executed-Version", "$LATEST")
                .withHeader("x-amzn-RequestId", invocation.requestId());
    }

    private static HttpReply error(int status, String type, String message) throws IOException {
        ObjectNode body = JSON.createObjectNode();
        body.put("Type", "User");
        body.put("Message", message);
        return HttpReply.json(status, JSON.writeValueAsString(body)).withHeader("x-amzn-ErrorType", type);
    }
}
