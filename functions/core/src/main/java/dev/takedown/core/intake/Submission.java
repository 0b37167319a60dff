package dev.takedown.core.intake;

import dev.takedown.core.model.Evidence;
import dev.takedown.core.model.NoticeReason;
import dev.takedown.core.model.Sender;
import java.util.List;

/**
 * A notice body that passed every check that needs no stored data. {@code contentHash} identifies the body
 * independent of key order and whitespace, for idempotent replays.
 */
public record Submission(
        String rightId,
        NoticeReason reason,
        String explanation,
        List<Line> items,
        List<Evidence> evidence,
        Sender sender,
        String signature,
        String contentHash) {

    /** One entry of {@code items}, exactly as sent: a URL or a listing id. */
    public record Line(int index, String url, String listingId) {
    }

    public Submission {
        items = List.copyOf(items);
        evidence = List.copyOf(evidence);
    }
}
