package dev.takedown.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpWebhookClientTest {
    private record Received(String method, String contentType, String webhookId, String body) {
    }

    private final List<Received> received = new CopyOnWriteArrayList<>();
    private HttpServer server;

    @BeforeEach
    void receiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/ok", exchange -> {
            received.add(new Received(exchange.getRequestMethod(), exchange.getRequestHeaders().getFirst("Content-Type"),
                    exchange.getRequestHeaders().getFirst("webhook-id"),
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.createContext("/moved", exchange -> {
            exchange.getResponseHeaders().add("Location", url("/ok").toString());
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        server.createContext("/slow", exchange -> {
            exchange.getRequestBody().readAllBytes();
            sleep(Duration.ofSeconds(3));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    @Test
    void postsTheBodyWithItsHeadersAndAnswersTheStatus() throws IOException {
        int status = new HttpWebhookClient(Duration.ofSeconds(5))
                .post(url("/ok"), Map.of("webhook-id", "msg_1"), "{\"type\":\"notice.received\"}");

        assertThat(status).isEqualTo(204);
        assertThat(received).containsExactly(new Received("POST", "application/json", "msg_1", "{\"type\":\"notice.received\"}"));
    }

    @Test
    void aRedirectIsAnsweredNotFollowed() throws IOException {
        assertThat(new HttpWebhookClient(Duration.ofSeconds(5)).post(url("/moved"), Map.of(), "{}")).isEqualTo(302);
        assertThat(received).isEmpty();
    }

    @Test
    void aReceiverThatDoesNotAnswerInTimeIsATimeout() {
        assertThatThrownBy(() -> new HttpWebhookClient(Duration.ofMillis(500)).post(url("/slow"), Map.of(), "{}"))
                .isInstanceOf(SocketTimeoutException.class);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
