package dev.takedown.core.transparency;

import dev.takedown.core.model.Decision;
import dev.takedown.core.model.Notice;
import dev.takedown.core.model.NoticeItem;
import dev.takedown.core.model.TrustEvent;
import dev.takedown.core.ports.InvalidCursorException;
import dev.takedown.core.ports.NoticeStore;
import dev.takedown.core.ports.NoticeStore.ItemRef;
import dev.takedown.core.ports.Page;
import dev.takedown.core.ports.TrustStore;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The statements of reasons of a period, as the records the DSA Transparency Database takes (Art. 24(5) DSA), page
 * by page: first one for every listing taken down on the period's days, whatever became of it since (the database
 * keeps a statement as it was sent), then one for every seller suspended on them. A page is read from the stores as
 * it is asked for, so the records are those of the decisions as they were made.
 */
public final class DsaExport {
    /** Records of one page, and the cursor to the next (null after the last). */
    public record Records(List<DsaStatement> statements, String nextCursor) {
    }

    /** A cursor is the part it is in ({@code t}akedowns, {@code s}uspensions), a dot, and that part's own cursor. */
    private static final String TAKEDOWNS = "t.";
    private static final String SUSPENSIONS = "s.";

    private final NoticeStore notices;
    private final TrustStore trust;
    private final boolean trustedTierIsTrustedFlagger;

    /**
     * @param trustedTierIsTrustedFlagger staff grant TRUSTED only to trusted flaggers designated under Art. 22 DSA,
     *                                    so a TRUSTED sender's notice is a trusted flagger's; otherwise the tier is
     *                                    the platform's own, and every notice is an Art. 16 notice
     */
    public DsaExport(NoticeStore notices, TrustStore trust, boolean trustedTierIsTrustedFlagger) {
        this.notices = notices;
        this.trust = trust;
        this.trustedTierIsTrustedFlagger = trustedTierIsTrustedFlagger;
    }

    /** @throws InvalidCursorException when {@code cursor} is not one a page gave */
    public Records page(LocalDate from, LocalDate to, String cursor, int limit) {
        List<DsaStatement> records = new ArrayList<>(limit);
        String part = cursor == null ? TAKEDOWNS : cursor.substring(0, Math.min(2, cursor.length()));
        String within = cursor == null || cursor.length() == 2 ? null : cursor.substring(2);
        if (part.equals(TAKEDOWNS)) {
            Page<ItemRef> takedowns = notices.takedownsDecided(from, to, within, limit);
            records.addAll(takedowns(takedowns.entries()));
            if (takedowns.nextCursor() != null) {
                return new Records(records, TAKEDOWNS + takedowns.nextCursor());
            }
            if (records.size() == limit) {
                // Looked ahead, so that the last page is the one without a cursor, not an empty one after it.
                boolean anySuspension = !trust.suspensions(from, to, null, 1).entries().isEmpty();
                return new Records(records, anySuspension ? SUSPENSIONS : null);
            }
            within = null;
        } else if (!part.equals(SUSPENSIONS)) {
            throw new InvalidCursorException("not a statements cursor");
        }
        Page<TrustEvent> suspensions = trust.suspensions(from, to, within, limit - records.size());
        suspensions.entries().forEach(event -> records.add(suspension(event)));
        return new Records(records, suspensions.nextCursor() == null ? null : SUSPENSIONS + suspensions.nextCursor());
    }

    /** The records of these takedowns, in their order: each notice and its items read once. */
    private List<DsaStatement> takedowns(List<ItemRef> refs) {
        Map<String, List<Integer>> byNotice = refs.stream().collect(Collectors.groupingBy(ItemRef::noticeId,
                LinkedHashMap::new, Collectors.mapping(ItemRef::index, Collectors.toList())));
        Map<String, Notice> noticesById = new LinkedHashMap<>();
        Map<String, Map<Integer, NoticeItem>> items = new LinkedHashMap<>();
        byNotice.forEach((noticeId, indexes) -> {
            noticesById.put(noticeId, notices.find(noticeId).orElseThrow(
                    () -> new IllegalStateException("takedown of notice " + noticeId + ", which is not stored")));
            items.put(noticeId, notices.itemsAt(noticeId, indexes).stream()
                    .collect(Collectors.toMap(NoticeItem::index, Function.identity())));
        });
        List<DsaStatement> records = new ArrayList<>(refs.size());
        for (ItemRef ref : refs) {
            Notice notice = noticesById.get(ref.noticeId());
            NoticeItem item = items.get(ref.noticeId()).get(ref.index());
            if (item == null || item.statement() == null) {
                throw new IllegalStateException("takedown of item " + ref.index() + " of notice " + ref.noticeId()
                        + " has no statement of reasons");
            }
            // The listing was reported by the rightholder's notice: found by its sender, not by our automated means.
            records.add(DsaStatements.forTakedown(item.statement(),
                    LocalDate.ofInstant(notice.receivedAt(), ZoneOffset.UTC), false,
                    trustedTierIsTrustedFlagger && notice.trustedSender(),
                    DsaStatements.takedownPuid(notice.id(), item.index())));
        }
        return records;
    }

    /** The facts are the policy's, not the change's reason, which may hold staff's own words: the record is public. */
    private static DsaStatement suspension(TrustEvent event) {
        boolean automated = Decision.AUTO.equals(event.actor());
        String facts = "On " + LocalDate.ofInstant(event.at(), ZoneOffset.UTC) + " the seller's account was suspended"
                + " under the marketplace's repeat-infringer policy" + (automated ? ", by its rules," : "")
                + " as the seller's established strikes reached the number at which the policy suspends an account."
                + " A strike stands for the takedowns of one rightholder's notices on one day that the seller did not"
                + " or could no longer contest.";
        return DsaStatements.forSuspension(event.at(), facts, automated,
                DsaStatements.suspensionPuid(event.sellerId(), event.sequence()));
    }
}
