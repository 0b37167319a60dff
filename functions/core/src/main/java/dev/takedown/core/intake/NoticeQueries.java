package dev.takedown.core.intake;

import dev.takedown.core.model.DeliveryAttempt;
import dev.takedown.core.model.ItemStatus;
import dev.takedown.core.model.Notice;
import dev.takedown.core.model.NoticeItem;
import dev.takedown.core.model.NoticeStatus;
import dev.takedown.core.ports.DeliveryStore;
import dev.takedown.core.ports.InvalidCursorException;
import dev.takedown.core.ports.NoticeStore;
import dev.takedown.core.ports.Page;
import dev.takedown.core.ports.SignedCursors;
import dev.takedown.core.problem.FieldError;
import dev.takedown.core.problem.Problem;
import dev.takedown.core.problem.ProblemException;
import dev.takedown.core.text.Enums;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * What a rightholder can read back: its own notices only; another's notice is simply not found. Cursors are signed
 * for the listing they continue ({@link SignedCursors}), so one of another notice, route or filter is refused.
 */
public final class NoticeQueries {
    public static final int ITEMS_WITH_NOTICE = 100;
    public static final int DEFAULT_LIST_LIMIT = 20;
    public static final int MAX_LIMIT = 100;

    private final NoticeStore notices;
    private final DeliveryStore deliveries;
    private final SignedCursors cursors;

    public NoticeQueries(NoticeStore notices, DeliveryStore deliveries, SignedCursors cursors) {
        this.notices = notices;
        this.deliveries = deliveries;
        this.cursors = cursors;
    }

    /**
     * A page of a notice's items, and which of the other notices they name as duplicates are the caller's own:
     * only those may be shown.
     */
    public record ItemPage(Page<NoticeItem> page, Set<String> ownNotices) {
    }

    public record NoticeWithItems(Notice notice, ItemPage items) {
    }

    public NoticeWithItems notice(String rightholderId, String noticeId) {
        Notice notice = owned(rightholderId, noticeId);
        Page<NoticeItem> items = notices.items(noticeId, null, null, ITEMS_WITH_NOTICE);
        return new NoticeWithItems(notice, itemPage(rightholderId, noticeId, null, items));
    }

    public ItemPage items(String rightholderId, String noticeId, String status, String cursor, String limit) {
        ItemStatus onlyStatus = parseStatus(status, ItemStatus.class);
        int pageSize = parseLimit(limit, ITEMS_WITH_NOTICE);
        Notice notice = owned(rightholderId, noticeId);
        try {
            Page<NoticeItem> items = notices.items(notice.id(), onlyStatus,
                    cursors.open(itemsScope(notice.id(), onlyStatus), cursor), pageSize);
            return itemPage(rightholderId, notice.id(), onlyStatus, items);
        } catch (InvalidCursorException e) {
            throw badCursor(e);
        }
    }

    private ItemPage itemPage(String rightholderId, String noticeId, ItemStatus onlyStatus, Page<NoticeItem> items) {
        Page<NoticeItem> signed = new Page<>(items.entries(),
                cursors.sign(itemsScope(noticeId, onlyStatus), items.nextCursor()));
        return new ItemPage(signed, notices.ownNoticesNamedBy(rightholderId, items.entries()));
    }

    /** See {@link NoticeStore#ownNoticesNamedBy}. */
    public Set<String> ownNotices(String rightholderId, List<NoticeItem> items) {
        return notices.ownNoticesNamedBy(rightholderId, items);
    }

    /** The attempts to deliver the notice's webhooks to its owner, oldest first. */
    public Page<DeliveryAttempt> deliveries(String rightholderId, String noticeId, String cursor, String limit) {
        int pageSize = parseLimit(limit, ITEMS_WITH_NOTICE);
        Notice notice = owned(rightholderId, noticeId);
        try {
            String scope = "deliveries|" + notice.id();
            Page<DeliveryAttempt> page = deliveries.rightholderAttempts(notice.id(), cursors.open(scope, cursor),
                    pageSize);
            return new Page<>(page.entries(), cursors.sign(scope, page.nextCursor()));
        } catch (InvalidCursorException e) {
            throw badCursor(e);
        }
    }

    public Page<Notice> list(String rightholderId, String status, String cursor, String limit) {
        NoticeStatus onlyStatus = parseStatus(status, NoticeStatus.class);
        int pageSize = parseLimit(limit, DEFAULT_LIST_LIMIT);
        try {
            String scope = "notices|" + rightholderId + "|" + (onlyStatus == null ? "" : onlyStatus.name());
            Page<Notice> page = notices.listFor(rightholderId, onlyStatus, cursors.open(scope, cursor), pageSize);
            return new Page<>(page.entries(), cursors.sign(scope, page.nextCursor()));
        } catch (InvalidCursorException e) {
            throw badCursor(e);
        }
    }

    private Notice owned(String rightholderId, String noticeId) {
        return notices.find(noticeId)
                .filter(n -> n.rightholderId().equals(rightholderId))
                .orElseThrow(() -> new ProblemException(Problem.notFound("No notice " + noticeId + " of yours exists.")));
    }

    private static <E extends Enum<E>> E parseStatus(String text, Class<E> type) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        E value = Enums.named(type, text);
        if (value == null) {
            throw new ProblemException(Problem.invalid("Unknown status filter.",
                    List.of(new FieldError("status", "must be one of " + Arrays.toString(type.getEnumConstants())))));
        }
        return value;
    }

    /** A page size from a query parameter: 1 to {@link #MAX_LIMIT}, {@code fallback} when absent; else 400. */
    public static int parseLimit(String text, int fallback) {
        if (text == null || text.isEmpty()) {
            return fallback;
        }
        try {
            int limit = Integer.parseInt(text);
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new ProblemException(Problem.invalid("Bad page size.",
                List.of(new FieldError("limit", "must be a whole number from 1 to " + MAX_LIMIT))));
    }

    private static String itemsScope(String noticeId, ItemStatus onlyStatus) {
        return "items|" + noticeId + "|" + (onlyStatus == null ? "" : onlyStatus.name());
    }

    private static ProblemException badCursor(InvalidCursorException e) {
        return new ProblemException(Problem.invalid("Bad cursor.",
                List.of(new FieldError("cursor", "use the cursor exactly as a previous page returned it"))));
    }
}
