package dev.takedown.core.runtime;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.takedown.core.json.Json;
import java.time.Instant;

/**
 * One JSON object per line on stdout, which Lambda's JSON log format keeps as structured fields.
 * Callers pass ids and counts only: never API keys, secrets, or evidence.
 */
public final class Log {
    private Log() {
    }

    public static void info(String message, Object... keyValues) {
        write("INFO", message, null, keyValues);
    }

    public static void warn(String message, Throwable error, Object... keyValues) {
        write("WARN", message, error, keyValues);
    }

    public static void error(String message, Throwable error, Object... keyValues) {
        write("ERROR", message, error, keyValues);
    }

    private static void write(String level, String message, Throwable error, Object... keyValues) {
        ObjectNode line = Json.object();
        line.put("timestamp", Instant.now().toString());
        line.put("level", level);
        line.put("message", message);
        for (int i = 0; i + 1 < keyValues.length; i += 2) {
            Object value = keyValues[i + 1];
            if (value instanceof Number number) {
                line.put(String.valueOf(keyValues[i]), number.longValue());
            } else {
                line.put(String.valueOf(keyValues[i]), String.valueOf(value));
            }
        }
        if (error != null) {
            line.put("errorType", error.getClass().getName());
            line.put("errorMessage", String.valueOf(error.getMessage()));
        }
        System.out.println(Json.write(line));
    }
}
