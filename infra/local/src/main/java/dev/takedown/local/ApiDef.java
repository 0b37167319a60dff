package dev.takedown.local;

import java.util.List;
import java.util.Map;

/**
 * The {@code AWS::Serverless::Api}: stage, authorizers, customised gateway responses, the media types whose
 * bodies reach functions base64-encoded ({@code type/subtype}, either part may be {@code *}), and whether every
 * method needs an API key from the authorizer ({@code usageIdentifierKey}), with the throttle of the usage plan
 * each key value is bound to.
 */
record ApiDef(String logicalId, String stageName, String defaultAuthorizer, Map<String, AuthorizerDef> authorizers,
        Map<String, GatewayResponseDef> gatewayResponses, List<String> binaryMediaTypes, boolean apiKeyRequired,
        Map<String, RateLimiter.Throttle> usagePlans) {

    /** A REQUEST Lambda authorizer; results are cached for {@code reauthorizeEverySeconds} (0: not cached). */
    record AuthorizerDef(String name, String functionId, List<String> identityHeaders, int reauthorizeEverySeconds) {
    }

    /** {@code statusCode} is null when the template keeps API Gateway's own status for that response type. */
    record GatewayResponseDef(Integer statusCode, Map<String, String> headers, String jsonTemplate) {
    }
}
