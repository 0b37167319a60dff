package dev.takedown.local;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An HTTP response to send: status, headers (several values per name allowed) and body. */
record HttpReply(int status, Map<String, List<String>> headers, byte[] body) {

    static HttpReply json(int status, String json) {
        return new HttpReply(status, new LinkedHashMap<>(Map.of("Content-Type", List.of("application/json"))),
                json.getBytes(StandardCharsets.UTF_8));
    }

    HttpReply withHeader(String name, String value) {
        Map<String, List<String>> copy = new LinkedHashMap<>(headers);
        copy.put(name, List.of(value));
        return new HttpReply(status, copy, body);
    }

    void send(HttpExchange exchange) throws IOException {
        headers.forEach((name, values) -> exchange.getResponseHeaders().put(name, List.copyOf(values)));
        boolean noBody = body.length == 0 || status == 204 || status == 304
                || exchange.getRequestMethod().equalsIgnoreCase("HEAD");
        exchange.sendResponseHeaders(status, noBody ? -1 : body.length);
        if (!noBody) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
        exchange.close();
    }
}
