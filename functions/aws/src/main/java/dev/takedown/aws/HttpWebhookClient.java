package dev.takedown.aws;

import dev.takedown.core.ports.WebhookClient;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Webhooks over java.net.http. Redirects are not followed (a redirect could lead past the callback policy to an
 * internal address), and at most a few KiB of the answer are read: only its status matters.
 */
public final class HttpWebhookClient implements WebhookClient {

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
        // The request timeout ends once headers arrive; the whole exchange, body included, must end in time too,
        // or one slow receiver would hold up its batch-mates.
        CompletableFuture<HttpResponse<Void>> exchange = http.sendAsync(request.build(), HttpResponse.BodyHandlers.discarding());
        try {
            return exchange.get(timeout.toMillis(), TimeUnit.MILLISECONDS).statusCode();
        } catch (TimeoutException e) {
            exchange.cancel(true);
            throw new HttpTimeoutException("no complete answer within " + timeout);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        } catch (InterruptedException e) {
            exchange.cancel(true);
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while sending the webhook", e);
        }
    }
}
