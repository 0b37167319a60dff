package dev.takedown.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/** The project's real template.yaml, as the tests read it. */
final class ProjectTemplate {
    static final Path ROOT = Path.of(System.getProperty("project.root", "../..")).toAbsolutePath().normalize();
    static final Path FILE = ROOT.resolve("template.yaml");

    static final Path DEFAULT_SEED = ROOT.resolve("infra/local/seed.json");
    static final String DEMO_RECEIVER = "127.0.0.1:3002";

    /**
     * Rate plans far above what any test sends, so that only the tests about rate limits meet them; a test's own
     * parameters win.
     */
    static final Map<String, String> UNTHROTTLED = Map.of(
            "StandardPlanRateLimit", "10000", "StandardPlanBurstLimit", "10000",
            "HighVolumePlanRateLimit", "10000", "HighVolumePlanBurstLimit", "10000");

    private ProjectTemplate() {
    }

    static String text() {
        try {
            return Files.readString(FILE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The whole project stack with the default seed, on free ports, with these parameter overrides (rate plans
     * {@link #UNTHROTTLED} unless they name them). The seed's callback URLs name the demo receiver's usual port;
     * they are pointed at this stack's own receiver instead.
     */
    static LocalStack.Options stack(Map<String, String> parameters) {
        try {
            int receiverPort = receiverPort();
            Path seed = Files.createTempFile("seed", ".json");
            seed.toFile().deleteOnExit();
            Files.writeString(seed, Files.readString(DEFAULT_SEED).replace(DEMO_RECEIVER, "127.0.0.1:" + receiverPort));
            return LocalStack.Options.forTemplate(FILE).withSeed(seed).withWebhookPort(receiverPort).withParameters(withUnthrottledPlans(parameters));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A free port below the ephemeral range (Linux: from 32768), as the receiver binds it only once the stack starts:
     * a port the system hands out for outgoing connections could be taken by one of them in between.
     */
    private static int receiverPort() throws IOException {
        for (int attempt = 0; attempt < 100; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(20_000, 32_000);
            try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                return socket.getLocalPort();
            } catch (BindException e) {
                // Taken: try another.
            }
        }
        throw new IOException("no free port for the webhook receiver between 20000 and 32000");
    }

    private static Map<String, String> withUnthrottledPlans(Map<String, String> parameters) {
        Map<String, String> merged = new HashMap<>(UNTHROTTLED);
        merged.putAll(parameters);
        return merged;
    }

    static Template load(Map<String, String> parameterOverrides) {
        return Template.parse(text(), "template.yaml", parameterOverrides);
    }
}
