package dev.takedown.core.events;

import dev.takedown.core.model.Notice;
import dev.takedown.core.model.NoticeItem;
import java.time.Instant;
import java.util.List;

/**
 * Decisions on items of one notice were recorded, by the rules or by staff: what the rightholder's record and the
 * sellers' strikes follow.
 *
 * @param newlySettled items counted into the notice's progress by this recording: each is counted into the
 *                     rightholder's record exactly once, as the notice's progress counts each item once
 * @param decided      every decided item the recording saw: strikes are kept by item, so they may be named again
 */
public record DecisionsRecorded(Notice notice, List<NoticeItem> newlySettled, List<NoticeItem> decided, Instant at) {

    public DecisionsRecorded {
        newlySettled = List.copyOf(newlySettled);
        decided = List.copyOf(decided);
    }

    /** Who follows recorded decisions. */
    public interface Listener {
        void on(DecisionsRecorded recorded);
    }
}
