package dev.takedown.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Runs the curl walk-through of README.md with bash against a freshly started local stack with the default
 * seed. Only the API address is changed, since the test stack listens on a free port.
 */
class ReadmeWalkthroughTest {
    private static final Pattern SHELL_BLOCK = Pattern.compile("```sh\\n(.*?)```", Pattern.DOTALL);

    static List<String> walkthroughBlocks() throws Exception {
        String readme = Files.readString(ProjectTemplate.ROOT.resolve("README.md"));
        int start = readme.indexOf("## Walk-through");
        int end = readme.indexOf("\n## ", start + 1);
        assertThat(start).as("README has a walk-through section").isPositive();
        List<String> blocks = new ArrayList<>();
        Matcher matcher = SHELL_BLOCK.matcher(readme.substring(start, end));
        while (matcher.find()) {
            blocks.add(matcher.group(1));
        }
        return blocks;
    }

    @Test
    void theWalkthroughWorksAgainstTheDefaultSeed() throws Exception {
        List<String> blocks = walkthroughBlocks();
        assertThat(blocks).hasSize(2);
        String submit = blocks.get(0);
        assertThat(submit).contains("API=http://127.0.0.1:3000");

        LocalStack.Options options = ProjectTemplate.stack(Map.of());
        try (LocalStack stack = LocalStack.start(options)) {
            String receiver = "127.0.0.1:" + options.webhookPort();
            String api = "API=" + stack.apiUrl();
            // The submission twice (the second is the idempotent replay the walk-through describes), then the rest.
            String script = submit.replace("API=http://127.0.0.1:3000", api) + "\n" + submit.replace("API=http://127.0.0.1:3000", api)
                    + "\n" + blocks.get(1).replace(ProjectTemplate.DEMO_RECEIVER, receiver);
            Process bash = new ProcessBuilder("bash", "-euo", "pipefail", "-c", script).redirectErrorStream(true).start();
            assertThat(bash.waitFor(60, TimeUnit.SECONDS)).isTrue();
            String output = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

            assertThat(bash.exitValue()).as(output).isZero();
            assertThat(output.split("HTTP/1.1 202 Accepted", -1)).as(output).hasSize(3);
            assertThat(output.toLowerCase()).contains("idempotent-replayed: true");
            assertThat(output).contains("\"status\":\"DUPLICATE\"", "\"duplicateOf\":0", "\"reason\":\"OFF_PLATFORM\"");
            assertThat(output).contains("\"explanation\":\"Counterfeit ACME goods");
            assertThat(output).contains("\"status\":400", "\"field\":\"reason\"");
            assertThat(output).contains("HTTP/1.1 401 Unauthorized");
            assertThat(output).contains("\"status\":\"COMPLETED\"", "\"outcome\":\"ALL\"", "\"status\":\"ACTIONED\"");
            assertThat(output).contains("\"type\":\"notice.received\"", "\"type\":\"items.decided\"",
                    "\"type\":\"notice.completed\"", "\"outcome\":\"DELIVERED\"");
        }
    }
}
