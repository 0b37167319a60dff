package dev.takedown.core.redress;

import dev.takedown.core.events.Notifications;
import dev.takedown.core.model.AuditEvent;
import dev.takedown.core.model.Complaint;
import dev.takedown.core.model.CounterNotice;
import dev.takedown.core.model.Decision;
import dev.takedown.core.model.DecisionRule;
import dev.takedown.core.model.ItemStatus;
import dev.takedown.core.model.Notice;
import dev.takedown.core.model.NoticeItem;
import dev.takedown.core.model.NotificationEvent;
import dev.takedown.core.model.Party;
import dev.takedown.core.model.Redress;
import dev.takedown.core.model.Strike;
import dev.takedown.core.model.TrustCounts;
import dev.takedown.core.ports.AuditLog;
import dev.takedown.core.ports.ListingStore;
import dev.takedown.core.ports.NoticeStore;
import dev.takedown.core.ports.NotificationQueue;
import dev.takedown.core.ports.TrustStore;
import dev.takedown.core.trust.SellerStandings;
import dev.takedown.core.trust.TrustService;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What follows a counter-notice, complaint or restoration stored on an item, done from the item as it stands, so that
 * doing it again changes nothing: the audit trail, the listing put back, the reversal counted into the rightholder's
 * record, the strike held back, released or voided and the seller's standing reviewed, the webhooks to both sides.
 * Last, the item leaves the redress schedule (or waits there for its counter-notice's deadline).
 */
public final class RedressFollowUp {
    private final NoticeStore notices;
    private final ListingStore listings;
    private final TrustStore trust;
    private final AuditLog audit;
    private final NotificationQueue notifications;
    private final TrustService rightholderTrust;
    private final SellerStandings standings;

    public RedressFollowUp(NoticeStore notices, ListingStore listings, TrustStore trust, AuditLog audit,
                           NotificationQueue notifications, TrustService rightholderTrust, SellerStandings standings) {
        this.notices = notices;
        this.listings = listings;
        this.trust = trust;
        this.audit = audit;
        this.notifications = notifications;
        this.rightholderTrust = rightholderTrust;
        this.standings = standings;
    }

    /** Does whatever the item's redress calls for that is not done yet; returns the item. */
    public NoticeItem finish(Notice notice, NoticeItem item, Instant now) {
        Redress redress = item.redress();
        audit.append(transitions(notice, item));
        if (item.statement() != null && item.decision() != null) {
            String sellerId = item.statement().sellerId();
            LocalDate takenDownOn = day(item.decision().decidedAt());
            String strikeId = Strike.id(takenDownOn, notice.rightholderId());
            String itemKey = Strike.itemKey(notice.id(), item.index());
            if (item.status().takedownReversed()) {
                Redress.Restoration restoration = redress.restoration();
                listings.restoreTakedown(item.listingId(), notice.id(), item.index(), !restoration.listingActive());
                countReversal(notice, item, restoration.at());
                trust.markDisputed(sellerId, strikeId, itemKey, false);
                voidIfEmpty(notice, item, sellerId, takenDownOn, strikeId, now);
                standings.disputeEnded(sellerId, strikeId, takenDownOn, now);
                standings.review(sellerId, Decision.AUTO, "takedown " + itemKey + " reversed", now, false);
            } else if (item.status().takedownInForce()) {
                boolean disputed = item.status() == ItemStatus.COUNTER_NOTICED
                        || redress.sellerComplaint() != null && redress.sellerComplaint().open();
                trust.markDisputed(sellerId, strikeId, itemKey, disputed);
                if (!disputed) {
                    // The takedown stands: its strike may now be established.
                    standings.disputeEnded(sellerId, strikeId, takenDownOn, now);
                    standings.review(sellerId, Decision.AUTO, "takedown " + itemKey + " upheld", now, false);
                }
            }
        }
        notifications.publish(events(notice, item));
        CounterNotice counterNotice = redress.counterNotice();
        notices.scheduleRedress(notice.id(), item.index(),
                counterNotice != null && counterNotice.open() ? counterNotice.respondBy() : null);
        return item;
    }

    /** The item's redress transitions, as the audit trail keeps them (each once, however often written). */
    private static List<AuditEvent> transitions(Notice notice, NoticeItem item) {
        Redress redress = item.redress();
        List<AuditEvent> events = new ArrayList<>();
        CounterNotice counterNotice = redress.counterNotice();
        if (counterNotice != null) {
            events.add(new AuditEvent(notice.id(), item.index(), Decision.SELLER, counterNotice.filedAt(), ItemStatus.ACTIONED,
                    ItemStatus.COUNTER_NOTICED, null, DecisionRule.COUNTER_NOTICE));
            if (counterNotice.outcome() == CounterNotice.Outcome.UPHELD) {
                events.add(new AuditEvent(notice.id(), item.index(), Decision.RIGHTHOLDER, counterNotice.closedAt(),
                        ItemStatus.COUNTER_NOTICED, ItemStatus.ACTIONED, null, DecisionRule.COUNTER_NOTICE_UPHELD));
            }
        }
        Redress.Restoration restoration = redress.restoration();
        if (restoration != null) {
            boolean fromCounterNotice = counterNotice != null && counterNotice.outcome() != CounterNotice.Outcome.UPHELD;
            Complaint complaint = redress.sellerComplaint();
            String actor = switch (restoration.cause()) {
                case COUNTER_NOTICE_ACCEPTED, NOTICE_WITHDRAWN -> Decision.RIGHTHOLDER;
                case COUNTER_NOTICE_UNANSWERED -> Decision.AUTO;
                case COMPLAINT_REVERSED -> complaint.decision().staffId();
            };
            DecisionRule rule = switch (restoration.cause()) {
                case COUNTER_NOTICE_ACCEPTED -> DecisionRule.COUNTER_NOTICE_ACCEPTED;
                case COUNTER_NOTICE_UNANSWERED -> DecisionRule.COUNTER_NOTICE_UNANSWERED;
                case NOTICE_WITHDRAWN -> DecisionRule.WITHDRAWAL;
                case COMPLAINT_REVERSED -> DecisionRule.COMPLAINT_REVERSED;
            };
            events.add(new AuditEvent(notice.id(), item.index(), actor, restoration.at(),
                    fromCounterNotice ? ItemStatus.COUNTER_NOTICED : ItemStatus.ACTIONED, item.status(), null, rule));
        }
        return events;
    }

    /**
     * A takedown reversed counts against the rightholder's record on the day of the reversal, and no longer counts as
     * confirmed on the day it did; each once per item.
     */
    private void countReversal(Notice notice, NoticeItem item, Instant at) {
        String token = "reversal|" + notice.id() + "|" + item.index();
        trust.addCountsOnce(notice.rightholderId(), day(at), new TrustCounts(0, 0, 0, 1, 0), token);
        // A rejection reversed on complaint was never counted as a confirmed takedown.
        if (item.decision().rule() != DecisionRule.COMPLAINT_REVERSED) {
            LocalDate confirmedOn = item.decision().automated() ? rightholderTrust.confirmationDay(notice, item)
                    : day(item.decision().decidedAt());
            trust.addCountsOnce(notice.rightholderId(), confirmedOn, new TrustCounts(0, 0, 0, 0, -1), token + "|confirmed");
        }
        rightholderTrust.review(notice.rightholderId(), at);
    }

    /** A strike whose every takedown was reversed no longer counts: it is voided, saying why. */
    private void voidIfEmpty(Notice notice, NoticeItem item, String sellerId, LocalDate day, String strikeId,
                             Instant now) {
        Map<String, List<Integer>> byNotice = new LinkedHashMap<>();
        notices.takedownsOn(sellerId, notice.rightholderId(), day)
                .forEach(ref -> byNotice.computeIfAbsent(ref.noticeId(), k -> new ArrayList<>()).add(ref.index()));
        boolean anyStands = byNotice.entrySet().stream().anyMatch(e -> notices.itemsAt(e.getKey(), e.getValue()).stream()
                .anyMatch(i -> !i.status().takedownReversed()));
        // Voiding it again (a follow-up done again) changes nothing, and is not counted again.
        if (!anyStands && trust.voidStrike(sellerId, strikeId, new Strike.Voided(Decision.AUTO, now,
                "every takedown in it was reversed (the last: " + Strike.itemKey(notice.id(), item.index()) + ", "
                        + item.redress().restoration().cause() + ")"))) {
            standings.strikeVoided(now);
        }
    }

    private static List<NotificationEvent> events(Notice notice, NoticeItem item) {
        Redress redress = item.redress();
        List<NotificationEvent> events = new ArrayList<>();
        String sellerId = item.statement() == null ? null : item.statement().sellerId();
        CounterNotice counterNotice = redress.counterNotice();
        if (counterNotice != null) {
            events.add(Notifications.counterNoticeFiled(notice.id(), item));
            if (counterNotice.outcome() == CounterNotice.Outcome.UPHELD) {
                events.add(Notifications.counterNoticeUpheld(notice.id(), sellerId, item));
            }
        }
        if (redress.restoration() != null) {
            events.add(Notifications.itemRestored(notice.id(), item));
            events.add(Notifications.listingReinstated(notice.id(), sellerId, item));
        }
        for (Party party : Party.values()) {
            Complaint complaint = redress.complaintOf(party);
            if (complaint != null && !complaint.open()) {
                events.add(Notifications.complaintDecided(notice.id(), party == Party.SELLER ? sellerId : null, item,
                        complaint));
            }
        }
        return events;
    }

    private static LocalDate day(Instant at) {
        return LocalDate.ofInstant(at, ZoneOffset.UTC);
    }
}
