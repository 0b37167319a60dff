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
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The checks every listed item goes through, in this order: the right still holds, the listing exists and is
 * active, no earlier notice claims it, its seller is not authorized by the rightholder, and it carries the
 * mark (trademark reasons) — otherwise a person looks at it. Every sender's items go through every check; a
 * TRUSTED sender's items are looked at first (see {@link dev.takedown.core.model.Decision#reviewFirst()}).
 */
public final class VerificationRules {
    /** Claims that make a later item for the same listing a duplicate. */
    static final Set<ItemStatus> CLAIMING = EnumSet.of(ItemStatus.RECEIVED, ItemStatus.VERIFYING,
            ItemStatus.NEEDS_REVIEW, ItemStatus.ACTIONED);

    private VerificationRules() {
    }

    /**
     * @param right   the notice's right as it stands now, or null if it no longer exists
     * @param listing the listing as it stands now, or null if the catalog has no such listing
     * @param claims  the items of other notices naming the same listing
     */
    public static Finding decide(Notice notice, Right right, NoticeItem item, Listing listing, List<ListingClaim> claims,
                                 Instant now) {
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
        Optional<ListingClaim> earlier = earlierClaim(notice.id(), claims);
        if (earlier.isPresent()) {
            return new Finding(ItemStatus.DUPLICATE, ItemReason.DUPLICATE, DecisionRule.DUPLICATE_NOTICE,
                    earlier.get().noticeId(), earlier.get().index());
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

    /**
     * The claim this item yields to: an actioned item of another notice, or an open one of an older notice
     * (notice ids sort by time of receipt, so of two notices racing for a listing, the first one keeps it).
     */
    static Optional<ListingClaim> earlierClaim(String noticeId, List<ListingClaim> claims) {
        return claims.stream()
                .filter(c -> !c.noticeId().equals(noticeId) && CLAIMING.contains(c.status()))
                .filter(c -> c.status() == ItemStatus.ACTIONED || c.noticeId().compareTo(noticeId) < 0)
                .min(Comparator.comparing((ListingClaim c) -> c.status() != ItemStatus.ACTIONED)
                        .thenComparing(ListingClaim::noticeId));
    }
}
