package dev.takedown.aws;

import dev.takedown.core.ports.WebhookClient;
import java.io.IOException;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * Webhooks over HttpURLConnection, which the SDK's HTTP client has loaded already, so sending one adds little to
 * a cold start. The connection goes to the address the callback policy vetted, never to a fresh resolution of
 * the host; over https the certificate is still verified against the URL's host name, which is also sent as SNI.
 * Redirects are not followed (a redirect could lead past the callback policy to an internal address), no proxy
 * is used, and the answer's body is not read: only its status matters.
 */
public final class HttpWebhookClient implements WebhookClient {
    private final Duration timeout;
    private final SSLSocketFactory tls;

    public HttpWebhookClient(Duration timeout) {
        this(timeout, HttpsURLConnection.getDefaultSSLSocketFactory());
    }

    /** With the TLS of {@code tls} (its trusted certificates), for tests. */
    HttpWebhookClient(Duration timeout, SSLSocketFactory tls) {
        this.timeout = timeout;
        this.tls = tls;
    }

    @Override
    public int post(URI url, InetAddress address, Map<String, String> headers, String body) throws IOException {
        HttpURLConnection connection = open(url, address);
        int millis = Math.toIntExact(timeout.toMillis());
        connection.setInstanceFollowRedirects(false);
        connection.setUseCaches(false);
        connection.setConnectTimeout(millis);
        connection.setReadTimeout(millis);
        connection.setDoOutput(true);
        connection.setRequestMethod("POST");
        connection.setRequestProperty("Content-Type", "application/json");
        connection.setRequestProperty("User-Agent", "takedown-webhooks/1");
        // Never reused (each webhook goes to the address vetted for it), so not kept open either.
        connection.setRequestProperty("Connection", "close");
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

    private HttpURLConnection open(URI url, InetAddress address) throws IOException {
        if ("https".equalsIgnoreCase(url.getScheme())) {
            HttpsURLConnection connection = (HttpsURLConnection) url.toURL().openConnection(Proxy.NO_PROXY);
            connection.setSSLSocketFactory(new PinnedSocketFactory(tls, address, url.getHost()));
            return connection;
        }
        // Plain http, which only local development allows: the URL names the address itself (and so does the
        // Host header, which HttpURLConnection does not let us set).
        URL direct = new URL("http", address.getHostAddress(), url.getPort(), url.toURL().getFile());
        return (HttpURLConnection) direct.openConnection(Proxy.NO_PROXY);
    }

    /**
     * HttpsURLConnection opens its socket with {@link #createSocket()} and connects it to the URL's host, which
     * it resolves itself: the socket made here ignores that resolution and connects to the vetted address. TLS is
     * then layered on it for the URL's host name, and the certificate checked against that name.
     */
    private static final class PinnedSocketFactory extends SSLSocketFactory {
        private final SSLSocketFactory tls;
        private final InetAddress address;
        private final String hostName;

        PinnedSocketFactory(SSLSocketFactory tls, InetAddress address, String hostName) {
            this.tls = tls;
            this.address = address;
            this.hostName = hostName;
        }

        @Override
        public Socket createSocket() {
            return new Socket(Proxy.NO_PROXY) {
                @Override
                public void connect(SocketAddress endpoint, int timeout) throws IOException {
                    super.connect(new InetSocketAddress(address, ((InetSocketAddress) endpoint).getPort()), timeout);
                }
            };
        }

        @Override
        public Socket createSocket(Socket socket, String host, int port, boolean autoClose) throws IOException {
            // The JDK sends the name as SNI when it is a fully qualified name (RFC 6066), not an address literal.
            SSLSocket ssl = (SSLSocket) tls.createSocket(socket, hostName, port, autoClose);
            SSLParameters parameters = ssl.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            ssl.setSSLParameters(parameters);
            return ssl;
        }

        // HttpsURLConnection uses these only when layering TLS failed; a second connection would not fare better.
        @Override
        public Socket createSocket(String host, int port) throws IOException {
            throw notPinned();
        }

        @Override
        public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
            throw notPinned();
        }

        @Override
        public Socket createSocket(InetAddress host, int port) throws IOException {
            throw notPinned();
        }

        @Override
        public Socket createSocket(InetAddress host, int port, InetAddress localAddress, int localPort)
                throws IOException {
            throw notPinned();
        }

        private static SocketException notPinned() {
            return new SocketException("webhook sockets connect only to their vetted address");
        }

        @Override
        public String[] getDefaultCipherSuites() {
            return tls.getDefaultCipherSuites();
        }

        @Override
        public String[] getSupportedCipherSuites() {
            return tls.getSupportedCipherSuites();
        }
    }
}
