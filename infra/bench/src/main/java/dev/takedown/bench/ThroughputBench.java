package dev.takedown.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

/**
 * Measurement 4, pipeline throughput: 10,000 ACTIONED items over 100 notices through the local stack; then the
 * emulator's own ceiling, single-item conditional PutItems from several threads against the same dynalite.
 */
public final class ThroughputBench {
    private static final int NOTICES = 100;
    private static final int ITEMS_PER_NOTICE = 100;
    private static final int SUBMITTERS = 4;
    private static final int WARM_UP_ITEMS = 1_000;
    private static final int CEILING_THREADS = 8;
    private static final long CEILING_MILLIS = 15_000;

    private ThroughputBench() {
    }

    public static void main(String[] args) throws Exception {
        String report;
        try (PipelineStack pipeline = new PipelineStack()) {
            // Long enough for the JIT to compile the hot paths: the figure is the steady state, not the warm-up.
            RequestsPerItemBench.run(pipeline, "warm-", WARM_UP_ITEMS);
            List<List<String>> notices = new ArrayList<>();
            for (int n = 0; n < NOTICES; n++) {
                notices.add(Bench.addListings(pipeline.dynamo, "tp" + n + "-", ITEMS_PER_NOTICE));
            }
            AwsCalls.countIndexWrites(false);
            AwsCalls.reset();
            Map<String, Long> acceptedAt = new ConcurrentHashMap<>();
            ExecutorService submitters = Executors.newFixedThreadPool(SUBMITTERS);
            long start = System.currentTimeMillis();
            List<Future<?>> posts = new ArrayList<>();
            for (List<String> listings : notices) {
                String body = Bench.noticeBody(listings);
                posts.add(submitters.submit(() -> acceptedAt.put(Bench.submit(pipeline.api(), body), System.currentTimeMillis())));
            }
            for (Future<?> post : posts) {
                post.get();
            }
            submitters.shutdown();
            pipeline.awaitSettled(List.copyOf(acceptedAt.keySet()), 1_800_000);
            AwsCalls.Tally tally = AwsCalls.tally();

            List<Double> latencies = new ArrayList<>();
            long lastDecision = 0;
            long actioned = 0;
            for (Map.Entry<String, Long> notice : acceptedAt.entrySet()) {
                for (Map<String, AttributeValue> item : pipeline.items(notice.getKey())) {
                    long decidedAt = Instant.parse(item.get("decidedAt").s()).toEpochMilli();
                    latencies.add((double) (decidedAt - notice.getValue()));
                    lastDecision = Math.max(lastDecision, decidedAt);
                    actioned += item.get("status").s().equals("ACTIONED") ? 1 : 0;
                }
            }
            int items = NOTICES * ITEMS_PER_NOTICE;
            double itemsPerSecond = items / ((lastDecision - start) / 1000.0);
            double writeUnitsPerItem = tally.writeUnits().values().stream().mapToDouble(Double::doubleValue).sum() / items;
            double ceilingWrites = ceiling(pipeline.dynamo);
            double ceilingItems = ceilingWrites / writeUnitsPerItem;
            report = String.format(Locale.ROOT, """
                    | Figure | Result |
                    |---|---:|
                    | Items (ACTIONED) | %d (%d) over %d notices, %d POSTs at a time |
                    | Pipeline: items decided per second | %.1f |
                    | 202 to decision, median (ms) | %.0f |
                    | 202 to decision, p99 (ms) | %.0f |
                    | Emulator ceiling: conditional PutItems per second (%d threads) | %.0f |
                    | Pipeline DynamoDB write units per item (this run, table only) | %.2f |
                    | Ceiling in items per second (writes/s / writes per item) | %.1f |
                    | Pipeline / ceiling | %.0f%% |
                    """, items, actioned, NOTICES, SUBMITTERS, itemsPerSecond, Bench.median(latencies),
                    Bench.percentile(latencies, 99), CEILING_THREADS, ceilingWrites, writeUnitsPerItem, ceilingItems,
                    100 * itemsPerSecond / ceilingItems);
        }
        Bench.report("throughput", report);
        System.exit(0);
    }

    /** Single-item PutItems with a condition, from several threads, for a fixed time: writes per second. */
    private static double ceiling(DynamoDbClient dynamo) throws InterruptedException {
        String table = "CeilingTable";
        dynamo.createTable(r -> r.tableName(table).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(a -> a.attributeName("id").attributeType(ScalarAttributeType.S))
                .keySchema(k -> k.attributeName("id").keyType(KeyType.HASH)));
        while (dynamo.describeTable(r -> r.tableName(table)).table().tableStatus() != TableStatus.ACTIVE) {
            Bench.sleep(100);
        }
        AtomicLong writes = new AtomicLong();
        long end = System.currentTimeMillis() + CEILING_MILLIS;
        ExecutorService threads = Executors.newFixedThreadPool(CEILING_THREADS);
        IntStream.range(0, CEILING_THREADS).forEach(t -> threads.submit(() -> {
            for (long i = 0; System.currentTimeMillis() < end; i++) {
                String id = t + "-" + i;
                dynamo.putItem(r -> r.tableName(table).conditionExpression("attribute_not_exists(id)")
                        .item(Map.of("id", AttributeValue.fromS(id), "status", AttributeValue.fromS("ACTIONED"),
                                "title", AttributeValue.fromS("ACME rocket skates " + id))));
                writes.incrementAndGet();
            }
        }));
        threads.shutdown();
        threads.awaitTermination(CEILING_MILLIS + 60_000, TimeUnit.MILLISECONDS);
        return writes.get() / (CEILING_MILLIS / 1000.0);
    }
}
