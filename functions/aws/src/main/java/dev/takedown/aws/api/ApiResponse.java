package dev.takedown.aws.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.takedown.aws.BackendFailures;
import dev.takedown.core.json.Json;
import dev.takedown.core.ports.DependencyException;
import dev.takedown.core.problem.FieldError;
import dev.takedown.core.problem.Problem;
import dev.takedown.core.runtime.Log;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.core.exception.SdkException;

/** A proxy-integration response: status, headers and a JSON body. */
public record ApiResponse(int statusCode, Map<String, String> headers, String body) {

    public static ApiResponse json(int status, JsonNode body) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        return new ApiResponse(status, headers, Json.write(body));
    }

    public static ApiResponse problem(Problem problem) {
        ObjectNode body = Json.object()
                .put("type", problem.type())
                .put("title", problem.title())
                .put("status", problem.status())
                .put("detail", problem.detail());
        var errors = body.putArray("errors");
        for (FieldError error : problem.errors()) {
            errors.addObject().put("field", error.field()).put("message", error.message());
        }
        new java.util.TreeMap<>(problem.extensions()).forEach(body::put);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/problem+json");
        return new ApiResponse(problem.status(), headers, Json.write(body));
    }

    /**
     * The answer to a request that failed: 503 with {@code Retry-After} when a backend throttles or is down (worth
     * retrying), else a 500; logged either way, with the route.
     */
    public static ApiResponse failure(RuntimeException e, ApiRequest request) {
        if (e instanceof DependencyException || e instanceof SdkException sdk && BackendFailures.unavailable(sdk)) {
            Log.error("dependency failed", e, "resource", request.resource(), "method", request.httpMethod());
            return problem(Problem.unavailable("A backing service is unavailable; retry shortly."))
                    .withHeader("Retry-After", "2");
        }
        Log.error("request failed", e, "resource", request.resource(), "method", request.httpMethod());
        return problem(new Problem("about:blank", "Internal Server Error", 500,
                "The request failed unexpectedly; it has been logged.", java.util.List.of()));
    }

    public ApiResponse withHeader(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.put(name, value);
        return new ApiResponse(statusCode, copy, body);
    }

    public ObjectNode toEvent() {
        ObjectNode event = Json.object().put("statusCode", statusCode);
        ObjectNode headerNode = event.putObject("headers");
        headers.forEach(headerNode::put);
        event.put("body", body);
        event.put("isBase64Encoded", false);
        return event;
    }
}
