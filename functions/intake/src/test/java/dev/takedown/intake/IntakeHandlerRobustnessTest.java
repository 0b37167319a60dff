package dev.takedown.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.takedown.aws.api.ApiRequest;
import dev.takedown.aws.api.ApiResponse;
import dev.takedown.core.intake.NoticeQueries;
import dev.takedown.core.json.Json;
import dev.takedown.core.testing.Events;
import dev.takedown.core.testing.Fixtures;
import dev.takedown.core.testing.InMemoryDeliveryStore;
import dev.takedown.core.testing.InMemoryFiguresStore;
import dev.takedown.core.testing.InMemoryIdempotencyStore;
import dev.takedown.core.testing.InMemoryNoticeStore;
import dev.takedown.core.testing.InMemoryRightholderStore;
import dev.takedown.core.testing.InMemoryTrustStore;
import dev.takedown.core.testing.NoticeBodies;
import dev.takedown.core.testing.RecordingQueue;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * No input, however malformed, gets a 5xx: every field replaced by every kind of JSON value, random bytes, and odd
 * days asked for a summary.
 */
class IntakeHandlerRobustnessTest {
    private static final InMemoryRightholderStore RIGHTHOLDERS = new InMemoryRightholderStore();

    private final InMemoryNoticeStore notices = new InMemoryNoticeStore();
    private final InMemoryDeliveryStore deliveries = new InMemoryDeliveryStore();
    private final IntakeHandler handler = new IntakeHandler(
            Fixtures.intake(notices, new InMemoryIdempotencyStore(), new RecordingQueue(), Fixtures.clock()),
            new NoticeQueries(notices, deliveries, Fixtures.CURSORS), Fixtures.reports(new InMemoryFiguresStore(),
                    RIGHTHOLDERS, new InMemoryTrustStore(RIGHTHOLDERS)));

    private static final List<String> ODD_VALUES = List.of("null", "0", "-1", "1e999", "123456789012345678901234567890",
            "true", "\"\"", "\" \"", "\"\\u0000\"", "\"\\ud800\"", "[]", "[null]", "[[[]]]", "{}", "{\"a\":{\"b\":{}}}",
            "\"" + "x".repeat(3000) + "\"", "[" + "1,".repeat(500) + "1]");

    private int status(String body) throws Exception {
        ObjectNode event = (ObjectNode) Json.parse(Events.load("intake-submit-notice.json"));
        if (body == null) {
            event.putNull("body");
        } else {
            event.put("body", body);
        }
        ApiResponse response = handler.handle(ApiRequest.from(event));
        return response.statusCode();
    }

    /** Paths to every field and array element of the valid body. */
    private static List<List<Object>> paths(JsonNode node, List<Object> prefix) {
        List<List<Object>> paths = new ArrayList<>();
        if (node.isObject()) {
            node.properties().forEach(e -> {
                List<Object> path = new ArrayList<>(prefix);
                path.add(e.getKey());
                paths.add(path);
                paths.addAll(paths(e.getValue(), path));
            });
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                List<Object> path = new ArrayList<>(prefix);
                path.add(i);
                paths.add(path);
                paths.addAll(paths(node.get(i), path));
            }
        }
        return paths;
    }

    private static String replaced(List<Object> path, String value) throws Exception {
        JsonNode root = NoticeBodies.valid();
        JsonNode parent = root;
        for (Object step : path.subList(0, path.size() - 1)) {
            parent = step instanceof Integer i ? parent.get(i) : parent.get((String) step);
        }
        Object last = path.get(path.size() - 1);
        JsonNode replacement = Json.parse(value);
        if (last instanceof Integer i) {
            ((com.fasterxml.jackson.databind.node.ArrayNode) parent).set(i, replacement);
        } else {
            ((ObjectNode) parent).set((String) last, replacement);
        }
        return root.toString();
    }

    @Test
    void everyFieldReplacedByAnyJsonValueIsAnsweredWithoutAServerError() throws Exception {
        List<List<Object>> paths = paths(NoticeBodies.valid(), List.of());
        assertThat(paths).hasSizeGreaterThan(20);
        for (List<Object> path : paths) {
            for (String value : ODD_VALUES) {
                String body = replaced(path, value);
                assertThat(status(body)).as(path + " = " + value.substring(0, Math.min(40, value.length())))
                        .isBetween(200, 499);
            }
        }
    }

    @Test
    void anyDaysAskedForASummaryAreAnsweredWithoutAServerError() throws Exception {
        List<String> odd = List.of("", " ", "2026-11-01 ", "0000-01-01", "0000-00-00", "9999-12-31", "+2026-11-01",
                "-2026-11-01", "2026-11-1", "2026-1-01", "20261101", "2026-11-01T00:00:00Z", "\u0000", "2026\u200b-11-01",
                "\uff12\uff10\uff12\uff16-11-01", "x".repeat(3000), "2026-02-29", "2024-02-29", "null");
        for (String from : odd) {
            for (String to : odd) {
                ObjectNode event = (ObjectNode) Json.parse(Events.load("intake-reports-summary.json"));
                event.putObject("queryStringParameters").put("from", from).put("to", to);
                assertThat(handler.handle(ApiRequest.from(event)).statusCode()).as(from + ".." + to).isIn(200, 400);
            }
        }
    }

    @Test
    void randomBytesAndTruncationsAreAnsweredWithoutAServerError() throws Exception {
        Random random = new Random(20261128);
        String valid = NoticeBodies.valid().toString();
        for (int i = 0; i < valid.length(); i += 7) {
            assertThat(status(valid.substring(0, i))).isBetween(400, 499);
        }
        for (int i = 0; i < 300; i++) {
            byte[] bytes = new byte[random.nextInt(200)];
            random.nextBytes(bytes);
            assertThat(status(new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1))).isBetween(400, 499);
        }
        assertThat(status(null)).isEqualTo(400);
        assertThat(status("[".repeat(10_000))).isEqualTo(400);
        assertThat(status("{\"a\":".repeat(5_000))).isEqualTo(400);
    }
}
