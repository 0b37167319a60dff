package dev.takedown.core.model;

import java.time.Instant;

/** Writes the statement of reasons a seller gets for a removed listing (EU DSA Art. 17). */
public final class Statements {
    static final String RESTRICTION = "The listing was removed from the marketplace and can no longer be bought.";

    private Statements() {
    }

    public static StatementOfReasons forTakedown(Notice notice, int itemIndex, Right right, Rightholder rightholder,
                                                 Listing listing, Decision decision) {
        return of(listing.id(), listing.title(), listing.sellerId(), notice.id(), itemIndex, right.id(), right.type(),
                right.registrationNumber(), right.jurisdiction(), notice.reason(),
                rightholder == null ? null : rightholder.name(), rightholder == null ? null : rightholder.email(),
                decision.automated(), decision.decidedAt());
    }

    /**
     * A statement from the facts of the decision, worded as this class words them. Stores keep the facts only
     * and word the statement again when reading it, so any change to the wording must keep what was sent.
     */
    public static StatementOfReasons of(String listingId, String listingTitle, String sellerId, String noticeId,
                                        int itemIndex, String rightId, RightType rightType, String registrationNumber,
                                        String jurisdiction, NoticeReason reason, String rightholderName,
                                        String rightholderEmail, boolean automated, Instant decidedAt) {
        return new StatementOfReasons(
                RESTRICTION,
                listingId,
                listingTitle,
                sellerId,
                noticeId,
                itemIndex,
                rightId,
                rightType,
                registrationNumber,
                jurisdiction,
                reason,
                rightholderName,
                rightholderEmail,
                ground(reason) + " Reported by the rightholder in a notice under the platform's IP policy"
                        + " (EU Digital Services Act Art. 16).",
                automated,
                decidedAt,
                "Contest this decision within 6 months with your seller API key: a counter-notice, POST /v1/takedowns/"
                        + noticeId + "/" + itemIndex + "/counter-notice, or an internal complaint, POST /v1/takedowns/"
                        + noticeId + "/" + itemIndex + "/complaint. A person reviews every complaint"
                        + " (EU Digital Services Act Art. 20); you may also turn to an out-of-court dispute settlement"
                        + " body or a court.");
    }

    static String ground(NoticeReason reason) {
        return switch (reason) {
            case COUNTERFEIT -> "Offer of counterfeit goods bearing a registered trademark without the rightholder's consent.";
            case TRADEMARK -> "Use of a registered trademark without the rightholder's consent.";
            case COPYRIGHT -> "Use of a work protected by copyright without the rightholder's consent.";
            case DESIGN -> "Use of a registered design without the rightholder's consent.";
            case PATENT -> "Offer of a product that infringes a patent.";
        };
    }
}
