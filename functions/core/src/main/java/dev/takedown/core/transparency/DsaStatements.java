package dev.takedown.core.transparency;

import dev.takedown.core.model.Ids;
import dev.takedown.core.model.RightType;
import dev.takedown.core.model.StatementOfReasons;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The records this marketplace submits to the EU DSA Transparency Database (Art. 24(5) DSA): one for each listing
 * taken down on a notice, and one for each seller account suspended under the repeat-infringer policy.
 *
 * <p>Restorations are not recorded. The database has no way to: it only creates statements (there is no update,
 * delete or reversal), every statement must name a restriction, and a puid may never be used again. A listing put
 * back or a seller reinstated therefore leaves its original statement in the database as it was sent.
 *
 * <p>No personal data goes into a record beyond what identifies the decision: the rightholder is named (an IP
 * owner, usually a company) but its contact's e-mail address never is.
 */
public final class DsaStatements {
    /** The countries the database accepts as a territorial scope: the EU's 27 and the EEA's IS, LI and NO. */
    public static final List<String> EU_AND_EEA = List.of("AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI",
            "FR", "GR", "HR", "HU", "IE", "IS", "IT", "LI", "LT", "LU", "LV", "MT", "NL", "NO", "PL", "PT", "RO", "SE",
            "SI", "SK");

    private static final String CONTENT_REMOVED = "DECISION_VISIBILITY_CONTENT_REMOVED";
    private static final String ACCOUNT_SUSPENDED = "DECISION_ACCOUNT_SUSPENDED";
    private static final String BUSINESS_ACCOUNT = "ACCOUNT_TYPE_BUSINESS";
    private static final String IP_INFRINGEMENTS = "STATEMENT_CATEGORY_INTELLECTUAL_PROPERTY_INFRINGEMENTS";
    private static final String PRODUCT = "CONTENT_TYPE_PRODUCT";
    private static final String NOTICE = "SOURCE_ARTICLE_16";
    private static final String TRUSTED_FLAGGER_NOTICE = "SOURCE_TRUSTED_FLAGGER";
    private static final String OWN_INITIATIVE = "SOURCE_VOLUNTARY";
    private static final String FULLY_AUTOMATED = "AUTOMATED_DECISION_FULLY";
    private static final String NOT_AUTOMATED = "AUTOMATED_DECISION_NOT_AUTOMATED";
    /** A long listing title keeps its place in the facts without crowding out the facts after it. */
    private static final int TITLE_IN_FACTS_LIMIT = 1000;

    private DsaStatements() {
    }

    /**
     * The record of a listing taken down on a notice: the listing removed everywhere, for infringing the right the
     * notice relied on.
     *
     * @param reportedOn         the day the notice reported the listing. The database requires the day the content
     *                           was posted, which only the marketplace knows; this system does not, so it sends the
     *                           earliest day it knows the listing was online.
     * @param automatedDetection whether the listing was found by automated means rather than by the rightholder
     * @param fromTrustedFlagger whether the notice came from a trusted flagger (Art. 22 DSA)
     * @param puid               the record's id, from {@link #takedownPuid}
     */
    public static DsaStatement forTakedown(StatementOfReasons statement, LocalDate reportedOn,
                                           boolean automatedDetection, boolean fromTrustedFlagger, String puid) {
        return new DsaStatement(
                puid,
                List.of(CONTENT_REMOVED),
                null,
                null,
                legalGround(statement),
                statement.ground(),
                IP_INFRINGEMENTS,
                List.of(keyword(statement.rightType())),
                List.of(PRODUCT),
                EU_AND_EEA,
                reportedOn,
                utcDay(statement.decidedAt()),
                takedownFacts(statement),
                fromTrustedFlagger ? TRUSTED_FLAGGER_NOTICE : NOTICE,
                automatedDetection,
                automatedDecision(statement.automated()));
    }

    /**
     * The record of a seller account suspended under the repeat-infringer policy (Art. 23 DSA). The suspension is
     * the marketplace's own decision on the seller's record of strikes, not the answer to one notice, so its source
     * is the marketplace's own initiative; strikes are counted by machine, so an automatic suspension was also
     * detected by automated means. No keyword is given: the strikes may come from infringements of several kinds
     * of right, and the database's catch-all keyword would say less than none. The seller is named only by the
     * puid, which the database keeps but does not publish, and by whatever {@code reasonFacts} say. It has no end
     * date: it lasts until the strikes that called for it expire or staff reinstate the seller, neither known ahead.
     *
     * @param reasonFacts the facts relied on, such as the strikes counted and the listings they came from
     * @param automated   whether the strike rules suspended the seller without a person deciding
     * @param puid        the record's id, from {@link #suspensionPuid}
     */
    public static DsaStatement forSuspension(Instant suspendedAt, String reasonFacts, boolean automated, String puid) {
        LocalDate suspendedOn = utcDay(suspendedAt);
        return new DsaStatement(
                puid,
                null,
                ACCOUNT_SUSPENDED,
                // A seller offers goods on the marketplace as a trader, so its account is a business account.
                BUSINESS_ACCOUNT,
                "Repeated infringement of intellectual property rights of others: suspension of a recipient that"
                        + " frequently provides manifestly illegal content, Art. 23(1) of Regulation (EU) 2022/2065"
                        + " (Digital Services Act), under the marketplace's repeat-infringer policy.",
                "Listings of the seller were taken down for infringing intellectual property rights of others."
                        + " Each takedown the seller did not or could no longer contest counted as a strike, and the"
                        + " strikes reached the number at which the policy suspends the account.",
                IP_INFRINGEMENTS,
                null,
                // The database has no content type for an account; what the seller provides are product listings.
                List.of(PRODUCT),
                EU_AND_EEA,
                // The restricted "content" is the account as it stands on the day of the suspension.
                suspendedOn,
                suspendedOn,
                reasonFacts,
                OWN_INITIATIVE,
                automated,
                automatedDecision(automated));
    }

    /** The id of a takedown's record: one per notice item, as a listing is taken down at most once per item. */
    public static String takedownPuid(String noticeId, int itemIndex) {
        if (!Ids.isNoticeId(noticeId) || itemIndex < 0) {
            throw new IllegalArgumentException("not a notice item: " + noticeId + " " + itemIndex);
        }
        return "takedown-" + noticeId + "-" + itemIndex;
    }

    /**
     * The id of a suspension's record: the seller and the version of its standing the suspension made, which no other
     * change of it will have. A seller id may hold characters a puid may not (. and :), so they are written as escapes
     * starting with _, and _ itself as __: two sellers never share a puid.
     */
    public static String suspensionPuid(String sellerId, long standingVersion) {
        StringBuilder puid = new StringBuilder("suspension-");
        for (char c : sellerId.toCharArray()) {
            switch (c) {
                case '_' -> puid.append("__");
                case '.' -> puid.append("_d");
                case ':' -> puid.append("_c");
                default -> {
                    if (!isPuidLetterOrDigit(c) && c != '-') {
                        throw new IllegalArgumentException("not a seller id: " + sellerId);
                    }
                    puid.append(c);
                }
            }
        }
        return puid.append('-').append(standingVersion).toString();
    }

    private static boolean isPuidLetterOrDigit(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }

    /** The database's keyword for an infringement of each type of right (category intellectual property). */
    private static String keyword(RightType type) {
        return switch (type) {
            case TRADEMARK -> "KEYWORD_TRADEMARK_INFRINGEMENT";
            case COPYRIGHT -> "KEYWORD_COPYRIGHT_INFRINGEMENT";
            case DESIGN -> "KEYWORD_DESIGN_INFRINGEMENT";
            case PATENT -> "KEYWORD_PATENT_INFRINGEMENT";
        };
    }

    private static String legalGround(StatementOfReasons statement) {
        String right = rightName(statement.rightType());
        StringBuilder ground = new StringBuilder("Infringement of intellectual property: the ").append(right);
        if (statement.registrationNumber() != null) {
            ground.append(' ').append(statement.registrationNumber());
        }
        if (statement.jurisdiction() != null) {
            ground.append(" registered in ").append(statement.jurisdiction())
                    .append(", under the ").append(right).append(" law of that jurisdiction");
        }
        return ground.append('.').toString();
    }

    private static String takedownFacts(StatementOfReasons statement) {
        String title = statement.listingTitle() == null || statement.listingTitle().isBlank() ? ""
                : " (\"" + DsaStatement.fit(statement.listingTitle(), TITLE_IN_FACTS_LIMIT) + "\")";
        String rightholder = statement.rightholderName() == null ? "the rightholder"
                : "the rightholder " + statement.rightholderName();
        StringBuilder right = new StringBuilder(rightName(statement.rightType()))
                .append(' ').append(statement.rightId());
        if (statement.registrationNumber() != null) {
            right.append(", registration ").append(statement.registrationNumber());
        }
        if (statement.jurisdiction() != null) {
            right.append(", ").append(statement.jurisdiction());
        }
        return "Listing " + statement.listingId() + title + " was removed from the marketplace. Notice "
                + statement.noticeId() + ", item " + statement.itemIndex() + ", sent for " + rightholder
                + ", reported it as " + statement.reasonCode() + ", relying on the " + right + ". "
                + (statement.automated() ? "The rules of the notice procedure decided it automatically"
                        : "A member of staff decided it")
                + " on " + utcDay(statement.decidedAt()) + ".";
    }

    private static String rightName(RightType type) {
        return switch (type) {
            case TRADEMARK -> "trademark";
            case COPYRIGHT -> "copyright";
            case DESIGN -> "design";
            case PATENT -> "patent";
        };
    }

    private static String automatedDecision(boolean automated) {
        return automated ? FULLY_AUTOMATED : NOT_AUTOMATED;
    }

    private static LocalDate utcDay(Instant instant) {
        return LocalDate.ofInstant(instant, ZoneOffset.UTC);
    }
}
