package dev.takedown.core.staff;

import com.fasterxml.jackson.databind.JsonNode;
import dev.takedown.core.problem.FieldError;
import dev.takedown.core.text.Enums;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/** Reads the fields of one staff event, collecting every problem so that one answer names them all. */
final class EventFields {
    private static final Pattern CONTROL = Pattern.compile("[\\p{Cntrl}&&[^\\n\\t]]");

    private final JsonNode event;
    private final List<FieldError> errors = new ArrayList<>();

    EventFields(JsonNode event, Set<String> allowed) {
        this.event = event;
        Set<String> unknown = new TreeSet<>();
        event.fieldNames().forEachRemaining(name -> {
            if (!name.equals(StaffRequests.OPERATION) && !allowed.contains(name)) {
                unknown.add(name);
            }
        });
        unknown.forEach(name -> error(name, "unknown field; this operation takes " + new TreeSet<>(allowed)));
    }

    void error(String field, String message) {
        errors.add(new FieldError(field, message));
    }

    /** A string of at most {@code max} characters, without control characters other than newline and tab. */
    String text(String name, boolean required, int max) {
        JsonNode value = event.get(name);
        if (value == null || value.isNull()) {
            if (required) {
                error(name, "required");
            }
            return null;
        }
        if (!value.isTextual()) {
            error(name, "must be a string");
            return null;
        }
        String text = value.asText().strip();
        if (text.isEmpty()) {
            if (required) {
                error(name, "required");
            }
            return null;
        }
        if (text.length() > max) {
            error(name, "must be at most " + max + " characters");
            return null;
        }
        if (CONTROL.matcher(text).find()) {
            error(name, "must not contain control characters");
            return null;
        }
        return text;
    }

    /** A required string matching {@code shape}, described by {@code rule} when it does not. */
    String matching(String name, Pattern shape, String rule) {
        String text = text(name, true, 1000);
        if (text != null && !shape.matcher(text).matches()) {
            error(name, rule);
            return null;
        }
        return text;
    }

    Integer integer(String name, int min, int max, Integer fallback) {
        JsonNode value = event.get(name);
        if (value == null || value.isNull()) {
            if (fallback == null) {
                error(name, "required");
            }
            return fallback;
        }
        if (!value.canConvertToExactIntegral() || !value.canConvertToInt() || value.asInt() < min || value.asInt() > max) {
            error(name, "must be a whole number from " + min + " to " + max);
            return null;
        }
        return value.asInt();
    }

    <E extends Enum<E>> E oneOf(String name, Class<E> type, Set<E> allowed, boolean required) {
        String text = text(name, required, 100);
        if (text == null) {
            return null;
        }
        E value = Enums.named(type, text);
        if (value == null || !allowed.contains(value)) {
            error(name, "must be one of " + new TreeSet<>(allowed.stream().map(Enum::name).toList()));
            return null;
        }
        return value;
    }

    boolean has(String name) {
        JsonNode value = event.get(name);
        return value != null && !value.isNull();
    }

    /** Throws the collected problems, if any. */
    void check(String operation) {
        if (!errors.isEmpty()) {
            throw new StaffException(StaffException.Type.InvalidRequest,
                    "Bad " + operation + " event: " + errors.size() + " field(s) to fix.", errors);
        }
    }
}
