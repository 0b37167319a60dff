package dev.takedown.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.takedown.core.model.EventType;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** infra/api/openapi.yaml documents exactly the routes and methods of template.yaml's API, and every webhook. */
class OpenApiDriftTest {
    static final Path DOCUMENT = ProjectTemplate.ROOT.resolve("infra/api/openapi.yaml");

    private final Template template = ProjectTemplate.load(Map.of());

    static JsonNode document() {
        try {
            return new ObjectMapper(new YAMLFactory()).readTree(DOCUMENT.toFile());
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + DOCUMENT, e);
        }
    }

    @Test
    void theDocumentHasEveryRouteAndMethodOfTheTemplateAndNoOther() {
        assertThat(OpenApiDrift.between(template, document())).isEmpty();
    }

    @Test
    void aRouteRemovedFromTheDocumentIsFound() {
        JsonNode broken = document();
        ((ObjectNode) broken.path("paths")).remove("/v1/notices/{id}/withdrawal");

        assertThat(OpenApiDrift.between(template, broken))
                .containsExactly("POST /v1/notices/{id}/withdrawal is in template.yaml but not in the document");
    }

    @Test
    void aMethodTheTemplateDoesNotRouteIsFound() {
        JsonNode broken = document();
        ObjectNode notice = (ObjectNode) broken.path("paths").path("/v1/notices/{id}");
        notice.set("delete", notice.path("get").deepCopy());

        assertThat(OpenApiDrift.between(template, broken))
                .containsExactly("DELETE /v1/notices/{id} is in the document but not in template.yaml");
    }

    @Test
    void aRouteWhoseOtherMethodsAre405MustSaySo() {
        JsonNode broken = document();
        ((ObjectNode) broken.path("paths").path("/v1/takedowns").path("get").path("responses")).remove("405");

        assertThat(OpenApiDrift.between(template, broken)).containsExactly("GET /v1/takedowns does not document 405,"
                + " which template.yaml's any event answers for other methods");
    }

    @Test
    void everyWebhookTypeIsDocumented() {
        Set<String> documented = new TreeSet<>();
        document().path("webhooks").fieldNames().forEachRemaining(documented::add);

        assertThat(documented).isEqualTo(new TreeSet<>(Arrays.stream(EventType.values()).map(EventType::wireName).toList()));
    }
}
