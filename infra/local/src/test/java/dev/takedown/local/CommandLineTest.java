package dev.takedown.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CommandLineTest {
    private static final Path ROOT = ProjectTemplate.ROOT;

    @Test
    void defaultsToTheProjectRootFoundAboveTheWorkingDirectory() throws Exception {
        LocalStack.Options options = CommandLine.parse(new String[0], Path.of("/tmp"), ROOT.resolve("infra/local/src"));
        assertThat(options.clock()).as("the system's clock, and no clock routes").isNull();
        assertThat(options.template()).isEqualTo(ROOT.resolve("template.yaml"));
        assertThat(options.seed()).isEqualTo(ROOT.resolve("infra/local/seed.json"));
        assertThat(options.apiPort()).isEqualTo(3000);
        assertThat(options.lambdaPort()).isEqualTo(3001);
        assertThat(options.dynalitePort()).isZero();
        assertThat(options.sqsPort()).isZero();
        assertThat(options.webhookPort()).isEqualTo(3002);
        assertThat(options.dataDir()).isNull();
        assertThat(options.schedules()).isTrue();
        assertThat(options.pollers()).isEqualTo(LocalStack.DEFAULT_POLLERS);
    }

    @Test
    void readsEveryFlag() throws Exception {
        LocalStack.Options options = CommandLine.parse(new String[] {"--port", "8080", "--lambda-port=8081",
                "--dynalite-port", "8000", "--sqs-port", "9324", "--webhook-port", "0", "--data-dir", "data", "--no-schedules",
                "--apigateway-port", "3003", "--seed", "infra/local/seed.json", "--template", "template.yaml", "--parameter", "StageName=dev", "--pollers", "5",
                "--test-clock"}, ROOT, ROOT);
        assertThat(options.apiPort()).isEqualTo(8080);
        assertThat(options.lambdaPort()).isEqualTo(8081);
        assertThat(options.dynalitePort()).isEqualTo(8000);
        assertThat(options.sqsPort()).isEqualTo(9324);
        assertThat(options.webhookPort()).isZero();
        assertThat(options.apiGatewayPort()).isEqualTo(3003);
        assertThat(options.dataDir()).isEqualTo(ROOT.resolve("data"));
        assertThat(options.schedules()).isFalse();
        assertThat(options.parameters()).isEqualTo(Map.of("StageName", "dev"));
        assertThat(options.pollers()).isEqualTo(5);
        assertThat(options.clock()).isInstanceOf(MovableClock.class);
    }

    @Test
    void rejectsBadFlags() {
        assertUsage(new String[] {"--prot", "3000"}, "unknown flag --prot");
        assertUsage(new String[] {"--port", "http"}, "--port expects a port number");
        assertUsage(new String[] {"--port"}, "--port needs a value");
        assertUsage(new String[] {"--pollers", "0"}, "--pollers expects a whole number from 1");
        assertUsage(new String[] {"--seed", "missing.json"}, "no seed file at");
        assertUsage(new String[] {"--parameter", "StageName"}, "NAME=VALUE");
    }

    @Test
    void needsATemplate() {
        assertThatThrownBy(() -> CommandLine.parse(new String[0], Path.of("/"), Path.of("/")))
                .isInstanceOf(CommandLine.UsageException.class).hasMessageContaining("--template");
    }

    private static void assertUsage(String[] args, String message) {
        assertThatThrownBy(() -> CommandLine.parse(args, ROOT, ROOT))
                .isInstanceOf(CommandLine.UsageException.class).hasMessageContaining(message);
    }
}
