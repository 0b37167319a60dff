package dev.takedown.core.events;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.takedown.core.json.ItemJson;
import dev.takedown.core.json.Json;
import dev.takedown.core.json.RedressJson;
import dev.takedown.core.json.StatementJson;
import dev.takedown.core.model.Complaint;
import dev.takedown.core.model.CounterNotice;
import dev.takedown.core.model.Decision;
import dev.takedown.core.model.EventType;
import dev.takedown.core.model.NoticeItem;
import dev.takedown.core.model.NotificationEvent;
import dev.takedown.core.model.SellerStanding;
import dev.takedown.core.model.StandingChange;
import dev.takedown.core.model.TrustChange;
import dev.takedown.core.model.TrustCounts;
import dev.takedown.core.text.Times;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Every event rightholders and sellers are told about, made with the facts it carries to the notifier, which
 * {@link WebhookBodies} renders. Facts are written here only.
 */
public final class Notifications {
    private Notifications() {
    }

    public static NotificationEvent noticeReceived(String noticeId, Instant at) {
        return NotificationEvent.aboutNotice(EventType.NOTICE_RECEIVED, noticeId, List.of(), null, null, null, at);
    }

    public static NotificationEvent noticeCompleted(String noticeId, Instant at) {
        return NotificationEvent.aboutNotice(EventType.NOTICE_COMPLETED, noticeId, List.of(), null, null, null, at);
    }

    /**
     * Decisions on several items of one notice, sent together, each as it was made. The id covers each item's new
     * status, so a later decision on the same item (a review) is a new event. {@code ownNotices}: the other notices
     * named by duplicates that are the same rightholder's, which alone the webhook names.
     */
    public static NotificationEvent itemsDecided(String noticeId, List<NoticeItem> decided, Set<String> ownNotices,
                                                 Instant at) {
        List<NoticeItem> sorted = sorted(decided);
        String statuses = sorted.stream().map(i -> i.index() + ":" + i.status()).collect(Collectors.joining(","));
        ObjectNode data = Json.object().put("noticeId", noticeId);
        ArrayNode items = data.putArray("items");
        sorted.forEach(item -> items.add(ItemJson.forWebhook(item, ownNotices)));
        return NotificationEvent.aboutNotice(EventType.ITEMS_DECIDED, noticeId, indexes(sorted), statuses, null,
                Json.write(data), at);
    }

    /**
     * To the seller of actioned items of one notice: the facts of each removed listing's statement of reasons, which
     * the notifier words ({@link WebhookBodies}). Facts only, so the message stays small.
     */
    public static NotificationEvent listingsRestricted(String noticeId, String sellerId, List<NoticeItem> actioned,
                                                       Instant at) {
        List<NoticeItem> sorted = sorted(actioned);
        ObjectNode data = Json.object().put("sellerId", sellerId).put("noticeId", noticeId);
        ArrayNode listings = data.putArray("listings");
        sorted.forEach(item -> listings.add(StatementJson.facts(item.statement())));
        return NotificationEvent.aboutNotice(EventType.LISTING_RESTRICTED, noticeId, indexes(sorted), null, sellerId,
                Json.write(data), at);
    }

    /** A rightholder warned as an abusive sender, with the record that put it over the bar. */
    public static NotificationEvent rightholderWarned(String rightholderId, TrustChange change, Instant suspensionDueAt,
                                                      int windowDays) {
        ObjectNode data = Json.object()
                .put("rightholderId", rightholderId)
                .put("warnedAt", Times.format(change.at()))
                .put("suspensionDueAt", Times.format(suspensionDueAt))
                .put("reason", change.reason());
        record(data, change.counts(), windowDays);
        return NotificationEvent.aboutRightholder(EventType.RIGHTHOLDER_WARNED, rightholderId, about(change),
                Json.write(data), change.at());
    }

    public static NotificationEvent tierChanged(String rightholderId, TrustChange change, int windowDays) {
        ObjectNode data = Json.object()
                .put("rightholderId", rightholderId)
                .put("from", change.before().tier().name())
                .put("to", change.after().tier().name())
                .put("changedAt", Times.format(change.at()))
                .put("changedBy", Decision.AUTO.equals(change.actor()) ? Decision.AUTO : ItemJson.STAFF)
                .put("reason", change.reason())
                .put("suspendedUntil", change.after().suspendedUntil() == null ? null
                        : Times.format(change.after().suspendedUntil()));
        record(data, change.counts(), windowDays);
        return NotificationEvent.aboutRightholder(EventType.RIGHTHOLDER_TIER_CHANGED, rightholderId, about(change),
                Json.write(data), change.at());
    }

    /**
     * A seller's change of standing; a suspension carries the statement of reasons the seller is owed (EU DSA
     * Art. 17).
     *
     * @param version the standing's version the change made
     */
    public static NotificationEvent sellerStatusChanged(StandingChange change, long version, String actor, Instant at,
                                                        int strikeLifeDays, int strikesToSuspend) {
        ObjectNode data = Json.object()
                .put("sellerId", change.sellerId())
                .put("from", change.from().name())
                .put("to", change.to().name())
                .put("changedAt", Times.format(at))
                .put("establishedStrikes", change.strikes());
        ArrayNode removed = data.putArray("listingsRemoved");
        change.listingsRemoved().forEach(removed::add);
        ArrayNode restored = data.putArray("listingsRestored");
        change.listingsRestored().forEach(restored::add);
        if (change.to() == SellerStanding.SUSPENDED) {
            data.putObject("statementOfReasons")
                    .put("restriction", "The seller account is suspended: every active listing ("
                            + change.listingsRemoved().size() + ") was removed and no listing can be bought.")
                    .put("ground", "Repeat infringement: " + change.strikes() + " established strikes within "
                            + strikeLifeDays + " days, at or over the suspension threshold of "
                            + strikesToSuspend + " (the platform's repeat-infringer policy, 17 U.S.C. 512(i)).")
                    .put("facts", "Each strike is the takedowns of one rightholder's notices on one day whose dispute"
                            + " window closed without a successful counter-notice.")
                    .put("automated", Decision.AUTO.equals(actor))
                    .put("decidedAt", Times.format(at))
                    .put("howToContest", "Contest the suspension or any strike by an internal complaint within 6"
                            + " months; a person reviews every complaint (EU Digital Services Act Art. 20), and a voided"
                            + " strike no longer counts. You may also turn to an out-of-court dispute settlement body"
                            + " or a court.");
        }
        return NotificationEvent.aboutSeller(EventType.SELLER_STATUS_CHANGED, change.sellerId(),
                change.to() + "|" + version, Json.write(data), at);
    }

    /**
     * To the rightholder: the seller's counter-notice in full, with its contact (the law has the platform forward it),
     * and until when and how to answer it.
     */
    public static NotificationEvent counterNoticeFiled(String noticeId, NoticeItem item) {
        ObjectNode data = itemFacts(noticeId, item);
        data.set("counterNotice", RedressJson.counterNotice(item.redress().counterNotice()));
        data.put("howToRespond", "Before respondBy, POST /v1/notices/" + noticeId + "/items/" + item.index()
                + "/counter-notice-response with {\"response\": \"LEGAL_ACTION\", \"court\", \"caseNumber\", \"filedOn\"}"
                + " to keep the listing down, or {\"response\": \"ACCEPT\"} to restore it; without an answer the listing"
                + " is restored.");
        return NotificationEvent.aboutNotice(EventType.COUNTER_NOTICE_FILED, noticeId, List.of(item.index()), null, null,
                Json.write(data), item.redress().counterNotice().filedAt());
    }

    /** To the seller: the rightholder answered its counter-notice with legal action, so the takedown stands. */
    public static NotificationEvent counterNoticeUpheld(String noticeId, String sellerId, NoticeItem item) {
        CounterNotice counterNotice = item.redress().counterNotice();
        ObjectNode data = itemFacts(noticeId, item).put("sellerId", sellerId);
        data.set("counterNotice", RedressJson.counterNotice(counterNotice));
        return NotificationEvent.aboutNotice(EventType.COUNTER_NOTICE_UPHELD, noticeId, List.of(item.index()), null,
                sellerId, Json.write(data), counterNotice.closedAt());
    }

    /** To the rightholder: a takedown of its notice was undone, and why. */
    public static NotificationEvent itemRestored(String noticeId, NoticeItem item) {
        ObjectNode data = itemFacts(noticeId, item);
        RedressJson.restoration(data, item.redress().restoration());
        return NotificationEvent.aboutNotice(EventType.ITEM_RESTORED, noticeId, List.of(item.index()), null, null,
                Json.write(data), item.redress().restoration().at());
    }

    /** To the seller: its listing's takedown was undone; the listing is back unless its suspension holds it down. */
    public static NotificationEvent listingReinstated(String noticeId, String sellerId, NoticeItem item) {
        ObjectNode data = itemFacts(noticeId, item).put("sellerId", sellerId);
        RedressJson.restoration(data, item.redress().restoration());
        return NotificationEvent.aboutNotice(EventType.LISTING_REINSTATED, noticeId, List.of(item.index()), null,
                sellerId, Json.write(data), item.redress().restoration().at());
    }

    /** To whoever complained ({@code sellerId} null: the rightholder): a person's decision on the complaint. */
    public static NotificationEvent complaintDecided(String noticeId, String sellerId, NoticeItem item,
                                                     Complaint complaint) {
        ObjectNode data = itemFacts(noticeId, item);
        data.set("complaint", RedressJson.complaint(complaint, false));
        return NotificationEvent.aboutNotice(EventType.COMPLAINT_DECIDED, noticeId, List.of(item.index()),
                item.index() + "|" + complaint.from(), sellerId, Json.write(data), complaint.decision().at());
    }

    private static ObjectNode itemFacts(String noticeId, NoticeItem item) {
        return Json.object().put("noticeId", noticeId).put("index", item.index()).put("listingId", item.listingId())
                .put("status", item.status().name());
    }

    private static String about(TrustChange change) {
        return change.kind() + "|" + change.after().version();
    }

    private static void record(ObjectNode data, TrustCounts counts, int windowDays) {
        data.putObject("record")
                .put("windowDays", windowDays)
                .put("decided", counts.decided())
                .put("actioned", counts.actioned())
                .put("unfounded", counts.unfounded())
                .put("reversed", counts.reversed())
                .put("confirmed", counts.confirmed());
    }

    private static List<NoticeItem> sorted(List<NoticeItem> items) {
        return items.stream().sorted(Comparator.comparingInt(NoticeItem::index)).toList();
    }

    private static List<Integer> indexes(List<NoticeItem> sorted) {
        return sorted.stream().map(NoticeItem::index).toList();
    }
}
