package dev.takedown.backends;

import java.net.URI;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.http.scaladsl.Http;
import org.elasticmq.NodeAddress;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import scala.concurrent.Await;
import scala.concurrent.duration.Duration;
import scala.concurrent.duration.FiniteDuration;

/** ElasticMQ, the SQS emulator, embedded in this JVM and bound to 127.0.0.1. */
public final class ElasticMq implements AutoCloseable {
    public static final String REGION = "us-east-1";

    /** Connections still open when it stops are cut after this, not kept for the HTTP server's idle timeout. */
    private static final FiniteDuration CONNECTIONS_CLOSE_WITHIN = FiniteDuration.apply(1, TimeUnit.SECONDS);

    private final SQSRestServer server;
    private final Http.ServerBinding binding;
    private final int port;

    private ElasticMq(SQSRestServer server, Http.ServerBinding binding, int port) {
        this.server = server;
        this.binding = binding;
        this.port = port;
    }

    public static ElasticMq start() {
        return start(Ports.free());
    }

    public static ElasticMq start(int port) {
        SQSRestServer server = SQSRestServerBuilder
                .withInterface("127.0.0.1")
                .withPort(port)
                .withServerAddress(new NodeAddress("http", "127.0.0.1", port, ""))
                .withAWSRegion(REGION)
                .start();
        return new ElasticMq(server, server.waitUntilStarted(), port);
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public int port() {
        return port;
    }

    @Override
    public void close() throws Exception {
        Await.result(binding.terminate(CONNECTIONS_CLOSE_WITHIN), Duration.apply(10, TimeUnit.SECONDS));
        server.stopAndWait();
    }
}
