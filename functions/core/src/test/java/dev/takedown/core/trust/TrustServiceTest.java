package dev.takedown.core.trust;

import static org.assertj.core.api.Assertions.assertThat;

import dev.takedown.core.decisions.DecisionRecorder;
import dev.takedown.core.model.EventType;
import dev.takedown.core.model.ItemStatus;
import dev.takedown.core.model.Listing;
import dev.takedown.core.model.ListingStatus;
import dev.takedown.core.model.NoticeItem;
import dev.takedown.core.model.Rightholder;
import dev.takedown.core.model.RightholderTrust;
import dev.takedown.core.model.SellerStanding;
import dev.takedown.core.model.Strike;
import dev.takedown.core.model.Tier;
import dev.takedown.core.model.TrustCounts;
import dev.takedown.core.model.TrustEvent;
import dev.takedown.core.testing.Fixtures;
import dev.takedown.core.testing.InMemoryAuditLog;
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
import java.util.List;
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
    private final TrustService trust = new TrustService(store, rightholders, notifications, TrustPolicy.DEFAULTS);
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

        assertThat(record()).isEqualTo(new TrustCounts(3, 3, 0, 0));
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

        assertThat(record()).isEqualTo(new TrustCounts(10, 10, 0, 0));
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
    void reachingTheBarMakesTheRightholderTrustedOnceAndTellsIt() {
        for (int i = 0; i < 4; i++) {
            String id = noticeOf(12, "seller-fake");
            verification.verify(id, IntStream.range(0, 12).boxed().toList());
        }
        assertThat(rightholders.find("acme").orElseThrow().trust().tier()).as("48 items").isEqualTo(Tier.STANDARD);
        String id = noticeOf(2, "seller-fake");
        verification.verify(id, List.of(0, 1));

        RightholderTrust trusted = rightholders.find("acme").orElseThrow().trust();
        assertThat(trusted.tier()).isEqualTo(Tier.TRUSTED);
        assertThat(trusted.changedBy()).isEqualTo("AUTO");
        assertThat(notifications.ofType(EventType.RIGHTHOLDER_TIER_CHANGED)).singleElement()
                .satisfies(e -> assertThat(e.data()).contains("\"from\":\"STANDARD\"", "\"to\":\"TRUSTED\""));
        assertThat(store.events(TrustEvent.rightholder("acme"))).singleElement()
                .satisfies(e -> assertThat(e.kind()).isEqualTo("TRUSTED_EARNED"));

        // Without the mark, a STANDARD rightholder's item would wait for review.
        listings.with(new Listing("plain-1", "seller-fake", "Plain skates", "NoBrand", ListingStatus.ACTIVE));
        String next = noticeNaming("plain-1");
        verification.verify(next, List.of(0));
        assertThat(notices.itemsOf(next)).extracting(NoticeItem::status).containsExactly(ItemStatus.ACTIONED);
        assertThat(notices.itemsOf(next).get(0).decision().rule())
                .isEqualTo(dev.takedown.core.model.DecisionRule.TRUSTED_NOTIFIER);
    }

    @Test
    void theDueReviewEstablishesStrikesAndSuspendsTheSellerWithItsListingsTakenDown() {
        SellerStandings standings = new SellerStandings(store, listings, notifications, TrustPolicy.DEFAULTS);
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
}
