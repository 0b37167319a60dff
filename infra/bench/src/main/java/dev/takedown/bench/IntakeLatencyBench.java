package dev.takedown.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * Measurement 3, intake latency: POST of a 1,000-item notice on the local stack, timed from sending the request
 * to the 202. Between POSTs the previous notice is left to settle, so each one meets an idle stack.
 */
public final class IntakeLatencyBench {
    private static final int ITEMS = 1000;
    private static final int WARM_UP = 3;

    private IntakeLatencyBench() {
    }

    public static void main(String[] args) {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        List<Double> millis = new ArrayList<>();
        try (PipelineStack pipeline = new PipelineStack()) {
            for (int i = 0; i < WARM_UP + runs; i++) {
                int run = i;
                // Listing ids nobody sells: the notice is verified (NOT_FOUND) quickly and never counts as a duplicate.
                List<String> listings = IntStream.range(0, ITEMS).mapToObj(n -> "lat" + run + "-" + n).toList();
                String body = Bench.noticeBody(listings);
                long start = System.nanoTime();
                String noticeId = Bench.submit(pipeline.api(), body);
                double elapsed = (System.nanoTime() - start) / 1e6;
                if (i >= WARM_UP) {
                    millis.add(elapsed);
                }
                pipeline.awaitSettled(List.of(noticeId), 600_000);
            }
        }
        Bench.report("intake", String.format(Locale.ROOT, """
                | POST of a %d-item notice | ms |
                |---|---:|
                | median | %.0f |
                | p99 | %.0f |
                | min | %.0f |
                | max | %.0f |

                %d runs after %d warm-up POSTs; each (ms): %s
                """, ITEMS, Bench.median(millis), Bench.percentile(millis, 99), Bench.percentile(millis, 0),
                Bench.percentile(millis, 100), runs, WARM_UP,
                millis.stream().map(m -> String.format(Locale.ROOT, "%.0f", m)).toList()));
        System.exit(0);
    }
}
