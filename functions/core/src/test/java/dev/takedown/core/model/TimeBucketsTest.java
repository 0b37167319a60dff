package dev.takedown.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class TimeBucketsTest {
    @Test
    void everyDurationLiesInsideItsBucketsBounds() {
        for (long millis : new long[] {0, 9, 10, 11, 12, 100, 999, 1_000, 60_000, 3_600_000, 86_400_000L,
                30L * 86_400_000, 399L * 86_400_000}) {
            int bucket = TimeBuckets.of(Duration.ofMillis(millis));
            assertThat((double) millis).as(millis + " ms in bucket " + bucket)
                    .isGreaterThanOrEqualTo(TimeBuckets.lowerMillis(bucket))
                    .isLessThan(TimeBuckets.lowerMillis(bucket + 1));
        }
        assertThat(TimeBuckets.of(Duration.ofDays(10_000))).isEqualTo(TimeBuckets.LAST);
    }

    @Test
    void theMedianAndNinetiethPercentileComeOutWithinTenPercent() {
        Random random = new Random(42);
        for (int trial = 0; trial < 50; trial++) {
            List<Long> millis = new ArrayList<>();
            Map<Integer, Long> buckets = new TreeMap<>();
            int n = 1 + random.nextInt(2_000);
            for (int i = 0; i < n; i++) {
                // From tens of milliseconds (automated) to weeks (staff), spread over orders of magnitude.
                long duration = (long) Math.pow(10, 1 + random.nextDouble() * 8);
                millis.add(duration);
                buckets.merge(TimeBuckets.of(Duration.ofMillis(duration)), 1L, Long::sum);
            }
            Collections.sort(millis);
            for (double q : new double[] {0.5, 0.9}) {
                long exact = millis.get((int) Math.ceil(q * n) - 1);
                long estimate = TimeBuckets.quantile(buckets, q).toMillis();
                assertThat((double) estimate).as("q " + q + " of " + n).isCloseTo(exact, within(exact * 0.10 + 1));
            }
        }
    }

    @Test
    void noDurationsHaveNoQuantile() {
        assertThat(TimeBuckets.quantile(Map.of(), 0.5)).isNull();
    }

    @Test
    void bucketNamesSortAsTheirBucketsAndReadBack() {
        assertThat(TimeBuckets.name(7)).isEqualTo("b007");
        assertThat(TimeBuckets.parse(Figures.decisionTime(Figures.DecidedBy.STAFF, 123))).isEqualTo(123);
        Figures figures = Figures.builder().count(Figures.decisionTime(Figures.DecidedBy.STAFF, 3))
                .add(Figures.decisionTime(Figures.DecidedBy.STAFF, 3), 2)
                .count(Figures.decisionTime(Figures.DecidedBy.AUTOMATED, 9)).build();
        assertThat(TimeBuckets.histogram(figures, Figures.DECISION_TIME + ".STAFF")).containsExactly(Map.entry(3, 3L));
    }

    @Test
    void figuresAddUpAndDropWhatComesToZero() {
        Figures a = Figures.builder().count(Figures.NOTICES_RECEIVED).add(Figures.STRIKES_VOIDED, 2).build();
        Figures b = Figures.builder().add(Figures.STRIKES_VOIDED, -2).count("noticesReceived.reason.COPYRIGHT").build();
        Figures sum = a.plus(b);
        assertThat(sum.counts()).containsOnlyKeys(Figures.NOTICES_RECEIVED, "noticesReceived.reason.COPYRIGHT");
        assertThat(sum.sum(Figures.NOTICES_RECEIVED)).isEqualTo(2);
        assertThat(sum.get(Figures.STRIKES_VOIDED)).isZero();
    }
}
