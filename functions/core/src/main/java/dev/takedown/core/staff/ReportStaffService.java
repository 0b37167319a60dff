package dev.takedown.core.staff;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.takedown.core.json.Json;
import dev.takedown.core.model.Figures;
import dev.takedown.core.ports.FiguresStore;
import dev.takedown.core.ports.InvalidCursorException;
import dev.takedown.core.problem.FieldError;
import dev.takedown.core.transparency.DsaExport;
import dev.takedown.core.transparency.TransparencyReport;
import java.util.List;

/**
 * What staff take out for regulators: the transparency report for a period (the platform's figures summed over its
 * days, one query however many notices the period saw), as a JSON document or as CSV rows for a spreadsheet; and the
 * period's statements of reasons as the DSA Transparency Database takes them, a page at a time.
 */
public final class ReportStaffService {
    private final FiguresStore figures;
    private final DsaExport statements;

    public ReportStaffService(FiguresStore figures, DsaExport statements) {
        this.figures = figures;
        this.statements = statements;
    }

    public ObjectNode transparencyReport(StaffRequests.TransparencyReport request) {
        Figures period = figures.platform(request.from(), request.to());
        return switch (request.format()) {
            case json -> TransparencyReport.json(request.from(), request.to(), period);
            case csv -> Json.object().put("from", request.from().toString()).put("to", request.to().toString())
                    .put("format", "csv").put("csv", TransparencyReport.csv(request.from(), request.to(), period));
        };
    }

    /** {@code statements} as the database's API takes them, in a batch; {@code nextCursor} null after the last page. */
    public ObjectNode statementsOfReasons(StaffRequests.StatementsOfReasons request) {
        DsaExport.Records page;
        try {
            page = statements.page(request.from(), request.to(), request.cursor(), request.limit());
        } catch (InvalidCursorException e) {
            throw new StaffException(StaffException.Type.InvalidRequest, "Bad cursor.", List.of(
                    new FieldError("cursor", "use the cursor exactly as a previous page returned it, with the same"
                            + " from and to")));
        }
        ObjectNode body = Json.object().put("from", request.from().toString()).put("to", request.to().toString());
        ArrayNode records = body.putArray("statements");
        page.statements().forEach(statement -> records.add(statement.toJson()));
        body.put("nextCursor", page.nextCursor());
        return body;
    }
}
