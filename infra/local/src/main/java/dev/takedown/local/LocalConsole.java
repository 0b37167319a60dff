package dev.takedown.local;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A CloudWatch dashboard's custom widget, on the Lambda API port: {@code GET /local/console/<function>?<param>=<value>}
 * is a page that invokes the function as the dashboard does (the widget's parameters at the top of the event, and a
 * {@code widgetContext} with them, the widget's size and every input inside it as {@code forms.all}), shows the HTML
 * it answers without running any script of it, and makes each {@code <cwdb-action>} work as the console does (a
 * click calls the endpoint with the action's JSON parameters and the widget's context, after a confirm dialog when
 * it asks for one, and the answer replaces the widget). The page invokes through {@code POST /local/console/invocations},
 * which serves the stack's own pages only: a request from any other origin is refused, as on the rest of the port.
 */
final class LocalConsole {
    static final String PATH = "/local/console/";
    static final String INVOCATIONS = PATH + "invocations";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String PAGE = page();

    private final Functions functions;

    LocalConsole(Functions functions) {
        this.functions = functions;
    }

    void handle(HttpExchange exchange) throws IOException {
        byte[] payload;
        try (InputStream in = exchange.getRequestBody()) {
            payload = in.readAllBytes();
        }
        String path = exchange.getRequestURI().getPath();
        if (path.equals(INVOCATIONS)) {
            if (!exchange.getRequestMethod().equals("POST")) {
                message(405, "POST the widget's event here").withHeader("Allow", "POST").send(exchange);
            } else if (!fromOwnPage(exchange)) {
                message(403, "Only the local console's own pages may invoke functions here.").send(exchange);
            } else {
                invoke(payload).send(exchange);
            }
            return;
        }
        String function = Router.decode(path.substring(PATH.length()));
        if (!exchange.getRequestMethod().equals("GET") || !functions.exists(function)) {
            message(404, "No widget here: open " + PATH + "<function logical id>, e.g. " + PATH
                    + "ReviewWidgetFunction").send(exchange);
            return;
        }
        page(function, widgetParams(exchange.getRequestURI().getRawQuery())).send(exchange);
    }

    /**
     * A same-origin request of a page this port served: browsers name the page's origin in {@code Origin} on every
     * POST from a script, so another site's page, or one reached through another host name, is told apart.
     */
    private static boolean fromOwnPage(HttpExchange exchange) {
        String origin = exchange.getRequestHeaders().getFirst("Origin");
        int port = exchange.getLocalAddress().getPort();
        return origin != null && Set.of("http://127.0.0.1:" + port, "http://localhost:" + port).contains(origin)
                && origin.equals("http://" + exchange.getRequestHeaders().getFirst("Host"));
    }

    /** {@code {"endpoint": "<function name or ARN>", "event": {...}}}: the function's answer as it gave it. */
    private HttpReply invoke(byte[] payload) throws IOException {
        JsonNode request;
        try {
            request = JSON.readTree(payload);
        } catch (JsonProcessingException e) {
            return message(400, "the body must be {\"endpoint\": ..., \"event\": {...}}");
        }
        if (request == null || !request.path("endpoint").isTextual() || !request.path("event").isObject()) {
            return message(400, "the body must be {\"endpoint\": ..., \"event\": {...}}");
        }
        String function = LambdaApi.functionName(request.path("endpoint").asText());
        if (!functions.exists(function)) {
            return message(404, "Function not found: " + request.path("endpoint").asText());
        }
        Functions.Invocation invocation = functions.invoke(function, JSON.writeValueAsBytes(request.path("event")));
        if (invocation.failed()) {
            ObjectNode error = JSON.createObjectNode().put("errorType", invocation.errorType())
                    .put("errorMessage", invocation.errorMessage());
            return HttpReply.json(502, JSON.writeValueAsString(error));
        }
        return new HttpReply(200, Map.of("Content-Type", List.of("application/json")), invocation.output());
    }

    /** Each query parameter is one of the widget's parameters, as text (the last, where one is repeated). */
    private static ObjectNode widgetParams(String rawQuery) {
        ObjectNode params = JSON.createObjectNode();
        IncomingRequest.query(rawQuery).forEach((name, values) -> {
            if (!name.isEmpty()) {
                params.put(name, values.get(values.size() - 1));
            }
        });
        return params;
    }

    private static HttpReply page(String function, ObjectNode params) throws IOException {
        byte[] nonceBytes = new byte[18];
        RANDOM.nextBytes(nonceBytes);
        String nonce = Base64.getUrlEncoder().withoutPadding().encodeToString(nonceBytes);
        ObjectNode config = JSON.createObjectNode()
                .put("endpoint", References.functionArn(function))
                .put("title", function)
                .put("accountId", References.ACCOUNT);
        config.set("params", params);
        // JSON in a script element: "<" escaped, so that no text in it can close the element.
        String configJson = JSON.writeValueAsString(config).replace("<", "\\u003c");
        String html = PAGE.replace("{{nonce}}", nonce).replace("{{function}}", escape(function))
                .replace("{{config}}", configJson);
        return new HttpReply(200, Map.of("Content-Type", List.of("text/html; charset=utf-8")),
                html.getBytes(StandardCharsets.UTF_8))
                .withHeader("Content-Security-Policy", "default-src 'none'; script-src 'nonce-" + nonce + "';"
                        + " style-src 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; form-action 'none';"
                        + " base-uri 'none'; frame-ancestors 'none'")
                .withHeader("X-Content-Type-Options", "nosniff")
                .withHeader("Cache-Control", "no-store");
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static HttpReply message(int status, String message) throws IOException {
        return HttpReply.json(status, JSON.writeValueAsString(JSON.createObjectNode().put("message", message)));
    }

    private static String page() {
        try (InputStream in = LocalConsole.class.getResourceAsStream("/console/widget.html")) {
            if (in == null) {
                throw new IllegalStateException("console/widget.html is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
