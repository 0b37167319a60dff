package dev.takedown.core.model;

import java.time.Instant;
import java.util.List;

/**
 * A takedown notice as stored: one right, one reason, signed declarations; its items are kept apart.
 * {@code outcome} and {@code completedAt} are set once every item is settled. {@code trustedSender}: the
 * rightholder was in the TRUSTED tier when the notice arrived, which its statements of reasons name as their source.
 */
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
        Progress progress,
        NoticeOutcome outcome,
        Instant completedAt,
        boolean trustedSender) {

    public Notice {
        evidence = evidence == null ? List.of() : List.copyOf(evidence);
    }

    public int openItemCount() {
        return progress.open();
    }
}
