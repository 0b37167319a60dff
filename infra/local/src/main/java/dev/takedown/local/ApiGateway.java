package dev.takedown.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The template's REST API as {@code sam local start-api} serves it, without a stage prefix in the path:
 * route, run the authorizer, meter the request on the usage plan of the API key the authorizer names (the local
 * {@link ApiGatewayKeys} know which), invoke the function with a proxy event and map its response. Unlike API
 * Gateway, which keeps one bucket per API key, the local stack keeps one per principal and plan (the same wherever
 * each principal has a key of its own), and tells the caller where it stands (IETF ratelimit headers).
 */
final class ApiGateway implements HttpHandler {
    static final int MAX_BODY_BYTES = 10 * 1024 * 1024;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String INTERNAL_SERVER_ERROR = "{\"message\": \"Internal server error\"}";

    private final Router router;
    private final Functions functions;
    private final ProxyIntegration integration;
    private final GatewayResponses gatewayResponses;
    private final String defaultAuthorizer;
    private final boolean apiKeyRequired;
    private final ApiGatewayKeys usageKeys;
    private final RateLimiter rateLimiter = new RateLimiter();
    private final Map<String, LambdaAuthorizer> authorizers = new LinkedHashMap<>();

    ApiGateway(ApiDef api, List<FunctionDef> functionDefs, Functions functions, ApiGatewayKeys usageKeys) {
        List<Router.Route> routes = new ArrayList<>();
        for (FunctionDef function : functionDefs) {
            for (FunctionDef.ApiEvent event : function.apiEvents()) {
                routes.add(new Router.Route(event.path(), event.method(), function.logicalId(), event.authorizer()));
            }
        }
        this.router = new Router(routes);
        this.functions = functions;
        this.integration = new ProxyIntegration(api.stageName(), api.binaryMediaTypes());
        this.gatewayResponses = new GatewayResponses(api.gatewayResponses());
        this.defaultAuthorizer = api.defaultAuthorizer();
        this.apiKeyRequired = api.apiKeyRequired();
        this.usageKeys = usageKeys;
        api.authorizers().forEach((name, definition) -> authorizers.put(name, new LambdaAuthorizer(definition, functions)));
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        String requestId = UUID.randomUUID().toString();
        HttpReply reply;
        try {
            reply = answer(exchange, requestId);
        } catch (RuntimeException e) {
            System.err.println("API | request " + requestId + " failed: " + e);
            e.printStackTrace();
            reply = HttpReply.json(500, INTERNAL_SERVER_ERROR);
        }
        reply.withHeader("x-amzn-RequestId", requestId).send(exchange);
    }

    private HttpReply answer(HttpExchange exchange, String requestId) throws IOException {
        byte[] body = readBody(exchange);
        if (body == null) {
            return gatewayResponses.reply(GatewayResponses.REQUEST_TOO_LARGE, "Request Too Long", requestId);
        }
        IncomingRequest request = IncomingRequest.of(exchange, requestId, body);
        Router.Match match = router.match(request.method(), request.rawPath()).orElse(null);
        if (match == null || match.route().isEmpty()) {
            return gatewayResponses.reply(GatewayResponses.MISSING_AUTHENTICATION_TOKEN,
                    "Missing Authentication Token", requestId);
        }
        Router.Route route = match.route().get();
        Map<String, String> authorizerContext = null;
        RateLimiter.Decision rate = null;
        LambdaAuthorizer authorizer = authorizerFor(route);
        if (authorizer != null) {
            LambdaAuthorizer.Authorization outcome = authorizer.authorize(request, integration.methodArn(request),
                    () -> integration.authorizerEvent(request, route.resource(), match.pathParameters()));
            if (outcome instanceof LambdaAuthorizer.Refused refused) {
                return gatewayResponses.reply(refused.responseType(), refused.message(), requestId);
            }
            LambdaAuthorizer.Allowed allowed = (LambdaAuthorizer.Allowed) outcome;
            authorizerContext = allowed.context();
            if (apiKeyRequired) {
                RateLimiter.Throttle throttle = allowed.usageIdentifierKey() == null ? null
                        : usageKeys.throttleOf(allowed.usageIdentifierKey()).orElse(null);
                if (throttle == null) {
                    return gatewayResponses.reply(GatewayResponses.INVALID_API_KEY, "Forbidden", requestId);
                }
                rate = rateLimiter.take(authorizerContext.get("principalId"), throttle);
                if (!rate.allowed()) {
                    return rateHeaders(gatewayResponses.reply(GatewayResponses.THROTTLED, "Too Many Requests", requestId)
                            .withHeader("Retry-After", Long.toString(rate.retryAfterSeconds())), rate);
                }
            }
        }
        byte[] event = JSON.writeValueAsBytes(
                integration.proxyEvent(request, route.resource(), match.pathParameters(), authorizerContext));
        Functions.Invocation invocation = functions.invoke(route.functionId(), event);
        if (invocation.failed()) {
            return HttpReply.json(502, INTERNAL_SERVER_ERROR);
        }
        HttpReply reply = ProxyIntegration.response(invocation.output());
        if (reply == null) {
            System.err.println(route.functionId() + " | invocation " + invocation.requestId()
                    + " returned a malformed Lambda proxy response");
            return HttpReply.json(502, INTERNAL_SERVER_ERROR);
        }
        return rate == null ? reply : rateHeaders(reply, rate);
    }

    private static HttpReply rateHeaders(HttpReply reply, RateLimiter.Decision rate) {
        return reply.withHeader("RateLimit-Limit", Integer.toString(rate.limit()))
                .withHeader("RateLimit-Remaining", Integer.toString(rate.remaining()))
                .withHeader("RateLimit-Reset", Long.toString(rate.resetSeconds()));
    }

    private LambdaAuthorizer authorizerFor(Router.Route route) {
        String name = route.authorizer() != null ? route.authorizer() : defaultAuthorizer;
        return name == null || name.equals("NONE") ? null : authorizers.get(name);
    }

    /** The request body, or null when it is over API Gateway's 10 MiB limit. */
    private static byte[] readBody(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
            if (body.length <= MAX_BODY_BYTES) {
                return body;
            }
            // Read the rest too: a client still sending when the answer comes sees a reset connection instead.
            in.transferTo(OutputStream.nullOutputStream());
            return null;
        }
    }
}
