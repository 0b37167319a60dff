package dev.takedown.core.testing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.takedown.core.json.Json;
import dev.takedown.core.runtime.Metrics;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The Embedded Metric Format lines a piece of work wrote on stdout, checked against the format's specification and
 * added up by metric and dimension values.
 */
public final class EmfLines {
    /** Work that may throw, as a handler does. */
    @FunctionalInterface
    public interface Work {
        void run() throws Exception;
    }

    private final List<JsonNode> documents;

    private EmfLines(List<JsonNode> documents) {
        this.documents = List.copyOf(documents);
    }

    /** Runs {@code work} with stdout captured (and still shown), and keeps the metric lines it wrote. */
    public static EmfLines capture(Work work) throws Exception {
        try (Capture capture = Capture.start()) {
            work.run();
            return capture.lines();
        }
    }

    /** Stdout captured (and still shown) until closed, for work whose lines come from other threads later. */
    public static final class Capture implements AutoCloseable {
        private final PrintStream original = System.out;
        private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
        private final PrintStream both = new PrintStream(new TeeStream(original, captured), true, StandardCharsets.UTF_8);

        private Capture() {
        }

        public static Capture start() {
            Capture capture = new Capture();
            System.setOut(capture.both);
            return capture;
        }

        /** The metric lines written so far. */
        public EmfLines lines() {
            String text;
            // println writes a whole line while holding the stream: holding it here reads whole lines only.
            synchronized (both) {
                both.flush();
                text = captured.toString(StandardCharsets.UTF_8);
            }
            return parse(text.lines().toList());
        }

        @Override
        public void close() {
            both.flush();
            System.setOut(original);
        }
    }

    /** Runs {@code work} as one invocation: its metrics added up in one batch, written at its end. */
    public static EmfLines invocation(Work work) throws Exception {
        return capture(() -> {
            Metrics.Batch batch = Metrics.begin();
            try {
                work.run();
            } finally {
                batch.flush();
            }
        });
    }

    /** The metric lines among {@code lines}: JSON objects with an {@code _aws} member. */
    public static EmfLines parse(List<String> lines) {
        List<JsonNode> documents = new ArrayList<>();
        for (String line : lines) {
            if (line.startsWith("{") && line.contains("\"_aws\"")) {
                documents.add(Json.parseTrusted(line));
            }
        }
        return new EmfLines(documents);
    }

    public static EmfLines of(List<? extends JsonNode> documents) {
        return new EmfLines(new ArrayList<>(documents));
    }

    public List<JsonNode> documents() {
        return documents;
    }

    /**
     * The sum of every value of {@code metric} on lines whose dimension values are the given pairs
     * ({@code "Reason", "COUNTERFEIT"}); with no pair, of every line.
     */
    public double sum(String metric, String... dimensionPairs) {
        return values(metric, dimensionPairs).stream().mapToDouble(Double::doubleValue).sum();
    }

    /** Every value of {@code metric} on lines whose dimension values are the given pairs. */
    public List<Double> values(String metric, String... dimensionPairs) {
        List<Double> values = new ArrayList<>();
        for (JsonNode document : documents) {
            JsonNode value = document.get(metric);
            if (value == null || !matches(document, dimensionPairs)) {
                continue;
            }
            if (value.isArray()) {
                value.forEach(v -> values.add(v.asDouble()));
            } else {
                values.add(value.asDouble());
            }
        }
        return values;
    }

    private static boolean matches(JsonNode document, String... dimensionPairs) {
        for (int i = 0; i + 1 < dimensionPairs.length; i += 2) {
            if (!dimensionPairs[i + 1].equals(document.path(dimensionPairs[i]).asText(null))) {
                return false;
            }
        }
        return true;
    }

    /** Every way the lines break the Embedded Metric Format specification; empty when none does. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        documents.forEach(document -> problems.addAll(problems(document)));
        return problems;
    }

    /**
     * Checks one document: {@code _aws.Timestamp} epoch milliseconds; {@code CloudWatchMetrics} directives with a
     * Namespace, Dimensions (each set at most 30 keys, each key a top-level string member) and Metrics (each named
     * member a number or an array of at most 100 numbers; units from the specification's list).
     */
    public static List<String> problems(JsonNode document) {
        List<String> problems = new ArrayList<>();
        JsonNode aws = document.path("_aws");
        if (!aws.isObject()) {
            return List.of("no _aws object");
        }
        JsonNode timestamp = aws.path("Timestamp");
        // Epoch milliseconds: 13 digits from 2001 to 2286; seconds would be 10.
        if (!timestamp.isIntegralNumber() || timestamp.asLong() < 1_000_000_000_000L
                || timestamp.asLong() > 9_999_999_999_999L) {
            problems.add("Timestamp is not epoch milliseconds: " + timestamp);
        }
        JsonNode directives = aws.path("CloudWatchMetrics");
        if (!directives.isArray() || directives.isEmpty()) {
            problems.add("CloudWatchMetrics is not a non-empty array");
            return problems;
        }
        for (JsonNode directive : directives) {
            if (!directive.path("Namespace").isTextual() || directive.path("Namespace").asText().isBlank()) {
                problems.add("a directive has no Namespace");
            }
            JsonNode dimensionSets = directive.path("Dimensions");
            if (!dimensionSets.isArray()) {
                problems.add("Dimensions is not an array");
            } else {
                for (JsonNode set : dimensionSets) {
                    if (!set.isArray() || set.size() > 30) {
                        problems.add("a dimension set is not an array of at most 30 keys: " + set);
                        continue;
                    }
                    Set<String> seen = new HashSet<>();
                    for (JsonNode key : set) {
                        if (!seen.add(key.asText())) {
                            problems.add("dimension " + key + " twice in one set");
                        }
                        JsonNode value = document.get(key.asText());
                        if (value == null || !value.isTextual()) {
                            problems.add("dimension " + key + " is not a top-level string member");
                        }
                    }
                }
            }
            JsonNode metrics = directive.path("Metrics");
            if (!metrics.isArray() || metrics.isEmpty() || metrics.size() > 100) {
                problems.add("Metrics is not an array of 1 to 100 definitions");
                continue;
            }
            for (JsonNode definition : metrics) {
                String name = definition.path("Name").asText("");
                if (name.isEmpty() || name.length() > 255) {
                    problems.add("a metric has no Name of 1 to 255 characters");
                }
                if (!UNITS.contains(definition.path("Unit").asText(""))) {
                    problems.add(name + " has an unknown Unit " + definition.path("Unit"));
                }
                JsonNode value = document.get(name);
                if (value == null) {
                    problems.add(name + " is not a top-level member");
                } else if (value.isArray()) {
                    if (value.isEmpty() || value.size() > 100) {
                        problems.add(name + " has " + value.size() + " values (1 to 100)");
                    }
                    value.forEach(v -> {
                        if (!v.isNumber()) {
                            problems.add(name + " has a value that is not a number: " + v);
                        }
                    });
                } else if (!value.isNumber()) {
                    problems.add(name + " is not a number: " + value);
                }
            }
        }
        return problems;
    }

    private static final Set<String> UNITS = Set.of("Seconds", "Microseconds", "Milliseconds", "Bytes", "Kilobytes",
            "Megabytes", "Gigabytes", "Terabytes", "Bits", "Kilobits", "Megabits", "Gigabits", "Terabits", "Percent",
            "Count", "Bytes/Second", "Kilobytes/Second", "Megabytes/Second", "Gigabytes/Second", "Terabytes/Second",
            "Bits/Second", "Kilobits/Second", "Megabits/Second", "Gigabits/Second", "Terabits/Second", "Count/Second",
            "None");

    /** Writes to both streams. */
    private static final class TeeStream extends OutputStream {
        private final OutputStream first;
        private final OutputStream second;

        TeeStream(OutputStream first, OutputStream second) {
            this.first = first;
            this.second = second;
        }

        @Override
        public void write(int b) throws IOException {
            first.write(b);
            second.write(b);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            first.write(bytes, offset, length);
            second.write(bytes, offset, length);
        }
    }
}
