package dev.takedown.core.ports;

import dev.takedown.core.model.ItemStatus;
import dev.takedown.core.model.Notice;
import dev.takedown.core.model.NoticeItem;
import dev.takedown.core.model.NoticeStatus;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

public interface NoticeStore {
    /**
     * Stores the items, then the notice marked as awaiting dispatch; writing the same notice again
     * overwrites it with the same content, so a retried request is harmless.
     */
    void saveNew(Notice notice, List<NoticeItem> items);

    Optional<Notice> find(String noticeId);

    Page<NoticeItem> items(String noticeId, ItemStatus onlyStatus, String cursor, int limit);

    /** The items of a notice with these indexes (those that exist), in index order. */
    List<NoticeItem> itemsAt(String noticeId, Collection<Integer> indexes);

    Page<Notice> listFor(String rightholderId, NoticeStatus onlyStatus, String cursor, int limit);

    /** Verification work for the notice is confirmed on the queue. */
    void markDispatched(String noticeId);

    /** Notices received before {@code receivedBefore} whose verification work is not confirmed queued. */
    List<String> awaitingDispatch(Instant receivedBefore, int limit);
}
