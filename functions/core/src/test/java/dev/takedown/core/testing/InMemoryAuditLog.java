package dev.takedown.core.testing;

import dev.takedown.core.model.AuditEvent;
import dev.takedown.core.ports.AuditLog;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

public final class InMemoryAuditLog implements AuditLog {
    private final Map<String, AuditEvent> events = new LinkedHashMap<>();

    @Override
    public synchronized void append(List<AuditEvent> newEvents) {
        newEvents.forEach(e -> events.putIfAbsent(e.noticeId() + "#" + e.itemIndex() + "#" + e.to(), e));
    }

    @Override
    public synchronized List<AuditEvent> forNotice(String noticeId) {
        List<AuditEvent> found = new ArrayList<>(events.values().stream().filter(e -> e.noticeId().equals(noticeId)).toList());
        found.sort(Comparator.comparing(AuditEvent::at).thenComparingInt(AuditEvent::itemIndex));
        return found;
    }
}
