package dev.takedown.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.takedown.aws.DynamoFiguresStore;
import dev.takedown.core.json.Json;
import dev.takedown.core.model.Figures;
import dev.takedown.core.testing.NoticeBodies;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Generated requests against the whole local stack: mutated notice bodies, odd headers, forged cursors, odd query
 * strings and paths. None may get a 5xx, every refusal is a problem+json, and a refused request changes nothing
 * stored: after the run, every row that differs from before belongs to a notice some request was answered 2xx for.
 * The generator is seeded (system property {@code fuzz.seed}), so a failure names the seed that reproduces it.
 */
class ApiFuzzEndToEndTest {
    private static final int REQUESTS_PER_KIND = 110;
    private static final String ACME = LocalStackEndToEndTest.ACME_KEY;
    private static final String GLOBEX = LocalStackEndToEndTest.GLOBEX_KEY;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private static LocalStack stack;

    private final long seed = Long.getLong("fuzz.seed", 20261201L);
    private final Random random = new Random(seed);
    private final Set<String> accepted = new HashSet<>();
    private final List<String> failures = new ArrayList<>();
    private int sent;

    @BeforeAll
    static void start() {
        stack = LocalStack.start(ProjectTemplate.stack(Map.of("DispatchGraceSeconds", "0")));
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    /**
     * One generated request, described well enough to be read in a failure message; {@code mustRefuse} when it is
     * known to be bad (any 4xx will do), otherwise any answer below 500 is fine.
     */
    private record Call(String method, String path, Map<String, String> headers, byte[] body, String about,
                        boolean mustRefuse) {
    }

    @Test
    void noGeneratedRequestGetsA5xxAndNoRefusedOneChangesAnything() throws Exception {
        String acmeNotice = submit(validBody(), ACME);
        String globexNotice = submit(globexBody(), GLOBEX);
        List<String> realCursors = realCursors(acmeNotice);
        Map<String, Set<String>> before = snapshot();
        Figures figuresBefore = platformFigures();
        int acceptedBefore = accepted.size();

        List<Supplier<Call>> kinds = List.of(
                this::mutatedBody,
                this::oddHeaders,
                () -> forgedCursor(acmeNotice, globexNotice, realCursors),
                () -> oddQuery(acmeNotice),
                () -> oddPath(acmeNotice, globexNotice));
        for (Supplier<Call> kind : kinds) {
            for (int n = 0; n < REQUESTS_PER_KIND; n++) {
                send(kind.get());
            }
        }

        assertThat(sent).isGreaterThanOrEqualTo(500);
        assertThat(failures).as("seed " + seed).isEmpty();
        assertThat(changedRowsNotOfAcceptedNotices(before, snapshot())).as("seed " + seed).isEmpty();
        // The figures are sums over notices, not rows of one: the notices they gained are those accepted since.
        assertThat(platformFigures().get(Figures.NOTICES_RECEIVED) - figuresBefore.get(Figures.NOTICES_RECEIVED))
                .as("seed " + seed).isEqualTo(accepted.size() - acceptedBefore);
    }

    private Figures platformFigures() {
        String table = stack.dynamo().listTables().tableNames().stream().filter(name -> name.endsWith("FiguresTable"))
                .findFirst().orElseThrow();
        return new DynamoFiguresStore(stack.dynamo(), table).platform(LocalDate.of(2000, 1, 1), LocalDate.of(2100, 1, 1));
    }

    // --- generators ---

    private Call mutatedBody() {
        ObjectNode body = validBody();
        StringBuilder about = new StringBuilder("body:");
        int mutations = 1 + random.nextInt(3);
        for (int m = 0; m < mutations; m++) {
            about.append(' ').append(mutate(body));
        }
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        boolean mustRefuse = false;
        switch (random.nextInt(8)) {
            case 0 -> {
                bytes = withInvalidUtf8(bytes);
                about.append(" +invalid UTF-8");
                mustRefuse = true;
            }
            case 1 -> {
                bytes = java.util.Arrays.copyOf(bytes, random.nextInt(bytes.length));
                about.append(" +truncated");
                mustRefuse = true;
            }
            case 2 -> {
                bytes = nested(1 + random.nextInt(5000)).getBytes(StandardCharsets.UTF_8);
                about.append(" +replaced by deep nesting");
                mustRefuse = true;
            }
            case 3 -> {
                bytes = duplicateKey(body).getBytes(StandardCharsets.UTF_8);
                about.append(" +duplicate key");
            }
            default -> {
            }
        }
        return new Call("POST", "/v1/notices", jsonHeaders(ACME), bytes, about.toString(), mustRefuse);
    }

    private String mutate(ObjectNode body) {
        List<String> fields = new ArrayList<>();
        body.fieldNames().forEachRemaining(fields::add);
        String field = fields.get(random.nextInt(fields.size()));
        switch (random.nextInt(7)) {
            case 0:
                body.remove(field);
                return "removed " + field;
            case 1:
                body.set(field, randomValue());
                return "replaced " + field;
            case 2:
                body.set("x" + random.nextInt(100), randomValue());
                return "unknown field";
            case 3: {
                ArrayNode items = body.putArray("items");
                int count = random.nextBoolean() ? random.nextInt(3) : 1000 + random.nextInt(20);
                for (int i = 0; i < count; i++) {
                    ObjectNode item = items.addObject();
                    switch (random.nextInt(4)) {
                        case 0 -> item.put("listingId", "fuzz-" + random.nextInt(1_000_000));
                        case 1 -> item.put("url", randomString());
                        case 2 -> item.set("listingId", randomValue());
                        default -> item.put("url", "https://market.example/item/fuzz" + i).put("listingId", "fuzz");
                    }
                }
                return count + " items";
            }
            case 4: {
                JsonNode nested = body.get(field);
                if (nested instanceof ObjectNode object && object.size() > 0) {
                    String inner = object.fieldNames().next();
                    object.set(inner, randomValue());
                    return "replaced " + field + "." + inner;
                }
                body.put(field, randomString());
                return "string " + field;
            }
            case 5:
                body.putObject("declarations").put("goodFaith", random.nextBoolean()).put("accurate", random.nextBoolean())
                        .put("authorized", random.nextBoolean());
                return "declarations";
            default:
                body.put(field, randomString());
                return "string " + field;
        }
    }

    private JsonNode randomValue() {
        JsonNodeFactory f = JsonNodeFactory.instance;
        return switch (random.nextInt(9)) {
            case 0 -> f.nullNode();
            case 1 -> f.numberNode(random.nextLong());
            case 2 -> f.numberNode(random.nextDouble() * 1e300);
            case 3 -> f.booleanNode(random.nextBoolean());
            case 4 -> f.arrayNode().add(randomString()).add(random.nextInt());
            case 5 -> f.objectNode().put(randomString(), randomString());
            default -> f.textNode(randomString());
        };
    }

    private String randomString() {
        return switch (random.nextInt(10)) {
            case 0 -> "";
            case 1 -> " \t\n ";
            case 2 -> "x".repeat(2000 + random.nextInt(20_000));
            case 3 -> "a\u0000b\u0007c\u001b[31m";
            case 4 -> "\u202Egnp.exe\u200B\uFEFF";
            case 5 -> "\uD800 lone surrogate \uDFFF";
            case 6 -> "😀".repeat(1 + random.nextInt(3000));
            case 7 -> "ＡＣＭＥ ácme " + random.nextInt();
            case 8 -> "<script>alert(1)</script>' OR 1=1 --";
            default -> Long.toString(random.nextLong(), 36);
        };
    }

    private byte[] withInvalidUtf8(byte[] json) {
        byte[][] bad = {{(byte) 0xC3, 0x28}, {(byte) 0xFF}, {(byte) 0xE2, (byte) 0x82}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80}, {(byte) 0xC0, (byte) 0xAF}};
        byte[] insert = bad[random.nextInt(bad.length)];
        // Inside the explanation's string, where a lenient decoder would store U+FFFD.
        String text = new String(json, StandardCharsets.UTF_8);
        int at = Math.max(0, text.indexOf("Counterfeit") + 1);
        byte[] head = text.substring(0, at).getBytes(StandardCharsets.UTF_8);
        byte[] tail = text.substring(at).getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[head.length + insert.length + tail.length];
        System.arraycopy(head, 0, out, 0, head.length);
        System.arraycopy(insert, 0, out, head.length, insert.length);
        System.arraycopy(tail, 0, out, head.length + insert.length, tail.length);
        return out;
    }

    private static String nested(int depth) {
        return "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
    }

    private String duplicateKey(ObjectNode body) {
        String json = body.toString();
        return "{\"rightId\":\"tm-globex\"," + json.substring(1);
    }

    private Call oddHeaders() {
        Map<String, String> headers = jsonHeaders(ACME);
        String about;
        boolean mustRefuse = true;
        switch (random.nextInt(4)) {
            case 0 -> {
                String[] types = {"application/evil+json", "application/json; charset=utf-16", "text/plain",
                        "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/json; charset=latin1",
                        "application/jsonx", "*/*", "application/json; charset=\"utf-16le\"", "application/json;;", "json"};
                String type = types[random.nextInt(types.length)];
                if (random.nextInt(5) == 0) {
                    headers.remove("Content-Type");
                    about = "no Content-Type";
                } else {
                    headers.put("Content-Type", type);
                    about = "Content-Type " + type;
                }
            }
            case 1 -> {
                String key = switch (random.nextInt(5)) {
                    case 0 -> "k".repeat(256 + random.nextInt(2000));
                    case 1 -> "";
                    case 2 -> "with space " + random.nextInt();
                    case 3 -> visibleAscii(1 + random.nextInt(255));
                    default -> "\t" + random.nextInt();
                };
                headers.put("Idempotency-Key", key);
                about = "Idempotency-Key of " + key.length() + " characters";
                // HTTP drops whitespace around a header value before anyone sees it.
                mustRefuse = !key.strip().matches("[\\x21-\\x7E]{1,255}");
            }
            case 2 -> {
                String authorization = switch (random.nextInt(8)) {
                    case 0 -> "";
                    case 1 -> "Bearer";
                    case 2 -> "Bearer " + visibleAscii(1 + random.nextInt(80));
                    case 3 -> "Basic " + Base64.getEncoder().encodeToString("acme:secret".getBytes(StandardCharsets.UTF_8));
                    case 4 -> "Bearer " + ACME.toUpperCase();
                    case 5 -> "Bearer " + ACME.substring(0, 1 + random.nextInt(ACME.length() - 1));
                    case 6 -> "Bearer " + ACME + "x";
                    default -> "Bearer  " + ACME + " extra";
                };
                if (authorization.isEmpty()) {
                    headers.remove("Authorization");
                } else {
                    headers.put("Authorization", authorization);
                }
                about = "Authorization variant";
            }
            default -> {
                headers.put("Accept", random.nextBoolean() ? "application/xml" : visibleAscii(20));
                headers.put("X-Forwarded-For", "127.0.0.1");
                about = "odd Accept";
                mustRefuse = false;
            }
        }
        ObjectNode body = validBody();
        return new Call("POST", "/v1/notices", headers, body.toString().getBytes(StandardCharsets.UTF_8), about, mustRefuse);
    }

    private Call forgedCursor(String acmeNotice, String globexNotice, List<String> realCursors) {
        String[] routes = {"/v1/notices", "/v1/notices/" + acmeNotice + "/items", "/v1/notices/" + acmeNotice + "/deliveries",
                "/v1/notices/" + globexNotice + "/items"};
        String route = routes[random.nextInt(routes.length)];
        int kind = random.nextInt(6);
        String cursor = switch (kind) {
            case 0 -> {
                byte[] bytes = new byte[random.nextInt(3000)];
                random.nextBytes(bytes);
                yield Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            }
            case 1 -> "A".repeat(1 + random.nextInt(5000));
            case 2 -> visibleAscii(1 + random.nextInt(100));
            case 3 -> {
                // Shaped like the sort keys the stores page by, but longer than DynamoDB takes.
                String[] prefixes = {"ITEM#", "ATTEMPT#RIGHTHOLDER#", "2026-12-01T00:00:00.000Z#ntc_"};
                yield Base64.getUrlEncoder().withoutPadding().encodeToString((prefixes[random.nextInt(prefixes.length)]
                        + "9".repeat(random.nextInt(3000))).getBytes(StandardCharsets.UTF_8));
            }
            case 4 -> realCursors.isEmpty() ? "x" : tamper(realCursors.get(random.nextInt(realCursors.size())));
            default -> realCursors.isEmpty() ? "y" : realCursors.get(random.nextInt(realCursors.size()));
        };
        String path = route + "?cursor=" + encode(cursor) + (random.nextBoolean() ? "&limit=" + (1 + random.nextInt(100)) : "");
        // A cursor the API handed out may be valid where it came from; every other one is forged.
        return new Call("GET", path, Map.of("Authorization", "Bearer " + ACME), null, "cursor of " + cursor.length()
                + " characters on " + route, kind != 5);
    }

    private String tamper(String cursor) {
        char[] chars = cursor.toCharArray();
        // Not the last character: in base64 it may carry only padding bits, which decoders ignore.
        int at = random.nextInt(Math.max(1, chars.length - 1));
        chars[at] = chars[at] == 'A' ? 'B' : 'A';
        return new String(chars);
    }

    private Call oddQuery(String acmeNotice) {
        String[] routes = {"/v1/notices", "/v1/notices/" + acmeNotice + "/items", "/v1/notices/" + acmeNotice + "/deliveries",
                "/v1/notices/" + acmeNotice, "/v1/takedowns"};
        String[] names = {"status", "limit", "cursor", "unknown", "status[]", "LIMIT"};
        StringBuilder query = new StringBuilder();
        int parameters = 1 + random.nextInt(3);
        for (int p = 0; p < parameters; p++) {
            String value = switch (random.nextInt(8)) {
                case 0 -> Integer.toString(random.nextInt());
                case 1 -> "9".repeat(1 + random.nextInt(40));
                case 2 -> "1.5";
                case 3 -> "";
                case 4 -> "COMPLETED";
                case 5 -> "received";
                case 6 -> "%C3%28%FF";
                default -> visibleAscii(1 + random.nextInt(50));
            };
            query.append(p == 0 ? "?" : "&").append(names[random.nextInt(names.length)]).append('=')
                    .append(value.startsWith("%") ? value : encode(value));
        }
        String path = routes[random.nextInt(routes.length)] + query;
        return new Call("GET", path, Map.of("Authorization", "Bearer " + ACME), null, "query " + path, false);
    }

    private Call oddPath(String acmeNotice, String globexNotice) {
        String[] paths = {"/v1/notices/" + globexNotice, "/v1/notices/" + globexNotice + "/deliveries",
                "/v1/notices/" + encode(visibleAscii(1 + random.nextInt(60))), "/v1/notices/ntc_" + "0".repeat(26),
                "/v1/notices/" + acmeNotice + "/items/0", "/v1/notices/", "/v1/notices/%2e%2e%2fadmin", "/v1//notices",
                "/v1/notices/" + acmeNotice.toUpperCase(), "/v1/notices/" + "x".repeat(3000), "/v2/notices",
                // The redress routes: another's notice, a body that is a notice, a seller's route with acme's key.
                "/v1/notices/" + globexNotice + "/withdrawal", "/v1/notices/" + acmeNotice + "/withdrawal",
                "/v1/notices/" + acmeNotice + "/items/0/complaint",
                "/v1/notices/" + acmeNotice + "/items/99999999999/counter-notice-response",
                "/v1/takedowns/" + acmeNotice + "/0/counter-notice", "/v1/takedowns/" + acmeNotice + "/-1"};
        String[] methods = {"GET", "PUT", "DELETE", "PATCH", "POST", "OPTIONS"};
        String method = methods[random.nextInt(methods.length)];
        String path = paths[random.nextInt(paths.length)];
        byte[] body = method.equals("GET") || method.equals("DELETE") || method.equals("OPTIONS") ? null
                : validBody().toString().getBytes(StandardCharsets.UTF_8);
        return new Call(method, path, jsonHeaders(ACME), body, method + " " + path, false);
    }

    // --- sending and checking ---

    private void send(Call call) throws Exception {
        HttpRequest request;
        try {
            HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(stack.apiUrl() + call.path()))
                    .timeout(Duration.ofSeconds(30))
                    .method(call.method(), call.body() == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(call.body()));
            call.headers().forEach(builder::header);
            request = builder.build();
        } catch (IllegalArgumentException e) {
            // A header or URI the HTTP client itself refuses to send: no request to judge.
            return;
        }
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        sent++;
        int status = response.statusCode();
        if (status >= 500 || status < 200) {
            failures.add(status + " for " + call.about() + ": " + response.body());
        } else if (call.mustRefuse() && status < 400) {
            failures.add(status + " (not refused) for " + call.about() + ": " + response.body());
            if (call.method().equals("POST")) {
                accepted.add(Json.parse(response.body()).path("id").asText());
            }
        } else if (status >= 400) {
            String type = response.headers().firstValue("Content-Type").orElse("");
            if (!type.startsWith("application/problem+json") || Json.parse(response.body()).path("status").asInt() != status) {
                failures.add(status + " is not a problem+json answer for " + call.about() + ": " + type + " " + response.body());
            }
        } else if (call.method().equals("POST")) {
            accepted.add(Json.parse(response.body()).path("id").asText());
        }
    }

    /** Every row of every table, as text, by table. */
    private Map<String, Set<String>> snapshot() {
        Map<String, Set<String>> rows = new TreeMap<>();
        for (String table : stack.dynamo().listTables().tableNames()) {
            Set<String> tableRows = new HashSet<>();
            stack.dynamo().scanPaginator(r -> r.tableName(table).consistentRead(true)).items()
                    .forEach(row -> tableRows.add(text(row)));
            rows.put(table, tableRows);
        }
        return rows;
    }

    private static String text(Map<String, AttributeValue> row) {
        return new TreeMap<>(row).toString();
    }

    private List<String> changedRowsNotOfAcceptedNotices(Map<String, Set<String>> before, Map<String, Set<String>> after) {
        List<String> unexplained = new ArrayList<>();
        Set<String> tables = new HashSet<>(before.keySet());
        tables.addAll(after.keySet());
        for (String table : tables) {
            Set<String> was = before.getOrDefault(table, Set.of());
            Set<String> is = after.getOrDefault(table, Set.of());
            if (table.endsWith("FiguresTable")) {
                continue;
            }
            for (String row : is) {
                if (!was.contains(row) && !ofAcceptedNotice(row)) {
                    unexplained.add(table + " gained " + abbreviated(row));
                }
            }
            for (String row : was) {
                if (!is.contains(row) && !ofAcceptedNotice(row)) {
                    unexplained.add(table + " lost or changed " + abbreviated(row));
                }
            }
        }
        return unexplained;
    }

    private boolean ofAcceptedNotice(String row) {
        return accepted.stream().anyMatch(row::contains);
    }

    private static String abbreviated(String row) {
        return row.length() > 400 ? row.substring(0, 400) + "..." : row;
    }

    // --- fixtures ---

    /** A valid notice naming listings the catalog does not hold: accepted, then decided NOT_FOUND, nothing taken down. */
    private ObjectNode validBody() {
        ObjectNode body = NoticeBodies.valid();
        ArrayNode items = body.putArray("items");
        items.addObject().put("listingId", "fuzz-" + random.nextInt(1_000_000));
        items.addObject().put("listingId", "fuzz-" + random.nextInt(1_000_000));
        return body;
    }

    private static ObjectNode globexBody() {
        ObjectNode body = NoticeBodies.valid().put("rightId", "tm-globex");
        body.putArray("items").addObject().put("listingId", "fuzz-globex");
        body.putObject("sender").put("name", "Max Muster").put("email", "legal@globex.example");
        return body;
    }

    private static Map<String, String> jsonHeaders(String key) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Authorization", "Bearer " + key);
        headers.put("Content-Type", "application/json");
        return headers;
    }

    private String submit(ObjectNode body, String key) throws Exception {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(stack.apiUrl() + "/v1/notices"))
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
        jsonHeaders(key).forEach(builder::header);
        HttpResponse<String> response = HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        String id = Json.parse(response.body()).path("id").asText();
        accepted.add(id);
        return id;
    }

    /** Cursors the API really handed out, to tamper with and to replay on other routes. */
    private List<String> realCursors(String acmeNotice) throws Exception {
        for (int n = 0; n < 3; n++) {
            submit(validBody(), ACME);
        }
        List<String> cursors = new ArrayList<>();
        for (String path : List.of("/v1/notices?limit=1", "/v1/notices/" + acmeNotice + "/items?limit=1")) {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(stack.apiUrl() + path))
                    .header("Authorization", "Bearer " + ACME).build(), HttpResponse.BodyHandlers.ofString());
            JsonNode page = Json.parse(response.body());
            Iterator<JsonNode> values = page.findValues("nextCursor").iterator();
            while (values.hasNext()) {
                JsonNode value = values.next();
                if (value.isTextual()) {
                    cursors.add(value.asText());
                }
            }
        }
        assertThat(cursors).as("the API hands out cursors to tamper with").isNotEmpty();
        return cursors;
    }

    private String visibleAscii(int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append((char) (0x21 + random.nextInt(0x7E - 0x21 + 1)));
        }
        return text.toString();
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
