package dev.takedown.local;

import java.util.List;
import java.util.Map;

/**
 * The {@code AWS::Serverless::Api}: stage, authorizers, customised gateway responses, the media types whose
 * bodies reach functions base64-encoded ({@code type/subtype}, either part may be {@code *}), and whether every
 * method needs an API key from the authorizer ({@code usageIdentifierKey}); the throttle of each usage plan (by its
 * local id, its logical id) and the template's own API keys, each on its usage plan.
 */
record ApiDef(String logicalId, String stageName, String defaultAuthorizer, Map<String, AuthorizerDef> authorizers,
        Map<String, GatewayResponseDef> gatewayResponses, List<String> binaryMediaTypes, boolean apiKeyRequired,
        Map<String, RateLimiter.Throttle> usagePlans, List<ApiKeyDef> apiKeys) {

    /** An {@code AWS::ApiGateway::ApiKey} of the template (its id: its logical id) on a usage plan. */
    record ApiKeyDef(String id, String value, String usagePlanId) {
    }

    /** A REQUEST Lambda authorizer; results are cached for {@code reauthorizeEverySeconds} (0: not cached). */
    record AuthorizerDef(String name, String functionId, List<String> identityHeaders, int reauthorizeEverySeconds) {
    }

    /** {@code statusCode} is null when the template keeps API Gateway's own status for that response type. */
    record GatewayResponseDef(Integer statusCode, Map<String, String> headers, String jsonTemplate) {
    }
}
