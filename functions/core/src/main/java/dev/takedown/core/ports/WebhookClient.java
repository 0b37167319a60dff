package dev.takedown.core.ports;

import java.io.IOException;
import java.net.URI;
import java.util.Map;

/** Sends one webhook. */
public interface WebhookClient {
    /** POSTs the JSON body with these headers and returns the HTTP status; an IOException when no answer came in time. */
    int post(URI url, Map<String, String> headers, String body) throws IOException;
}
