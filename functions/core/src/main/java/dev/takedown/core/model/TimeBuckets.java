package dev.takedown.core.model;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Fixed buckets for durations (receipt to decision, complaint to answer), so that a period's median and 90th
 * percentile come out of a few counters per day: bucket 0 holds everything under 10 ms, and bucket {@code b >= 1}
 * the durations from {@code 10 ms * 1.15^(b-1)} up to {@code 10 ms * 1.15^b}. A quantile is estimated by the
 * geometric middle of its bucket, at most {@code sqrt(1.15) - 1} (7.2%) from any duration in it.
 */
public final class TimeBuckets {
    static final double FIRST_MILLIS = 10;
    static final double RATIO = 1.15;
    /** The last bucket holds everything from about 520 days on. */
    static final int LAST = 160;

    private TimeBuckets() {
    }

    public static int of(Duration duration) {
        double millis = Math.max(0, duration.toMillis());
        if (millis < FIRST_MILLIS) {
            return 0;
        }
        int bucket = 1 + (int) Math.floor(Math.log(millis / FIRST_MILLIS) / Math.log(RATIO));
        // Floating point can put a bucket's lower bound just below it: check against the bounds themselves.
        while (bucket > 1 && millis < lowerMillis(bucket)) {
            bucket--;
        }
        while (bucket < LAST && millis >= lowerMillis(bucket + 1)) {
            bucket++;
        }
        return Math.min(bucket, LAST);
    }

    /** A bucket as figures name it: {@code b000} to {@code b160}, in order as text too. */
    public static String name(int bucket) {
        return "b" + String.format(Locale.ROOT, "%03d", bucket);
    }

    /** The bucket a figure's name ends with, or -1. */
    public static int parse(String name) {
        int at = name.lastIndexOf(".b");
        if (at < 0 || name.length() - at != 5) {
            return -1;
        }
        try {
            return Integer.parseInt(name.substring(at + 2));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    static double lowerMillis(int bucket) {
        return bucket == 0 ? 0 : FIRST_MILLIS * Math.pow(RATIO, bucket - 1);
    }

    /** The duration a bucket stands for: its geometric middle (5 ms for bucket 0). */
    static Duration estimate(int bucket) {
        double millis = bucket == 0 ? FIRST_MILLIS / 2 : Math.sqrt(lowerMillis(bucket) * lowerMillis(bucket + 1));
        return Duration.ofMillis(Math.round(millis));
    }

    /**
     * The duration below which a share {@code q} (0.5 for the median, 0.9 for the 90th percentile) of the counted
     * durations lie, from counts by bucket; null when nothing was counted.
     */
    public static Duration quantile(Map<Integer, Long> countsByBucket, double q) {
        long total = countsByBucket.values().stream().mapToLong(Long::longValue).sum();
        if (total == 0) {
            return null;
        }
        // The rank of the quantile among the durations in order, 1-based (nearest-rank method).
        long rank = Math.max(1, (long) Math.ceil(q * total));
        long seen = 0;
        for (Map.Entry<Integer, Long> bucket : new TreeMap<>(countsByBucket).entrySet()) {
            seen += bucket.getValue();
            if (seen >= rank) {
                return estimate(bucket.getKey());
            }
        }
        throw new IllegalStateException("unreachable: the ranks end at the total");
    }

    /** The counts by bucket of the figures named {@code prefix.bNNN}. */
    public static Map<Integer, Long> histogram(Figures figures, String prefix) {
        Map<Integer, Long> buckets = new TreeMap<>();
        figures.counts().forEach((name, count) -> {
            if (name.startsWith(prefix + ".b")) {
                int bucket = parse(name);
                if (bucket >= 0) {
                    buckets.merge(bucket, count, Long::sum);
                }
            }
        });
        return buckets;
    }
}
