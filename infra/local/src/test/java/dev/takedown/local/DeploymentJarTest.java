package dev.takedown.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.takedown.core.testing.Events;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;

/**
 * Each function's deployment jar (built in the package phase, so checked by {@code mvn verify}) carries its
 * handler and only the clients it calls: no Apache or Netty HTTP client, no emulator, no test code, and the SQS
 * client only where the function's policies allow an SQS action.
 */
class DeploymentJarTest {
    private static final List<String> NEVER_DEPLOYED = List.of(
            "org/apache/http/", "org/apache/hc/", "io/netty/",
            "software/amazon/awssdk/http/apache/", "software/amazon/awssdk/http/apache5/",
            "software/amazon/awssdk/http/nio/",
            "org/elasticmq/", "org/apache/pekko/", "scala/", "node_modules/",
            "dev/takedown/local/", "dev/takedown/backends/", "dev/takedown/core/testing/",
            "org/junit/", "org/assertj/", "org/testcontainers/", "com/fasterxml/jackson/dataformat/yaml/");
    private static final String SQS_CLIENT = "software/amazon/awssdk/services/sqs/";
    private static final String API_GATEWAY_CLIENT = "software/amazon/awssdk/services/apigateway/";

    @Test
    void everyFunctionJarCarriesItsHandlerAndOnlyWhatItCalls() throws IOException {
        Path root = Events.projectRoot();
        JsonNode resources = new ObjectMapper(new YAMLFactory()).readTree(ProjectTemplate.text()).path("Resources");
        String adminJar = resources.path("StaffAdminFunction").path("Properties").path("CodeUri").asText();
        for (Map.Entry<String, JsonNode> function : resources.properties()) {
            if (!function.getValue().path("Type").asText().equals("AWS::Serverless::Function")) {
                continue;
            }
            JsonNode properties = function.getValue().path("Properties");
            Path jar = root.resolve(properties.path("CodeUri").asText());
            assumeTrue(Files.isRegularFile(jar), jar + " is built in the package phase (mvn verify)");
            String handler = properties.path("Handler").asText();
            boolean callsSqs = properties.path("Policies").toString().contains("\"sqs:");
            try (JarFile contents = new JarFile(jar.toFile())) {
                List<String> names = contents.stream().map(ZipEntry::getName).toList();
                assertThat(names).as(function.getKey() + " handler")
                        .contains(handler.substring(0, handler.indexOf("::")).replace('.', '/') + ".class");
                assertThat(names).as(function.getKey() + " carries something it never runs")
                        .noneMatch(name -> NEVER_DEPLOYED.stream().anyMatch(name::startsWith));
                assertThat(names.stream().anyMatch(name -> name.startsWith(SQS_CLIENT)))
                        .as(function.getKey() + " carries the SQS client exactly when its policies allow SQS calls")
                        .isEqualTo(callsSqs);
                assertThat(names.stream().anyMatch(name -> name.startsWith(API_GATEWAY_CLIENT)))
                        .as(function.getKey() + " carries the API Gateway client exactly when it shares the admin's jar")
                        .isEqualTo(properties.path("CodeUri").asText().equals(adminJar));
            }
        }
    }

    /** GET /openapi.json is answered from the intake jar: the document as JSON, with the YAML's very content. */
    @Test
    void theIntakeJarCarriesTheOpenApiDocumentAsJson() throws IOException {
        Path root = Events.projectRoot();
        Path jar = root.resolve("functions/intake/target/intake.jar");
        assumeTrue(Files.isRegularFile(jar), jar + " is built in the package phase (mvn verify)");
        try (JarFile contents = new JarFile(jar.toFile())) {
            ZipEntry document = contents.getEntry("openapi.json");
            assertThat(document).as("openapi.json in " + jar).isNotNull();
            JsonNode packaged = new ObjectMapper().readTree(contents.getInputStream(document));
            JsonNode written = new ObjectMapper(new YAMLFactory()).readTree(root.resolve("infra/api/openapi.yaml").toFile());
            assertThat(packaged).isEqualTo(written);
        }
    }
}
