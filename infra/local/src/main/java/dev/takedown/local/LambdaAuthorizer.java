package dev.takedown.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.takedown.local.ApiDef.AuthorizerDef;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * A REQUEST Lambda authorizer with API Gateway's rules: missing identity headers are refused without calling
 * the function, a thrown "Unauthorized" gives 401, the returned policy must allow execute-api:Invoke on the
 * method ARN, and the policy is cached per identity for ReauthorizeEvery seconds.
 */
final class LambdaAuthorizer {
    private static final ObjectMapper JSON = new ObjectMapper();

    sealed interface Authorization {
    }

    /**
     * {@code context} is what the proxy event carries as requestContext.authorizer; {@code usageIdentifierKey} the
     * API key value the request is metered on (null: none given).
     */
    record Allowed(Map<String, String> context, String usageIdentifierKey) implements Authorization {
    }

    record Refused(String responseType, String message) implements Authorization {
    }

    private record CachedPolicy(JsonNode output, long expiresAtMillis) {
    }

    private final AuthorizerDef definition;
    private final Functions functions;
    private final Map<String, CachedPolicy> cache = new ConcurrentHashMap<>();

    LambdaAuthorizer(AuthorizerDef definition, Functions functions) {
        this.definition = definition;
        this.functions = functions;
    }

    /** {@code event} builds the REQUEST authorizer event, only when the function has to be called. */
    Authorization authorize(IncomingRequest request, String methodArn, Supplier<ObjectNode> event) {
        List<String> identity = new ArrayList<>();
        for (String header : definition.identityHeaders()) {
            String value = request.header(header);
            if (value == null || value.isEmpty()) {
                return new Refused(GatewayResponses.UNAUTHORIZED, "Unauthorized");
            }
            identity.add(value);
        }
        String cacheKey = String.join("\u0000", identity);
        CachedPolicy cached = cache.get(cacheKey);
        JsonNode output;
        if (cached != null && cached.expiresAtMillis() > System.currentTimeMillis()) {
            output = cached.output();
        } else {
            Functions.Invocation invocation = functions.invoke(definition.functionId(), bytes(event.get()));
            if (invocation.failed()) {
                return "Unauthorized".equals(invocation.errorMessage())
                        ? new Refused(GatewayResponses.UNAUTHORIZED, "Unauthorized")
                        : new Refused(GatewayResponses.AUTHORIZER_FAILURE, null);
            }
            output = validOutput(invocation.output());
            if (output == null) {
                return new Refused(GatewayResponses.AUTHORIZER_FAILURE, null);
            }
            if (definition.reauthorizeEverySeconds() > 0 && !definition.identityHeaders().isEmpty()) {
                cache.put(cacheKey, new CachedPolicy(output,
                        System.currentTimeMillis() + definition.reauthorizeEverySeconds() * 1000L));
            }
        }
        return evaluate(output, methodArn);
    }

    private static Authorization evaluate(JsonNode output, String methodArn) {
        boolean allowed = false;
        for (JsonNode statement : asList(output.path("policyDocument").path("Statement"))) {
            if (!matchesAny(statement.path("Action"), "execute-api:Invoke")
                    || !matchesAny(statement.path("Resource"), methodArn)) {
                continue;
            }
            String effect = statement.path("Effect").asText();
            if (effect.equalsIgnoreCase("Deny")) {
                return new Refused(GatewayResponses.ACCESS_DENIED,
                        "User is not authorized to access this resource with an explicit deny");
            }
            allowed |= effect.equalsIgnoreCase("Allow");
        }
        if (!allowed) {
            return new Refused(GatewayResponses.ACCESS_DENIED, "User is not authorized to access this resource");
        }
        Map<String, String> context = new LinkedHashMap<>();
        output.path("context").properties().forEach(e -> context.put(e.getKey(), e.getValue().asText()));
        context.put("principalId", output.get("principalId").asText());
        JsonNode usageKey = output.path("usageIdentifierKey");
        return new Allowed(context, usageKey.isTextual() ? usageKey.textValue() : null);
    }

    /** API Gateway rejects output without a principal or policy, and context values that are not scalars. */
    private static JsonNode validOutput(byte[] bytes) {
        JsonNode output;
        try {
            output = JSON.readTree(bytes);
        } catch (IOException e) {
            return null;
        }
        if (output == null || !output.isObject() || !output.path("principalId").isValueNode()
                || output.path("principalId").isNull() || !output.path("policyDocument").isObject()) {
            return null;
        }
        JsonNode context = output.path("context");
        if (!context.isMissingNode() && !context.isNull()) {
            if (!context.isObject()) {
                return null;
            }
            for (JsonNode value : context) {
                if (!value.isValueNode()) {
                    return null;
                }
            }
        }
        return output;
    }

    private static boolean matchesAny(JsonNode patterns, String value) {
        for (JsonNode pattern : asList(patterns)) {
            if (glob(pattern.asText()).matcher(value).matches()) {
                return true;
            }
        }
        return false;
    }

    /** IAM wildcards: * for any run of characters, ? for one; actions compare without regard to case. */
    private static Pattern glob(String pattern) {
        StringBuilder regex = new StringBuilder();
        for (String part : pattern.split("((?<=[*?])|(?=[*?]))")) {
            regex.append(switch (part) {
                case "*" -> ".*";
                case "?" -> ".";
                default -> Pattern.quote(part);
            });
        }
        return Pattern.compile(regex.toString(), pattern.startsWith("arn:") ? 0 : Pattern.CASE_INSENSITIVE);
    }

    private static List<JsonNode> asList(JsonNode node) {
        List<JsonNode> list = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(list::add);
        } else if (!node.isMissingNode() && !node.isNull()) {
            list.add(node);
        }
        return list;
    }

    private static byte[] bytes(JsonNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
