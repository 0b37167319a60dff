package dev.takedown.core.transparency;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.takedown.core.json.Json;
import dev.takedown.core.model.Figures;
import dev.takedown.core.model.NoticeReason;
import dev.takedown.core.model.TimeBuckets;
import java.time.LocalDate;

/**
 * What one rightholder's own notices came to over the days {@code from} to {@code to} (both included, UTC), from
 * its own {@link Figures}: its items by outcome, its notices by reason, how fast its items were decided, and how
 * often its takedowns were contested and reversed. Numbers read as in {@link TransparencyReport}.
 *
 * <p>The rightholder's tier, and what it still needs to become TRUSTED, are not figures: the caller, which knows
 * them, adds them as the object {@value #TRUST}.
 */
public final class RightholderSummary {
    /** The field the caller sets to the rightholder's tier and what TRUSTED asks of it; left out here. */
    public static final String TRUST = "trust";

    private RightholderSummary() {
    }

    public static ObjectNode json(String rightholderId, LocalDate from, LocalDate to, Figures own) {
        ObjectNode summary = Json.object();
        summary.put("rightholderId", rightholderId);
        summary.put("from", from.toString());
        summary.put("to", to.toString());

        ObjectNode items = summary.putObject("items");
        items.put("decided", TransparencyReport.itemsDecided(own, null, null, null));
        items.set("byOutcome", TransparencyReport.byOutcome(own));
        items.put("actioned", TransparencyReport.itemsActioned(own));
        items.set(TransparencyReport.MEDIAN_DECISION_TIME,
                TransparencyReport.seconds(TimeBuckets.quantile(TransparencyReport.decisionTimes(own), 0.5)));

        ObjectNode noticesByReason = summary.putObject("noticesByReason");
        for (NoticeReason reason : NoticeReason.values()) {
            noticesByReason.put(reason.name(), own.get(Figures.noticesByReason(reason)));
        }

        summary.set("counterNotices", TransparencyReport.counterNotices(own));
        // Only a seller's complaint is against a takedown; the rightholder's own complaints are against rejections.
        ObjectNode complaints = summary.putObject("complaintsAgainstTakedowns");
        complaints.put("filed", own.get(Figures.complaintsFiled(TransparencyReport.SELLER)));
        complaints.put("upheld",
                own.get(Figures.complaintsDecided(TransparencyReport.SELLER, TransparencyReport.UPHOLD)));
        complaints.put("reversed",
                own.get(Figures.complaintsDecided(TransparencyReport.SELLER, TransparencyReport.REVERSE)));
        summary.put("takedownsReversed", TransparencyReport.takedownsReversed(own));
        summary.set("reversalRate", TransparencyReport.reversalRate(own));
        return summary;
    }
}
