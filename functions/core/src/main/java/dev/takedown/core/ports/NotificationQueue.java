package dev.takedown.core.ports;

import dev.takedown.core.model.NotificationEvent;
import java.util.List;

/** Where events for rightholders and sellers wait for the notifier. Publishing an event twice is harmless. */
public interface NotificationQueue {
    void publish(List<NotificationEvent> events);
}
