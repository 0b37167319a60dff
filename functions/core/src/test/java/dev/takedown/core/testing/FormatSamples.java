package dev.takedown.core.testing;

import dev.takedown.core.model.Decision;
import dev.takedown.core.model.DecisionRule;
import dev.takedown.core.model.Evidence;
import dev.takedown.core.model.EvidenceKind;
import dev.takedown.core.model.ItemReason;
import dev.takedown.core.model.ItemStatus;
import dev.takedown.core.model.Listing;
import dev.takedown.core.model.ListingStatus;
import dev.takedown.core.model.Notice;
import dev.takedown.core.model.NoticeItem;
import dev.takedown.core.model.NoticeOutcome;
import dev.takedown.core.model.NoticeReason;
import dev.takedown.core.model.NoticeStatus;
import dev.takedown.core.model.Progress;
import dev.takedown.core.model.Rightholder;
import dev.takedown.core.model.Sender;
import dev.takedown.core.model.Statements;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One notice of acme whose items cover every way an item is decided, with fixed ids and times: the input of the
 * tests that pin the published formats (queued messages, webhook bodies, API answers, staff results), so those
 * tests compare whole documents as text.
 * <ol start="0">
 *   <li>ACTIONED by the rules, with its statement of reasons to seller-fake</li>
 *   <li>DUPLICATE of item 3 of an earlier notice</li>
 *   <li>REJECTED at intake: not a listing of this marketplace (OFF_PLATFORM)</li>
 *   <li>REJECTED by staff, with a note</li>
 *   <li>still open: RECEIVED, or waiting for review in {@link #itemsAwaitingReview()}</li>
 * </ol>
 * Texts carry quotes and non-ASCII characters, so escaping is pinned too.
 */
public final class FormatSamples {
    public static final String NOTICE_ID = "ntc_01kb6s8mz0a1b2c3d4e5f6g7h8";
    public static final String EARLIER_NOTICE_ID = "ntc_01kb4r2hq0z9y8x7w6v5t4s3r2";
    public static final Instant RECEIVED_AT = Fixtures.NOW;
    public static final Instant DECIDED_AT = Instant.parse("2026-11-28T15:31:07.250Z");
    public static final Instant STAFF_DECIDED_AT = Instant.parse("2026-11-28T15:42:00.000Z");
    public static final Instant COMPLETED_AT = Instant.parse("2026-11-28T16:05:30.000Z");

    public static final Rightholder ACME = new Rightholder("acme", "Acme Brands Inc.", "legal@acme.example",
            "https://hooks.acme.example/takedowns");
    public static final Listing SKATES = new Listing("1001", "seller-fake", "ACME Rocket Skates", "ACME",
            ListingStatus.ACTIVE);
    public static final Listing ANVIL = new Listing("1005", "seller-fake", "Anvil, 50 kg \"as seen on TV\"",
            "Acme-ish", ListingStatus.ACTIVE);
    public static final Listing DRILL = new Listing("1008", "seller-honest", "Cordless drill, 18 V", "Honest Tools",
            ListingStatus.ACTIVE);

    private FormatSamples() {
    }

    /** In progress: four items to verify at intake, three of them settled. */
    public static Notice notice() {
        return new Notice(NOTICE_ID, "acme", "tm-acme-us", NoticeReason.COUNTERFEIT,
                "Counterfeit ACME goods \u2014 the \"ACME\" logo is misprinted; vendu \u00e0 29,90 \u20ac.",
                new Sender("Jane Doe", "legal@acme.example"), "Jane Doe",
                List.of(new Evidence("https://evidence.acme.example/shots/1001.png",
                        "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", EvidenceKind.SCREENSHOT)),
                NoticeStatus.IN_PROGRESS, RECEIVED_AT, 5, new Progress(4, 3, 1, 2), null, null, false);
    }

    public static List<NoticeItem> items() {
        Decision auto = Decision.auto(DECIDED_AT, DecisionRule.BRAND_MATCH);
        return List.of(
                NoticeItem.open(0, "https://market.example/item/1001", "1001")
                        .decided(ItemStatus.ACTIONED, null, auto)
                        .withStatement(Statements.forTakedown(notice(), 0, Fixtures.RIGHTS.get("tm-acme-us"), ACME,
                                SKATES, auto)),
                NoticeItem.open(1, "https://market.example/item/1002", "1002")
                        .duplicateOf(EARLIER_NOTICE_ID, 3, Decision.auto(DECIDED_AT, DecisionRule.DUPLICATE_NOTICE)),
                NoticeItem.rejected(2, "https://other-shop.example/item/77", ItemReason.OFF_PLATFORM, RECEIVED_AT),
                NoticeItem.open(3, "https://market.example/item/1008", "1008")
                        .decided(ItemStatus.REJECTED, ItemReason.NOT_INFRINGING, new Decision("staff-jane",
                                STAFF_DECIDED_AT, DecisionRule.STAFF_DECISION,
                                "Honest Tools' own drill; \"ACME\" only appears in a review quote.")),
                NoticeItem.open(4, "https://market.example/item/1005", "1005"));
    }

    /** The items with the open one flagged by the brand check for a person to decide. */
    public static List<NoticeItem> itemsAwaitingReview() {
        return withOpenItemDecided(ItemStatus.NEEDS_REVIEW, ItemReason.BRAND_MISMATCH,
                Decision.auto(DECIDED_AT, DecisionRule.BRAND_MATCH));
    }

    /** The notice once its last item was found gone. */
    public static Notice completedNotice() {
        Notice n = notice();
        return new Notice(n.id(), n.rightholderId(), n.rightId(), n.reason(), n.explanation(), n.sender(),
                n.signature(), n.evidence(), NoticeStatus.COMPLETED, n.receivedAt(), n.itemCount(),
                new Progress(4, 4, 1, 2), NoticeOutcome.PARTIAL, COMPLETED_AT, false);
    }

    public static List<NoticeItem> completedItems() {
        return withOpenItemDecided(ItemStatus.NOT_FOUND, ItemReason.LISTING_NOT_FOUND,
                Decision.auto(COMPLETED_AT, DecisionRule.LISTING_EXISTS));
    }

    /** The items with the last one, open in {@link #items()}, decided so. */
    private static List<NoticeItem> withOpenItemDecided(ItemStatus status, ItemReason reason, Decision decision) {
        List<NoticeItem> items = new ArrayList<>(items());
        items.set(4, items.get(4).decided(status, reason, decision));
        return List.copyOf(items);
    }

    /** The notice item 1 duplicates: completed a week earlier (its items are not needed). */
    public static Notice earlierNotice() {
        return new Notice(EARLIER_NOTICE_ID, "acme", "tm-acme-us", NoticeReason.TRADEMARK, "ACME mark used without consent.",
                new Sender("Jane Doe", "legal@acme.example"), "Jane Doe", List.of(), NoticeStatus.COMPLETED,
                Instant.parse("2026-11-20T09:00:00.000Z"), 4, new Progress(4, 4, 3, 4), NoticeOutcome.PARTIAL,
                Instant.parse("2026-11-20T09:01:00.000Z"), false);
    }
}
