package dev.takedown.core.runtime;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.takedown.core.json.Json;
import java.time.Instant;

/**
 * One JSON object per line on stdout, which Lambda's JSON log format keeps as structured fields. While an invocation
 * runs ({@link #begin}), every line carries its Lambda request id ({@code requestId}) and X-Ray trace id
 * ({@code traceId}), so that one request's lines can be found together and next to its trace.
 * Callers pass ids and counts only: never API keys, secrets, or evidence.
 */
public final class Log {
    private record Invocation(String requestId, String traceId, boolean written) {
    }

    /** Inherited by the threads an invocation starts ({@link Parallel}), so their lines carry its ids too. */
    private static final ThreadLocal<Invocation> CURRENT = new InheritableThreadLocal<>();

    private Log() {
    }

    /** The ids of the invocation that runs on this thread from now on; either may be null. */
    public static void begin(String requestId, String traceId) {
        CURRENT.set(new Invocation(requestId, traceId, true));
    }

    /**
     * An invocation that is not a request (a SnapStart priming's): its lines and metric documents are made as any
     * other's, so that making them costs a request nothing later, but not written.
     */
    public static void beginUnwritten() {
        CURRENT.set(new Invocation(null, null, false));
    }

    /** The invocation is over: later lines of this thread carry no ids. */
    public static void end() {
        CURRENT.remove();
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
        print(line);
    }

    /** A document written as it is, with the invocation's ids: an Embedded Metric Format line ({@link Metrics}). */
    static void document(ObjectNode document) {
        print(document);
    }

    private static void print(ObjectNode line) {
        Invocation invocation = CURRENT.get();
        if (invocation != null && !invocation.written()) {
            Json.write(line);
            return;
        }
        if (invocation != null) {
            if (invocation.requestId() != null) {
                line.put("requestId", invocation.requestId());
            }
            if (invocation.traceId() != null) {
                line.put("traceId", invocation.traceId());
            }
        }
        System.out.println(Json.write(line));
    }
}
