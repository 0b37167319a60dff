package dev.takedown.core.testing;

import dev.takedown.core.model.EventType;
import dev.takedown.core.model.NotificationEvent;
import dev.takedown.core.ports.NotificationQueue;
import java.util.ArrayList;
import java.util.List;

/** Records published events; can be told to fail like an unreachable queue. */
public final class RecordingNotifications implements NotificationQueue {
    public final List<NotificationEvent> published = new ArrayList<>();
    public RuntimeException failure;

    @Override
    public synchronized void publish(List<NotificationEvent> events) {
        if (failure != null) {
            throw failure;
        }
        published.addAll(events);
    }

    public synchronized List<NotificationEvent> ofType(EventType type) {
        return published.stream().filter(e -> e.type() == type).toList();
    }
}
