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
import dev.takedown.core.problem.FieldError;
import dev.takedown.core.problem.Problem;
import dev.takedown.core.problem.ProblemException;
import dev.takedown.core.text.Enums;
import java.util.Arrays;
import java.util.List;

/** What a rightholder can read back: its own notices only; another's notice is simply not found. */
public final class NoticeQueries {
    public static final int ITEMS_WITH_NOTICE = 100;
    public static final int DEFAULT_LIST_LIMIT = 20;
    public static final int MAX_LIMIT = 100;

    private final NoticeStore notices;
    private final DeliveryStore deliveries;

    public NoticeQueries(NoticeStore notices, DeliveryStore deliveries) {
        this.notices = notices;
        this.deliveries = deliveries;
    }

    public record NoticeWithItems(Notice notice, Page<NoticeItem> items) {
    }

    public NoticeWithItems notice(String rightholderId, String noticeId) {
        Notice notice = owned(rightholderId, noticeId);
        return new NoticeWithItems(notice, notices.items(noticeId, null, null, ITEMS_WITH_NOTICE));
    }

    public Page<NoticeItem> items(String rightholderId, String noticeId, String status, String cursor, String limit) {
        ItemStatus onlyStatus = parseStatus(status, ItemStatus.class);
        int pageSize = parseLimit(limit, ITEMS_WITH_NOTICE);
        Notice notice = owned(rightholderId, noticeId);
        try {
            return notices.items(notice.id(), onlyStatus, blankToNull(cursor), pageSize);
        } catch (InvalidCursorException e) {
            throw badCursor(e);
        }
    }

    /** The attempts to deliver the notice's webhooks to its owner, oldest first. */
    public Page<DeliveryAttempt> deliveries(String rightholderId, String noticeId, String cursor, String limit) {
        int pageSize = parseLimit(limit, ITEMS_WITH_NOTICE);
        Notice notice = owned(rightholderId, noticeId);
        try {
            return deliveries.rightholderAttempts(notice.id(), blankToNull(cursor), pageSize);
        } catch (InvalidCursorException e) {
            throw badCursor(e);
        }
    }

    public Page<Notice> list(String rightholderId, String status, String cursor, String limit) {
        NoticeStatus onlyStatus = parseStatus(status, NoticeStatus.class);
        int pageSize = parseLimit(limit, DEFAULT_LIST_LIMIT);
        try {
            return notices.listFor(rightholderId, onlyStatus, blankToNull(cursor), pageSize);
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

    private static int parseLimit(String text, int fallback) {
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

    private static String blankToNull(String text) {
        return text == null || text.isEmpty() ? null : text;
    }

    private static ProblemException badCursor(InvalidCursorException e) {
        return new ProblemException(Problem.invalid("Bad cursor.",
                List.of(new FieldError("cursor", "use the cursor exactly as a previous page returned it"))));
    }
}
