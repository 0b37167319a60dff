package dev.takedown.core.model;

import java.time.Instant;

/**
 * What the seller is told when a listing is restricted (EU DSA Art. 17): what was restricted, the facts
 * relied on, the ground, whether the decision was automated, and how to contest it.
 */
public record StatementOfReasons(
        String restriction,
        String listingId,
        String listingTitle,
        String sellerId,
        String noticeId,
        int itemIndex,
        String rightId,
        RightType rightType,
        String registrationNumber,
        String jurisdiction,
        NoticeReason reasonCode,
        String rightholderName,
        String rightholderEmail,
        String ground,
        boolean automated,
        Instant decidedAt,
        String howToContest) {
}
