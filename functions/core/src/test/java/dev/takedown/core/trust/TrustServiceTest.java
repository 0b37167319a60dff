package dev.takedown.core.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.takedown.core.decisions.DecisionRecorder;
import dev.takedown.core.model.Decision;
import dev.takedown.core.model.DecisionRule;
import dev.takedown.core.model.EventType;
import dev.takedown.core.model.Figures;
import dev.takedown.core.model.ItemReason;
import dev.takedown.core.model.ItemStatus;
import dev.takedown.core.model.Listing;
import dev.takedown.core.model.ListingStatus;
import dev.takedown.core.model.Notice;
import dev.takedown.core.model.NoticeItem;
import dev.takedown.core.model.NoticeReason;
import dev.takedown.core.model.Rightholder;
import dev.takedown.core.model.RightholderTrust;
import dev.takedown.core.model.SellerStanding;
import dev.takedown.core.model.Strike;
import dev.takedown.core.model.Tier;
import dev.takedown.core.model.TrustCounts;
import dev.takedown.core.model.TrustEvent;
import dev.takedown.core.testing.EmfLines;
import dev.takedown.core.testing.Fixtures;
import dev.takedown.core.testing.InMemoryAuditLog;
import dev.takedown.core.testing.InMemoryFiguresStore;
import dev.takedown.core.testing.InMemoryIdempotencyStore;
import dev.takedown.core.testing.InMemoryListingStore;
import dev.takedown.core.testing.InMemoryNoticeStore;
import dev.takedown.core.testing.InMemoryRightholderStore;
import dev.takedown.core.testing.InMemoryTrustStore;
import dev.takedown.core.testing.NoticeBodies;
import dev.takedown.core.testing.RecordingNotifications;
import dev.takedown.core.testing.RecordingQueue;
import dev.takedown.core.verify.VerificationService;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The rightholder's record and the sellers' strikes as decisions are recorded, replayed and raced. */
class TrustServiceTest {
    private final InMemoryNoticeStore notices = new InMemoryNoticeStore();
    private final InMemoryListingStore listings = new InMemoryListingStore();
    private final InMemoryRightholderStore rightholders = new InMemoryRightholderStore()
            .with(new Rightholder("acme", "Acme Brands Inc.", "legal@acme.example", null));
    private final InMemoryTrustStore store = new InMemoryTrustStore(rightholders);
    private final RecordingNotifications notifications = new RecordingNotifications();
    private final TrustService trust = new TrustService(store, rightholders, notifications, TrustPolicy.DEFAULTS, new InMemoryFiguresStore());
    private final Clock later = Clock.offset(Fixtures.clock(), Duration.ofSeconds(5));
    private final VerificationService verification = new VerificationService(notices, Fixtures.RIGHT_STORE,
            rightholders, listings, new DecisionRecorder(notices, new InMemoryAuditLog(), notifications, trust), later);
    private int nextListing = 5000;

    /** A notice of {@code count} fresh ACME listings of {@code sellerId}; each is ACTIONED when verified. */
    private String noticeOf(int count, String sellerId) {
        String[] ids = new String[count];
        for (int i = 0; i < count; i++) {
            ids[i] = Integer.toString(nextListing++);
            listings.with(new Listing(ids[i], sellerId, "ACME rocket skates " + ids[i], "ACME", ListingStatus.ACTIVE));
        }
        return noticeNaming(ids);
    }

    private String noticeNaming(String... listingIds) {
        var body = NoticeBodies.valid();
        var items = body.putArray("items");
        for (String id : listingIds) {
            items.addObject().put("listingId", id);
        }
        return Fixtures.intake(notices, new InMemoryIdempotencyStore(), new RecordingQueue(), Fixtures.clock())
                .submit("acme", body.toString(), null).notice().id();
    }

    private TrustCounts record() {
        return trust.countsOf("acme", later.instant());
    }

    @Test
    void replayedVerificationCountsNothingTwice() {
        String id = noticeOf(3, "seller-fake");
        verification.verify(id, List.of(0, 1, 2));
        verification.verify(id, List.of(0, 1, 2));
        verification.verify(id, List.of(2));

        assertThat(record()).isEqualTo(new TrustCounts(3, 3, 0, 0, 0));
        List<Strike> strikes = store.strikes("seller-fake", null);
        assertThat(strikes).hasSize(1);
        assertThat(strikes.get(0).items()).containsExactlyInAnyOrder(id + "#0", id + "#1", id + "#2");
        assertThat(strikes.get(0).other()).isTrue();
        assertThat(strikes.get(0).copyright()).isFalse();
    }

    @Test
    void concurrentVerificationOfTheSameItemsCountsEachOnce() throws Exception {
        String id = noticeOf(10, "seller-fake");
        List<Integer> all = IntStream.range(0, 10).boxed().toList();
        CompletableFuture<?>[] runs = IntStream.range(0, 4)
                .mapToObj(i -> CompletableFuture.runAsync(() -> verification.verify(id, all)))
                .toArray(CompletableFuture[]::new);
        CompletableFuture.allOf(runs).get();

        assertThat(record()).isEqualTo(new TrustCounts(10, 10, 0, 0, 0));
    }

    @Test
    void everyTakedownOfOneRightholderAgainstOneSellerOnOneDayIsOneStrike() {
        String first = noticeOf(2, "seller-fake");
        String second = noticeOf(1, "seller-fake");
        String other = noticeOf(1, "seller-other");
        verification.verify(first, List.of(0, 1));
        verification.verify(second, List.of(0));
        verification.verify(other, List.of(0));

        List<Strike> strikes = store.strikes("seller-fake", null);
        assertThat(strikes).hasSize(1);
        assertThat(strikes.get(0).id()).isEqualTo(LocalDate.ofInstant(later.instant(), java.time.ZoneOffset.UTC) + "/acme");
        assertThat(strikes.get(0).items()).as("those of the first batch").hasSize(2);
        assertThat(store.strikes("seller-other", null)).hasSize(1);
    }

    @Test
    void automaticTakedownsCountAsConfirmedFromTheDayTheirDisputeWindowClosesButNeverMakeTheSenderTrusted() {
        for (int i = 0; i < 5; i++) {
            String id = noticeOf(10, "seller-fake");
            verification.verify(id, IntStream.range(0, 10).boxed().toList());
        }
        assertThat(record()).isEqualTo(new TrustCounts(50, 50, 0, 0, 0));
        Instant closes = StrikeRules.windowCloses(TrustService.day(later.instant()), false, TrustPolicy.DEFAULTS);
        assertThat(trust.countsOf("acme", closes.minusMillis(1)).confirmed()).as("windows still open").isZero();
        TrustCounts confirmed = trust.countsOf("acme", closes);
        assertThat(confirmed).isEqualTo(new TrustCounts(50, 50, 0, 0, 50));
        RightholderTrust standard = rightholders.find("acme").orElseThrow().trust();
        assertThat(TrustRules.eligibility(standard, confirmed, closes, TrustPolicy.DEFAULTS).eligible()).isTrue();

        assertThat(trust.review("acme", closes)).isEmpty();
        assertThat(trust.reviewDue(closes)).isZero();
        assertThat(rightholders.find("acme").orElseThrow().trust().tier()).isEqualTo(Tier.STANDARD);
        assertThat(notifications.ofType(EventType.RIGHTHOLDER_TIER_CHANGED)).isEmpty();
        assertThat(store.events(TrustEvent.rightholder("acme"))).isEmpty();
    }

    @Test
    void aStaffTakedownCountsAsConfirmedAtOnceAndAnAutomaticOneWhenItsWindowCloses() {
        Notice trademark = notices.find(noticeOf(1, "seller-fake")).orElseThrow();
        Instant at = Instant.parse("2026-11-27T10:00:00Z");
        NoticeItem open = NoticeItem.open(0, null, "1001");
        NoticeItem byStaff = open.decided(ItemStatus.ACTIONED, null, new Decision("staff-1", at, DecisionRule.STAFF_DECISION));
        assertThat(trust.countOf(trademark, byStaff))
                .containsExactly(Map.entry(LocalDate.parse("2026-11-27"), new TrustCounts(1, 1, 0, 0, 1)));
        NoticeItem auto = open.decided(ItemStatus.ACTIONED, null, Decision.auto(at, DecisionRule.BRAND_MATCH));
        assertThat(trust.countOf(trademark, auto)).containsExactly(
                Map.entry(LocalDate.parse("2026-11-27"), new TrustCounts(1, 1, 0, 0, 0)),
                Map.entry(LocalDate.parse("2026-12-13"), new TrustCounts(0, 0, 0, 0, 1)));
        Notice copyright = new Notice(trademark.id(), "acme", "cr-acme-manual", NoticeReason.COPYRIGHT,
                trademark.explanation(), trademark.sender(), trademark.signature(), List.of(), trademark.status(),
                trademark.receivedAt(), 1, trademark.progress(), null, null, false);
        assertThat(trust.confirmationDay(copyright, auto)).as("ten business days after a Friday")
                .isEqualTo(LocalDate.parse("2026-12-12"));
        NoticeItem rejectedByStaff = open.decided(ItemStatus.REJECTED, ItemReason.NOT_INFRINGING,
                new Decision("staff-1", at, DecisionRule.STAFF_DECISION));
        assertThat(trust.countOf(trademark, rejectedByStaff))
                .containsExactly(Map.entry(LocalDate.parse("2026-11-27"), new TrustCounts(1, 0, 1, 0, 0)));
        assertThat(trust.countOf(trademark, open.decided(ItemStatus.NEEDS_REVIEW, ItemReason.BRAND_MISMATCH,
                Decision.auto(at, DecisionRule.BRAND_MATCH)))).isEmpty();
    }

    @Test
    void aTrustedSendersItemsGoThroughEveryCheckAndThoseForReviewWaitAheadOfEveryOtherSenders() {
        listings.with(new Listing("plain-1", "seller-fake", "Plain skates", "NoBrand", ListingStatus.ACTIVE))
                .with(new Listing("plain-2", "seller-fake", "Plain skates", "NoBrand", ListingStatus.ACTIVE))
                .with(new Listing("seed-1", "seller-fake", "ACME-compatible bird seed", null, ListingStatus.ACTIVE));
        String standard = noticeNaming("plain-1");
        verification.verify(standard, List.of(0));

        // A record that bears TRUSTED out, else the rules take it away at the next decision.
        store.addCounts("acme", TrustService.day(later.instant()).minusDays(1), new TrustCounts(50, 50, 0, 0, 50));
        RightholderTrust before = rightholders.find("acme").orElseThrow().trust();
        assertThat(store.replaceTrust("acme", before, before.next(Tier.TRUSTED, later.instant(), "staff-1", true, null,
                null, null), null)).isTrue();
        String trusted = noticeOf(1, "seller-fake");
        String unmatched = noticeNaming("plain-2", "seed-1");
        VerificationService laterStill = new VerificationService(notices, Fixtures.RIGHT_STORE, rightholders, listings,
                new DecisionRecorder(notices, new InMemoryAuditLog(), notifications, trust),
                Clock.offset(later, Duration.ofMinutes(1)));
        laterStill.verify(trusted, List.of(0));
        laterStill.verify(unmatched, List.of(0, 1));

        NoticeItem matched = notices.itemsOf(trusted).get(0);
        assertThat(matched.status()).isEqualTo(ItemStatus.ACTIONED);
        assertThat(matched.decision().rule()).isEqualTo(DecisionRule.BRAND_MATCH);
        assertThat(notices.itemsOf(unmatched)).extracting(NoticeItem::status, NoticeItem::reason)
                .containsExactly(tuple(ItemStatus.NEEDS_REVIEW, ItemReason.BRAND_MISMATCH),
                        tuple(ItemStatus.NEEDS_REVIEW, ItemReason.REFERENTIAL_USE));
        assertThat(notices.itemsOf(unmatched)).allSatisfy(i -> assertThat(i.decision().reviewFirst()).isTrue());
        assertThat(notices.itemsOf(standard).get(0).decision().reviewFirst()).isFalse();

        assertThat(notices.needsReview(null, 10).entries())
                .extracting(r -> r.noticeId() + "#" + r.item().index())
                .containsExactly(unmatched + "#0", unmatched + "#1", standard + "#0");
        assertThat(rightholders.find("acme").orElseThrow().trust().tier()).isEqualTo(Tier.TRUSTED);
    }

    @Test
    void theDueReviewEstablishesStrikesAndSuspendsTheSellerWithItsListingsTakenDown() {
        SellerStandings standings = new SellerStandings(store, listings, notifications, TrustPolicy.DEFAULTS, new InMemoryFiguresStore());
        Instant day = later.instant();
        for (int i = 0; i < 5; i++) {
            store.addStrikeItems("seller-fake", "rh-" + i, LocalDate.parse("2026-11-02"), false, List.of("ntc_" + i + "#0"),
                    StrikeRules.windowCloses(LocalDate.parse("2026-11-02"), false, TrustPolicy.DEFAULTS));
        }
        listings.with(new Listing("live-1", "seller-fake", "Skates", "ACME", ListingStatus.ACTIVE))
                .with(new Listing("live-2", "seller-fake", "Pills", "ACME", ListingStatus.ACTIVE));

        assertThat(standings.reviewDue(Instant.parse("2026-11-17T23:59:59Z"))).as("windows still open").isZero();
        assertThat(standings.reviewDue(Instant.parse("2026-11-18T00:00:00Z"))).isEqualTo(1);
        assertThat(store.sellerState("seller-fake").standing()).isEqualTo(SellerStanding.SUSPENDED);
        assertThat(listings.find("live-1").orElseThrow().removedBySuspension()).isTrue();
        assertThat(listings.find("live-2").orElseThrow().status()).isEqualTo(ListingStatus.REMOVED);
        assertThat(notifications.ofType(EventType.SELLER_STATUS_CHANGED)).singleElement()
                .satisfies(e -> assertThat(e.data()).contains("\"to\":\"SUSPENDED\"", "statementOfReasons", "live-1"));
        assertThat(store.strikesDue(Instant.parse("2026-11-18T00:00:00Z"), 10)).as("next due at expiry").isEmpty();
        assertThat(standings.reviewDue(Instant.parse("2026-11-19T00:00:00Z"))).as("nothing new").isZero();

        standings.review("seller-fake", "staff-1", "appeal upheld", day.plus(Duration.ofDays(30)), true);
        assertThat(store.sellerState("seller-fake").standing()).isEqualTo(SellerStanding.RESTRICTED);
        assertThat(listings.find("live-1").orElseThrow().active()).isTrue();
        assertThat(listings.find("live-2").orElseThrow().active()).isTrue();
    }

    @Test
    void theDueReviewCountsEachStrikeEstablishedAndTheSellersNewStandingOnce() throws Exception {
        InMemoryFiguresStore figures = new InMemoryFiguresStore();
        SellerStandings standings = new SellerStandings(store, listings, notifications, TrustPolicy.DEFAULTS, figures);
        for (int i = 0; i < 3; i++) {
            store.addStrikeItems("seller-fake", "rh-" + i, LocalDate.parse("2026-11-02"), false, List.of("ntc_" + i + "#0"),
                    StrikeRules.windowCloses(LocalDate.parse("2026-11-02"), false, TrustPolicy.DEFAULTS));
        }

        EmfLines open = EmfLines.invocation(() -> standings.reviewDue(Instant.parse("2026-11-17T23:59:59Z")));
        EmfLines closed = EmfLines.invocation(() -> standings.reviewDue(Instant.parse("2026-11-18T00:00:00Z")));
        EmfLines next = EmfLines.invocation(() -> standings.reviewDue(Instant.parse("2026-11-19T00:00:00Z")));

        assertThat(open.documents()).isEmpty();
        assertThat(closed.problems()).isEmpty();
        assertThat(closed.sum("StrikeEvents", "Event", "ESTABLISHED")).isEqualTo(3);
        assertThat(closed.sum("StrikeEvents", "Event", "SELLER_" + store.sellerState("seller-fake").standing()))
                .isEqualTo(1);
        assertThat(next.documents()).isEmpty();
        // The same in the transparency figures, on the day of the review, the platform's only.
        LocalDate reviewed = LocalDate.parse("2026-11-18");
        Figures counted = figures.platform(reviewed, reviewed.plusDays(1));
        assertThat(counted.get(Figures.STRIKES_ESTABLISHED)).isEqualTo(3);
        assertThat(counted.get(Figures.sellers(store.sellerState("seller-fake").standing().name()))).isEqualTo(1);
        assertThat(counted.sum(Figures.SELLERS)).isEqualTo(1);
    }

    @Test
    void aSenderWarnedAndThenSuspendedForUnfoundedNoticesIsCountedOnceEachInTheFigures() {
        InMemoryFiguresStore figures = new InMemoryFiguresStore();
        TrustService counted = new TrustService(store, rightholders, notifications, TrustPolicy.DEFAULTS, figures);
        Instant now = Fixtures.NOW;
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        // 30 decided, all unfounded: over the abuse bar (at least 20 decided, half of them unfounded).
        store.addCounts("acme", today, new TrustCounts(30, 0, 30, 0, 0));

        assertThat(counted.review("acme", now)).isPresent();
        assertThat(counted.review("acme", now.plusSeconds(60))).as("nothing new").isEmpty();
        Instant warningOver = now.plus(Duration.ofDays(TrustPolicy.DEFAULTS.abuseWarningDays()));
        assertThat(counted.review("acme", warningOver)).isPresent();

        Figures platform = figures.platform(today, today.plusDays(30));
        assertThat(platform.get(Figures.senders("WARNED"))).isEqualTo(1);
        assertThat(platform.get(Figures.senders("SUSPENDED"))).isEqualTo(1);
        assertThat(figures.rightholder("acme", today, today.plusDays(30))).isEqualTo(platform);
    }
}
