package dev.takedown.local;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * {@code GET /local/clock} and {@code POST /local/clock} on the Lambda API port of a stack with a test clock: where
 * the functions' time stands, and moving it on ({@code {"advanceDays": N}} or {@code {"to": "<ISO instant>"}}),
 * after which every scheduled function runs once, as it would have in the time skipped. Time only moves forward,
 * as it does for the deadlines that depend on it.
 */
final class TestClockApi {
    static final String PATH = "/local/clock";
    private static final int MAX_DAYS = 3650;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final MovableClock clock;
    private final Supplier<List<String>> runSchedules;

    TestClockApi(MovableClock clock, Supplier<List<String>> runSchedules) {
        this.clock = clock;
        this.runSchedules = runSchedules;
    }

    void handle(HttpExchange exchange) throws IOException {
        byte[] payload;
        try (InputStream in = exchange.getRequestBody()) {
            payload = in.readAllBytes();
        }
        switch (exchange.getRequestMethod()) {
            case "GET" -> now().send(exchange);
            case "POST" -> move(payload).send(exchange);
            default -> problem(405, "use GET to read the clock or POST to move it").withHeader("Allow", "GET, POST")
                    .send(exchange);
        }
    }

    private synchronized HttpReply move(byte[] payload) throws IOException {
        JsonNode request;
        try {
            request = JSON.readTree(payload);
        } catch (JsonProcessingException e) {
            return problem(400, "the body must be a JSON object");
        }
        if (request == null || !request.isObject()) {
            return problem(400, "the body must be a JSON object");
        }
        for (Iterator<String> names = request.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!Set.of("advanceDays", "to").contains(name)) {
                return problem(400, "unknown field " + name + ": give advanceDays or to");
            }
        }
        if (request.size() != 1) {
            return problem(400, "give exactly one of advanceDays (whole days) or to (an ISO-8601 instant)");
        }
        Instant now = clock.instant();
        Instant to;
        if (request.has("advanceDays")) {
            JsonNode days = request.get("advanceDays");
            if (!days.canConvertToInt() || !days.isIntegralNumber() || days.asInt() < 1 || days.asInt() > MAX_DAYS) {
                return problem(400, "advanceDays must be a whole number from 1 to " + MAX_DAYS);
            }
            to = now.plus(Duration.ofDays(days.asInt()));
        } else {
            try {
                to = Instant.parse(request.get("to").asText());
            } catch (DateTimeParseException e) {
                return problem(400, "to must be an ISO-8601 instant such as 2027-01-15T00:00:00Z");
            }
            if (!to.isAfter(now)) {
                return problem(400, "to must be later than the clock's time, " + now.truncatedTo(ChronoUnit.MILLIS)
                        + ": the clock only moves forward");
            }
        }
        clock.set(to);
        List<String> ran = runSchedules.get();
        ObjectNode body = JSON.createObjectNode().put("now", clock.instant().truncatedTo(ChronoUnit.MILLIS).toString());
        ran.forEach(body.putArray("scheduledFunctionsRun")::add);
        return HttpReply.json(200, JSON.writeValueAsString(body));
    }

    private HttpReply now() throws IOException {
        ObjectNode body = JSON.createObjectNode().put("now", clock.instant().truncatedTo(ChronoUnit.MILLIS).toString());
        return HttpReply.json(200, JSON.writeValueAsString(body));
    }

    private static HttpReply problem(int status, String detail) throws IOException {
        ObjectNode body = JSON.createObjectNode().put("status", status).put("detail", detail);
        return new HttpReply(status, Map.of("Content-Type", List.of("application/problem+json")),
                JSON.writeValueAsBytes(body));
    }
}
