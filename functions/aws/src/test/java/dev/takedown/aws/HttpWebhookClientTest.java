package dev.takedown.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIMatcher;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpWebhookClientTest {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    /** Test keystores: receiver.p12 holds a certificate for hooks.test and localhost, elsewhere.p12 one for elsewhere.test. */
    private static final char[] KEYSTORE_PASSWORD = "test-only".toCharArray();

    private record Received(String method, String contentType, String webhookId, String body) {
    }

    private final List<Received> received = new CopyOnWriteArrayList<>();
    /** The SNI names the TLS receivers were asked for. */
    private final List<String> serverNames = new CopyOnWriteArrayList<>();
    private final List<HttpServer> servers = new ArrayList<>();
    private final List<ServerSocket> decoys = new ArrayList<>();
    private HttpServer server;

    @BeforeEach
    void receiver() throws IOException {
        server = started(HttpServer.create(new InetSocketAddress(LOOPBACK, 0), 0));
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
    }

    @AfterEach
    void stop() throws IOException {
        servers.forEach(s -> s.stop(0));
        for (ServerSocket decoy : decoys) {
            decoy.close();
        }
    }

    private <S extends HttpServer> S started(S receiver) {
        receiver.setExecutor(Executors.newCachedThreadPool());
        receiver.createContext("/ok", this::acknowledge);
        receiver.start();
        servers.add(receiver);
        return receiver;
    }

    private void acknowledge(HttpExchange exchange) throws IOException {
        received.add(new Received(exchange.getRequestMethod(), exchange.getRequestHeaders().getFirst("Content-Type"),
                exchange.getRequestHeaders().getFirst("webhook-id"),
                new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
        exchange.sendResponseHeaders(204, -1);
        exchange.close();
    }

    private URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    @Test
    void postsTheBodyWithItsHeadersAndAnswersTheStatus() throws IOException {
        int status = new HttpWebhookClient(Duration.ofSeconds(5))
                .post(url("/ok"), LOOPBACK, Map.of("webhook-id", "msg_1"), "{\"type\":\"notice.received\"}");

        assertThat(status).isEqualTo(204);
        assertThat(received).containsExactly(new Received("POST", "application/json", "msg_1", "{\"type\":\"notice.received\"}"));
    }

    @Test
    void aRedirectIsAnsweredNotFollowed() throws IOException {
        assertThat(new HttpWebhookClient(Duration.ofSeconds(5)).post(url("/moved"), LOOPBACK, Map.of(), "{}")).isEqualTo(302);
        assertThat(received).isEmpty();
    }

    @Test
    void aReceiverThatDoesNotAnswerInTimeIsATimeout() {
        assertThatThrownBy(() -> new HttpWebhookClient(Duration.ofMillis(500)).post(url("/slow"), LOOPBACK, Map.of(), "{}"))
                .isInstanceOf(SocketTimeoutException.class);
    }

    @Test
    void overTlsTheCallGoesToTheVettedAddressAndTheCertificateIsCheckedAgainstTheHostName() throws Exception {
        // hooks.test is in no DNS: only the vetted address can lead there. The certificate names hooks.test, not
        // 127.0.0.1, so it passes only if checked against the host name.
        HttpsServer tls = tlsReceiver(LOOPBACK, "receiver.p12");

        int status = client().post(URI.create("https://hooks.test:" + tls.getAddress().getPort() + "/ok"), LOOPBACK,
                Map.of("webhook-id", "msg_1"), "{}");

        assertThat(status).isEqualTo(204);
        assertThat(received).extracting(Received::webhookId).containsExactly("msg_1");
        assertThat(serverNames).containsExactly("hooks.test");
    }

    @Test
    void aCertificateForAnotherNameIsRefusedThoughTheAddressIsTheVettedOne() throws Exception {
        HttpsServer tls = tlsReceiver(LOOPBACK, "elsewhere.p12");

        assertThatThrownBy(() -> client().post(URI.create("https://hooks.test:" + tls.getAddress().getPort() + "/ok"),
                LOOPBACK, Map.of(), "{}"))
                .isInstanceOf(SSLHandshakeException.class)
                .hasMessageContaining("No subject alternative DNS name matching hooks.test");
        assertThat(received).isEmpty();
    }

    @Test
    void overTlsTheCallGoesToTheVettedAddressEvenWhereTheHostNowResolvesElsewhere() throws Exception {
        // localhost resolves to 127.0.0.1, where a decoy listens on the receiver's port; 127.0.0.2 was vetted.
        InetAddress vetted = InetAddress.getByName("127.0.0.2");
        HttpsServer tls = tlsReceiver(vetted, "receiver.p12");
        AtomicInteger decoyConnections = decoy(tls.getAddress().getPort());

        int status = client().post(URI.create("https://localhost:" + tls.getAddress().getPort() + "/ok"), vetted,
                Map.of("webhook-id", "msg_1"), "{}");

        assertThat(status).isEqualTo(204);
        assertThat(received).hasSize(1);
        assertThat(decoyConnections).hasValue(0);
    }

    @Test
    void plainHttpGoesToTheVettedAddressEvenWhereTheHostNowResolvesElsewhere() throws Exception {
        InetAddress vetted = InetAddress.getByName("127.0.0.2");
        HttpServer plain = started(bound(vetted, () -> HttpServer.create(new InetSocketAddress(vetted, 0), 0)));
        AtomicInteger decoyConnections = decoy(plain.getAddress().getPort());

        int status = client().post(URI.create("http://localhost:" + plain.getAddress().getPort() + "/ok"), vetted,
                Map.of("webhook-id", "msg_1"), "{}");

        assertThat(status).isEqualTo(204);
        assertThat(received).hasSize(1);
        assertThat(decoyConnections).hasValue(0);
    }

    /** A client that trusts both test certificates, so that only the host name can make one fail. */
    private static HttpWebhookClient client() throws GeneralSecurityException, IOException {
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("receiver", keyStore("receiver.p12").getCertificate("receiver"));
        trusted.setCertificateEntry("elsewhere", keyStore("elsewhere.p12").getCertificate("receiver"));
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        SSLSocketFactory factory = context.getSocketFactory();
        return new HttpWebhookClient(Duration.ofSeconds(5), factory);
    }

    private HttpsServer tlsReceiver(InetAddress address, String keyStore) throws Exception {
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(keyStore(keyStore), KEYSTORE_PASSWORD);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        HttpsServer tls = bound(address, () -> HttpsServer.create(new InetSocketAddress(address, 0), 0));
        tls.setHttpsConfigurator(new HttpsConfigurator(context) {
            @Override
            public void configure(HttpsParameters parameters) {
                SSLParameters ssl = context.getDefaultSSLParameters();
                ssl.setSNIMatchers(List.of(new SNIMatcher(0) {
                    @Override
                    public boolean matches(SNIServerName name) {
                        serverNames.add(((SNIHostName) name).getAsciiName());
                        return true;
                    }
                }));
                parameters.setSSLParameters(ssl);
            }
        });
        return started(tls);
    }

    /** Counts the connections made to 127.0.0.1 on {@code port}. */
    private AtomicInteger decoy(int port) throws IOException {
        InetAddress resolved = InetAddress.getByName("127.0.0.1");
        ServerSocket decoy = bound(resolved, () -> new ServerSocket(port, 50, resolved));
        decoys.add(decoy);
        AtomicInteger connections = new AtomicInteger();
        Thread accepting = new Thread(() -> {
            while (!decoy.isClosed()) {
                try (Socket ignored = decoy.accept()) {
                    connections.incrementAndGet();
                } catch (IOException closed) {
                    return;
                }
            }
        });
        accepting.setDaemon(true);
        accepting.start();
        return connections;
    }

    private interface Binding<S> {
        S bind() throws IOException;
    }

    /** Skips the test where the system cannot listen there (127.0.0.2 is loopback on Linux only; a port taken). */
    private static <S> S bound(InetAddress address, Binding<S> binding) throws IOException {
        try {
            return binding.bind();
        } catch (java.net.BindException e) {
            Assumptions.abort("cannot listen on " + address.getHostAddress() + ": " + e.getMessage());
            throw e;
        }
    }

    private static KeyStore keyStore(String name) throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = HttpWebhookClientTest.class.getResourceAsStream("/tls/" + name)) {
            store.load(in, KEYSTORE_PASSWORD);
        }
        return store;
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
