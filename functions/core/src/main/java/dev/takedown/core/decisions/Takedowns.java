package dev.takedown.core.decisions;

import dev.takedown.core.model.Decision;
import dev.takedown.core.model.DecisionRule;
import dev.takedown.core.model.ItemReason;
import dev.takedown.core.model.ItemStatus;
import dev.takedown.core.model.Listing;
import dev.takedown.core.model.Notice;
import dev.takedown.core.model.NoticeItem;
import dev.takedown.core.model.Right;
import dev.takedown.core.model.Statements;
import dev.takedown.core.ports.ListingStore;
import dev.takedown.core.ports.RightholderStore;

/**
 * Actions an item, whoever decided it: takes the listing down and attaches the statement of reasons. Losing the
 * takedown race to another removal means the listing was already removed, decided by the same person.
 */
public final class Takedowns {
    private final ListingStore listings;
    private final RightholderStore rightholders;

    public Takedowns(ListingStore listings, RightholderStore rightholders) {
        this.listings = listings;
        this.rightholders = rightholders;
    }

    public NoticeItem action(Notice notice, Right right, NoticeItem item, Listing listing, Decision decision) {
        ListingStore.Takedown result = listings.takeDown(listing.id(), notice.id(), item.index(), decision.decidedAt());
        if (result == ListingStore.Takedown.ALREADY_REMOVED) {
            return item.decided(ItemStatus.ALREADY_REMOVED, ItemReason.ALREADY_REMOVED,
                    new Decision(decision.decidedBy(), decision.decidedAt(), DecisionRule.TAKEDOWN_RACE, decision.note()));
        }
        return item.decided(ItemStatus.ACTIONED, null, decision).withStatement(Statements.forTakedown(notice, item.index(),
                right, rightholders.find(notice.rightholderId()).orElse(null), listing, decision));
    }
}
