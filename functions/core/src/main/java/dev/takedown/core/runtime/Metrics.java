package dev.takedown.core.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.takedown.core.json.Json;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The product's CloudWatch metrics, written as Embedded Metric Format lines through {@link Log}: CloudWatch Logs turns
 * them into metrics, so no client, permission or request is needed. What happens during an invocation is added up in
 * its {@link Batch} and written when the handler ends it: one line per combination of dimension values, not one per
 * item. Dimension values name kinds of things (a reason, a status, an outcome), never an id.
 */
public final class Metrics {
    public static final String NAMESPACE = "Takedown";
    /** The most values of one metric CloudWatch takes in one document; more are written on further lines. */
    static final int MAX_VALUES = 100;

    /** The values of DecidedBy: the automated checks, or a person. */
    public static final String AUTOMATED = "AUTOMATED";
    public static final String STAFF = "STAFF";

    public enum Unit {
        COUNT("Count"), MILLISECONDS("Milliseconds"), SECONDS("Seconds");

        private final String wireName;

        Unit(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }
    }

    /** Every metric, with its unit and the dimension sets it is published under (an empty set: no dimension). */
    public enum Metric {
        NOTICES_RECEIVED("NoticesReceived", Unit.COUNT, List.of(List.of(), List.of("Reason"))),
        ITEMS_DECIDED("ItemsDecided", Unit.COUNT, List.of(List.of(), List.of("Status", "DecidedBy"))),
        TIME_TO_DECISION("TimeToDecision", Unit.MILLISECONDS, List.of(List.of("DecidedBy"))),
        REVIEW_BACKLOG("ReviewBacklog", Unit.COUNT, List.of(List.of())),
        REVIEW_BACKLOG_OLDEST_AGE("ReviewBacklogOldestAge", Unit.SECONDS, List.of(List.of())),
        WEBHOOK_DELIVERIES("WebhookDeliveries", Unit.COUNT, List.of(List.of(), List.of("Outcome"))),
        COUNTER_NOTICES("CounterNotices", Unit.COUNT, List.of(List.of("Event"))),
        COMPLAINTS("Complaints", Unit.COUNT, List.of(List.of("Event"))),
        TRUST_EVENTS("TrustEvents", Unit.COUNT, List.of(List.of("Event"))),
        STRIKE_EVENTS("StrikeEvents", Unit.COUNT, List.of(List.of("Event")));

        private final String metricName;
        private final Unit unit;
        private final List<List<String>> dimensionSets;
        /** Every dimension of its sets, in order: the values {@link #add} takes. */
        private final List<String> dimensions;

        Metric(String metricName, Unit unit, List<List<String>> dimensionSets) {
            this.metricName = metricName;
            this.unit = unit;
            this.dimensionSets = dimensionSets;
            List<String> dimensions = new ArrayList<>();
            for (List<String> set : dimensionSets) {
                for (String dimension : set) {
                    if (!dimensions.contains(dimension)) {
                        dimensions.add(dimension);
                    }
                }
            }
            this.dimensions = List.copyOf(dimensions);
        }

        public String metricName() {
            return metricName;
        }

        public Unit unit() {
            return unit;
        }

        public List<List<String>> dimensionSets() {
            return dimensionSets;
        }

        public List<String> dimensions() {
            return dimensions;
        }
    }

    /** Inherited by the threads an invocation starts ({@link Parallel}): they add to the invocation's batch. */
    private static final ThreadLocal<Batch> CURRENT = new InheritableThreadLocal<>();

    private Metrics() {
    }

    /** Starts adding up this thread's metrics (and those of the threads it starts) until the batch is flushed. */
    public static Batch begin() {
        Batch batch = new Batch();
        CURRENT.set(batch);
        return batch;
    }

    /** One occurrence, with the metric's dimension values in the order of {@link Metric#dimensions()}. */
    public static void count(Metric metric, String... dimensionValues) {
        add(metric, 1, dimensionValues);
    }

    /**
     * Adds {@code value}: counts are summed, other units keep every value. Outside an invocation the metric is
     * written at once, so that none is lost.
     */
    public static void add(Metric metric, double value, String... dimensionValues) {
        if (dimensionValues.length != metric.dimensions().size()) {
            throw new IllegalArgumentException(metric.metricName() + " takes the dimensions " + metric.dimensions());
        }
        Batch batch = CURRENT.get();
        if (batch != null) {
            batch.add(metric, value, List.of(dimensionValues));
        } else {
            Batch once = new Batch();
            once.add(metric, value, List.of(dimensionValues));
            once.write();
        }
    }

    /**
     * The metrics of one invocation, added up. Written with plain loops and keys of lists rather than records or
     * lambdas: it runs in every cold start, which would otherwise bootstrap their method handles.
     */
    public static final class Batch {
        /** Per metric, per its dimension values, the values added (a count keeps one running sum). */
        private final Map<Metric, Map<List<String>, List<Double>>> values = new EnumMap<>(Metric.class);

        private Batch() {
        }

        private synchronized void add(Metric metric, double value, List<String> dimensionValues) {
            Map<List<String>, List<Double>> byDimensions = values.get(metric);
            if (byDimensions == null) {
                byDimensions = new LinkedHashMap<>();
                values.put(metric, byDimensions);
            }
            List<Double> kept = byDimensions.get(dimensionValues);
            if (kept == null) {
                kept = new ArrayList<>();
                byDimensions.put(dimensionValues, kept);
            }
            if (metric.unit() == Unit.COUNT && !kept.isEmpty()) {
                kept.set(0, kept.get(0) + value);
            } else {
                kept.add(value);
            }
        }

        /** Writes what was added (nothing if nothing was) and ends the batch on this thread. */
        public void flush() {
            write();
            if (CURRENT.get() == this) {
                CURRENT.remove();
            }
        }

        private void write() {
            for (ObjectNode document : documents(System.currentTimeMillis())) {
                Log.document(document);
            }
        }

        /**
         * The Embedded Metric Format documents of what was added, stamped {@code timestampMillis}: one per combination
         * of dimension values, each naming its dimensions and metrics at the top level; a metric with more values than
         * one document takes goes on as many more as it needs.
         */
        public synchronized List<ObjectNode> documents(long timestampMillis) {
            Map<Map<String, String>, Map<Metric, List<Double>>> byDimensions = new LinkedHashMap<>();
            for (Map.Entry<Metric, Map<List<String>, List<Double>>> metric : values.entrySet()) {
                for (Map.Entry<List<String>, List<Double>> kept : metric.getValue().entrySet()) {
                    Map<String, String> dimensions = new LinkedHashMap<>();
                    for (int i = 0; i < kept.getKey().size(); i++) {
                        dimensions.put(metric.getKey().dimensions().get(i), kept.getKey().get(i));
                    }
                    Map<Metric, List<Double>> metrics = byDimensions.get(dimensions);
                    if (metrics == null) {
                        metrics = new EnumMap<>(Metric.class);
                        byDimensions.put(dimensions, metrics);
                    }
                    metrics.put(metric.getKey(), kept.getValue());
                }
            }
            List<ObjectNode> documents = new ArrayList<>();
            for (Map.Entry<Map<String, String>, Map<Metric, List<Double>>> line : byDimensions.entrySet()) {
                for (int from = 0; ; from += MAX_VALUES) {
                    Map<Metric, List<Double>> part = new EnumMap<>(Metric.class);
                    for (Map.Entry<Metric, List<Double>> metric : line.getValue().entrySet()) {
                        List<Double> kept = metric.getValue();
                        if (kept.size() > from) {
                            part.put(metric.getKey(), kept.subList(from, Math.min(kept.size(), from + MAX_VALUES)));
                        }
                    }
                    if (part.isEmpty()) {
                        break;
                    }
                    documents.add(document(timestampMillis, line.getKey(), part));
                }
            }
            return documents;
        }

        private static ObjectNode document(long timestampMillis, Map<String, String> dimensions,
                                           Map<Metric, List<Double>> metrics) {
            ObjectNode document = Json.object();
            ObjectNode aws = document.putObject("_aws");
            aws.put("Timestamp", timestampMillis);
            ArrayNode directives = aws.putArray("CloudWatchMetrics");
            // Metrics published under the same dimension sets share one directive.
            Map<List<List<String>>, List<Metric>> byDimensionSets = new LinkedHashMap<>();
            for (Metric metric : metrics.keySet()) {
                List<Metric> sharing = byDimensionSets.get(metric.dimensionSets());
                if (sharing == null) {
                    sharing = new ArrayList<>();
                    byDimensionSets.put(metric.dimensionSets(), sharing);
                }
                sharing.add(metric);
            }
            for (Map.Entry<List<List<String>>, List<Metric>> shared : byDimensionSets.entrySet()) {
                ObjectNode directive = directives.addObject();
                directive.put("Namespace", NAMESPACE);
                ArrayNode dimensionSets = directive.putArray("Dimensions");
                for (List<String> set : shared.getKey()) {
                    ArrayNode dimensionSet = dimensionSets.addArray();
                    for (String dimension : set) {
                        dimensionSet.add(dimension);
                    }
                }
                ArrayNode definitions = directive.putArray("Metrics");
                for (Metric metric : shared.getValue()) {
                    definitions.addObject().put("Name", metric.metricName()).put("Unit", metric.unit().wireName());
                }
            }
            for (Map.Entry<String, String> dimension : dimensions.entrySet()) {
                document.put(dimension.getKey(), dimension.getValue());
            }
            for (Map.Entry<Metric, List<Double>> metric : metrics.entrySet()) {
                List<Double> kept = metric.getValue();
                if (kept.size() == 1) {
                    document.set(metric.getKey().metricName(), number(kept.get(0)));
                } else {
                    ArrayNode array = document.putArray(metric.getKey().metricName());
                    for (double value : kept) {
                        array.add(number(value));
                    }
                }
            }
            return document;
        }

        /** A whole number as an integer (as CloudWatch's examples write counts), any other as a decimal. */
        private static JsonNode number(double value) {
            return value == Math.rint(value) ? LongNode.valueOf((long) value) : DoubleNode.valueOf(value);
        }
    }
}
