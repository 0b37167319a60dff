package dev.takedown.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.takedown.core.model.EventType;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * infra/api/openapi.yaml documents exactly the routes and methods of template.yaml's API, their 429, and every
 * webhook.
 */
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

    /**
     * API Gateway's stage throttle can refuse any route, {@code /openapi.json} too, and the rate plans every route
     * behind the authorizer: each documents the 429, whose media type, headers and example are the THROTTLED gateway
     * response's (the local stack answers with that response, adding the RateLimit headers it can count).
     */
    @Test
    void everyRouteDocuments429AsTheThrottledGatewayResponseAnswersIt() throws Exception {
        JsonNode document = document();
        List<String> without429 = new ArrayList<>();
        document.path("paths").properties().forEach(path -> path.getValue().properties().forEach(operation -> {
            if (operation.getValue().has("responses") && !operation.getValue().at("/responses/429/$ref").asText()
                    .equals("#/components/responses/TooManyRequests")) {
                without429.add(operation.getKey() + " " + path.getKey());
            }
        }));
        assertThat(without429).isEmpty();

        ApiDef.GatewayResponseDef throttled = template.api().orElseThrow().gatewayResponses().get("THROTTLED");
        JsonNode tooMany = document.at("/components/responses/TooManyRequests");
        assertThat(throttled.statusCode()).isEqualTo(429);
        Set<String> headers = new TreeSet<>(throttled.headers().keySet());
        headers.remove("Content-Type");
        assertThat(headers).isNotEmpty();
        assertThat(tooMany.path("headers").has("Retry-After")).isTrue();
        headers.forEach(header -> assertThat(tooMany.path("headers").has(header)).as(header).isTrue());
        String mediaType = throttled.headers().get("Content-Type");
        assertThat(tooMany.path("content").has(mediaType)).as(mediaType).isTrue();
        assertThat(tooMany.path("content").path(mediaType).path("example"))
                .isEqualTo(new ObjectMapper().readTree(throttled.jsonTemplate()));
    }

    @Test
    void everyWebhookTypeIsDocumented() {
        Set<String> documented = new TreeSet<>();
        document().path("webhooks").fieldNames().forEachRemaining(documented::add);

        assertThat(documented).isEqualTo(new TreeSet<>(Arrays.stream(EventType.values()).map(EventType::wireName).toList()));
    }
}
