package dev.takedown.authorizer;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.takedown.aws.Adapters;
import dev.takedown.aws.StreamJson;
import dev.takedown.core.auth.Authenticator;
import dev.takedown.core.json.Json;
import dev.takedown.core.model.Principal;
import dev.takedown.core.runtime.Env;
import dev.takedown.core.runtime.Log;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.util.Map;

/**
 * API Gateway REQUEST authorizer. A valid key yields an Allow policy for the whole stage (so the cached answer
 * holds for every route) and its principal in the context: {@code principalType} and {@code principalId} for every
 * key, and {@code rightholderId} or {@code sellerId} by its kind, so that a route reads the one id it serves and
 * finds nothing for the other kind. Anything else fails with "Unauthorized", which API Gateway turns into the 401
 * gateway response without invoking the route's function. A refusal is logged with its reason and at most the
 * key's prefix.
 */
public final class AuthorizerHandler implements RequestStreamHandler {
    private final Authenticator authenticator;

    public AuthorizerHandler() {
        this(System.getenv());
    }

    public AuthorizerHandler(Map<String, String> environment) {
        this(environment, Clock.systemUTC());
    }

    /** With a clock of the caller's (key expiry), as the local stack's scenario tests use. */
    public AuthorizerHandler(Map<String, String> environment, Clock clock) {
        this(new Authenticator(new Adapters(new Env(environment)).apiKeys(), clock));
    }

    public AuthorizerHandler(Authenticator authenticator) {
        this.authenticator = authenticator;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        JsonNode event = StreamJson.read(input);
        Authenticator.Outcome outcome = authenticator.authenticate(authorization(event.get("headers")));
        if (!outcome.allowed()) {
            if (outcome.keyPrefix() == null) {
                Log.info("API key refused", "reason", outcome.refusal());
            } else {
                Log.info("API key refused", "reason", outcome.refusal(), "keyPrefix", outcome.keyPrefix());
            }
            throw new UnauthorizedException();
        }
        StreamJson.write(output, allow(outcome.principal(), Json.text(event, "methodArn")));
    }

    /** The context attribute naming the principal by its kind; a new kind of principal decides here what routes see. */
    private static String idAttribute(Principal.Kind kind) {
        return switch (kind) {
            case RIGHTHOLDER -> "rightholderId";
            case SELLER -> "sellerId";
        };
    }

    private static String authorization(JsonNode headers) {
        if (headers == null || !headers.isObject()) {
            return null;
        }
        for (var field : headers.properties()) {
            if (field.getKey().equalsIgnoreCase("Authorization") && field.getValue().isTextual()) {
                return field.getValue().textValue();
            }
        }
        return null;
    }

    static ObjectNode allow(Principal principal, String methodArn) {
        ObjectNode response = Json.object().put("principalId", principal.id());
        ObjectNode policy = response.putObject("policyDocument").put("Version", "2012-10-17");
        policy.putArray("Statement").addObject()
                .put("Action", "execute-api:Invoke")
                .put("Effect", "Allow")
                .put("Resource", stageWide(methodArn));
        response.putObject("context")
                .put("principalType", principal.kind().name())
                .put("principalId", principal.id())
                .put(idAttribute(principal.kind()), principal.id());
        return response;
    }

    /** arn:aws:execute-api:region:account:api/stage/METHOD/path -> arn:...:api/stage/*. */
    static String stageWide(String methodArn) {
        if (methodArn == null) {
            throw new IllegalArgumentException("authorizer event has no methodArn");
        }
        String[] parts = methodArn.split("/", 3);
        if (parts.length < 2) {
            throw new IllegalArgumentException("unexpected methodArn " + methodArn);
        }
        return parts[0] + "/" + parts[1] + "/*";
    }

    /** The exact message API Gateway maps to its UNAUTHORIZED (401) gateway response. */
    static final class UnauthorizedException extends RuntimeException {
        UnauthorizedException() {
            super("Unauthorized", null, false, false);
        }
    }
}
