package dev.takedown.core.reports;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.takedown.core.json.Json;
import dev.takedown.core.model.Rightholder;
import dev.takedown.core.model.RightholderTrust;
import dev.takedown.core.model.TrustCounts;
import dev.takedown.core.ports.FiguresStore;
import dev.takedown.core.ports.RightholderStore;
import dev.takedown.core.problem.FieldError;
import dev.takedown.core.problem.Problem;
import dev.takedown.core.problem.ProblemException;
import dev.takedown.core.transparency.ReportPeriod;
import dev.takedown.core.transparency.RightholderSummary;
import dev.takedown.core.trust.TrustStandings;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * What a rightholder reads about itself: the summary of its own notices over a period, and where it stands against
 * TRUSTED now. Only its own figures and record: nothing of other rightholders, and nothing staff keep to themselves
 * (who set its tier, why, its trail of changes).
 */
public final class RightholderReports {
    private final FiguresStore figures;
    private final RightholderStore rightholders;
    private final TrustStandings standings;
    private final Clock clock;

    public RightholderReports(FiguresStore figures, RightholderStore rightholders, TrustStandings standings,
                              Clock clock) {
        this.figures = figures;
        this.rightholders = rightholders;
        this.standings = standings;
        this.clock = clock;
    }

    /**
     * The rightholder's figures of the UTC days {@code from} to {@code to} (as the query gives them, YYYY-MM-DD, both
     * included, at most {@value ReportPeriod#MAX_DAYS} days), with its trust today; a 400 naming every bad parameter,
     * before anything is read.
     */
    public ObjectNode summary(String rightholderId, String from, String to) {
        ReportPeriod period = period(from, to);
        ObjectNode summary = RightholderSummary.json(rightholderId, period.from(), period.to(),
                figures.rightholder(rightholderId, period.from(), period.to()));
        // As intake judges a sender with no row yet: STANDARD, nothing on record.
        RightholderTrust trust = rightholders.find(rightholderId).map(Rightholder::trust)
                .orElse(RightholderTrust.INITIAL);
        summary.set(RightholderSummary.TRUST, trust(standings.standing(rightholderId, trust, clock.instant())));
        return summary;
    }

    private static ReportPeriod period(String from, String to) {
        List<FieldError> errors = new ArrayList<>();
        LocalDate first = day("from", from, errors);
        LocalDate last = day("to", to, errors);
        ReportPeriod period = first == null || last == null ? null
                : ReportPeriod.of(first, last, message -> errors.add(new FieldError("to", message)));
        if (period == null) {
            throw new ProblemException(Problem.invalid("Name the period as from and to, UTC days as YYYY-MM-DD, at most "
                    + ReportPeriod.MAX_DAYS + " days.", errors));
        }
        return period;
    }

    private static LocalDate day(String name, String text, List<FieldError> errors) {
        if (text == null) {
            errors.add(new FieldError(name, "required"));
            return null;
        }
        return ReportPeriod.day(text, message -> errors.add(new FieldError(name, message)));
    }

    /**
     * The tier, the record over the rules' window with the numbers the TRUSTED bar is judged on, and against TRUSTED:
     * eligible to be granted it, or while TRUSTED to keep it; what is missing; and the bar in words.
     */
    private ObjectNode trust(TrustStandings.Standing standing) {
        TrustCounts counts = standing.record().counts();
        ObjectNode trust = Json.object().put("tier", standing.trust().tier().name());
        trust.putObject("record")
                .put("from", standing.record().from().toString())
                .put("to", standing.record().to().toString())
                .put("windowDays", standings.policy().windowDays())
                .put("decided", counts.decided())
                .put("actioned", counts.actioned())
                .put("unfounded", counts.unfounded())
                .put("reversed", counts.reversed())
                .put("confirmed", counts.confirmed())
                .put("rejected", counts.rejected())
                .put("decisionsThatStand", counts.eligibilityBase());
        trust.put("eligible", standing.againstTrusted().eligible());
        ArrayNode missing = trust.putArray("missing");
        standing.againstTrusted().missing().forEach(missing::add);
        ArrayNode bar = trust.putArray("trustedBar");
        standing.trustedBar().forEach(bar::add);
        return trust;
    }
}
