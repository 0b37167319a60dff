package dev.takedown.core.model;

import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * The transparency figures of one day (or of a period, added up), counted when the events happen: each a named
 * counter, kept only where it is not zero. A figure's name says what it counts and how it is broken down, for
 * instance {@code itemsDecided.AUTOMATED.ACTIONED.BRAND_MATCH}; the names below are the only ones there are.
 *
 * <p>The platform keeps one set a day, and each rightholder one of its own notices.
 */
public record Figures(Map<String, Long> counts) {
    public static final Figures NONE = new Figures(Map.of());

    public static final String NOTICES_RECEIVED = "noticesReceived";
    public static final String ITEMS_RECEIVED = "itemsReceived";
    public static final String ITEMS_DECIDED = "itemsDecided";
    public static final String DECISION_TIME = "decisionTime";
    public static final String COUNTER_NOTICES_FILED = "counterNotices.filed";
    public static final String COUNTER_NOTICES_UPHELD = "counterNotices.upheld";
    public static final String COUNTER_NOTICES_RESTORED = "counterNotices.restored";
    public static final String COMPLAINTS_FILED = "complaints.filed";
    public static final String COMPLAINTS_DECIDED = "complaints.decided";
    public static final String COMPLAINT_HANDLING_TIME = "complaintHandlingTime";
    public static final String ITEMS_WITHDRAWN = "items.WITHDRAWN";
    public static final String ITEMS_RETRACTED = "items.RETRACTED";
    public static final String STRIKES_ESTABLISHED = "strikes.established";
    public static final String STRIKES_VOIDED = "strikes.voided";
    public static final String SELLERS = "sellers";
    public static final String SENDERS = "senders";

    /** Who made a decision: the rules by themselves, or a member of staff. */
    public enum DecidedBy {
        AUTOMATED,
        STAFF
    }

    /** How a counter-notice ended with the listing back: the rightholder accepted it, or let its deadline pass. */
    public enum Restoration {
        ACCEPTED,
        UNANSWERED
    }

    public Figures {
        counts = Collections.unmodifiableMap(new TreeMap<>(counts));
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The count of one figure; zero when it was never counted. */
    public long get(String name) {
        return counts.getOrDefault(name, 0L);
    }

    public boolean isEmpty() {
        return counts.isEmpty();
    }

    public Figures plus(Figures other) {
        Builder sum = new Builder();
        counts.forEach(sum::add);
        other.counts.forEach(sum::add);
        return sum.build();
    }

    /** The sum of every figure whose name starts with {@code prefix} followed by a dot (or is {@code prefix}). */
    public long sum(String prefix) {
        long sum = 0;
        for (Map.Entry<String, Long> count : counts.entrySet()) {
            if (count.getKey().equals(prefix) || count.getKey().startsWith(prefix + ".")) {
                sum += count.getValue();
            }
        }
        return sum;
    }

    public static String noticesByReason(NoticeReason reason) {
        return NOTICES_RECEIVED + ".reason." + reason.name();
    }

    public static String noticesByRightType(RightType type) {
        return NOTICES_RECEIVED + ".rightType." + type.name();
    }

    /** Notices by the sender's tier when they arrived: {@code TRUSTED} or not. */
    public static String noticesBySender(boolean trusted) {
        return NOTICES_RECEIVED + ".sender." + (trusted ? "TRUSTED" : "STANDARD");
    }

    /** An item settled: who decided, what it came to and by which rule. */
    public static String itemDecided(DecidedBy by, ItemStatus status, DecisionRule rule) {
        return ITEMS_DECIDED + "." + by.name() + "." + status.name() + "." + rule.name();
    }

    /** One decision's time from the notice's receipt, in its {@link TimeBuckets} bucket. */
    public static String decisionTime(DecidedBy by, int bucket) {
        return DECISION_TIME + "." + by.name() + "." + TimeBuckets.name(bucket);
    }

    public static String counterNoticesRestored(Restoration how) {
        return COUNTER_NOTICES_RESTORED + "." + how.name();
    }

    /** A complaint filed by {@code from}: RIGHTHOLDER or SELLER. */
    public static String complaintsFiled(String from) {
        return COMPLAINTS_FILED + "." + from;
    }

    /** A complaint decided: from whom, and UPHOLD or REVERSE. */
    public static String complaintsDecided(String from, String decision) {
        return COMPLAINTS_DECIDED + "." + from + "." + decision;
    }

    public static String complaintHandlingTime(int bucket) {
        return COMPLAINT_HANDLING_TIME + "." + TimeBuckets.name(bucket);
    }

    /** A seller's standing changed to {@code standing} (WARNED, RESTRICTED, SUSPENDED, GOOD_STANDING). */
    public static String sellers(String standing) {
        return SELLERS + "." + standing;
    }

    /** A sender's (rightholder's) standing changed to {@code standing} (WARNED, SUSPENDED), DSA Art. 23. */
    public static String senders(String standing) {
        return SENDERS + "." + standing;
    }

    /** Counts added up, a figure at a time. */
    public static final class Builder {
        private final Map<String, Long> counts = new TreeMap<>();

        private Builder() {
        }

        public Builder add(String name, long count) {
            long sum = counts.getOrDefault(name, 0L) + count;
            if (sum == 0) {
                counts.remove(name);
            } else {
                counts.put(name, sum);
            }
            return this;
        }

        public Builder count(String name) {
            return add(name, 1);
        }

        /** An item decided: by whom, what it came to and by which rule, and how long after the notice's receipt. */
        public Builder decided(NoticeItem item, Duration sinceReceipt) {
            DecidedBy by = item.decision().automated() ? DecidedBy.AUTOMATED : DecidedBy.STAFF;
            return count(itemDecided(by, item.status(), item.decision().rule()))
                    .count(decisionTime(by, TimeBuckets.of(sinceReceipt)));
        }

        public Figures build() {
            return new Figures(counts);
        }
    }
}
