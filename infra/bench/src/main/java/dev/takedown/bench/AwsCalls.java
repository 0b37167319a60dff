package dev.takedown.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.takedown.local.LocalStack;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;

/**
 * Registered for every SDK client of the harness JVM (global interceptor file): counts each AWS call by who made
 * it (a function, or the SQS event source) and operation, sums the DynamoDB capacity it consumed, times the SQS
 * event source's invocations, and can record one function's requests for the cold-start floor. Calls made by
 * clients carrying {@link #HARNESS} (the benchmark's own look-ups) are neither counted nor changed.
 */
public final class AwsCalls implements ExecutionInterceptor {
    public static final ExecutionAttribute<Boolean> HARNESS = new ExecutionAttribute<>("TakedownBenchHarness");
    /** Calls made outside any handler: Lambda's SQS event source mapping (the local stack's pollers). */
    public static final String EVENT_SOURCE = "EventSource";

    private static final ExecutionAttribute<String> ORIGIN = new ExecutionAttribute<>("TakedownBenchOrigin");
    private static final ExecutionAttribute<Boolean> ASKED_CAPACITY = new ExecutionAttribute<>("TakedownBenchCapacity");
    private static final Set<String> READS = Set.of("GetItem", "BatchGetItem", "Query", "Scan", "TransactGetItems");

    private static final ConcurrentMap<String, LongAdder> CALLS = new ConcurrentHashMap<>();
    private static final ConcurrentMap<String, DoubleAdder> READ_UNITS = new ConcurrentHashMap<>();
    private static final ConcurrentMap<String, DoubleAdder> WRITE_UNITS = new ConcurrentHashMap<>();
    private static final ConcurrentMap<String, DoubleAdder> INDEX_WRITE_UNITS = new ConcurrentHashMap<>();
    private static final ConcurrentMap<String, LongAdder> BATCHES = new ConcurrentHashMap<>();
    private static final ConcurrentMap<String, DoubleAdder> HANDLER_MILLIS = new ConcurrentHashMap<>();
    private static final ThreadLocal<Long> RECEIVED_AT = new ThreadLocal<>();
    private static volatile boolean countIndexWrites = true;
    private static final ThreadLocal<String> RECEIVED_FROM = new ThreadLocal<>();

    private static volatile String recordedFunction;
    private static volatile ArrayNode recorded;

    /** What was counted since the last {@link #reset()}; keys are "origin Service:Operation". */
    public record Tally(Map<String, Long> calls, Map<String, Double> readUnits, Map<String, Double> writeUnits,
            Map<String, Double> indexWriteUnits, Map<String, Long> batchesByQueue, Map<String, Double> handlerMillisByQueue) {
    }

    /** Off where only the pipeline's speed matters, so that reckoning index writes takes no CPU from it. */
    public static void countIndexWrites(boolean on) {
        countIndexWrites = on;
    }

    public static void reset() {
        CALLS.clear();
        READ_UNITS.clear();
        WRITE_UNITS.clear();
        INDEX_WRITE_UNITS.clear();
        BATCHES.clear();
        HANDLER_MILLIS.clear();
    }

    public static Tally tally() {
        return new Tally(longs(CALLS), doubles(READ_UNITS), doubles(WRITE_UNITS), doubles(INDEX_WRITE_UNITS),
                longs(BATCHES), doubles(HANDLER_MILLIS));
    }

    /** From now on, remembers every request {@code functionId} makes, as JSON for the floor launcher. */
    public static void record(String functionId) {
        recorded = JsonNodeFactory.instance.arrayNode();
        recordedFunction = functionId;
    }

    public static ArrayNode stopRecording() {
        recordedFunction = null;
        return recorded;
    }

    @Override
    public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
        SdkRequest request = context.request();
        if (Boolean.TRUE.equals(attributes.getAttribute(HARNESS))) {
            return request;
        }
        String function = LocalStack.currentFunction();
        String origin = function == null ? EVENT_SOURCE : function;
        attributes.putAttribute(ORIGIN, origin);
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        String service = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME);
        if (origin.equals(recordedFunction)) {
            ObjectNode call = recorded.addObject();
            call.put("service", service);
            call.put("operation", operation);
            call.put("requestClass", request.getClass().getName());
            call.set("request", RequestJson.write((SdkPojo) request));
        }
        add(CALLS, origin + " " + service + ":" + operation);
        if (service.equals("Sqs") && operation.equals("DeleteMessageBatch") && RECEIVED_AT.get() != null) {
            // The event source deletes a batch once the handler returned: receive-to-delete is the invocation.
            double millis = (System.nanoTime() - RECEIVED_AT.get()) / 1e6;
            HANDLER_MILLIS.computeIfAbsent(RECEIVED_FROM.get(), k -> new DoubleAdder()).add(millis);
            RECEIVED_AT.remove();
        }
        if (service.equals("DynamoDb")) {
            return askForCapacity(request, attributes);
        }
        return request;
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        String origin = attributes.getAttribute(ORIGIN);
        if (origin == null) {
            return;
        }
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        SdkResponse response = context.response();
        if (operation.equals("ReceiveMessage")) {
            List<?> messages = response.getValueForField("Messages", List.class).orElse(List.of());
            if (!messages.isEmpty()) {
                String url = context.request().getValueForField("QueueUrl", String.class).orElse("?");
                String queue = url.substring(url.lastIndexOf('/') + 1);
                add(BATCHES, queue);
                RECEIVED_AT.set(System.nanoTime());
                RECEIVED_FROM.set(queue);
            }
            return;
        }
        if (!Boolean.TRUE.equals(attributes.getAttribute(ASKED_CAPACITY))) {
            return;
        }
        String key = origin + " DynamoDb:" + operation;
        double units = reportedUnits(response);
        if (Double.isNaN(units)) {
            // dynalite reports no capacity for Query and Scan: reckon it from the items read, as DynamoDB does.
            units = readUnits(response, context.request());
        }
        add(READS.contains(operation) ? READ_UNITS : WRITE_UNITS, key, units);
        if (countIndexWrites && !READS.contains(operation)) {
            add(INDEX_WRITE_UNITS, key, IndexWrites.of(operation, context.request()));
        }
    }

    private static SdkRequest askForCapacity(SdkRequest request, ExecutionAttributes attributes) {
        if (request.getValueForField("ReturnConsumedCapacity", String.class).isPresent()) {
            return request;
        }
        for (SdkField<?> field : request.sdkFields()) {
            if (field.memberName().equals("ReturnConsumedCapacity")) {
                SdkRequest.Builder builder = request.toBuilder();
                field.set(builder, "TOTAL");
                attributes.putAttribute(ASKED_CAPACITY, true);
                return builder.build();
            }
        }
        return request;
    }

    private static double reportedUnits(SdkResponse response) {
        Object capacity = response.getValueForField("ConsumedCapacity", Object.class).orElse(null);
        if (capacity instanceof ConsumedCapacity single && single.capacityUnits() != null) {
            return single.capacityUnits();
        }
        if (capacity instanceof List<?> list && !list.isEmpty()) {
            return list.stream().mapToDouble(c -> {
                Double units = ((ConsumedCapacity) c).capacityUnits();
                return units == null ? 0 : units;
            }).sum();
        }
        return Double.NaN;
    }

    /** Read units of a Query or Scan: the items' total size in 4 KB units, halved when eventually consistent. */
    private static double readUnits(SdkResponse response, SdkRequest request) {
        List<?> items = response.getValueForField("Items", List.class).orElse(List.of());
        long bytes = 0;
        for (Object item : items) {
            @SuppressWarnings("unchecked")
            Map<String, AttributeValue> attributes = (Map<String, AttributeValue>) item;
            bytes += ItemSize.of(attributes);
        }
        double units = Math.max(1, Math.ceil(bytes / 4096.0));
        boolean consistent = request.getValueForField("ConsistentRead", Boolean.class).orElse(false);
        return consistent ? units : units / 2;
    }

    private static void add(ConcurrentMap<String, LongAdder> counts, String key) {
        counts.computeIfAbsent(key, k -> new LongAdder()).increment();
    }

    private static void add(ConcurrentMap<String, DoubleAdder> sums, String key, double value) {
        sums.computeIfAbsent(key, k -> new DoubleAdder()).add(value);
    }

    private static Map<String, Long> longs(Map<String, LongAdder> counts) {
        Map<String, Long> copy = new TreeMap<>();
        counts.forEach((k, v) -> copy.put(k, v.sum()));
        return copy;
    }

    private static Map<String, Double> doubles(Map<String, DoubleAdder> sums) {
        Map<String, Double> copy = new TreeMap<>();
        sums.forEach((k, v) -> copy.put(k, v.sum()));
        return copy;
    }
}
