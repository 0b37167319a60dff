package dev.takedown.core.testing;

import dev.takedown.core.model.AuditEvent;
import dev.takedown.core.ports.AuditLog;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Keeps each notice's part of a batch as DynamoDB keeps its row, named by the transitions in it: the same batch
 * again is refused, and a transition appended in two different batches reads back once, at its earliest time.
 */
public final class InMemoryAuditLog implements AuditLog {
    private final Map<String, List<AuditEvent>> batches = new LinkedHashMap<>();

    @Override
    public synchronized void append(List<AuditEvent> newEvents) {
        newEvents.stream()
                .sorted(Comparator.comparingInt(AuditEvent::itemIndex).thenComparing(e -> e.to().name()))
                .collect(Collectors.groupingBy(AuditEvent::noticeId, LinkedHashMap::new, Collectors.toList()))
                .forEach((noticeId, ofNotice) -> batches.putIfAbsent(noticeId + " " + ofNotice.stream()
                        .map(InMemoryAuditLog::transition).collect(Collectors.joining(",")), ofNotice));
    }

    @Override
    public synchronized List<AuditEvent> forNotice(String noticeId) {
        Map<String, AuditEvent> byTransition = new LinkedHashMap<>();
        batches.values().stream().flatMap(List::stream).filter(e -> e.noticeId().equals(noticeId))
                .forEach(e -> byTransition.merge(transition(e), e,
                        (kept, again) -> again.at().isBefore(kept.at()) ? again : kept));
        List<AuditEvent> found = new ArrayList<>(byTransition.values());
        found.sort(Comparator.comparing(AuditEvent::at).thenComparingInt(AuditEvent::itemIndex));
        return found;
    }

    private static String transition(AuditEvent event) {
        return event.itemIndex() + ":" + event.to() + ":" + event.rule();
    }
}
