package dev.takedown.core.ports;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.util.Map;

/** Sends one webhook. */
public interface WebhookClient {
    /**
     * POSTs the JSON body with these headers to {@code url}, connecting to {@code address} (vetted by the caller)
     * without resolving the URL's host again; over https the certificate is still checked against the URL's host
     * name. Returns the HTTP status; an IOException when no answer came in time.
     */
    int post(URI url, InetAddress address, Map<String, String> headers, String body) throws IOException;
}
