package dev.takedown.aws.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.takedown.core.json.Json;
import dev.takedown.core.problem.FieldError;
import dev.takedown.core.problem.Problem;
import dev.takedown.core.problem.ProblemException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The parts of an API Gateway (REST, proxy integration) event that handlers use. The API declares every media type
 * binary (template.yaml {@code BinaryMediaTypes}), so a body arrives as the client's bytes, base64, and is decoded
 * here strictly: API Gateway itself would have turned bytes that are not UTF-8 into U+FFFD unseen.
 */
public record ApiRequest(
        String httpMethod,
        String resource,
        String path,
        Map<String, String> headers,
        Map<String, String> query,
        Map<String, String> pathParameters,
        String eventBody,
        boolean base64Encoded,
        String principalId,
        Map<String, String> authorizer) {

    public static ApiRequest from(JsonNode event) {
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.putAll(Json.textFields(event.get("headers")));
        JsonNode context = event.path("requestContext");
        Map<String, String> authorizer = Json.textFields(context.get("authorizer"));
        return new ApiRequest(
                Json.text(event, "httpMethod") == null ? "" : Json.text(event, "httpMethod").toUpperCase(Locale.ROOT),
                Json.text(event, "resource"),
                Json.text(event, "path"),
                headers,
                Json.textFields(event.get("queryStringParameters")),
                Json.textFields(event.get("pathParameters")),
                Json.text(event, "body"),
                event.path("isBase64Encoded").asBoolean(false),
                authorizer.get("principalId"),
                authorizer);
    }

    public boolean hasBody() {
        return eventBody != null && !eventBody.isEmpty();
    }

    /**
     * The body as text, null when there is none.
     *
     * @throws ProblemException 400 naming {@code body} when its bytes are not well-formed UTF-8
     */
    public String body() {
        if (eventBody == null || !base64Encoded) {
            return eventBody;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(Base64.getDecoder().decode(eventBody)))
                    .toString();
        } catch (CharacterCodingException | IllegalArgumentException e) {
            throw new ProblemException(Problem.invalid("The request body is not valid UTF-8.",
                    List.of(new FieldError("body", "must be UTF-8 encoded JSON"))));
        }
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
