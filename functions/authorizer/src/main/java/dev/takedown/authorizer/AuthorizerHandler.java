package dev.takedown.authorizer;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.takedown.aws.Adapters;
import dev.takedown.aws.LambdaInvocation;
import dev.takedown.aws.Priming;
import dev.takedown.aws.StreamJson;
import dev.takedown.core.auth.Authenticator;
import dev.takedown.core.json.Json;
import dev.takedown.core.model.Principal;
import dev.takedown.core.model.RatePlan;
import dev.takedown.core.runtime.Env;
import dev.takedown.core.runtime.Log;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;

/**
 * API Gateway REQUEST authorizer. A valid key yields an Allow policy for the whole stage (so the cached answer
 * holds for every route) and its principal in the context: {@code principalType} and {@code principalId} for every
 * key, and {@code rightholderId} or {@code sellerId} by its kind, so that a route reads the one id it serves and
 * finds nothing for the other kind, and {@code ratePlan}. The answer's {@code usageIdentifierKey} is the value of the
 * principal's own API Gateway API key, which the admin function put on its rate plan's usage plan, so that the gateway
 * holds each principal to its plan apart from the others (the API's key source is AUTHORIZER); it comes with the
 * principal's plan in the same read. A principal whose keys were issued before it had a gateway key of its own is
 * metered on its plan's shared key instead. Anything else fails with "Unauthorized", which API Gateway turns into
 * the 401 gateway response without invoking the route's function. A refusal is logged with its reason and at most
 * the key's prefix; a gateway key's value is never logged.
 */
public final class AuthorizerHandler implements RequestStreamHandler {
    /** The environment variable naming the value of each rate plan's shared API key. */
    static final Map<RatePlan, String> USAGE_KEY_VARIABLES = Map.of(
            RatePlan.STANDARD, "STANDARD_PLAN_USAGE_KEY",
            RatePlan.HIGH_VOLUME, "HIGH_VOLUME_PLAN_USAGE_KEY");

    private static final String PRIMING_METHOD_ARN = "arn:aws:execute-api:us-east-1:000000000000:priming/prod/GET/v1/notices";

    private final Authenticator authenticator;
    private final Map<RatePlan, String> sharedUsageKeys;

    public AuthorizerHandler() {
        this(System.getenv(), Clock.systemUTC(), Priming.SNAPSTART);
    }

    /**
     * As Lambda builds it: primed before a SnapStart snapshot by a key nobody holds looked up, and an allowing answer
     * written (not through {@link #handleRequest}, which would log the priming key's refusal); then its recorded
     * sample invocation, a demo key allowed, replayed ({@link Priming#replay}).
     */
    public AuthorizerHandler(Map<String, String> environment, Clock clock, org.crac.Context<org.crac.Resource> checkpoints) {
        this(environment, clock);
        String event = Json.write(Json.object().put("type", "REQUEST").put("methodArn", PRIMING_METHOD_ARN)
                .set("headers", Json.object().put("Authorization", "Bearer " + Priming.ABSENT_API_KEY)));
        Priming.register(checkpoints, "AuthorizerFunction", () -> {
            JsonNode request = StreamJson.read(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)));
            Authenticator.Outcome outcome = authenticator.authenticate(authorization(request.get("headers")));
            if (outcome.refusal() != Authenticator.Refusal.UNKNOWN) {
                throw new IllegalStateException("the priming key was not looked up: " + outcome.refusal());
            }
            StreamJson.write(OutputStream.nullOutputStream(), allow(Principal.rightholder(Priming.ABSENT_ID),
                    RatePlan.STANDARD, sharedUsageKeys.get(RatePlan.STANDARD), Json.text(request, "methodArn")));
        }, Priming.replay("AuthorizerFunction", environment, replay -> new AuthorizerHandler(
                new Authenticator(replay.adapters().apiKeys(), replay.clock()), sharedUsageKeys)));
    }

    public AuthorizerHandler(Map<String, String> environment) {
        this(environment, Clock.systemUTC());
    }

    /** With a clock of the caller's (key expiry), as the local stack's scenario tests use. */
    public AuthorizerHandler(Map<String, String> environment, Clock clock) {
        this(new Authenticator(new Adapters(new Env(environment)).apiKeys(), clock), usageKeys(new Env(environment)));
    }

    /** {@code sharedUsageKeys}: the value of every rate plan's shared API key. */
    public AuthorizerHandler(Authenticator authenticator, Map<RatePlan, String> sharedUsageKeys) {
        for (RatePlan plan : RatePlan.values()) {
            if (sharedUsageKeys.get(plan) == null) {
                throw new IllegalArgumentException("no shared usage plan API key for the rate plan " + plan);
            }
        }
        this.authenticator = authenticator;
        this.sharedUsageKeys = Map.copyOf(sharedUsageKeys);
    }

    private static Map<RatePlan, String> usageKeys(Env env) {
        Map<RatePlan, String> keys = new EnumMap<>(RatePlan.class);
        USAGE_KEY_VARIABLES.forEach((plan, variable) -> keys.put(plan, env.require(variable)));
        return keys;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        LambdaInvocation.run(context, () -> authorize(input, output));
    }

    private void authorize(InputStream input, OutputStream output) throws IOException {
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
        StreamJson.write(output, allow(outcome.principal(), outcome.ratePlan(), usageKeyValue(outcome),
                Json.text(event, "methodArn")));
    }

    private String usageKeyValue(Authenticator.Outcome outcome) {
        return outcome.usageKey() != null ? outcome.usageKey().value() : sharedUsageKeys.get(outcome.ratePlan());
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

    static ObjectNode allow(Principal principal, RatePlan plan, String usageKey, String methodArn) {
        ObjectNode response = Json.object().put("principalId", principal.id()).put("usageIdentifierKey", usageKey);
        ObjectNode policy = response.putObject("policyDocument").put("Version", "2012-10-17");
        policy.putArray("Statement").addObject()
                .put("Action", "execute-api:Invoke")
                .put("Effect", "Allow")
                .put("Resource", stageWide(methodArn));
        response.putObject("context")
                .put("principalType", principal.kind().name())
                .put("principalId", principal.id())
                .put(idAttribute(principal.kind()), principal.id())
                .put("ratePlan", plan.name());
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
