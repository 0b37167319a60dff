package dev.takedown.core.ports;

import dev.takedown.core.model.AuditEvent;
import java.util.List;

/** Append-only trail of item transitions; appending the same transition twice keeps one event. */
public interface AuditLog {
    void append(List<AuditEvent> events);

    /** The notice's events, oldest first. */
    List<AuditEvent> forNotice(String noticeId);
}
