package dev.takedown.core.redress;

import dev.takedown.core.decisions.DecisionRecorder;
import dev.takedown.core.decisions.Takedowns;
import dev.takedown.core.model.Complaint;
import dev.takedown.core.model.CounterNotice;
import dev.takedown.core.model.Decision;
import dev.takedown.core.model.DecisionRule;
import dev.takedown.core.model.Figures;
import dev.takedown.core.model.ItemReason;
import dev.takedown.core.model.ItemStatus;
import dev.takedown.core.model.Listing;
import dev.takedown.core.model.Notice;
import dev.takedown.core.model.NoticeItem;
import dev.takedown.core.model.NoticeReason;
import dev.takedown.core.model.Party;
import dev.takedown.core.model.Redress;
import dev.takedown.core.model.Right;
import dev.takedown.core.model.RightStatus;
import dev.takedown.core.model.SellerStanding;
import dev.takedown.core.model.TimeBuckets;
import dev.takedown.core.ports.FiguresStore;
import dev.takedown.core.ports.ListingStore;
import dev.takedown.core.ports.NoticeStore;
import dev.takedown.core.ports.NoticeStore.ItemRef;
import dev.takedown.core.ports.Page;
import dev.takedown.core.ports.RightStore;
import dev.takedown.core.ports.RightholderStore;
import dev.takedown.core.ports.TrustStore;
import dev.takedown.core.problem.FieldError;
import dev.takedown.core.problem.Problem;
import dev.takedown.core.problem.ProblemException;
import dev.takedown.core.runtime.Log;
import dev.takedown.core.runtime.Metrics;
import dev.takedown.core.runtime.Metrics.Metric;
import dev.takedown.core.runtime.Parallel;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The due-process half of notice and takedown: a seller contests a takedown by counter-notice (DMCA 512(g), PRC
 * E-Commerce Law Art. 42-43) or internal complaint (EU DSA Art. 20); a rightholder answers the counter-notice, takes
 * its notice back, or complains about a rejection; staff decide complaints. What follows a change (the listing, the
 * audit trail, the rightholder's record, the strike and the seller's standing, the webhooks) is done by
 * {@link RedressFollowUp}; each change puts its item on the redress schedule until that is done, so an interrupted
 * request is finished by the scheduled sweep, and doing it again changes nothing.
 */
public final class RedressService {
    private static final int ATTEMPTS = 3;
    private static final int SWEEP_PAGE = 100;
    /** Retractions of one withdrawal whose follow-up is done within the request; the sweep does the others'. */
    static final int FOLLOW_UP_AT_ONCE = 25;
    /** Rounds of the sweep in one run, so that an item that keeps failing cannot hold the run forever. */
    private static final int SWEEP_ROUNDS = 50;

    private final NoticeStore notices;
    private final ListingStore listings;
    private final RightStore rights;
    private final RightholderStore rightholders;
    private final TrustStore trust;
    private final DecisionRecorder recorder;
    private final RedressFollowUp followUp;
    private final RedressPolicy policy;
    private final FiguresStore figures;
    private final Clock clock;

    public RedressService(NoticeStore notices, ListingStore listings, RightStore rights, RightholderStore rightholders,
                          TrustStore trust, DecisionRecorder recorder, RedressFollowUp followUp, RedressPolicy policy,
                          FiguresStore figures, Clock clock) {
        this.notices = notices;
        this.listings = listings;
        this.rights = rights;
        this.rightholders = rightholders;
        this.trust = trust;
        this.recorder = recorder;
        this.followUp = followUp;
        this.policy = policy;
        this.figures = figures;
        this.clock = clock;
    }

    public RedressPolicy policy() {
        return policy;
    }

    /** A takedown as its seller sees it. */
    public record Takedown(String noticeId, NoticeItem item) {
    }

    /** What a withdrawal changed: open items withdrawn, takedowns retracted; the rest was left as it was. */
    public record Withdrawn(Notice notice, List<NoticeItem> withdrawn, List<NoticeItem> retracted,
                            List<NoticeItem> unchanged) {
    }

    // ------------------------------------------------------------------ sellers

    /**
     * The seller's takedowns, newest first; {@code onlyStatus} keeps those in that status (ACTIONED, COUNTER_NOTICED,
     * RESTORED or RETRACTED). A filtered page may come back short, with a cursor, after reading a bounded number.
     */
    public Page<Takedown> takedowns(String sellerId, ItemStatus onlyStatus, String cursor, int limit) {
        List<Takedown> page = new ArrayList<>();
        String next = cursor;
        int read = 0;
        do {
            Page<ItemRef> refs = notices.takedownsOf(sellerId, next, limit - page.size());
            read += refs.entries().size();
            for (Takedown takedown : read(refs.entries())) {
                if (onlyStatus == null || takedown.item().status() == onlyStatus) {
                    page.add(takedown);
                }
            }
            next = refs.nextCursor();
        } while (next != null && page.size() < limit && read < 10 * limit);
        return new Page<>(page, next);
    }

    /** The items named, in the order named (those that exist). */
    private List<Takedown> read(List<ItemRef> refs) {
        Map<String, List<Integer>> byNotice = new LinkedHashMap<>();
        refs.forEach(ref -> byNotice.computeIfAbsent(ref.noticeId(), k -> new ArrayList<>()).add(ref.index()));
        Map<ItemRef, NoticeItem> found = new LinkedHashMap<>();
        byNotice.forEach((noticeId, indexes) -> notices.itemsAt(noticeId, indexes)
                .forEach(item -> found.put(new ItemRef(noticeId, item.index()), item)));
        return refs.stream().filter(found::containsKey).map(ref -> new Takedown(ref.noticeId(), found.get(ref))).toList();
    }

    /** One of the seller's takedowns; 404 for anyone else's, as for one that does not exist. */
    public Takedown takedown(String sellerId, String noticeId, int index) {
        return new Takedown(noticeId, ownTakedown(sellerId, noticeId, index));
    }

    public Takedown fileCounterNotice(String sellerId, String noticeId, int index,
                                      RedressRequests.CounterNoticeFiling filing) {
        return untilStored(() -> {
            Notice notice = notice(noticeId);
            NoticeItem item = ownTakedown(sellerId, noticeId, index);
            Instant now = now();
            CounterNotice filed = item.redress().counterNotice();
            if (filed != null) {
                if (!sameFiling(filed, filing)) {
                    throw conflict("counterNotice", "A counter-notice was already filed against this takedown on "
                            + filed.filedAt() + "; one is allowed per takedown.");
                }
                return new Takedown(noticeId, followUp.finish(notice, item, now));
            }
            requireStatus(item, ItemStatus.ACTIONED, "a counter-notice");
            if (item.redress().sellerComplaint() != null && item.redress().sellerComplaint().open()) {
                throw conflict("counterNotice", "Your complaint about this takedown is open; a person decides it."
                        + " File a counter-notice after its decision, or wait for it.");
            }
            requireInWindow(item, now);
            CounterNotice counterNotice = new CounterNotice(filing.grounds(), filing.statement(), filing.evidence(),
                    filing.contact(), filing.signature(), now,
                    policy.respondBy(now, notice.reason() == NoticeReason.COPYRIGHT), null, null, null);
            NoticeItem after = item.redressed(ItemStatus.COUNTER_NOTICED, item.redress().withCounterNotice(counterNotice));
            if (store(notice, item, after, now)) {
                Log.info("counter-notice filed", "noticeId", noticeId, "index", index, "sellerId", sellerId,
                        "respondBy", counterNotice.respondBy());
                return new Takedown(noticeId, followUp.finish(notice, after, now));
            }
            return null;
        });
    }

    public Takedown fileSellerComplaint(String sellerId, String noticeId, int index,
                                        RedressRequests.ComplaintFiling filing) {
        return untilStored(() -> {
            Notice notice = notice(noticeId);
            NoticeItem item = ownTakedown(sellerId, noticeId, index);
            Instant now = now();
            Complaint filed = item.redress().sellerComplaint();
            if (filed != null) {
                if (!sameFiling(filed, filing)) {
                    throw conflict("complaint", "You complained about this takedown on " + filed.filedAt()
                            + "; one complaint is allowed per takedown.");
                }
                return new Takedown(noticeId, followUp.finish(notice, item, now));
            }
            if (item.status() == ItemStatus.COUNTER_NOTICED) {
                throw conflict("complaint", "Your counter-notice against this takedown is open: it decides the"
                        + " takedown.");
            }
            requireStatus(item, ItemStatus.ACTIONED, "a complaint");
            requireInWindow(item, now);
            NoticeItem after = item.redressed(item.status(), item.redress().withComplaint(
                    new Complaint(Party.SELLER, filing.explanation(), filing.evidence(), now, null)));
            if (store(notice, item, after, now)) {
                Log.info("complaint filed", "noticeId", noticeId, "index", index, "from", Party.SELLER);
                return new Takedown(noticeId, followUp.finish(notice, after, now));
            }
            return null;
        });
    }

    // ------------------------------------------------------------------ rightholders

    /** The rightholder's answer to an open counter-notice, before its {@code respondBy}. */
    public NoticeItem respondToCounterNotice(String rightholderId, String noticeId, int index,
                                             RedressRequests.Response response) {
        return untilStored(() -> {
            Notice notice = ownNotice(rightholderId, noticeId);
            NoticeItem item = item(notice, index);
            Instant now = now();
            CounterNotice counterNotice = item.redress().counterNotice();
            if (counterNotice == null) {
                throw conflict("response", "No counter-notice was filed against item " + index + ".");
            }
            if (!counterNotice.open()) {
                if (answeredSo(counterNotice, response)) {
                    return followUp.finish(notice, item, now);
                }
                throw conflict("response", "The counter-notice against item " + index + " is closed ("
                        + counterNotice.outcome() + " at " + counterNotice.closedAt() + ").");
            }
            if (!now.isBefore(counterNotice.respondBy())) {
                throw conflict("response", "The time to answer the counter-notice ended at "
                        + counterNotice.respondBy() + "; the listing is being restored.");
            }
            NoticeItem after = response.accept()
                    ? restored(notice, item, Redress.Cause.COUNTER_NOTICE_ACCEPTED, item.redress(), now)
                    : item.redressed(ItemStatus.ACTIONED, item.redress().withCounterNotice(
                            counterNotice.closed(CounterNotice.Outcome.UPHELD, response.legalAction(), now)));
            if (store(notice, item, after, now)) {
                Log.info("counter-notice answered", "noticeId", noticeId, "index", index,
                        "response", response.accept() ? "ACCEPT" : "LEGAL_ACTION");
                return followUp.finish(notice, after, now);
            }
            return null;
        });
    }

    /**
     * Takes back the notice, or the items named: open items become WITHDRAWN (never verified afterwards), takedowns
     * RETRACTED with their listings put back; the others stay as they are. The notice completes when nothing is open.
     */
    public Withdrawn withdraw(String rightholderId, String noticeId, RedressRequests.Withdrawal withdrawal) {
        Notice notice = ownNotice(rightholderId, noticeId);
        Instant now = now();
        List<NoticeItem> items;
        if (withdrawal.items() == null) {
            items = notices.allItems(noticeId, null);
        } else {
            List<FieldError> missing = new ArrayList<>();
            for (int i = 0; i < withdrawal.items().size(); i++) {
                if (withdrawal.items().get(i) >= notice.itemCount()) {
                    missing.add(new FieldError("items[" + i + "]", "notice " + noticeId + " has no item "
                            + withdrawal.items().get(i) + " (it has " + notice.itemCount() + ")"));
                }
            }
            if (!missing.isEmpty()) {
                throw new ProblemException(Problem.unprocessable("The withdrawal names items the notice does not have.",
                        missing));
            }
            items = notices.itemsAt(noticeId, withdrawal.items());
        }
        Redress.Withdrawal taken = new Redress.Withdrawal(now, withdrawal.reason());
        List<DecisionRecorder.Change> open = new ArrayList<>();
        List<DecisionRecorder.Change> retractions = new ArrayList<>();
        List<NoticeItem> unchanged = new ArrayList<>();
        for (NoticeItem item : items) {
            if (item.status().isOpen()) {
                open.add(new DecisionRecorder.Change(item, item.decided(ItemStatus.WITHDRAWN, ItemReason.WITHDRAWN,
                                new Decision(Decision.RIGHTHOLDER, now, DecisionRule.WITHDRAWAL, withdrawal.reason()))
                        .redressed(ItemStatus.WITHDRAWN, item.redress().withWithdrawal(taken))));
            } else if (item.status().takedownInForce()) {
                retractions.add(new DecisionRecorder.Change(item, restored(notice, item, Redress.Cause.NOTICE_WITHDRAWN,
                        item.redress().withWithdrawal(taken), now)));
            } else {
                unchanged.add(item);
            }
        }
        List<NoticeItem> retracted = retract(notice, retractions, now);
        List<NoticeItem> withdrawn = open.isEmpty() ? List.of() : recorder.record(notice, open, List.of(), now);
        // An item the verifier took down while it was being withdrawn: put its listing back.
        withdrawn.stream().filter(i -> i.status() == ItemStatus.WITHDRAWN && i.listingId() != null)
                .forEach(i -> listings.restoreTakedown(i.listingId(), noticeId, i.index(), false));
        Log.info("notice withdrawn", "noticeId", noticeId, "withdrawn", withdrawn.size(), "retracted", retracted.size());
        return new Withdrawn(notices.find(noticeId).orElseThrow(), withdrawn, retracted, unchanged);
    }

    /**
     * Stores each retraction (side by side: one conditional write each) and does what follows the first ones at once;
     * the others wait on the redress schedule for the sweep, so that a large notice is withdrawn within one request.
     * An item that changed meanwhile is left as it now is.
     */
    private List<NoticeItem> retract(Notice notice, List<DecisionRecorder.Change> retractions, Instant now) {
        List<Figures> counted = Parallel.map(retractions,
                change -> stored(notice.id(), change.before(), change.after(), now));
        addFigures(notice, counted.stream().filter(Objects::nonNull).reduce(Figures.NONE, Figures::plus));
        List<NoticeItem> retracted = new ArrayList<>();
        for (int i = 0; i < retractions.size(); i++) {
            NoticeItem after = retractions.get(i).after();
            if (counted.get(i) == null) {
                retracted.add(item(notice, after.index()));
            } else if (i < FOLLOW_UP_AT_ONCE) {
                retracted.add(followUp.finish(notice, after, now));
            } else {
                retracted.add(after);
            }
        }
        return retracted;
    }

    /** The rightholder's complaint about a rejection, for a person to decide. */
    public NoticeItem fileRightholderComplaint(String rightholderId, String noticeId, int index,
                                               RedressRequests.ComplaintFiling filing) {
        return untilStored(() -> {
            Notice notice = ownNotice(rightholderId, noticeId);
            NoticeItem item = item(notice, index);
            Instant now = now();
            Complaint filed = item.redress().rightholderComplaint();
            if (filed != null) {
                if (!sameFiling(filed, filing)) {
                    throw conflict("complaint", "You complained about item " + index + " on " + filed.filedAt()
                            + "; one complaint is allowed per item.");
                }
                return item;
            }
            requireStatus(item, ItemStatus.REJECTED, "a complaint");
            requireInWindow(item, now);
            NoticeItem after = item.redressed(item.status(), item.redress().withComplaint(
                    new Complaint(Party.RIGHTHOLDER, filing.explanation(), filing.evidence(), now, null)));
            if (store(notice, item, after, null)) {
                Log.info("complaint filed", "noticeId", noticeId, "index", index, "from", Party.RIGHTHOLDER);
                return after;
            }
            return null;
        });
    }

    // ------------------------------------------------------------------ staff

    /** Open complaints of both parties, oldest first. */
    public Page<NoticeStore.ReviewItem> complaintQueue(String cursor, int limit) {
        return notices.openComplaints(cursor, limit);
    }

    /**
     * A person's decision on a complaint. Upholding changes nothing but the record. Reversing a seller's complaint
     * restores the listing; reversing a rightholder's takes the listing down (statement of reasons, strike).
     */
    public NoticeItem decideComplaint(String noticeId, int index, Party from, Complaint.Outcome outcome, String staffId,
                                      String reason) {
        return untilStored(() -> {
            Notice notice = notice(noticeId);
            NoticeItem item = item(notice, index);
            Instant now = now();
            Complaint complaint = item.redress().complaintOf(from);
            if (complaint == null) {
                throw new ProblemException(Problem.notFound("Item " + index + " of notice " + noticeId
                        + " has no complaint from the " + from.name().toLowerCase(java.util.Locale.ROOT) + "."));
            }
            if (!complaint.open()) {
                Complaint.Ruling ruling = complaint.decision();
                if (ruling.outcome() == outcome && ruling.staffId().equals(staffId)) {
                    return followUp.finish(notice, item, now);
                }
                throw conflict("index", "The complaint was decided by " + ruling.staffId() + " at " + ruling.at()
                        + " (" + ruling.outcome() + ").");
            }
            Redress redress = item.redress().withComplaint(complaint.decided(
                    new Complaint.Ruling(outcome, staffId, now, reason)));
            NoticeItem decided = item.redressed(item.status(), redress);
            if (outcome == Complaint.Outcome.REVERSE && from == Party.RIGHTHOLDER) {
                NoticeItem actioned = takeDown(notice, decided, staffId, reason, now);
                List<NoticeItem> recorded = recorder.record(notice, List.of(new DecisionRecorder.Change(item, actioned)),
                        List.of(), now);
                if (recorded.stream().anyMatch(i -> i.index() == index && actioned.decision().equals(i.decision()))) {
                    addFigures(notice, count(item, actioned));
                    return followUp.finish(notice, actioned, now);
                }
                return null;
            }
            NoticeItem after = outcome == Complaint.Outcome.REVERSE
                    ? restored(notice, item, Redress.Cause.COMPLAINT_REVERSED, redress, now)
                    : decided;
            if (store(notice, item, after, now)) {
                Log.info("complaint decided", "noticeId", noticeId, "index", index, "from", from, "outcome", outcome,
                        "staffId", staffId);
                return followUp.finish(notice, after, now);
            }
            return null;
        });
    }

    /** A rejection reversed: the listing taken down as a staff ACTION would, if the right still backs it. */
    private NoticeItem takeDown(Notice notice, NoticeItem item, String staffId, String reason, Instant now) {
        Right right = rights.find(notice.rightId()).orElse(null);
        if (right == null || right.status() != RightStatus.VERIFIED
                || right.expiredOn(LocalDate.ofInstant(now, ZoneOffset.UTC))) {
            throw conflict("decision", "Right " + notice.rightId() + " no longer backs a takedown ("
                    + (right == null ? "gone" : right.status() + ", valid until " + right.validUntil())
                    + "): UPHOLD the complaint.");
        }
        Decision decision = new Decision(staffId, now, DecisionRule.COMPLAINT_REVERSED, reason);
        Listing listing = listings.find(item.listingId()).orElse(null);
        if (listing == null) {
            return item.decided(ItemStatus.NOT_FOUND, ItemReason.LISTING_NOT_FOUND, decision);
        }
        return new Takedowns(listings, rightholders).action(notice, right, item, listing, decision);
    }

    // ------------------------------------------------------------------ schedule

    /**
     * Restores the listings of counter-notices left unanswered by their {@code respondBy}, and finishes what
     * interrupted changes left undone. Returns how many listings it restored.
     */
    public int sweep() {
        Instant now = now();
        int restored = 0;
        for (int round = 0; round < SWEEP_ROUNDS; round++) {
            List<ItemRef> due = notices.redressDue(now, SWEEP_PAGE);
            if (due.isEmpty()) {
                break;
            }
            for (ItemRef ref : due) {
                try {
                    if (settleDue(ref, now)) {
                        restored++;
                    }
                } catch (RuntimeException e) {
                    // Left on the schedule: the next run tries again; the others go ahead.
                    Log.error("redress follow-up failed", e, "noticeId", ref.noticeId(), "index", ref.index());
                }
            }
            if (due.size() < SWEEP_PAGE) {
                break;
            }
        }
        return restored;
    }

    /** True when it restored the listing of an unanswered counter-notice. */
    private boolean settleDue(ItemRef ref, Instant now) {
        Notice notice = notices.find(ref.noticeId()).orElse(null);
        if (notice == null) {
            notices.scheduleRedress(ref.noticeId(), ref.index(), null);
            return false;
        }
        NoticeItem item = item(notice, ref.index());
        CounterNotice counterNotice = item.redress().counterNotice();
        boolean unanswered = item.status() == ItemStatus.COUNTER_NOTICED && counterNotice != null
                && counterNotice.open() && !now.isBefore(counterNotice.respondBy());
        if (!unanswered) {
            followUp.finish(notice, item, now);
            return false;
        }
        NoticeItem after = restored(notice, item, Redress.Cause.COUNTER_NOTICE_UNANSWERED, item.redress(), now);
        if (!store(notice, item, after, now)) {
            return false;
        }
        Log.info("counter-notice unanswered: listing restored", "noticeId", notice.id(), "index", item.index());
        followUp.finish(notice, after, now);
        return true;
    }

    // ------------------------------------------------------------------ helpers

    /**
     * Stores a redress change, and counts it when stored into the metrics and the transparency figures: an item that
     * changed meanwhile stores and counts nothing.
     */
    private boolean store(Notice notice, NoticeItem before, NoticeItem after, Instant dueAt) {
        Figures counted = stored(notice.id(), before, after, dueAt);
        if (counted == null) {
            return false;
        }
        addFigures(notice, counted);
        return true;
    }

    /** Stores a redress change; what it adds to the figures once stored, null when the item changed meanwhile. */
    private Figures stored(String noticeId, NoticeItem before, NoticeItem after, Instant dueAt) {
        if (!notices.recordRedress(noticeId, before, after, dueAt)) {
            return null;
        }
        return count(before, after);
    }

    /** The figures of the notice's rightholder and the platform, on today's UTC day: one write for each. */
    private void addFigures(Notice notice, Figures delta) {
        if (!delta.isEmpty()) {
            figures.add(notice.rightholderId(), LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC), delta);
        }
    }

    /**
     * The counter-notice, complaint and retraction events of a change just stored, each counted by the one request
     * that stored it: answering the same filing or decision again stores nothing, so it counts nothing.
     */
    private static Figures count(NoticeItem before, NoticeItem after) {
        Figures.Builder figures = Figures.builder();
        CounterNotice was = before.redress().counterNotice();
        CounterNotice is = after.redress().counterNotice();
        if (was == null && is != null) {
            Metrics.count(Metric.COUNTER_NOTICES, "FILED");
            figures.count(Figures.COUNTER_NOTICES_FILED);
        }
        if (is != null && !is.open() && (was == null || was.open())) {
            Metrics.count(Metric.COUNTER_NOTICES, switch (is.outcome()) {
                case UPHELD -> "UPHELD";
                case ACCEPTED -> "ACCEPTED";
                case UNANSWERED -> "RESTORED_BY_SILENCE";
                case NOTICE_WITHDRAWN -> "WITHDRAWN";
            });
            switch (is.outcome()) {
                case UPHELD -> figures.count(Figures.COUNTER_NOTICES_UPHELD);
                case ACCEPTED -> figures.count(Figures.counterNoticesRestored(Figures.Restoration.ACCEPTED));
                case UNANSWERED -> figures.count(Figures.counterNoticesRestored(Figures.Restoration.UNANSWERED));
                // The notice's withdrawal restored the listing: counted as a retraction.
                case NOTICE_WITHDRAWN -> { }
            }
        }
        for (Party party : Party.values()) {
            Complaint had = before.redress().complaintOf(party);
            Complaint has = after.redress().complaintOf(party);
            if (had == null && has != null) {
                Metrics.count(Metric.COMPLAINTS, "FILED");
                figures.count(Figures.complaintsFiled(party.name()));
            }
            if (has != null && !has.open() && (had == null || had.open())) {
                Metrics.count(Metric.COMPLAINTS, has.decision().outcome() == Complaint.Outcome.UPHOLD ? "UPHELD" : "REVERSED");
                figures.count(Figures.complaintsDecided(party.name(), has.decision().outcome().name()))
                        .count(Figures.complaintHandlingTime(TimeBuckets.of(has.handlingTime())));
            }
        }
        if (before.status() != ItemStatus.RETRACTED && after.status() == ItemStatus.RETRACTED) {
            figures.count(Figures.ITEMS_RETRACTED);
        }
        return figures.build();
    }

    /**
     * The takedown undone, as it will be stored: RETRACTED when the rightholder withdrew, else RESTORED; an open
     * counter-notice closes with the matching outcome. The listing stays down if its seller is suspended.
     */
    private NoticeItem restored(Notice notice, NoticeItem item, Redress.Cause cause, Redress redress, Instant now) {
        boolean suspended = trust.sellerState(item.statement().sellerId()).standing() == SellerStanding.SUSPENDED;
        CounterNotice counterNotice = redress.counterNotice();
        if (counterNotice != null && counterNotice.open()) {
            redress = redress.withCounterNotice(counterNotice.closed(switch (cause) {
                case COUNTER_NOTICE_ACCEPTED -> CounterNotice.Outcome.ACCEPTED;
                case COUNTER_NOTICE_UNANSWERED -> CounterNotice.Outcome.UNANSWERED;
                case NOTICE_WITHDRAWN, COMPLAINT_REVERSED -> CounterNotice.Outcome.NOTICE_WITHDRAWN;
            }, null, now));
        }
        return item.redressed(cause == Redress.Cause.NOTICE_WITHDRAWN ? ItemStatus.RETRACTED : ItemStatus.RESTORED,
                redress.withRestoration(new Redress.Restoration(now, cause, !suspended)));
    }

    private static boolean sameFiling(CounterNotice filed, RedressRequests.CounterNoticeFiling filing) {
        return filed.grounds() == filing.grounds() && filed.statement().equals(filing.statement())
                && filed.evidence().equals(filing.evidence()) && filed.contact().equals(filing.contact())
                && filed.signature().equals(filing.signature());
    }

    private static boolean sameFiling(Complaint filed, RedressRequests.ComplaintFiling filing) {
        return filed.explanation().equals(filing.explanation()) && filed.evidence().equals(filing.evidence());
    }

    private static boolean answeredSo(CounterNotice counterNotice, RedressRequests.Response response) {
        return response.accept() ? counterNotice.outcome() == CounterNotice.Outcome.ACCEPTED
                : counterNotice.outcome() == CounterNotice.Outcome.UPHELD
                && response.legalAction().equals(counterNotice.legalAction());
    }

    private void requireStatus(NoticeItem item, ItemStatus required, String what) {
        if (item.status() != required) {
            throw conflict("index", "Item " + item.index() + " is " + item.status() + ": " + what
                    + " can only be filed against a " + required + " item.");
        }
    }

    private void requireInWindow(NoticeItem item, Instant now) {
        Instant until = policy.contestableUntil(item.decision().decidedAt());
        if (!now.isBefore(until)) {
            throw new ProblemException(new Problem("https://takedown.dev/problems/redress-window-closed",
                    "Redress window closed", 422, "The decision of " + item.decision().decidedAt()
                    + " could be contested until " + until + " (" + policy.windowDays() + " days).",
                    List.of(new FieldError("index", "decided more than " + policy.windowDays() + " days ago"))));
        }
    }

    private NoticeItem ownTakedown(String sellerId, String noticeId, int index) {
        NoticeItem item = notices.itemsAt(noticeId, List.of(index)).stream().findFirst().orElse(null);
        if (item == null || item.statement() == null || !sellerId.equals(item.statement().sellerId())) {
            throw new ProblemException(Problem.notFound("No takedown " + noticeId + "/" + index + " of yours exists."));
        }
        return item;
    }

    private Notice ownNotice(String rightholderId, String noticeId) {
        return notices.find(noticeId).filter(n -> n.rightholderId().equals(rightholderId))
                .orElseThrow(() -> new ProblemException(Problem.notFound("No notice " + noticeId + " of yours exists.")));
    }

    private Notice notice(String noticeId) {
        return notices.find(noticeId)
                .orElseThrow(() -> new ProblemException(Problem.notFound("No notice " + noticeId + " exists.")));
    }

    private NoticeItem item(Notice notice, int index) {
        return notices.itemsAt(notice.id(), List.of(index)).stream().findFirst()
                .orElseThrow(() -> new ProblemException(Problem.notFound("Notice " + notice.id() + " has no item "
                        + index + " (it has " + notice.itemCount() + ").")));
    }

    static ProblemException conflict(String field, String detail) {
        return new ProblemException(new Problem("https://takedown.dev/problems/conflict", "Conflict", 409, detail,
                List.of(new FieldError(field, detail))));
    }

    /**
     * Runs {@code attempt} until it answers: null means the item changed between reading and storing it, and it reads
     * the item again. Each attempt decides on the item as it then is.
     */
    private static <T> T untilStored(Supplier<T> attempt) {
        for (int i = 1; i <= ATTEMPTS; i++) {
            T answer = attempt.get();
            if (answer != null) {
                return answer;
            }
        }
        throw conflict("index", "The item kept changing while this request was handled; read it and try again.");
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
