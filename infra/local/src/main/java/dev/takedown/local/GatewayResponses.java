package dev.takedown.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.takedown.local.ApiDef.GatewayResponseDef;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * API Gateway's own answers (no route, unauthorized, denied...), as customised by the template's
 * GatewayResponses; a type the template leaves out falls back to DEFAULT_4XX / DEFAULT_5XX, then to AWS's body.
 */
final class GatewayResponses {
    static final String UNAUTHORIZED = "UNAUTHORIZED";
    static final String ACCESS_DENIED = "ACCESS_DENIED";
    static final String AUTHORIZER_FAILURE = "AUTHORIZER_FAILURE";
    static final String MISSING_AUTHENTICATION_TOKEN = "MISSING_AUTHENTICATION_TOKEN";
    static final String REQUEST_TOO_LARGE = "REQUEST_TOO_LARGE";
    static final String INVALID_API_KEY = "INVALID_API_KEY";
    static final String THROTTLED = "THROTTLED";

    private static final String DEFAULT_TEMPLATE = "{\"message\":$context.error.messageString}";
    private static final Map<String, AwsDefault> AWS_DEFAULTS = Map.of(
            UNAUTHORIZED, new AwsDefault(401, "UnauthorizedException"),
            ACCESS_DENIED, new AwsDefault(403, "AccessDeniedException"),
            AUTHORIZER_FAILURE, new AwsDefault(500, "AuthorizerConfigurationException"),
            MISSING_AUTHENTICATION_TOKEN, new AwsDefault(403, "MissingAuthenticationTokenException"),
            REQUEST_TOO_LARGE, new AwsDefault(413, "RequestTooLongException"),
            INVALID_API_KEY, new AwsDefault(403, "ForbiddenException"),
            THROTTLED, new AwsDefault(429, "TooManyRequestsException"));
    private static final ObjectMapper JSON = new ObjectMapper();

    private record AwsDefault(int status, String errorType) {
    }

    private final Map<String, GatewayResponseDef> customised;

    GatewayResponses(Map<String, GatewayResponseDef> customised) {
        this.customised = customised;
    }

    /** {@code message} is AWS's error message for this case; null where AWS sends {"message":null}. */
    HttpReply reply(String type, String message, String requestId) {
        AwsDefault aws = AWS_DEFAULTS.get(type);
        GatewayResponseDef definition = customised.get(type);
        if (definition == null) {
            definition = customised.get(aws.status() >= 500 ? "DEFAULT_5XX" : "DEFAULT_4XX");
        }
        int status = definition != null && definition.statusCode() != null ? definition.statusCode() : aws.status();
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("Content-Type", List.of("application/json"));
        String template = DEFAULT_TEMPLATE;
        if (definition != null) {
            definition.headers().forEach((name, value) -> headers.put(name, List.of(value)));
            if (definition.jsonTemplate() != null) {
                template = definition.jsonTemplate();
            }
        }
        headers.put("x-amzn-ErrorType", List.of(aws.errorType()));
        String body = template
                .replace("$context.error.messageString", quoted(message))
                .replace("$context.error.message", message == null ? "" : message)
                .replace("$context.error.responseType", type)
                .replace("$context.requestId", requestId);
        return new HttpReply(status, headers, body.getBytes(StandardCharsets.UTF_8));
    }

    private static String quoted(String message) {
        try {
            return message == null ? "null" : JSON.writeValueAsString(TextNode.valueOf(message));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
