package dev.takedown.core.verify;

import dev.takedown.core.decisions.DecisionRecorder;
import dev.takedown.core.decisions.Takedowns;
import dev.takedown.core.model.Decision;
import dev.takedown.core.model.ItemStatus;
import dev.takedown.core.model.Listing;
import dev.takedown.core.model.Notice;
import dev.takedown.core.model.NoticeItem;
import dev.takedown.core.model.Right;
import dev.takedown.core.model.Rightholder;
import dev.takedown.core.ports.ListingStore;
import dev.takedown.core.ports.NoticeStore;
import dev.takedown.core.ports.NoticeStore.ListingClaim;
import dev.takedown.core.ports.RightStore;
import dev.takedown.core.ports.RightholderStore;
import dev.takedown.core.runtime.Log;
import dev.takedown.core.runtime.Parallel;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Verifies a group of items of one notice: decides each open one, takes listings down, records it all. */
public final class VerificationService {
    private final NoticeStore notices;
    private final RightStore rights;
    private final ListingStore listings;
    private final RightholderStore rightholders;
    private final DecisionRecorder recorder;
    private final Clock clock;

    public VerificationService(NoticeStore notices, RightStore rights, RightholderStore rightholders, ListingStore listings,
                               DecisionRecorder recorder, Clock clock) {
        this.notices = notices;
        this.rights = rights;
        this.listings = listings;
        this.rightholders = rightholders;
        this.recorder = recorder;
        this.clock = clock;
    }

    /** Fails (to be retried, then dead-lettered) when the notice does not exist: such work is poison. */
    public List<NoticeItem> verify(String noticeId, List<Integer> indexes) {
        Notice notice = notices.find(noticeId)
                .orElseThrow(() -> new IllegalArgumentException("verification work for unknown notice " + noticeId));
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Right right = rights.find(notice.rightId()).orElse(null);
        // Its tier decides where items wait for review, and every statement of the batch names it: read it once.
        Optional<Rightholder> rightholder = rightholders.find(notice.rightholderId());
        boolean trusted = rightholder.map(r -> r.trust().trusted()).orElse(false);
        Takedowns takedowns = new Takedowns(listings, id -> id.equals(notice.rightholderId()) ? rightholder
                : rightholders.find(id));
        List<NoticeItem> open = new ArrayList<>();
        List<NoticeItem> seenDecided = new ArrayList<>();
        for (NoticeItem item : notices.itemsAt(noticeId, indexes)) {
            (DecisionRecorder.isOpenForVerification(item) ? open : seenDecided).add(item);
        }
        Map<String, Listing> catalog = listings.findAll(open.stream().map(NoticeItem::listingId).toList());
        // Open items of one notice name different listings (intake settles repeats), so they are decided side by side.
        List<DecisionRecorder.Change> changes = Parallel.map(open, item -> new DecisionRecorder.Change(item,
                decide(notice, right, item, catalog.get(item.listingId()), trusted, takedowns, now)));
        List<NoticeItem> decided = recorder.record(notice, changes, seenDecided, now);
        // An item withdrawn while it was being verified may have had its listing taken down here: put it back.
        decided.stream().filter(i -> i.status() == ItemStatus.WITHDRAWN && i.listingId() != null)
                .forEach(i -> listings.restoreTakedown(i.listingId(), noticeId, i.index(), false));
        Log.info("items verified", "noticeId", noticeId, "items", indexes.size(), "decided", decided.size());
        return decided;
    }

    private NoticeItem decide(Notice notice, Right right, NoticeItem item, Listing listing, boolean trusted,
                              Takedowns takedowns, Instant now) {
        Finding finding = VerificationRules.decide(notice, right, item, listing, now);
        // A takedown claims the listing by its own conditional write on it (Takedowns); an item sent to a person has
        // nothing else to hold the listing by.
        if (finding.status() == ItemStatus.NEEDS_REVIEW) {
            ListingClaim claimant = new ListingClaim(notice.id(), item.index());
            ListingClaim holder = notices.claimListing(item.listingId(), claimant);
            if (!holder.equals(claimant)) {
                finding = VerificationRules.yieldTo(holder);
            }
        }
        Decision decision = Decision.auto(now, finding.rule());
        if (trusted && finding.status() == ItemStatus.NEEDS_REVIEW) {
            decision = decision.reviewedFirst();
        }
        return switch (finding.status()) {
            case ACTIONED -> takedowns.action(notice, right, item, listing, decision);
            case DUPLICATE -> item.duplicateOf(finding.duplicateOfNotice(), finding.duplicateOfIndex(), decision);
            default -> item.decided(finding.status(), finding.reason(), decision);
        };
    }
}
