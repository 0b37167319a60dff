package dev.takedown.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Checks a real answer against the OpenAPI document: its status is documented for the operation, its body
 * conforms to that response's schema for its media type (JSON Schema 2020-12, as OpenAPI 3.1 has it, formats
 * asserted), and each of its API headers is documented on that response and conforms to the header's schema.
 */
final class OpenApiContract {
    /** Headers the document states; any of them in an answer must be documented on that response. */
    static final List<String> API_HEADERS = List.of("Location", "Allow", "Retry-After", "Idempotent-Replayed",
            "WWW-Authenticate", "RateLimit-Policy", "RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset");
    private static final String BASE = "https://takedown.dev/openapi.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final JsonNode document;
    private final SchemaRegistry registry;

    OpenApiContract(JsonNode document) {
        this.document = document;
        String text;
        try {
            text = JSON.writeValueAsString(document);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        // Formats are asserted, not only noted: a `date` or `date-time` of the document is a promise the API keeps.
        this.registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
                builder -> builder.schemas(Map.of(BASE, text))
                        .schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));
    }

    /** An answer as the test saw it: status, headers (first value of each) and body text. */
    record Answer(int status, Map<String, String> headers, String contentType, String body) {
    }

    /**
     * Every way {@code answer} departs from the document for {@code method} on {@code path} (a path template of
     * the document); a method the path does not document is checked against the path's other operations' 405.
     */
    List<String> violations(String method, String path, Answer answer) {
        List<String> found = new ArrayList<>();
        JsonNode item = document.path("paths").path(path);
        if (item.isMissingNode()) {
            return List.of(path + " is not documented");
        }
        String operation = method.toLowerCase(Locale.ROOT);
        if (!item.has(operation)) {
            operation = item.fieldNames().hasNext() ? firstOperation(item) : null;
            if (operation == null || answer.status() != 405) {
                return List.of(method + " " + path + " answered " + answer.status() + ", not the documented 405");
            }
        }
        String where = "/paths/" + escape(path) + "/" + operation + "/responses/" + answer.status();
        JsonNode response = document.at(where);
        if (response.isMissingNode()) {
            return List.of(method + " " + path + " answered " + answer.status() + ", which is not documented");
        }
        if (response.has("$ref")) {
            where = response.path("$ref").asText().substring(1);
            response = document.at(where);
        }
        String label = method + " " + path + " " + answer.status();
        if (answer.body() != null && !answer.body().isEmpty()) {
            String mediaType = answer.contentType() == null ? "" : answer.contentType().split(";")[0].trim();
            if (!response.path("content").has(mediaType)) {
                found.add(label + ": media type " + mediaType + " is not documented");
            } else {
                found.addAll(validate(label + " body", where + "/content/" + escape(mediaType) + "/schema",
                        answer.body()));
            }
        }
        for (String header : API_HEADERS) {
            String value = answer.headers().entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(header))
                    .map(Map.Entry::getValue).findFirst().orElse(null);
            if (value == null) {
                continue;
            }
            JsonNode declared = response.path("headers").path(header);
            if (declared.isMissingNode()) {
                found.add(label + ": header " + header + " is not documented");
                continue;
            }
            String headerWhere = where + "/headers/" + escape(header);
            if (declared.has("$ref")) {
                headerWhere = declared.path("$ref").asText().substring(1);
            }
            String instance = document.at(headerWhere + "/schema/type").asText().equals("integer")
                    ? value : quote(value);
            found.addAll(validate(label + " header " + header, headerWhere + "/schema", instance));
        }
        return found;
    }

    /** Every way a webhook as received departs from the document's {@code webhooks} entry of its type. */
    List<String> webhookViolations(WebhookReceiver.Receipt receipt) {
        String where = "/webhooks/" + escape(receipt.type()) + "/post";
        if (document.at(where).isMissingNode()) {
            return List.of("webhook " + receipt.type() + " is not documented");
        }
        String label = "webhook " + receipt.type();
        List<String> found = new ArrayList<>(validate(label + " body",
                where + "/requestBody/content/application~1json/schema", receipt.body()));
        found.addAll(validate(label + " webhook-id", "/components/parameters/WebhookId/schema",
                quote(receipt.webhookId())));
        found.addAll(validate(label + " webhook-timestamp", "/components/parameters/WebhookTimestamp/schema",
                receipt.timestamp()));
        found.addAll(validate(label + " webhook-signature", "/components/parameters/WebhookSignature/schema",
                quote(receipt.signature())));
        return found;
    }

    /** {@code json} against the schema at {@code pointer} of the document. */
    List<String> validate(String label, String pointer, String json) {
        String fragment = pointer.replace("{", "%7B").replace("}", "%7D");
        Schema schema = registry.getSchema("{\"$ref\": \"" + BASE + "#" + fragment + "\"}", InputFormat.JSON);
        List<String> found = new ArrayList<>();
        for (Error error : schema.validate(json, InputFormat.JSON)) {
            found.add(label + ": " + error);
        }
        return found;
    }

    private static String firstOperation(JsonNode item) {
        for (String operation : List.of("get", "post", "put", "delete", "patch")) {
            if (item.has(operation)) {
                return operation;
            }
        }
        return null;
    }

    private static String quote(String value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A JSON pointer token. */
    static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }
}
