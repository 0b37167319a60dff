package dev.takedown.core.staff;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.takedown.core.json.Json;
import dev.takedown.core.model.Figures;
import dev.takedown.core.ports.FiguresStore;
import dev.takedown.core.transparency.TransparencyReport;

/**
 * The transparency report staff take for a period: the platform's figures summed over its days (one query, however
 * many notices the period saw), as a JSON document or as CSV rows for a spreadsheet.
 */
public final class ReportStaffService {
    private final FiguresStore figures;

    public ReportStaffService(FiguresStore figures) {
        this.figures = figures;
    }

    public ObjectNode transparencyReport(StaffRequests.TransparencyReport request) {
        Figures period = figures.platform(request.from(), request.to());
        return switch (request.format()) {
            case json -> TransparencyReport.json(request.from(), request.to(), period);
            case csv -> Json.object().put("from", request.from().toString()).put("to", request.to().toString())
                    .put("format", "csv").put("csv", TransparencyReport.csv(request.from(), request.to(), period));
        };
    }
}
