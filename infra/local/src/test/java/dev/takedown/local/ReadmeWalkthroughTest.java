package dev.takedown.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.takedown.core.json.Json;
import dev.takedown.core.staff.StaffRequests.Operation;
import dev.takedown.core.testing.Events;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Runs the curl walk-through of README.md with bash against a freshly started local stack with the default
 * seed. Only the API address is changed, since the test stack listens on a free port. Checks that README's staff
 * operations name the function that serves each, and runs its {@code aws lambda invoke} commands.
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
            assertThat(output).as("a seller's key on the notices routes").contains("\"status\":404,\"detail\":\"No such route.\"");
            assertThat(output).contains("\"status\":\"COMPLETED\"", "\"outcome\":\"ALL\"", "\"status\":\"ACTIONED\"");
            assertThat(output).as("acme's summary").contains("{\"rightholderId\":\"acme\",", "\"trust\":{\"tier\":\"STANDARD\"");
            assertThat(output).contains("\"type\":\"notice.received\"", "\"type\":\"items.decided\"",
                    "\"type\":\"notice.completed\"", "\"outcome\":\"DELIVERED\"");
        }
    }

    private static final Pattern STAFF_ROW = Pattern.compile(
            "(?m)^\\| `(\\w+)` \\| (reviewer|admin) \\| `events/([\\w-]+\\.json)` \\|");
    private static final Pattern INVOKE = Pattern.compile(
            "--function-name (\\w+) \\\\\\n.*?--payload file://events/([\\w-]+\\.json)", Pattern.DOTALL);

    private static String staffSection() throws Exception {
        String readme = Files.readString(ProjectTemplate.ROOT.resolve("README.md"));
        int start = readme.indexOf("## Staff operations");
        assertThat(start).as("README has a staff operations section").isPositive();
        return readme.substring(start, readme.indexOf("\n## ", start + 1));
    }

    @Test
    void theStaffTableAndCommandsNameTheFunctionThatServesEachOperation() throws Exception {
        String section = staffSection();
        Map<String, String> functionOf = new java.util.TreeMap<>();
        Matcher row = STAFF_ROW.matcher(section);
        while (row.find()) {
            Operation operation = Operation.valueOf(row.group(1));
            String sample = Events.load(row.group(3));
            assertThat(Json.parse(sample).path("operation").asText()).as(row.group(3)).isEqualTo(row.group(1));
            assertThat(row.group(2)).as(row.group(1)).isEqualTo(operation.role().name().toLowerCase());
            functionOf.put(row.group(1), row.group(2));
        }
        assertThat(functionOf.keySet()).as("every operation in the table")
                .containsExactlyInAnyOrderElementsOf(Arrays.stream(Operation.values()).map(Enum::name).toList());

        List<String> invoked = new ArrayList<>();
        Matcher invoke = INVOKE.matcher(section);
        while (invoke.find()) {
            assertThat(invoke.group(1)).as(invoke.group(2)).isEqualTo(StaffInvocations.functionFor(Events.load(invoke.group(2))));
            invoked.add(invoke.group(1));
        }
        assertThat(invoked).containsExactlyInAnyOrder(StaffInvocations.REVIEWER, StaffInvocations.ADMIN);
        JsonNode outputs = new ObjectMapper(new YAMLFactory()).readTree(
                Files.readString(ProjectTemplate.ROOT.resolve("template.yaml"))).path("Outputs");
        for (String output : List.of("StaffReviewerFunctionName", "StaffAdminFunctionName", "StaffReviewerFunctionArn",
                "StaffAdminFunctionArn", "StaffReviewerInvokePolicyArn", "StaffAdminInvokePolicyArn")) {
            assertThat(outputs.has(output)).as("template output " + output).isTrue();
            assertThat(section).contains(output);
        }
    }

    /** README's IAM policy documents are the template's managed policies, with the function ARNs as placeholders. */
    @Test
    void theStaffRolesPoliciesInReadmeAreTheTemplatesAndGrantOneFunctionEach() throws Exception {
        JsonNode resources = new ObjectMapper(new YAMLFactory()).readTree(
                Files.readString(ProjectTemplate.ROOT.resolve("template.yaml"))).path("Resources");
        Matcher block = Pattern.compile("```json\\n(.*?)```", Pattern.DOTALL).matcher(staffSection());
        List<String> functions = new ArrayList<>();
        while (block.find()) {
            JsonNode statement = Json.parse(block.group(1)).path("Statement");
            assertThat(statement).hasSize(1);
            String function = statement.get(0).path("Sid").asText().replaceFirst("^Invoke", "");
            functions.add(function);
            assertThat(statement.get(0).path("Action").asText()).isEqualTo("lambda:InvokeFunction");
            assertThat(statement.get(0).path("Resource")).extracting(JsonNode::asText)
                    .containsExactly("<" + function + "Arn>", "<" + function + "Arn>:*");

            String policyId = function.replace("Function", "InvokePolicy");
            JsonNode policy = resources.path(policyId);
            assertThat(policy.path("Type").asText()).as(policyId).isEqualTo("AWS::IAM::ManagedPolicy");
            JsonNode granted = policy.path("Properties").path("PolicyDocument").path("Statement");
            assertThat(granted).hasSize(1);
            assertThat(granted.get(0).path("Sid").asText()).isEqualTo(statement.get(0).path("Sid").asText());
            assertThat(granted.get(0).path("Action").asText()).isEqualTo("lambda:InvokeFunction");
            assertThat(granted.get(0).path("Resource").get(0).path("Fn::GetAtt")).extracting(JsonNode::asText)
                    .containsExactly(function, "Arn");
            assertThat(granted.get(0).path("Resource").get(1).path("Fn::Sub").asText()).isEqualTo("${" + function + ".Arn}:*");
        }
        assertThat(functions).containsExactly(StaffInvocations.REVIEWER, StaffInvocations.ADMIN);
    }

    /** README's staff commands, with the AWS CLI when it is installed (v1 takes them without the v2-only flag). */
    @Test
    void theStaffInvokeCommandsWorkAgainstTheLocalStack() throws Exception {
        Process version = new ProcessBuilder("bash", "-c", "aws --version").redirectErrorStream(true).start();
        String cli = new String(version.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        Assumptions.assumeTrue(version.waitFor() == 0 && cli.startsWith("aws-cli/"), "the AWS CLI is not installed");
        Matcher block = SHELL_BLOCK.matcher(staffSection());
        assertThat(block.find()).isTrue();
        Path out = Files.createTempFile("staff", ".json");
        String script = block.group(1).replace("out.json", out.toString());
        if (cli.startsWith("aws-cli/1.")) {
            script = script.replace("--cli-binary-format raw-in-base64-out ", "");
        }
        try (LocalStack stack = LocalStack.start(ProjectTemplate.stack(Map.of()))) {
            script = script.replace("http://127.0.0.1:3001", stack.lambdaUrl().toString());
            ProcessBuilder builder = new ProcessBuilder("bash", "-euo", "pipefail", "-c", script)
                    .directory(ProjectTemplate.ROOT.toFile()).redirectErrorStream(true);
            builder.environment().putAll(Map.of("AWS_ACCESS_KEY_ID", "local", "AWS_SECRET_ACCESS_KEY", "local",
                    "AWS_DEFAULT_REGION", "us-east-1"));
            Process bash = builder.start();
            assertThat(bash.waitFor(120, TimeUnit.SECONDS)).isTrue();
            String output = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(bash.exitValue()).as(output).isZero();
            assertThat(output).contains("\"items\":[", "\"rightholderId\":\"acme\"", "\"apiKey\":\"tdk_")
                    .doesNotContain("\"error\"");
        } finally {
            Files.deleteIfExists(out);
        }
    }
}
