package dev.takedown.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Every example of infra/api/openapi.yaml (of a request body, a response, a webhook, a header, a schema) is valid
 * by the schema it illustrates, and every webhook has one: a reader of the document sees only what the API sends.
 */
class OpenApiExamplesTest {
    private final JsonNode document = OpenApiDriftTest.document();

    @Test
    void everyExampleConformsToItsSchema() {
        List<String> violations = new ArrayList<>();
        int checked = violations(new OpenApiContract(document), document, "", violations);

        assertThat(violations).isEmpty();
        assertThat(checked).as("examples checked").isGreaterThan(20);
    }

    @Test
    void everyWebhookHasAnExample() {
        TreeSet<String> without = new TreeSet<>();
        document.path("webhooks").properties().forEach(webhook -> {
            if (!webhook.getValue().at("/post/requestBody/content/application~1json").has("example")) {
                without.add(webhook.getKey());
            }
        });

        assertThat(without).isEmpty();
    }

    @Test
    void anExampleThatDoesNotConformIsFound() {
        JsonNode broken = OpenApiDriftTest.document();
        ((ObjectNode) broken.at("/webhooks/notice.received/post/requestBody/content/application~1json/example/data"))
                .put("itemCount", "three");
        List<String> violations = new ArrayList<>();
        violations(new OpenApiContract(broken), broken, "", violations);

        assertThat(violations).anySatisfy(violation -> assertThat(violation)
                .contains("/webhooks/notice.received/post/requestBody/content/application~1json", "itemCount"));
    }

    /**
     * Validates every {@code example} under {@code node} (at {@code pointer}) against its schema: the sibling
     * {@code schema} of a media type or header, or the schema holding it; returns how many it checked.
     */
    private static int violations(OpenApiContract contract, JsonNode node, String pointer, List<String> found) {
        if (!node.isContainerNode()) {
            return 0;
        }
        int checked = 0;
        if (node.isObject() && node.has("example") && !pointer.endsWith("/properties")) {
            String schema = node.has("schema") ? pointer + "/schema" : node.has("type") || node.has("$ref")
                    || node.has("allOf") ? pointer : null;
            if (schema != null) {
                found.addAll(contract.validate(pointer, schema, node.get("example").toString()));
                checked++;
            }
        }
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> child : node.properties()) {
                if (!child.getKey().equals("example")) {
                    checked += violations(contract, child.getValue(), pointer + "/" + OpenApiContract.escape(child.getKey()), found);
                }
            }
        } else {
            for (int i = 0; i < node.size(); i++) {
                checked += violations(contract, node.get(i), pointer + "/" + i, found);
            }
        }
        return checked;
    }

}
