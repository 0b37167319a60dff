package dev.takedown.local;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * For the local stack's ports that are not the API: answers {@code 403} to any request with an {@code Origin}
 * header, before the handler runs. Browsers send one with every cross-origin request, even a "simple" one that
 * needs no preflight, so a web page cannot drive these ports; the tools that use them (the AWS CLI and SDKs, the
 * notifier) never send one.
 */
final class BrowsersRefused implements HttpHandler {
    private final HttpHandler handler;

    BrowsersRefused(HttpHandler handler) {
        this.handler = handler;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        if (exchange.getRequestHeaders().containsKey("Origin")) {
            try (InputStream body = exchange.getRequestBody()) {
                body.transferTo(OutputStream.nullOutputStream());
            }
            HttpReply.json(403, "{\"message\": \"Requests from browsers (with an Origin header) are refused here.\"}")
                    .send(exchange);
            return;
        }
        handler.handle(exchange);
    }
}
