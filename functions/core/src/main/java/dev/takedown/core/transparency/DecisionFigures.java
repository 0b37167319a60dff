package dev.takedown.core.transparency;

import dev.takedown.core.events.DecisionsRecorded;
import dev.takedown.core.model.Decision;
import dev.takedown.core.model.Figures;
import dev.takedown.core.model.ItemStatus;
import dev.takedown.core.model.NoticeItem;
import dev.takedown.core.ports.FiguresStore;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts recorded decisions into the transparency figures: each item once, when the notice's progress first counts
 * it settled ({@link DecisionsRecorded#newlySettled()}), so a replayed message adds nothing; one write per scope and
 * UTC day of decision for the whole batch. An item the rightholder withdrew before its decision is counted as
 * withdrawn, never as decided (one withdrawn after its takedown is a retraction, which redress counts).
 */
public final class DecisionFigures implements DecisionsRecorded.Listener {
    private final FiguresStore figures;

    public DecisionFigures(FiguresStore figures) {
        this.figures = figures;
    }

    @Override
    public void on(DecisionsRecorded recorded) {
        Map<LocalDate, Figures.Builder> byDay = new TreeMap<>();
        for (NoticeItem item : recorded.newlySettled()) {
            Decision decision = item.decision();
            Figures.Builder day = byDay.computeIfAbsent(LocalDate.ofInstant(decision.decidedAt(), ZoneOffset.UTC),
                    d -> Figures.builder());
            if (item.status() == ItemStatus.WITHDRAWN) {
                day.count(Figures.ITEMS_WITHDRAWN);
            } else if (!decision.byParty()) {
                day.decided(item, Duration.between(recorded.notice().receivedAt(), decision.decidedAt()));
            }
        }
        byDay.forEach((day, delta) -> figures.add(recorded.notice().rightholderId(), day, delta.build()));
    }
}
