package dev.takedown.bench;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Measurement 2, AWS requests per item: notices of 1, 10, 100 and 1,000 items whose every listing verifies as
 * ACTIONED go the whole way through the local stack; every AWS call the functions and the SQS event source make
 * is counted by operation, with the DynamoDB capacity it consumed, and priced for 1,000 items.
 */
public final class RequestsPerItemBench {
    static final int[] SIZES = {1, 10, 100, 1000};
    // us-east-1 on-demand list prices (USD); DynamoDB's since its 2024-11-01 price cut.
    static final double WRITE_UNIT = 0.625 / 1e6;
    static final double READ_UNIT = 0.125 / 1e6;
    static final double SQS_REQUEST = 0.40 / 1e6;
    static final double LAMBDA_REQUEST = 0.20 / 1e6;
    static final double LAMBDA_GB_SECOND = 0.0000133334;
    static final double API_REQUEST = 3.50 / 1e6;
    /** The authorizer's duration is not observable in the local stack; this is assumed. */
    static final double AUTHORIZER_MILLIS = 10;
    /** The template's MemorySize: 1,024 MB from Globals, 512 MB for the authorizer. */
    static final double FUNCTION_GB = 1.0;
    static final double AUTHORIZER_GB = 0.5;

    /** One notice's figures. */
    record Run(int items, long actioned, AwsCalls.Tally tally, int webhooks, double postMillis, double settleMillis) {
        long calls(String filter) {
            return tally.calls().entrySet().stream().filter(e -> e.getKey().contains(filter)).mapToLong(Map.Entry::getValue).sum();
        }

        double sum(Map<String, Double> values) {
            return values.values().stream().mapToDouble(Double::doubleValue).sum();
        }

        long verifierBatches() {
            return batches("VerificationQueue") + batches("PriorityVerificationQueue");
        }

        long batches(String queue) {
            return tally.batchesByQueue().getOrDefault(queue, 0L);
        }

        /** Requests billed by SQS: the functions' own, and the event source's receives that returned work and deletes. */
        long sqsRequests() {
            long functions = tally.calls().entrySet().stream()
                    .filter(e -> e.getKey().contains(" Sqs:") && !e.getKey().startsWith(AwsCalls.EVENT_SOURCE))
                    .mapToLong(Map.Entry::getValue).sum();
            return functions + verifierBatches() + batches("NotificationQueue")
                    + calls(AwsCalls.EVENT_SOURCE + " Sqs:DeleteMessageBatch");
        }

        long invocations() {
            return 2 + verifierBatches() + batches("NotificationQueue");
        }

        double writeUnits() {
            return sum(tally.writeUnits());
        }

        double writeUnitsWithIndexes() {
            return sum(tally.writeUnits()) + sum(tally.indexWriteUnits());
        }

        double readUnits() {
            return sum(tally.readUnits());
        }

        /** GB-seconds: intake billed for the whole POST, the authorizer assumed, SQS-triggered ones measured. */
        double gbSeconds() {
            double sqsMillis = tally.handlerMillisByQueue().values().stream().mapToDouble(Double::doubleValue).sum();
            return (postMillis + sqsMillis) / 1000 * FUNCTION_GB + AUTHORIZER_MILLIS / 1000 * AUTHORIZER_GB;
        }
    }

    private RequestsPerItemBench() {
    }

    public static void main(String[] args) {
        StringBuilder report = new StringBuilder();
        try (PipelineStack pipeline = new PipelineStack()) {
            // Warm every handler first: the figures are for running containers.
            run(pipeline, "warm-", 10);
            Run[] runs = new Run[SIZES.length];
            for (int i = 0; i < SIZES.length; i++) {
                runs[i] = run(pipeline, "req" + SIZES[i] + "-", SIZES[i]);
                System.err.println("notice of " + SIZES[i] + " items: " + runs[i].tally());
            }
            report.append(summary(runs)).append('\n').append(breakdown(runs[runs.length - 1])).append('\n')
                    .append(cost(runs[runs.length - 1]));
        }
        Bench.report("requests", report.toString());
        System.exit(0);
    }

    static Run run(PipelineStack pipeline, String prefix, int size) {
        List<String> listings = Bench.addListings(pipeline.dynamo, prefix, size);
        int webhooksBefore = pipeline.webhooksReceived();
        AwsCalls.reset();
        long start = System.nanoTime();
        String noticeId = Bench.submit(pipeline.api(), Bench.noticeBody(listings));
        double postMillis = (System.nanoTime() - start) / 1e6;
        pipeline.awaitSettled(List.of(noticeId), 600_000);
        double settleMillis = (System.nanoTime() - start) / 1e6;
        AwsCalls.Tally tally = AwsCalls.tally();
        return new Run(size, pipeline.actioned(noticeId), tally, pipeline.webhooksReceived() - webhooksBefore,
                postMillis, settleMillis);
    }

    private static String summary(Run[] runs) {
        StringBuilder table = new StringBuilder("| Per item | ");
        for (Run run : runs) {
            table.append(run.items()).append(run.items() == 1 ? " item | " : " items | ");
        }
        table.append('\n').append("|---|").append("---:|".repeat(runs.length)).append('\n');
        row(table, "Items ACTIONED (of items)", runs, r -> r.actioned() + "/" + r.items());
        row(table, "DynamoDB requests", runs, r -> f(r.calls(" DynamoDb:") / (double) r.items()));
        row(table, "DynamoDB write units (table, reported by dynalite)", runs, r -> f(r.writeUnits() / r.actioned()));
        row(table, "DynamoDB write units incl. index writes (estimated)", runs, r -> f(r.writeUnitsWithIndexes() / r.actioned()));
        row(table, "DynamoDB read units", runs, r -> f(r.readUnits() / r.actioned()));
        row(table, "SQS requests (functions + event source)", runs, r -> f(r.sqsRequests() / (double) r.items()));
        row(table, "Lambda invocations", runs, r -> f(r.invocations() / (double) r.items()));
        row(table, "  of which verifier / notifier", runs, r -> r.verifierBatches() + " / " + r.batches("NotificationQueue") + " in total");
        row(table, "Webhook deliveries per notice", runs, r -> Integer.toString(r.webhooks()));
        row(table, "POST to settled (ms, whole notice)", runs, r -> String.format(Locale.ROOT, "%.0f", r.settleMillis()));
        return table.toString();
    }

    private static String breakdown(Run run) {
        StringBuilder table = new StringBuilder("Calls of the " + run.items() + "-item notice, by caller and operation (per item):\n\n"
                + "| Caller and operation | Calls | Per item | Read units / item | Write units / item (table + est. index) |\n"
                + "|---|---:|---:|---:|---:|\n");
        run.tally().calls().forEach((key, calls) -> table.append(String.format(Locale.ROOT, "| %s | %d | %s | %s | %s |%n",
                key, calls, f(calls / (double) run.items()),
                f(run.tally().readUnits().getOrDefault(key, 0.0) / run.items()),
                f((run.tally().writeUnits().getOrDefault(key, 0.0) + run.tally().indexWriteUnits().getOrDefault(key, 0.0)) / run.items()))));
        long received = run.verifierBatches() + run.batches("NotificationQueue");
        table.append(String.format(Locale.ROOT, "%nOf the event source's ReceiveMessage calls, %d returned messages; the rest were "
                + "empty polls, which depend on idle time and are left out of the per-item SQS figure.%n", received));
        return table.toString();
    }

    private static String cost(Run run) {
        double per1000 = 1000.0 / run.items();
        double writes = run.writeUnitsWithIndexes() * per1000;
        double reads = run.readUnits() * per1000;
        double sqs = run.sqsRequests() * per1000;
        double invocations = run.invocations() * per1000;
        double gbSeconds = run.gbSeconds() * per1000;
        double api = per1000;
        double total = writes * WRITE_UNIT + reads * READ_UNIT + sqs * SQS_REQUEST + invocations * LAMBDA_REQUEST
                + gbSeconds * LAMBDA_GB_SECOND + api * API_REQUEST;
        return String.format(Locale.ROOT, """
                Cost per 1,000 items (from the %d-item notice):

                | Service | Quantity per 1,000 items | Price | Cost (USD) |
                |---|---:|---|---:|
                | DynamoDB writes | %.1f WRU | $0.625 per million | %.1f x 0.625e-6 = %.6f |
                | DynamoDB reads | %.1f RRU | $0.125 per million | %.1f x 0.125e-6 = %.6f |
                | SQS | %.1f requests | $0.40 per million | %.1f x 0.40e-6 = %.6f |
                | Lambda requests | %.1f invocations | $0.20 per million | %.1f x 0.20e-6 = %.6f |
                | Lambda duration | %.2f GB-s | $0.0000133334 per GB-s (arm64) | %.2f x 0.0000133334 = %.6f |
                | API Gateway (REST) | %.1f requests | $3.50 per million | %.1f x 3.50e-6 = %.6f |
                | **Total** | | | **%.6f** |

                Lambda duration: the intake billed for the whole POST round trip at 1,024 MB, the authorizer assumed
                %.0f ms at 512 MB, verifier and notifier invocations measured from the event source's receive to its
                delete (in the local stack's JVM) at 1,024 MB.
                """, run.items(), writes, writes, writes * WRITE_UNIT, reads, reads, reads * READ_UNIT, sqs, sqs, sqs * SQS_REQUEST,
                invocations, invocations, invocations * LAMBDA_REQUEST, gbSeconds, gbSeconds, gbSeconds * LAMBDA_GB_SECOND,
                api, api, api * API_REQUEST, total, AUTHORIZER_MILLIS);
    }

    private static void row(StringBuilder table, String name, Run[] runs, Function<Run, String> value) {
        table.append("| ").append(name).append(" | ");
        for (Run run : runs) {
            table.append(value.apply(run)).append(" | ");
        }
        table.append('\n');
    }

    private static String f(double value) {
        return String.format(Locale.ROOT, "%.3f", value);
    }
}
