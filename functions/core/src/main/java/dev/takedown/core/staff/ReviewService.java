package dev.takedown.core.staff;

import dev.takedown.core.decisions.DecisionRecorder;
import dev.takedown.core.decisions.Takedowns;
import dev.takedown.core.model.Decision;
import dev.takedown.core.model.DecisionRule;
import dev.takedown.core.model.ItemReason;
import dev.takedown.core.model.ItemStatus;
import dev.takedown.core.model.Listing;
import dev.takedown.core.model.Notice;
import dev.takedown.core.model.NoticeItem;
import dev.takedown.core.model.Right;
import dev.takedown.core.model.RightStatus;
import dev.takedown.core.ports.InvalidCursorException;
import dev.takedown.core.ports.ListingStore;
import dev.takedown.core.ports.NoticeStore;
import dev.takedown.core.ports.Page;
import dev.takedown.core.ports.RightStore;
import dev.takedown.core.ports.RightholderStore;
import dev.takedown.core.problem.FieldError;
import dev.takedown.core.runtime.Log;
import dev.takedown.core.staff.StaffRequests.DecideItem;
import dev.takedown.core.staff.StaffRequests.ReviewQueue;
import dev.takedown.core.staff.StaffRequests.Ruling;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The review queue and a person's decisions on the items in it, over only the stores a decision touches, so that a
 * function that does nothing else (the console's review widget) needs no access to keys, secrets or registries.
 */
public final class ReviewService {
    /** What an ACTION can end in: the listing came down, someone else removed it first, or it is gone. */
    private static final Set<ItemStatus> ACTION_OUTCOMES = EnumSet.of(ItemStatus.ACTIONED, ItemStatus.ALREADY_REMOVED,
            ItemStatus.NOT_FOUND);

    private final NoticeStore notices;
    private final RightStore rights;
    private final ListingStore listings;
    private final Takedowns takedowns;
    private final DecisionRecorder recorder;
    private final Clock clock;

    public ReviewService(NoticeStore notices, RightStore rights, ListingStore listings, RightholderStore rightholders,
                         DecisionRecorder recorder, Clock clock) {
        this.notices = notices;
        this.rights = rights;
        this.listings = listings;
        this.takedowns = new Takedowns(listings, rightholders);
        this.recorder = recorder;
        this.clock = clock;
    }

    public Page<NoticeStore.ReviewItem> reviewQueue(ReviewQueue request) {
        try {
            return notices.needsReview(request.cursor(), request.limit());
        } catch (InvalidCursorException e) {
            throw new StaffException(StaffException.Type.InvalidRequest, "Bad cursor.", List.of(
                    new FieldError("cursor", "use the cursor exactly as a previous page returned it")));
        }
    }

    /**
     * Decides an item waiting for review. Recorded like an automatic decision (audit trail, notice completion,
     * notifications), with the staff id as decider. The same request again answers the same result.
     */
    public StaffService.Decided decideItem(DecideItem request) {
        Notice notice = notices.find(request.noticeId())
                .orElseThrow(() -> StaffException.notFound("noticeId", "No notice " + request.noticeId() + " exists."));
        NoticeItem item = itemOf(notice, request.index());
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        if (item.status() != ItemStatus.NEEDS_REVIEW) {
            if (!isSameDecision(item, request)) {
                throw StaffException.conflict("index", "Item " + request.index() + " is " + item.status()
                        + ", not NEEDS_REVIEW: there is nothing left to decide.");
            }
            // A replay: finish whatever an interrupted first attempt left undone, then answer as it did.
            recorder.record(notice, List.of(), List.of(item), now);
        } else {
            NoticeItem after = request.decision() == Ruling.ACTION
                    ? action(notice, item, request, now)
                    : item.decided(ItemStatus.REJECTED, request.reasonCode(), staffDecision(request, now, DecisionRule.STAFF_DECISION));
            recorder.record(notice, List.of(new DecisionRecorder.Change(item, after)), List.of(), now);
        }
        NoticeItem stored = itemOf(notice, request.index());
        if (!isSameDecision(stored, request)) {
            throw StaffException.conflict("index", "Item " + request.index() + " was decided meanwhile by "
                    + stored.decision().decidedBy() + ": it is " + stored.status() + ".");
        }
        Log.info("item decided by staff", "noticeId", notice.id(), "index", request.index(), "staffId", request.staffId(),
                "status", stored.status());
        return new StaffService.Decided(notices.find(notice.id()).orElseThrow(), stored);
    }

    private NoticeItem itemOf(Notice notice, int index) {
        return notices.itemsAt(notice.id(), List.of(index)).stream().findFirst().orElseThrow(() -> StaffException.notFound(
                "index", "Notice " + notice.id() + " has no item " + index + " (it has " + notice.itemCount() + ")."));
    }

    private static boolean isSameDecision(NoticeItem item, DecideItem request) {
        if (item.decision() == null || !item.decision().decidedBy().equals(request.staffId())) {
            return false;
        }
        return request.decision() == Ruling.ACTION
                ? ACTION_OUTCOMES.contains(item.status())
                : item.status() == ItemStatus.REJECTED && item.reason() == request.reasonCode();
    }

    private static Decision staffDecision(DecideItem request, Instant now, DecisionRule rule) {
        return new Decision(request.staffId(), now, rule, request.note());
    }

    /** Takes the listing down as the verifier does; only a right that still holds can back it. */
    private NoticeItem action(Notice notice, NoticeItem item, DecideItem request, Instant now) {
        Right right = rights.find(notice.rightId()).orElse(null);
        if (right == null || right.status() != RightStatus.VERIFIED) {
            throw StaffException.conflict("decision", "Right " + notice.rightId() + " is "
                    + (right == null ? "gone" : right.status()) + ": REJECT the item with RIGHT_NOT_VERIFIED.");
        }
        if (right.expiredOn(LocalDate.ofInstant(now, ZoneOffset.UTC))) {
            throw StaffException.conflict("decision", "Right " + right.id() + " expired on " + right.validUntil()
                    + ": REJECT the item with RIGHT_EXPIRED.");
        }
        Listing listing = listings.find(item.listingId()).orElse(null);
        if (listing == null) {
            return item.decided(ItemStatus.NOT_FOUND, ItemReason.LISTING_NOT_FOUND,
                    staffDecision(request, now, DecisionRule.LISTING_EXISTS));
        }
        return takedowns.action(notice, right, item, listing, staffDecision(request, now, DecisionRule.STAFF_DECISION));
    }
}
