package dev.takedown.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** API Gateway REST (v1) Lambda proxy integration: the events functions get and the responses they return. */
final class ProxyIntegration {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter REQUEST_TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH).withZone(ZoneOffset.UTC);
    private static final Set<String> RESPONSE_FIELDS =
            Set.of("statusCode", "headers", "multiValueHeaders", "body", "isBase64Encoded");

    private final String stage;
    private final List<String> binaryMediaTypes;

    ProxyIntegration(String stage, List<String> binaryMediaTypes) {
        this.stage = stage;
        this.binaryMediaTypes = binaryMediaTypes;
    }

    String methodArn(IncomingRequest request) {
        return "arn:aws:execute-api:" + References.REGION + ":" + References.ACCOUNT + ":local/" + stage + "/"
                + request.method() + "/" + request.path().replaceFirst("^/", "");
    }

    ObjectNode authorizerEvent(IncomingRequest request, String resource, Map<String, String> pathParameters) {
        ObjectNode event = JSON.createObjectNode();
        event.put("type", "REQUEST");
        event.put("methodArn", methodArn(request));
        putRequest(event, request, resource, pathParameters);
        event.set("requestContext", requestContext(request, resource, null));
        return event;
    }

    /** {@code authorizer} is null on routes without an authorizer. */
    ObjectNode proxyEvent(IncomingRequest request, String resource, Map<String, String> pathParameters,
            Map<String, String> authorizer) {
        ObjectNode event = JSON.createObjectNode();
        putRequest(event, request, resource, pathParameters);
        event.set("requestContext", requestContext(request, resource, authorizer));
        byte[] body = request.body();
        if (body.length > 0 && isBinary(request.header("Content-Type"))) {
            event.put("body", Base64.getEncoder().encodeToString(body));
            event.put("isBase64Encoded", true);
        } else {
            // A text body is decoded as UTF-8, bytes that are not UTF-8 becoming U+FFFD.
            event.put("body", body.length == 0 ? null : new String(body, StandardCharsets.UTF_8));
            event.put("isBase64Encoded", false);
        }
        return event;
    }

    /** Whether the request's media type is one of the API's binary media types; a request without one is text. */
    boolean isBinary(String contentType) {
        if (contentType == null) {
            return false;
        }
        String mediaType = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        int slash = mediaType.indexOf('/');
        if (slash < 0) {
            return false;
        }
        String type = mediaType.substring(0, slash);
        String subtype = mediaType.substring(slash + 1);
        return binaryMediaTypes.stream().anyMatch(binary -> {
            String[] parts = binary.split("/", 2);
            return (parts[0].equals("*") || parts[0].equals(type)) && (parts[1].equals("*") || parts[1].equals(subtype));
        });
    }

    private static void putRequest(ObjectNode event, IncomingRequest request, String resource,
            Map<String, String> pathParameters) {
        event.put("resource", resource);
        event.put("path", request.path());
        event.put("httpMethod", request.method());
        putSingleAndMulti(event, "headers", "multiValueHeaders", request.headers());
        putSingleAndMulti(event, "queryStringParameters", "multiValueQueryStringParameters", request.query());
        event.set("pathParameters", pathParameters.isEmpty() ? null : JSON.valueToTree(pathParameters));
        event.putNull("stageVariables");
    }

    /** API Gateway passes the last value of each name alone, and all of them in the multi-value map. */
    private static void putSingleAndMulti(ObjectNode event, String single, String multi, Map<String, List<String>> values) {
        if (values.isEmpty()) {
            event.putNull(single);
            event.putNull(multi);
            return;
        }
        ObjectNode singleNode = event.putObject(single);
        ObjectNode multiNode = event.putObject(multi);
        values.forEach((name, list) -> {
            singleNode.put(name, list.isEmpty() ? "" : list.get(list.size() - 1));
            list.forEach(multiNode.putArray(name)::add);
        });
    }

    private ObjectNode requestContext(IncomingRequest request, String resource, Map<String, String> authorizer) {
        ObjectNode context = JSON.createObjectNode();
        context.put("accountId", References.ACCOUNT);
        context.put("apiId", "local");
        context.put("resourcePath", resource);
        context.put("httpMethod", request.method());
        context.put("path", "/" + stage + request.path());
        context.put("protocol", request.protocol());
        context.put("stage", stage);
        context.put("requestId", request.requestId());
        context.put("requestTime", REQUEST_TIME.format(request.receivedAt()));
        context.put("requestTimeEpoch", request.receivedAt().toEpochMilli());
        ObjectNode identity = context.putObject("identity");
        identity.put("sourceIp", request.sourceIp());
        identity.put("userAgent", request.header("User-Agent"));
        if (authorizer != null) {
            context.set("authorizer", JSON.valueToTree(authorizer));
        }
        return context;
    }

    /** The HTTP response for a function's output; null when API Gateway would call it malformed (502). */
    static HttpReply response(byte[] output) {
        JsonNode response;
        try {
            response = JSON.readTree(output);
        } catch (IOException e) {
            return null;
        }
        if (response == null || !response.isObject()) {
            return null;
        }
        for (var fields = response.fieldNames(); fields.hasNext();) {
            if (!RESPONSE_FIELDS.contains(fields.next())) {
                return null;
            }
        }
        JsonNode statusCode = response.path("statusCode");
        JsonNode body = response.path("body");
        JsonNode base64 = response.path("isBase64Encoded");
        if (!(statusCode.canConvertToInt() || statusCode.isTextual() && statusCode.asText().matches("\\d{3}"))
                || statusCode.asInt() < 100 || statusCode.asInt() > 599
                || !(body.isMissingNode() || body.isNull() || body.isTextual())
                || !(base64.isMissingNode() || base64.isNull() || base64.isBoolean())) {
            return null;
        }
        Map<String, List<String>> headers = headers(response.path("headers"), response.path("multiValueHeaders"));
        if (headers == null) {
            return null;
        }
        if (headers.keySet().stream().noneMatch("Content-Type"::equalsIgnoreCase)) {
            headers.put("Content-Type", List.of("application/json"));
        }
        byte[] bytes;
        try {
            bytes = base64.asBoolean(false)
                    ? Base64.getDecoder().decode(body.asText(""))
                    : body.asText("").getBytes(StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notBase64) {
            return null;
        }
        return new HttpReply(statusCode.asInt(), headers, bytes);
    }

    /** Values given in both maps appear once; multiValueHeaders come first, like API Gateway merges them. */
    private static Map<String, List<String>> headers(JsonNode single, JsonNode multi) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        if (!(single.isMissingNode() || single.isNull() || single.isObject())
                || !(multi.isMissingNode() || multi.isNull() || multi.isObject())) {
            return null;
        }
        for (var entry : (Iterable<Map.Entry<String, JsonNode>>) multi::fields) {
            if (!entry.getValue().isArray()) {
                return null;
            }
            List<String> values = new ArrayList<>();
            for (JsonNode value : entry.getValue()) {
                if (!value.isValueNode()) {
                    return null;
                }
                values.add(value.asText());
            }
            headers.put(entry.getKey(), values);
        }
        for (var entry : (Iterable<Map.Entry<String, JsonNode>>) single::fields) {
            if (!entry.getValue().isValueNode()) {
                return null;
            }
            List<String> values = headers.computeIfAbsent(entry.getKey(), name -> new ArrayList<>());
            if (!values.contains(entry.getValue().asText())) {
                values.add(entry.getValue().asText());
            }
        }
        return headers;
    }
}
