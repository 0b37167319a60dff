package dev.takedown.aws.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.takedown.core.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** The parts of an API Gateway (REST, proxy integration) event that handlers use. */
public record ApiRequest(
        String httpMethod,
        String resource,
        String path,
        Map<String, String> headers,
        Map<String, String> query,
        Map<String, String> pathParameters,
        String body,
        String principalId,
        Map<String, String> authorizer) {

    public static ApiRequest from(JsonNode event) {
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.putAll(Json.textFields(event.get("headers")));
        JsonNode context = event.path("requestContext");
        Map<String, String> authorizer = Json.textFields(context.get("authorizer"));
        String body = Json.text(event, "body");
        if (body != null && event.path("isBase64Encoded").asBoolean(false)) {
            body = new String(Base64.getDecoder().decode(body), StandardCharsets.UTF_8);
        }
        return new ApiRequest(
                Json.text(event, "httpMethod") == null ? "" : Json.text(event, "httpMethod").toUpperCase(Locale.ROOT),
                Json.text(event, "resource"),
                Json.text(event, "path"),
                headers,
                Json.textFields(event.get("queryStringParameters")),
                Json.textFields(event.get("pathParameters")),
                body,
                authorizer.get("principalId"),
                authorizer);
    }

    public String header(String name) {
        return headers.get(name);
    }

    public String queryParameter(String name) {
        return query.get(name);
    }

    public String pathParameter(String name) {
        return pathParameters.get(name);
    }
}
