package dev.takedown.core.model;

import java.time.Instant;
import java.util.List;

/** A takedown notice as stored: one right, one reason, signed declarations; its items are kept apart. */
public record Notice(
        String id,
        String rightholderId,
        String rightId,
        NoticeReason reason,
        String explanation,
        Sender sender,
        String signature,
        List<Evidence> evidence,
        NoticeStatus status,
        Instant receivedAt,
        int itemCount,
        int openItemCount) {

    public Notice {
        evidence = evidence == null ? List.of() : List.copyOf(evidence);
    }
}
