package dev.takedown.aws;

import dev.takedown.core.ports.WebhookClient;
import java.io.IOException;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Webhooks over HttpURLConnection, which the SDK's HTTP client has loaded already, so sending one adds little to
 * a cold start. Redirects are not followed (a redirect could lead past the callback policy to an internal
 * address), no proxy is used, and the answer's body is not read: only its status matters.
 */
public final class HttpWebhookClient implements WebhookClient {
    private final Duration timeout;

    public HttpWebhookClient(Duration timeout) {
        this.timeout = timeout;
    }

    @Override
    public int post(URI url, Map<String, String> headers, String body) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) url.toURL().openConnection(Proxy.NO_PROXY);
        int millis = Math.toIntExact(timeout.toMillis());
        connection.setInstanceFollowRedirects(false);
        connection.setUseCaches(false);
        connection.setConnectTimeout(millis);
        connection.setReadTimeout(millis);
        connection.setDoOutput(true);
        connection.setRequestMethod("POST");
        connection.setRequestProperty("Content-Type", "application/json");
        connection.setRequestProperty("User-Agent", "takedown-webhooks/1");
        headers.forEach(connection::setRequestProperty);
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        connection.setFixedLengthStreamingMode(bytes.length);
        // The timeouts bound each connect and read; the whole exchange must end in time too, or a receiver that
        // answers a byte at a time would hold up its batch-mates.
        AtomicBoolean cutOff = new AtomicBoolean();
        CompletableFuture<Void> deadline = CompletableFuture.runAsync(() -> {
            cutOff.set(true);
            connection.disconnect();
        }, CompletableFuture.delayedExecutor(millis, TimeUnit.MILLISECONDS));
        try {
            try (OutputStream out = connection.getOutputStream()) {
                out.write(bytes);
            }
            return connection.getResponseCode();
        } catch (IOException | RuntimeException e) {
            // Disconnecting from the deadline's thread can surface in this one as any kind of failure.
            if (cutOff.get()) {
                throw new SocketTimeoutException("no complete answer within " + timeout);
            }
            throw e;
        } finally {
            deadline.cancel(false);
            connection.disconnect();
        }
    }
}
