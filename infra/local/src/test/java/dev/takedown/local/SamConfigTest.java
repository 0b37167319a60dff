package dev.takedown.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * samconfig.toml's defaults fit template.yaml: the capability it acknowledges is the one the template needs, the
 * parameters it keeps are the template's and none is a secret, and {@code sam local} gets the env-vars file.
 */
class SamConfigTest {
    private static final Pattern SECTION = Pattern.compile("\\[([\\w.]+)]");
    private static final Pattern ENTRY = Pattern.compile("(\\w+)\\s*=\\s*(\"(?:[^\"\\\\]|\\\\.)*\"|true|false|[0-9.]+)");
    private static final Pattern OVERRIDE = Pattern.compile("(\\w+)=\"((?:[^\"\\\\]|\\\\.)*)\"");
    /** Properties that give an IAM resource a custom name, which would need CAPABILITY_NAMED_IAM. */
    private static final List<String> IAM_NAMES = List.of("RoleName", "ManagedPolicyName", "UserName", "GroupName",
            "InstanceProfileName");

    private final Map<String, Map<String, String>> config = read();
    private final JsonNode template = readTemplate();

    @Test
    void deploysTheStackAskingForTheChangeSetWithTheCapabilityTheTemplateNeeds() {
        assertThat(config.get("default.global.parameters")).containsEntry("stack_name", "takedown");
        Map<String, String> deploy = config.get("default.deploy.parameters");
        assertThat(deploy).containsEntry("capabilities", "CAPABILITY_IAM").containsEntry("confirm_changeset", "true")
                .containsEntry("resolve_s3", "true");

        List<String> needMore = new ArrayList<>();
        template.path("Resources").properties().forEach(resource -> {
            String type = resource.getValue().path("Type").asText();
            if (type.equals("AWS::Serverless::Application")) {
                needMore.add(resource.getKey() + " needs CAPABILITY_AUTO_EXPAND");
            }
            IAM_NAMES.stream().filter(resource.getValue().path("Properties")::has)
                    .forEach(name -> needMore.add(resource.getKey() + "." + name + " needs CAPABILITY_NAMED_IAM"));
        });
        assertThat(needMore).isEmpty();
    }

    @Test
    void keepsOnlyTemplateParametersThatAreNotSecretWithValuesTheTemplateAllows() {
        String overrides = config.get("default.deploy.parameters").get("parameter_overrides");
        Matcher matcher = OVERRIDE.matcher(overrides);
        Map<String, String> parameters = new LinkedHashMap<>();
        while (matcher.find()) {
            parameters.put(matcher.group(1), matcher.group(2));
        }
        assertThat(parameters).isNotEmpty();
        parameters.forEach((name, value) -> {
            JsonNode parameter = template.path("Parameters").path(name);
            assertThat(parameter.isMissingNode()).as(name + " is a template parameter").isFalse();
            assertThat(parameter.path("NoEcho").asBoolean()).as(name + " is a secret").isFalse();
            if (parameter.has("AllowedValues")) {
                List<String> allowed = new ArrayList<>();
                parameter.path("AllowedValues").forEach(v -> allowed.add(v.asText()));
                assertThat(allowed).as(name).contains(value);
            }
        });
    }

    @Test
    void pointsSamLocalAtTheEnvVarsFile() {
        for (String command : List.of("local_invoke", "local_start_api")) {
            assertThat(config.get("default." + command + ".parameters"))
                    .containsEntry("env_vars", TemplateConsistencyTest.SAM_ENV);
        }
        assertThat(ProjectTemplate.ROOT.resolve(TemplateConsistencyTest.SAM_ENV)).isRegularFile();
        assertThat(config.get("default.local_start_api.parameters").get("port")).as("the local stack's API has 3000")
                .isNotEqualTo("3000");
    }

    /** The sections of samconfig.toml and their entries (strings unquoted), as far as this file uses TOML. */
    private static Map<String, Map<String, String>> read() {
        Map<String, Map<String, String>> sections = new LinkedHashMap<>();
        Map<String, String> section = null;
        try {
            for (String line : Files.readAllLines(ProjectTemplate.ROOT.resolve("samconfig.toml"))) {
                String text = line.strip();
                Matcher header = SECTION.matcher(text);
                Matcher entry = ENTRY.matcher(text);
                if (text.isEmpty() || text.startsWith("#")) {
                    continue;
                } else if (header.matches()) {
                    section = sections.computeIfAbsent(header.group(1), k -> new LinkedHashMap<>());
                } else if (entry.matches()) {
                    String value = entry.group(2);
                    if (value.startsWith("\"")) {
                        value = value.substring(1, value.length() - 1).replace("\\\"", "\"");
                    }
                    (section == null ? sections.computeIfAbsent("", k -> new LinkedHashMap<>()) : section)
                            .put(entry.group(1), value);
                } else {
                    throw new AssertionError("samconfig.toml: cannot read " + line);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return sections;
    }

    private static JsonNode readTemplate() {
        try {
            return new ObjectMapper(new YAMLFactory()).readTree(ProjectTemplate.ROOT.resolve("template.yaml").toFile());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
