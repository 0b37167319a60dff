package dev.takedown.core.transparency;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.takedown.core.json.Json;
import dev.takedown.core.model.DecisionRule;
import dev.takedown.core.model.Figures;
import dev.takedown.core.model.Figures.DecidedBy;
import dev.takedown.core.model.Figures.Restoration;
import dev.takedown.core.model.ItemStatus;
import dev.takedown.core.model.NoticeReason;
import dev.takedown.core.model.RightType;
import dev.takedown.core.model.TimeBuckets;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The platform's transparency report for a period: its {@link Figures} added up over the days {@code from} to
 * {@code to} (both included, UTC), as JSON or as CSV.
 *
 * <p>The JSON holds {@code from} and {@code to}, then the sections {@code notices}, {@code decisions},
 * {@code redress} and {@code measures}, each a count where nothing else is said. Times are seconds to the
 * millisecond, estimated by {@link TimeBuckets} (within about 7%); shares and rates are decimals with 4 places.
 * A time or share with nothing to go on is null. Items are the listings a notice names: a notice may name several,
 * so decisions and takedowns are counted by item, notices by notice.
 *
 * <p>Its last section, {@code dsa}, names the figures Art. 15(1) and 24(1) of the Digital Services Act (Regulation
 * (EU) 2022/2065) ask a hosting service's report for; each is a copy of a value in the sections above:
 * <ul>
 *   <li>{@code art15_1_b_noticesByTypeOfIllegalContent}: Art. 15(1)(b), notices by type of alleged illegal content,
 *       both by the notice's reason and by the type of right it relies on;</li>
 *   <li>{@code art15_1_b_noticesFromTrustedFlaggers}: Art. 15(1)(b), notices from senders of the platform's TRUSTED
 *       tier (see the section's {@code notes}: not Art. 22 trusted flaggers);</li>
 *   <li>{@code art15_1_b_actionsTaken}: Art. 15(1)(b), items taken down;</li>
 *   <li>{@code art15_1_b_noticesProcessedByAutomatedMeans}: Art. 15(1)(b), items decided by the rules alone;</li>
 *   <li>{@code art15_1_b_medianTimeToTakeAction}: Art. 15(1)(b), median seconds from a notice's receipt to the
 *       decision on an item, over all decisions;</li>
 *   <li>{@code art15_1_d_complaintsReceived}: Art. 15(1)(d), complaints filed;</li>
 *   <li>{@code art15_1_d_complaintBasis}: Art. 15(1)(d), complaints filed by rightholders (against a rejection)
 *       and by sellers (against a takedown);</li>
 *   <li>{@code art15_1_d_decisionsTaken}: Art. 15(1)(d), complaints decided, the decision upheld or reversed;</li>
 *   <li>{@code art15_1_d_medianTimeToDecide}: Art. 15(1)(d), median seconds to decide a complaint;</li>
 *   <li>{@code art15_1_d_decisionsReversed}: Art. 15(1)(d), complaints on which the decision was reversed;</li>
 *   <li>{@code art24_1_a_outOfCourtDisputes}: Art. 24(1)(a), disputes before out-of-court settlement bodies:
 *       always null, as this system records none;</li>
 *   <li>{@code art24_1_b_suspensions}: Art. 24(1)(b), suspensions under Art. 23: of sellers, for manifestly illegal
 *       content (repeated infringement), and of senders, for manifestly unfounded notices;</li>
 *   <li>{@code notes}: what a reader of these figures needs to know about them, as sentences.</li>
 * </ul>
 *
 * <p>The CSV holds the same values as rows {@code section,figure,value}: one for each value of the JSON, in its
 * order; the section is the JSON's top-level key, the figure the keys (or array indexes) under it joined with dots,
 * empty for {@code from} and {@code to}, and a null value is empty.
 */
public final class TransparencyReport {
    static final String RIGHTHOLDER = "RIGHTHOLDER";
    static final String SELLER = "SELLER";
    static final String UPHOLD = "UPHOLD";
    static final String REVERSE = "REVERSE";
    static final String MEDIAN_DECISION_TIME = "medianTimeToDecisionSeconds";
    static final String P90_DECISION_TIME = "p90TimeToDecisionSeconds";

    /** The outcomes an item can be settled with, always listed so that periods compare row by row. */
    static final List<ItemStatus> OUTCOMES = List.of(ItemStatus.ACTIONED, ItemStatus.REJECTED, ItemStatus.DUPLICATE,
            ItemStatus.NOT_FOUND, ItemStatus.ALREADY_REMOVED);

    static final String NOTE_TRUSTED_TIER = "Notices from trusted flaggers are those of senders in the platform's"
            + " own TRUSTED tier, which staff grant; it is not the status of trusted flagger a Digital Services"
            + " Coordinator awards under Art. 22.";
    static final String NOTE_BY_ITEM = "Actions taken and notices processed by automated means are counted by item:"
            + " a notice may name several listings, each decided on its own.";
    static final String NOTE_NO_DISPUTES = "Out-of-court disputes (Art. 24(1)(a)) are not recorded by this system.";

    private static final String CSV_HEADER = "section,figure,value";
    private static final String CRLF = "\r\n";

    private TransparencyReport() {
    }

    public static ObjectNode json(LocalDate from, LocalDate to, Figures period) {
        ObjectNode report = Json.object();
        report.put("from", from.toString());
        report.put("to", to.toString());
        report.set("notices", notices(period));
        report.set("decisions", decisions(period));
        report.set("redress", redress(period));
        report.set("measures", measures(period));
        report.set("dsa", dsa(report));
        return report;
    }

    public static String csv(LocalDate from, LocalDate to, Figures period) {
        StringBuilder csv = new StringBuilder(CSV_HEADER).append(CRLF);
        json(from, to, period).properties().forEach(section -> rows(section.getKey(), "", section.getValue(), csv));
        return csv.toString();
    }

    private static ObjectNode notices(Figures period) {
        ObjectNode notices = Json.object();
        notices.put("received", period.get(Figures.NOTICES_RECEIVED));
        ObjectNode byReason = notices.putObject("byReason");
        for (NoticeReason reason : NoticeReason.values()) {
            byReason.put(reason.name(), period.get(Figures.noticesByReason(reason)));
        }
        ObjectNode byRightType = notices.putObject("byRightType");
        for (RightType type : RightType.values()) {
            byRightType.put(type.name(), period.get(Figures.noticesByRightType(type)));
        }
        ObjectNode bySender = notices.putObject("bySender");
        bySender.put("trusted", period.get(Figures.noticesBySender(true)));
        bySender.put("standard", period.get(Figures.noticesBySender(false)));
        notices.put("itemsReceived", period.get(Figures.ITEMS_RECEIVED));
        return notices;
    }

    private static ObjectNode decisions(Figures period) {
        ObjectNode decisions = Json.object();
        decisions.put("itemsDecided", itemsDecided(period, null, null, null));
        decisions.set("byOutcome", byOutcome(period));
        ObjectNode byRule = decisions.putObject("byRule");
        for (DecisionRule rule : DecisionRule.values()) {
            long count = itemsDecided(period, null, null, rule);
            // Most rules never settle an item (they record redress), so only the rules that did are listed.
            if (count > 0) {
                byRule.put(rule.name(), count);
            }
        }
        long automated = itemsDecided(period, DecidedBy.AUTOMATED, null, null);
        long staff = itemsDecided(period, DecidedBy.STAFF, null, null);
        decisions.set("automated", decidedBy(period, DecidedBy.AUTOMATED, automated));
        decisions.set("staff", decidedBy(period, DecidedBy.STAFF, staff));
        decisions.set("automatedShare", rate(automated, automated + staff));
        Map<Integer, Long> all = decisionTimes(period);
        decisions.set(MEDIAN_DECISION_TIME, seconds(TimeBuckets.quantile(all, 0.5)));
        decisions.set(P90_DECISION_TIME, seconds(TimeBuckets.quantile(all, 0.9)));
        decisions.put("itemsActioned", itemsActioned(period));
        return decisions;
    }

    private static ObjectNode decidedBy(Figures period, DecidedBy by, long items) {
        ObjectNode decided = Json.object();
        decided.put("items", items);
        Map<Integer, Long> times = TimeBuckets.histogram(period, Figures.DECISION_TIME + "." + by.name());
        decided.set(MEDIAN_DECISION_TIME, seconds(TimeBuckets.quantile(times, 0.5)));
        decided.set(P90_DECISION_TIME, seconds(TimeBuckets.quantile(times, 0.9)));
        return decided;
    }

    private static ObjectNode redress(Figures period) {
        ObjectNode redress = Json.object();
        redress.set("counterNotices", counterNotices(period));

        ObjectNode complaints = redress.putObject("complaints");
        ObjectNode filed = complaints.putObject("filed");
        filed.put("total", period.sum(Figures.COMPLAINTS_FILED));
        filed.put("byRightholders", period.get(Figures.complaintsFiled(RIGHTHOLDER)));
        filed.put("bySellers", period.get(Figures.complaintsFiled(SELLER)));
        ObjectNode decided = complaints.putObject("decided");
        decided.put("total", period.sum(Figures.COMPLAINTS_DECIDED));
        decided.put("upheld", complaintsDecidedWith(period, UPHOLD));
        decided.put("reversed", complaintsDecidedWith(period, REVERSE));
        decided.set("rightholders", complaintsDecidedFrom(period, RIGHTHOLDER));
        decided.set("sellers", complaintsDecidedFrom(period, SELLER));
        Map<Integer, Long> handling = TimeBuckets.histogram(period, Figures.COMPLAINT_HANDLING_TIME);
        complaints.set("medianHandlingTimeSeconds", seconds(TimeBuckets.quantile(handling, 0.5)));
        complaints.set("p90HandlingTimeSeconds", seconds(TimeBuckets.quantile(handling, 0.9)));

        ObjectNode withdrawals = redress.putObject("withdrawals");
        withdrawals.put("itemsWithdrawn", period.get(Figures.ITEMS_WITHDRAWN));
        withdrawals.put("itemsRetracted", period.get(Figures.ITEMS_RETRACTED));

        redress.put("takedownsReversed", takedownsReversed(period));
        redress.set("reversalRate", reversalRate(period));
        return redress;
    }

    private static ObjectNode complaintsDecidedFrom(Figures period, String from) {
        ObjectNode decided = Json.object();
        decided.put("upheld", period.get(Figures.complaintsDecided(from, UPHOLD)));
        decided.put("reversed", period.get(Figures.complaintsDecided(from, REVERSE)));
        return decided;
    }

    private static long complaintsDecidedWith(Figures period, String decision) {
        return period.get(Figures.complaintsDecided(RIGHTHOLDER, decision))
                + period.get(Figures.complaintsDecided(SELLER, decision));
    }

    private static ObjectNode measures(Figures period) {
        ObjectNode measures = Json.object();
        ObjectNode strikes = measures.putObject("strikes");
        strikes.put("established", period.get(Figures.STRIKES_ESTABLISHED));
        strikes.put("voided", period.get(Figures.STRIKES_VOIDED));
        ObjectNode sellers = measures.putObject("sellers");
        sellers.put("warned", period.get(Figures.sellers("WARNED")));
        sellers.put("restricted", period.get(Figures.sellers("RESTRICTED")));
        sellers.put("suspended", period.get(Figures.sellers("SUSPENDED")));
        sellers.put("reinstated", period.get(Figures.sellers("GOOD_STANDING")));
        ObjectNode senders = measures.putObject("senders");
        senders.put("warned", period.get(Figures.senders("WARNED")));
        senders.put("suspended", period.get(Figures.senders("SUSPENDED")));
        return measures;
    }

    /** Copies, not figures of its own: the DSA's names for values the sections above already hold. */
    private static ObjectNode dsa(ObjectNode report) {
        JsonNode notices = report.get("notices");
        JsonNode decisions = report.get("decisions");
        JsonNode complaints = report.get("redress").get("complaints");
        JsonNode measures = report.get("measures");

        ObjectNode dsa = Json.object();
        ObjectNode byType = dsa.putObject("art15_1_b_noticesByTypeOfIllegalContent");
        byType.set("byReason", notices.get("byReason").deepCopy());
        byType.set("byRightType", notices.get("byRightType").deepCopy());
        dsa.set("art15_1_b_noticesFromTrustedFlaggers", notices.get("bySender").get("trusted").deepCopy());
        dsa.set("art15_1_b_actionsTaken", decisions.get("itemsActioned").deepCopy());
        dsa.set("art15_1_b_noticesProcessedByAutomatedMeans", decisions.get("automated").get("items").deepCopy());
        dsa.set("art15_1_b_medianTimeToTakeAction", decisions.get(MEDIAN_DECISION_TIME).deepCopy());
        dsa.set("art15_1_d_complaintsReceived", complaints.get("filed").get("total").deepCopy());
        ObjectNode basis = dsa.putObject("art15_1_d_complaintBasis");
        basis.set("byRightholders", complaints.get("filed").get("byRightholders").deepCopy());
        basis.set("bySellers", complaints.get("filed").get("bySellers").deepCopy());
        ObjectNode taken = dsa.putObject("art15_1_d_decisionsTaken");
        taken.set("upheld", complaints.get("decided").get("upheld").deepCopy());
        taken.set("reversed", complaints.get("decided").get("reversed").deepCopy());
        dsa.set("art15_1_d_medianTimeToDecide", complaints.get("medianHandlingTimeSeconds").deepCopy());
        dsa.set("art15_1_d_decisionsReversed", complaints.get("decided").get("reversed").deepCopy());
        dsa.putNull("art24_1_a_outOfCourtDisputes");
        ObjectNode suspensions = dsa.putObject("art24_1_b_suspensions");
        suspensions.set("sellersForManifestlyIllegalContent", measures.get("sellers").get("suspended").deepCopy());
        suspensions.set("sendersForManifestlyUnfoundedNotices", measures.get("senders").get("suspended").deepCopy());
        ArrayNode notes = dsa.putArray("notes");
        notes.add(NOTE_TRUSTED_TIER);
        notes.add(NOTE_BY_ITEM);
        notes.add(NOTE_NO_DISPUTES);
        return dsa;
    }

    /** Items settled with each outcome; an outcome outside {@link #OUTCOMES} only when it was counted at all. */
    static ObjectNode byOutcome(Figures figures) {
        ObjectNode byOutcome = Json.object();
        for (ItemStatus status : ItemStatus.values()) {
            long count = itemsDecided(figures, null, status, null);
            if (count > 0 || OUTCOMES.contains(status)) {
                byOutcome.put(status.name(), count);
            }
        }
        return byOutcome;
    }

    /** Items decided by whom, with which outcome and by which rule: null for any. */
    static long itemsDecided(Figures figures, DecidedBy by, ItemStatus status, DecisionRule rule) {
        long count = 0;
        for (DecidedBy someone : DecidedBy.values()) {
            for (ItemStatus outcome : ItemStatus.values()) {
                for (DecisionRule someRule : DecisionRule.values()) {
                    if ((by == null || by == someone) && (status == null || status == outcome)
                            && (rule == null || rule == someRule)) {
                        count += figures.get(Figures.itemDecided(someone, outcome, someRule));
                    }
                }
            }
        }
        return count;
    }

    static long itemsActioned(Figures figures) {
        return itemsDecided(figures, null, ItemStatus.ACTIONED, null);
    }

    /** Decision times of every item, whoever decided it. */
    static Map<Integer, Long> decisionTimes(Figures figures) {
        Map<Integer, Long> all = new HashMap<>();
        for (DecidedBy by : DecidedBy.values()) {
            TimeBuckets.histogram(figures, Figures.DECISION_TIME + "." + by.name())
                    .forEach((bucket, count) -> all.merge(bucket, count, Long::sum));
        }
        return all;
    }

    static ObjectNode counterNotices(Figures figures) {
        ObjectNode counterNotices = Json.object();
        counterNotices.put("filed", figures.get(Figures.COUNTER_NOTICES_FILED));
        counterNotices.put("upheld", figures.get(Figures.COUNTER_NOTICES_UPHELD));
        ObjectNode restored = counterNotices.putObject("restored");
        restored.put("accepted", figures.get(Figures.counterNoticesRestored(Restoration.ACCEPTED)));
        // The rightholder let the deadline pass: the listing is back by its silence.
        restored.put("unanswered", figures.get(Figures.counterNoticesRestored(Restoration.UNANSWERED)));
        restored.put("total", figures.sum(Figures.COUNTER_NOTICES_RESTORED));
        return counterNotices;
    }

    /** Takedowns undone on the seller's redress: a counter-notice that put the listing back, or a complaint. */
    static long takedownsReversed(Figures figures) {
        return figures.sum(Figures.COUNTER_NOTICES_RESTORED) + figures.get(Figures.complaintsDecided(SELLER, REVERSE));
    }

    /** Takedowns reversed for each one made in the same period; null when none was made. */
    static JsonNode reversalRate(Figures figures) {
        return rate(takedownsReversed(figures), itemsActioned(figures));
    }

    static JsonNode rate(long part, long whole) {
        if (whole == 0) {
            return NullNode.getInstance();
        }
        return DecimalNode.valueOf(BigDecimal.valueOf(part).divide(BigDecimal.valueOf(whole), 4, RoundingMode.HALF_UP));
    }

    /** Whole milliseconds are all a bucket's estimate holds, and automated decisions take only a few. */
    static JsonNode seconds(Duration duration) {
        if (duration == null) {
            return NullNode.getInstance();
        }
        return DecimalNode.valueOf(BigDecimal.valueOf(duration.toMillis(), 3));
    }

    private static void rows(String section, String figure, JsonNode value, StringBuilder csv) {
        if (value.isContainerNode()) {
            if (value.isObject()) {
                value.properties().forEach(field -> rows(section, join(figure, field.getKey()), field.getValue(), csv));
            } else {
                for (int i = 0; i < value.size(); i++) {
                    rows(section, join(figure, String.valueOf(i)), value.get(i), csv);
                }
            }
            return;
        }
        csv.append(field(section)).append(',').append(field(figure)).append(',').append(field(text(value)))
                .append(CRLF);
    }

    private static String join(String figure, String key) {
        return figure.isEmpty() ? key : figure + "." + key;
    }

    private static String text(JsonNode value) {
        return value.isNull() ? "" : value.asText();
    }

    /** RFC 4180: a field holding a comma, quote or line break is quoted, its quotes doubled. */
    static String field(String text) {
        if (text.indexOf(',') < 0 && text.indexOf('"') < 0 && text.indexOf('\r') < 0 && text.indexOf('\n') < 0) {
            return text;
        }
        return '"' + text.replace("\"", "\"\"") + '"';
    }
}
