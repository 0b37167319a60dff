package dev.takedown.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.takedown.core.json.Json;
import dev.takedown.core.model.DeliveryAttempt.Target;
import dev.takedown.core.notify.WebhookSigner;
import dev.takedown.core.ports.WebhookSecretStore;
import dev.takedown.core.text.Times;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The demo webhook receiver of the local stack: {@code POST /webhooks/<rightholder id>} and
 * {@code POST /webhooks/sellers/<seller id>} check the Standard Webhooks signature with that rightholder's or
 * seller's secrets as stored now (during a rotation's overlap, either secret will do) and the timestamp, answer
 * 204, and print one line per receipt; {@code GET /webhooks/received} lists the receipts. It keeps the time of the
 * functions that send to it, so that a stack whose clock a test moves on still has its webhooks on time.
 */
final class WebhookReceiver implements AutoCloseable {
    private static final Duration TOLERANCE = Duration.ofMinutes(5);
    private static final String SELLERS = "sellers/";

    /** One webhook as received, and whether it passed the checks; with its timestamp, signature and body as sent. */
    record Receipt(String type, String webhookId, String recipient, boolean signatureOk, String problem, Instant receivedAt,
            String timestamp, String signature, String body) {
    }

    private final WebhookSecretStore secrets;
    private final Clock clock;
    private final List<Receipt> receipts = new CopyOnWriteArrayList<>();
    private final HttpServer server;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "webhook-receiver");
        thread.setDaemon(true);
        return thread;
    });

    WebhookReceiver(int port, WebhookSecretStore secrets, Clock clock) {
        this.secrets = secrets;
        this.clock = clock;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on 127.0.0.1:" + port + " for the webhook receiver", e);
        }
        server.createContext("/webhooks/", new BrowsersRefused(this::handle));
        server.setExecutor(executor);
        server.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/webhooks/");
    }

    List<Receipt> receipts() {
        return List.copyOf(receipts);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath().substring("/webhooks/".length());
            String method = exchange.getRequestMethod();
            if (path.equals("received") && method.equals("GET")) {
                reply(exchange, 200, Json.write(receiptsJson()).getBytes(StandardCharsets.UTF_8));
            } else if (!path.isEmpty() && !path.equals("received") && method.equals("POST")) {
                Receipt receipt = receive(path, exchange);
                receipts.add(receipt);
                System.out.println("webhook received: " + receipt.type() + " " + receipt.webhookId() + " for "
                        + receipt.recipient() + " (" + (receipt.signatureOk() ? "signature ok" : receipt.problem()) + ")");
                System.out.flush();
                reply(exchange, receipt.signatureOk() ? 204 : 401, null);
            } else {
                reply(exchange, 404, null);
            }
        }
    }

    private Receipt receive(String recipient, HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        var headers = exchange.getRequestHeaders();
        String id = headers.getFirst("webhook-id");
        String timestamp = headers.getFirst("webhook-timestamp");
        String signature = headers.getFirst("webhook-signature");
        String type = typeOf(body);
        Instant now = clock.instant();
        List<String> known = recipient.startsWith(SELLERS)
                ? secretsAt(Target.SELLER, recipient.substring(SELLERS.length()), now)
                : secretsAt(Target.RIGHTHOLDER, recipient, now);
        String problem = null;
        if (known.isEmpty()) {
            problem = "no secret known for " + recipient;
        } else if (id == null || timestamp == null || signature == null) {
            problem = "webhook headers missing";
        } else if (!timely(timestamp, now)) {
            problem = "timestamp more than 5 minutes off";
        } else if (known.stream().noneMatch(secret -> signed(secret, id, timestamp, body, signature))) {
            problem = "signature BAD";
        }
        return new Receipt(type, id, recipient, problem == null, problem, now, timestamp, signature, body);
    }

    private List<String> secretsAt(Target owner, String ownerId, Instant now) {
        return secrets.find(owner, ownerId).map(s -> s.signingAt(now)).orElse(List.of());
    }

    private static boolean timely(String timestamp, Instant now) {
        try {
            Instant sent = Instant.ofEpochSecond(Long.parseLong(timestamp));
            return Duration.between(sent, now).abs().compareTo(TOLERANCE) <= 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** The header may carry several space-separated signatures (during a secret rotation); one must match. */
    private static boolean signed(String secret, String id, String timestamp, String body, String header) {
        byte[] expected = WebhookSigner.signature(secret, id, timestamp, body).getBytes(StandardCharsets.UTF_8);
        for (String candidate : header.split(" ")) {
            if (MessageDigest.isEqual(expected, candidate.getBytes(StandardCharsets.UTF_8))) {
                return true;
            }
        }
        return false;
    }

    private static String typeOf(String body) {
        try {
            return Json.parse(body).path("type").asText("?");
        } catch (IOException e) {
            return "?";
        }
    }

    private JsonNode receiptsJson() {
        ArrayNode list = Json.array();
        for (Receipt receipt : receipts) {
            list.addObject()
                    .put("type", receipt.type())
                    .put("webhookId", receipt.webhookId())
                    .put("recipient", receipt.recipient())
                    .put("signatureOk", receipt.signatureOk())
                    .put("problem", receipt.problem())
                    .put("receivedAt", Times.format(receipt.receivedAt()));
        }
        return list;
    }

    private static void reply(HttpExchange exchange, int status, byte[] json) throws IOException {
        if (json == null) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, json.length);
        exchange.getResponseBody().write(json);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
