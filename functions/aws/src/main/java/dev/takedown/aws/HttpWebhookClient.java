package dev.takedown.aws;

import dev.takedown.core.ports.WebhookClient;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * Webhooks over java.net.http. Redirects are not followed (a redirect could lead past the callback policy to an
 * internal address), and at most a few KiB of the answer are read: only its status matters.
 */
public final class HttpWebhookClient implements WebhookClient {
    private static final int MAX_RESPONSE_BYTES = 4096;

    private final HttpClient http;
    private final Duration timeout;

    public HttpWebhookClient(Duration timeout) {
        this.http = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(timeout)
                .build();
        this.timeout = timeout;
    }

    @Override
    public int post(URI url, Map<String, String> headers, String body) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(url)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("User-Agent", "takedown-webhooks/1")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        try {
            HttpResponse<InputStream> response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream answer = response.body()) {
                answer.readNBytes(MAX_RESPONSE_BYTES);
            }
            return response.statusCode();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while sending the webhook", e);
        }
    }
}
