package dev.takedown.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * API Gateway's API keys and usage plan keys, as much of its management API (REST, JSON) as the admin function
 * uses: make a key ({@code POST /apikeys}), put it on a usage plan ({@code POST /usageplans/{id}/keys}) and take it
 * off ({@code DELETE /usageplans/{id}/keys/{keyId}}), with API Gateway's answers and errors (a key is on one usage
 * plan of the stage at most: {@code ConflictException}; no such plan, key or membership: {@code NotFoundException}).
 * The local gateway meters each request on the usage plan of the key the authorizer names, as API Gateway does. The
 * template's own keys are on their usage plans from the start; keys made since are kept in the data directory when
 * the stack has one, so that a restart keeps them where they were.
 */
final class ApiGatewayKeys implements HttpHandler {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern USAGE_PLAN_KEYS = Pattern.compile("/usageplans/([^/]+)/keys");
    private static final Pattern USAGE_PLAN_KEY = Pattern.compile("/usageplans/([^/]+)/keys/([^/]+)");
    private static final String VALUE_CHARACTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private record Key(String id, String value, String name, boolean enabled) {
    }

    private final Map<String, RateLimiter.Throttle> usagePlans;
    private final Path store;
    private final Map<String, Key> keys = new LinkedHashMap<>();
    /** Key id to the id of the usage plan it is on. */
    private final Map<String, String> planOfKey = new LinkedHashMap<>();

    /** {@code store}: the file keys made at run time are kept in; null keeps them in memory only. */
    ApiGatewayKeys(ApiDef api, Path store) {
        this.usagePlans = Map.copyOf(api.usagePlans());
        this.store = store;
        load();
        for (ApiDef.ApiKeyDef key : api.apiKeys()) {
            keys.put(key.id(), new Key(key.id(), key.value(), key.id(), true));
            planOfKey.put(key.id(), key.usagePlanId());
        }
    }

    /** The throttle of the usage plan the enabled key of this value is on; empty: API Gateway answers 403. */
    synchronized Optional<RateLimiter.Throttle> throttleOf(String keyValue) {
        return keys.values().stream().filter(key -> key.enabled() && key.value().equals(keyValue)).findFirst()
                .map(key -> planOfKey.get(key.id())).map(usagePlans::get);
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        HttpReply reply;
        try (InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readAllBytes();
            reply = answer(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), body);
        } catch (IOException e) {
            reply = error(400, "BadRequestException", "Could not read the request: " + e.getMessage());
        } catch (RuntimeException e) {
            reply = error(500, "InternalServerErrorException", e.getMessage());
        }
        reply.send(exchange);
    }

    private synchronized HttpReply answer(String method, String path, byte[] body) throws IOException {
        Matcher onePlanKey = USAGE_PLAN_KEY.matcher(path);
        Matcher planKeys = USAGE_PLAN_KEYS.matcher(path);
        if (method.equals("POST") && path.equals("/apikeys")) {
            return createApiKey(JSON.readTree(body.length == 0 ? "{}".getBytes() : body));
        }
        if (method.equals("POST") && planKeys.matches()) {
            return createUsagePlanKey(planKeys.group(1), JSON.readTree(body.length == 0 ? "{}".getBytes() : body));
        }
        if (method.equals("DELETE") && onePlanKey.matches()) {
            return deleteUsagePlanKey(onePlanKey.group(1), onePlanKey.group(2));
        }
        return error(404, "NotFoundException", "No local API Gateway operation " + method + " " + path);
    }

    private HttpReply createApiKey(JsonNode request) {
        String value = request.path("value").asText("");
        if (value.isEmpty()) {
            StringBuilder generated = new StringBuilder();
            for (int i = 0; i < 40; i++) {
                generated.append(VALUE_CHARACTERS.charAt(RANDOM.nextInt(VALUE_CHARACTERS.length())));
            }
            value = generated.toString();
        } else if (value.length() < 20) {
            return error(400, "BadRequestException", "API Key value should be at least 20 characters");
        }
        Key key = new Key(UUID.randomUUID().toString().replace("-", "").substring(0, 10), value,
                request.path("name").asText(""), request.path("enabled").asBoolean(false));
        keys.put(key.id(), key);
        save();
        ObjectNode created = JSON.createObjectNode().put("id", key.id()).put("value", key.value())
                .put("name", key.name()).put("enabled", key.enabled());
        created.putArray("stageKeys");
        return HttpReply.json(201, created.toString());
    }

    private HttpReply createUsagePlanKey(String usagePlanId, JsonNode request) {
        if (!usagePlans.containsKey(usagePlanId)) {
            return error(404, "NotFoundException", "Invalid Usage Plan ID specified");
        }
        if (!"API_KEY".equals(request.path("keyType").asText())) {
            return error(400, "BadRequestException", "Invalid key type specified");
        }
        Key key = keys.get(request.path("keyId").asText());
        if (key == null) {
            return error(404, "NotFoundException", "Invalid API Key identifier specified");
        }
        String current = planOfKey.get(key.id());
        if (current != null) {
            return error(409, "ConflictException", current.equals(usagePlanId)
                    ? "Usage Plan " + usagePlanId + " already has API Key " + key.id()
                    : "Usage Plan " + usagePlanId + " cannot be added because API Key " + key.id()
                            + " cannot reference multiple Usage Plans with the same API Stage");
        }
        planOfKey.put(key.id(), usagePlanId);
        save();
        return HttpReply.json(201, JSON.createObjectNode().put("id", key.id()).put("type", "API_KEY")
                .put("value", key.value()).put("name", key.name()).toString());
    }

    private HttpReply deleteUsagePlanKey(String usagePlanId, String keyId) {
        if (!usagePlans.containsKey(usagePlanId)) {
            return error(404, "NotFoundException", "Invalid Usage Plan ID specified");
        }
        if (!usagePlanId.equals(planOfKey.get(keyId))) {
            return error(404, "NotFoundException", "Invalid Usage Plan Key identifier specified");
        }
        planOfKey.remove(keyId);
        save();
        return new HttpReply(202, new LinkedHashMap<>(Map.of("Content-Type", List.of("application/json"))),
                new byte[0]);
    }

    /** As API Gateway answers an error: its type in x-amzn-ErrorType, which the SDK maps to its exception. */
    private static HttpReply error(int status, String type, String message) {
        return HttpReply.json(status, JSON.createObjectNode().put("message", message).toString())
                .withHeader("x-amzn-ErrorType", type);
    }

    private void load() {
        if (store == null || !Files.exists(store)) {
            return;
        }
        try {
            JsonNode saved = JSON.readTree(store.toFile());
            for (JsonNode key : saved.path("keys")) {
                keys.put(key.path("id").asText(), new Key(key.path("id").asText(), key.path("value").asText(),
                        key.path("name").asText(), key.path("enabled").asBoolean()));
            }
            saved.path("usagePlanKeys").properties().forEach(e -> planOfKey.put(e.getKey(), e.getValue().asText()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the local API Gateway keys from " + store, e);
        }
    }

    private void save() {
        if (store == null) {
            return;
        }
        ObjectNode saved = JSON.createObjectNode();
        var savedKeys = saved.putArray("keys");
        keys.values().forEach(key -> savedKeys.addObject().put("id", key.id()).put("value", key.value())
                .put("name", key.name()).put("enabled", key.enabled()));
        ObjectNode memberships = saved.putObject("usagePlanKeys");
        planOfKey.forEach(memberships::put);
        try {
            Files.createDirectories(store.getParent());
            Path written = store.resolveSibling(store.getFileName() + ".new");
            JSON.writeValue(written.toFile(), saved);
            Files.move(written, store, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the local API Gateway keys in " + store, e);
        }
    }
}
