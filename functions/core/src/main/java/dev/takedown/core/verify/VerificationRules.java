package dev.takedown.core.verify;

import dev.takedown.core.model.DecisionRule;
import dev.takedown.core.model.ItemReason;
import dev.takedown.core.model.ItemStatus;
import dev.takedown.core.model.Listing;
import dev.takedown.core.model.Notice;
import dev.takedown.core.model.NoticeItem;
import dev.takedown.core.model.NoticeReason;
import dev.takedown.core.model.Right;
import dev.takedown.core.model.RightStatus;
import dev.takedown.core.ports.NoticeStore.ListingClaim;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * The checks every listed item goes through, in this order: the right still holds, the listing exists and is
 * active, its seller is not authorized by the rightholder, and it carries the mark (trademark reasons) —
 * otherwise a person looks at it. Every sender's items go through every check; a TRUSTED sender's items are looked
 * at first (see {@link dev.takedown.core.model.Decision#reviewFirst()}). An item found to act on its listing
 * (actioned, or sent to a person) must then hold the listing's claim: if another notice's item holds it, this one
 * is a duplicate of that one.
 */
public final class VerificationRules {
    private VerificationRules() {
    }

    /**
     * @param right   the notice's right as it stands now, or null if it no longer exists
     * @param listing the listing as it stands now, or null if the catalog has no such listing
     */
    public static Finding decide(Notice notice, Right right, NoticeItem item, Listing listing, Instant now) {
        if (right == null || right.status() != RightStatus.VERIFIED) {
            return Finding.of(ItemStatus.REJECTED, ItemReason.RIGHT_NOT_VERIFIED, DecisionRule.RIGHT_VERIFIED);
        }
        if (right.expiredOn(LocalDate.ofInstant(now, ZoneOffset.UTC))) {
            return Finding.of(ItemStatus.REJECTED, ItemReason.RIGHT_EXPIRED, DecisionRule.RIGHT_VALID);
        }
        if (listing == null) {
            return Finding.of(ItemStatus.NOT_FOUND, ItemReason.LISTING_NOT_FOUND, DecisionRule.LISTING_EXISTS);
        }
        if (!listing.active() && !listing.removedBy(notice.id(), item.index())) {
            return Finding.of(ItemStatus.ALREADY_REMOVED, ItemReason.ALREADY_REMOVED, DecisionRule.LISTING_ACTIVE);
        }
        if (right.authorizedSellers().contains(listing.sellerId())) {
            return Finding.of(ItemStatus.REJECTED, ItemReason.AUTHORIZED_SELLER, DecisionRule.AUTHORIZED_SELLER);
        }
        if (notice.reason() == NoticeReason.COUNTERFEIT || notice.reason() == NoticeReason.TRADEMARK) {
            return switch (BrandMatch.use(right.mark(), listing.brand(), listing.title())) {
                case BRAND, TITLE -> Finding.of(ItemStatus.ACTIONED, null, DecisionRule.BRAND_MATCH);
                case REFERENTIAL -> Finding.of(ItemStatus.NEEDS_REVIEW, ItemReason.REFERENTIAL_USE,
                        DecisionRule.REFERENTIAL_USE);
                case OTHER_BRAND -> Finding.of(ItemStatus.NEEDS_REVIEW, ItemReason.OTHER_BRAND, DecisionRule.OTHER_BRAND);
                case NONE -> Finding.of(ItemStatus.NEEDS_REVIEW, ItemReason.BRAND_MISMATCH, DecisionRule.BRAND_MATCH);
            };
        }
        return Finding.of(ItemStatus.NEEDS_REVIEW, ItemReason.WORK_COMPARISON, DecisionRule.WORK_COMPARISON);
    }

    /** What a finding that acts on the listing becomes when another notice's item holds the listing's claim. */
    public static Finding yieldTo(ListingClaim holder) {
        return new Finding(ItemStatus.DUPLICATE, ItemReason.DUPLICATE, DecisionRule.DUPLICATE_NOTICE,
                holder.noticeId(), holder.index());
    }
}
