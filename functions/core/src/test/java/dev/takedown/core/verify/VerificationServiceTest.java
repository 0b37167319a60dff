package dev.takedown.core.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.takedown.core.decisions.DecisionRecorder;
import dev.takedown.core.json.Json;
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
import dev.takedown.core.model.NoticeOutcome;
import dev.takedown.core.model.NoticeReason;
import dev.takedown.core.model.NoticeStatus;
import dev.takedown.core.model.NotificationEvent;
import dev.takedown.core.model.RightType;
import dev.takedown.core.model.Rightholder;
import dev.takedown.core.model.TimeBuckets;
import dev.takedown.core.ports.NoticeStore.ListingClaim;
import dev.takedown.core.testing.EmfLines;
import dev.takedown.core.testing.Fixtures;
import dev.takedown.core.testing.InMemoryAuditLog;
import dev.takedown.core.testing.InMemoryFiguresStore;
import dev.takedown.core.testing.InMemoryIdempotencyStore;
import dev.takedown.core.testing.InMemoryListingStore;
import dev.takedown.core.testing.InMemoryNoticeStore;
import dev.takedown.core.testing.InMemoryRightholderStore;
import dev.takedown.core.testing.NoticeBodies;
import dev.takedown.core.testing.RecordingNotifications;
import dev.takedown.core.testing.RecordingQueue;
import dev.takedown.core.transparency.DecisionFigures;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class VerificationServiceTest {
    private final InMemoryNoticeStore notices = new InMemoryNoticeStore();
    private final InMemoryListingStore listings = new InMemoryListingStore()
            .with(new Listing("1001", "seller-fake", "ACME Rocket Skates", "ACME", ListingStatus.ACTIVE))
            .with(new Listing("1005", "seller-fake", "ACME earthquake pills", "ACME", ListingStatus.ACTIVE))
            .with(new Listing("1006", "seller-authorized", "ACME Rocket Skates", "ACME", ListingStatus.ACTIVE))
            .with(new Listing("1007", "seller-fake", "ACME pogo stick", "ACME", ListingStatus.REMOVED))
            .with(new Listing("1008", "seller-honest", "Cordless drill", "Honest Tools", ListingStatus.ACTIVE))
            .with(new Listing("1009", "seller-honest", "Garden hose", "Honest Tools", ListingStatus.ACTIVE));
    private final InMemoryAuditLog audit = new InMemoryAuditLog();
    private final InMemoryRightholderStore rightholders = new InMemoryRightholderStore()
            .with(new Rightholder("acme", "Acme Brands Inc.", "legal@acme.example", null));
    private final RecordingNotifications notifications = new RecordingNotifications();
    private final Clock later = Clock.offset(Fixtures.clock(), Duration.ofSeconds(5));
    private final VerificationService verification = new VerificationService(notices, Fixtures.RIGHT_STORE,
            rightholders, listings, new DecisionRecorder(notices, audit, notifications,
            Fixtures.trust(rightholders, notifications)), later);

    private String submit(String... listingIds) {
        return submitAt(Fixtures.clock(), listingIds);
    }

    private String submitAt(Clock clock, String... listingIds) {
        var body = NoticeBodies.valid();
        var items = body.putArray("items");
        for (String id : listingIds) {
            items.addObject().put("listingId", id);
        }
        return Fixtures.intake(notices, new InMemoryIdempotencyStore(), new RecordingQueue(), clock)
                .submit("acme", body.toString(), null).notice().id();
    }

    private List<ItemStatus> statuses(String noticeId) {
        return notices.itemsOf(noticeId).stream().map(NoticeItem::status).toList();
    }

    @Test
    void everyItemGetsItsDecisionAndActionedListingsComeDown() {
        String id = submit("1001", "9999", "1007", "1006", "1008", "1005");
        verification.verify(id, List.of(0, 1, 2, 3, 4, 5));

        assertThat(statuses(id)).containsExactly(ItemStatus.ACTIONED, ItemStatus.NOT_FOUND, ItemStatus.ALREADY_REMOVED,
                ItemStatus.REJECTED, ItemStatus.NEEDS_REVIEW, ItemStatus.ACTIONED);
        List<NoticeItem> items = notices.itemsOf(id);
        assertThat(items.get(3).reason()).isEqualTo(ItemReason.AUTHORIZED_SELLER);
        assertThat(items.get(4).reason()).isEqualTo(ItemReason.BRAND_MISMATCH);
        assertThat(items).allSatisfy(i -> {
            assertThat(i.decision().decidedBy()).isEqualTo("AUTO");
            assertThat(i.decision().decidedAt()).isEqualTo(later.instant());
        });
        assertThat(listings.removedBy("1001")).isEqualTo(id + "#0");
        assertThat(listings.takedowns.get()).isEqualTo(2);

        var statement = items.get(0).statement();
        assertThat(statement.listingId()).isEqualTo("1001");
        assertThat(statement.sellerId()).isEqualTo("seller-fake");
        assertThat(statement.rightholderName()).isEqualTo("Acme Brands Inc.");
        assertThat(statement.rightholderEmail()).isEqualTo("legal@acme.example");
        assertThat(statement.automated()).isTrue();
        assertThat(statement.ground()).contains("counterfeit");
        assertThat(statement.howToContest()).contains(id).contains("6 months");

        assertThat(audit.forNotice(id)).hasSize(6).allSatisfy(e -> assertThat(e.from()).isEqualTo(ItemStatus.RECEIVED));
        Notice notice = notices.find(id).orElseThrow();
        assertThat(notice.status()).isEqualTo(NoticeStatus.IN_PROGRESS);
        assertThat(notice.openItemCount()).isEqualTo(1);
        assertThat(notifications.ofType(EventType.ITEMS_DECIDED)).singleElement()
                .satisfies(e -> assertThat(e.items()).containsExactly(0, 1, 2, 3, 4, 5));
        // Both removed listings belong to one seller: one webhook with both statements.
        assertThat(notifications.ofType(EventType.LISTING_RESTRICTED)).singleElement().satisfies(e -> {
            assertThat(e.sellerId()).isEqualTo("seller-fake");
            assertThat(e.items()).containsExactly(0, 5);
            assertThat(e.data()).contains("\"listingId\":\"1001\"", "\"listingId\":\"1005\"");
        });
        assertThat(notifications.ofType(EventType.NOTICE_COMPLETED)).isEmpty();
    }

    @Test
    void eachDecisionIsCountedByStatusWithItsTimeFromReceiptAndAReplayCountsNothing() throws Exception {
        String id = submit("1001", "9999", "1007", "1006", "1008", "1005");

        EmfLines first = EmfLines.invocation(() -> verification.verify(id, List.of(0, 1, 2, 3, 4, 5)));
        EmfLines replay = EmfLines.invocation(() -> verification.verify(id, List.of(0, 1, 2, 3, 4, 5)));

        assertThat(first.problems()).isEmpty();
        assertThat(first.sum("ItemsDecided")).isEqualTo(6);
        assertThat(first.sum("ItemsDecided", "Status", "ACTIONED", "DecidedBy", "AUTOMATED")).isEqualTo(2);
        assertThat(first.sum("ItemsDecided", "Status", "NOT_FOUND", "DecidedBy", "AUTOMATED")).isEqualTo(1);
        assertThat(first.sum("ItemsDecided", "Status", "ALREADY_REMOVED", "DecidedBy", "AUTOMATED")).isEqualTo(1);
        assertThat(first.sum("ItemsDecided", "Status", "REJECTED", "DecidedBy", "AUTOMATED")).isEqualTo(1);
        assertThat(first.sum("ItemsDecided", "Status", "NEEDS_REVIEW", "DecidedBy", "AUTOMATED")).isEqualTo(1);
        // Received at Fixtures.NOW, decided 5 seconds later.
        assertThat(first.values("TimeToDecision", "DecidedBy", "AUTOMATED")).hasSize(6).containsOnly(5000.0);
        // One line per status (and one for the times), however many items share it.
        assertThat(first.documents()).hasSize(6);
        assertThat(replay.documents()).isEmpty();
    }

    @Test
    void everySettledItemCountsIntoTheTransparencyFiguresOnceAndAReplayAddsNothing() {
        InMemoryFiguresStore figures = new InMemoryFiguresStore();
        VerificationService counted = new VerificationService(notices, Fixtures.RIGHT_STORE, rightholders, listings,
                new DecisionRecorder(notices, audit, notifications, Fixtures.trust(rightholders, notifications),
                        new DecisionFigures(figures)), later);
        var body = NoticeBodies.valid();
        var items = body.putArray("items");
        for (String listingId : List.of("1001", "9999", "1007", "1006", "1008", "1005")) {
            items.addObject().put("listingId", listingId);
        }
        items.addObject().put("url", "https://elsewhere.example/item/1");
        String id = Fixtures.intake(notices, new InMemoryIdempotencyStore(), new RecordingQueue(), figures,
                Fixtures.clock()).submit("acme", body.toString(), null).notice().id();

        counted.verify(id, List.of(0, 1, 2, 3, 4, 5));
        counted.verify(id, List.of(0, 1, 2, 3, 4, 5));

        LocalDate day = LocalDate.ofInstant(Fixtures.NOW, ZoneOffset.UTC);
        Figures platform = figures.platform(day, day);
        assertThat(platform.get(Figures.NOTICES_RECEIVED)).isEqualTo(1);
        assertThat(platform.get(Figures.noticesByReason(NoticeReason.COUNTERFEIT))).isEqualTo(1);
        assertThat(platform.get(Figures.noticesByRightType(RightType.TRADEMARK))).isEqualTo(1);
        assertThat(platform.get(Figures.noticesBySender(false))).isEqualTo(1);
        assertThat(platform.get(Figures.ITEMS_RECEIVED)).isEqualTo(7);
        // The item waiting for a person (1008) is not settled yet; the URL of another site was settled at intake.
        assertThat(platform.sum(Figures.ITEMS_DECIDED)).isEqualTo(6);
        assertThat(platform.sum(Figures.ITEMS_DECIDED + ".AUTOMATED.ACTIONED")).isEqualTo(2);
        assertThat(platform.sum(Figures.ITEMS_DECIDED + ".AUTOMATED.NOT_FOUND")).isEqualTo(1);
        assertThat(platform.sum(Figures.ITEMS_DECIDED + ".AUTOMATED.ALREADY_REMOVED")).isEqualTo(1);
        assertThat(platform.get(Figures.itemDecided(Figures.DecidedBy.AUTOMATED, ItemStatus.REJECTED,
                DecisionRule.AUTHORIZED_SELLER))).isEqualTo(1);
        assertThat(platform.get(Figures.itemDecided(Figures.DecidedBy.AUTOMATED, ItemStatus.REJECTED,
                DecisionRule.LISTING_URL))).isEqualTo(1);
        // Decided 5 seconds after receipt; the URL at once.
        assertThat(TimeBuckets.histogram(platform, Figures.DECISION_TIME + ".AUTOMATED")).containsExactly(
                Map.entry(0, 1L), Map.entry(TimeBuckets.of(Duration.ofSeconds(5)), 5L));
        assertThat(figures.rightholder("acme", day, day)).isEqualTo(platform);
        // The notice, then the batch of decisions: one write each for the platform and the rightholder.
        assertThat(figures.writes()).isEqualTo(4);
    }

    @Test
    void aDecisionThatLostItsConditionalWriteToAnotherIsNotCounted() throws Exception {
        String id = submit("1001");
        Notice notice = notices.find(id).orElseThrow();
        NoticeItem open = notices.itemsOf(id).get(0);
        DecisionRecorder recorder = new DecisionRecorder(notices, audit, notifications,
                Fixtures.trust(rightholders, notifications));
        DecisionRecorder.Change change = new DecisionRecorder.Change(open,
                open.decided(ItemStatus.REJECTED, ItemReason.BRAND_MISMATCH, Decision.auto(later.instant(), DecisionRule.BRAND_MATCH)));

        EmfLines won = EmfLines.invocation(() -> recorder.record(notice, List.of(change), List.of(), later.instant()));
        // The same change again, as a concurrent copy of the message would make it: the item is no longer RECEIVED.
        EmfLines lost = EmfLines.invocation(() -> recorder.record(notice, List.of(change), List.of(), later.instant()));

        assertThat(won.sum("ItemsDecided", "Status", "REJECTED", "DecidedBy", "AUTOMATED")).isEqualTo(1);
        assertThat(lost.documents()).isEmpty();
    }

    @Test
    void whenEveryItemIsSettledTheNoticeCompletesWithItsOutcome() {
        String all = submit("1001");
        verification.verify(all, List.of(0));
        assertThat(notices.find(all).orElseThrow().outcome()).isEqualTo(NoticeOutcome.ALL);

        String partial = submit("1005", "1006");
        verification.verify(partial, List.of(0, 1));
        Notice done = notices.find(partial).orElseThrow();
        assertThat(done.status()).isEqualTo(NoticeStatus.COMPLETED);
        assertThat(done.outcome()).isEqualTo(NoticeOutcome.PARTIAL);
        assertThat(done.completedAt()).isEqualTo(later.instant());

        String none = submit("9999", "1007");
        verification.verify(none, List.of(0, 1));
        assertThat(notices.find(none).orElseThrow().outcome()).isEqualTo(NoticeOutcome.NONE);
        assertThat(notifications.ofType(EventType.NOTICE_COMPLETED)).extracting(NotificationEvent::noticeId)
                .containsExactly(all, partial, none);
    }

    @Test
    void replayingWorkChangesNothing() {
        String id = submit("1001", "9999", "1008");
        verification.verify(id, List.of(0, 1, 2));
        List<NoticeItem> before = notices.itemsOf(id);
        int events = audit.forNotice(id).size();

        verification.verify(id, List.of(0, 1, 2));
        verification.verify(id, List.of(1));

        assertThat(notices.itemsOf(id)).isEqualTo(before);
        assertThat(audit.forNotice(id)).hasSize(events);
        assertThat(listings.takedowns.get()).isEqualTo(1);
        assertThat(notices.find(id).orElseThrow().progress().settled()).isEqualTo(2);
        // Republished events keep their ids, so receivers see the same webhook again, not a new one.
        assertThat(notifications.ofType(EventType.ITEMS_DECIDED).stream().map(NotificationEvent::id).distinct()).hasSize(2);
    }

    @Test
    void aTakedownInterruptedBeforeItsDecisionWasStoredIsFinishedOnReplay() {
        String id = submit("1001");
        listings.takeDown("1001", id, 0, later.instant());
        verification.verify(id, List.of(0));
        assertThat(statuses(id)).containsExactly(ItemStatus.ACTIONED);
        assertThat(listings.takedowns.get()).isEqualTo(1);
    }

    @Test
    void theFirstItemFoundToActOnAListingHoldsItAndLaterOnesAreItsDuplicates() {
        String first = submit("1008");
        String second = submitAt(Clock.offset(Fixtures.clock(), Duration.ofMillis(1)), "1008");
        verification.verify(second, List.of(0));
        verification.verify(first, List.of(0));

        NoticeItem duplicate = notices.itemsOf(first).get(0);
        assertThat(duplicate.status()).isEqualTo(ItemStatus.DUPLICATE);
        assertThat(duplicate.duplicateOfNotice()).isEqualTo(second);
        assertThat(duplicate.duplicateOf()).isZero();
        assertThat(statuses(second)).containsExactly(ItemStatus.NEEDS_REVIEW);
    }

    @Test
    void aTakedownIsNotHeldBackByAnotherNoticesItemWaitingForAPerson() {
        var copyright = NoticeBodies.valid().put("rightId", "cr-acme-manual").put("reason", "COPYRIGHT");
        copyright.putArray("items").addObject().put("listingId", "1001");
        String waiting = Fixtures.intake(notices, new InMemoryIdempotencyStore(), new RecordingQueue(), Fixtures.clock())
                .submit("acme", copyright.toString(), null).notice().id();
        verification.verify(waiting, List.of(0));
        assertThat(statuses(waiting)).containsExactly(ItemStatus.NEEDS_REVIEW);

        String counterfeit = submit("1001");
        verification.verify(counterfeit, List.of(0));
        assertThat(statuses(counterfeit)).containsExactly(ItemStatus.ACTIONED);
        assertThat(listings.takedowns.get()).isEqualTo(1);
        assertThat(statuses(waiting)).as("a person still decides it; the listing is already down").containsExactly(
                ItemStatus.NEEDS_REVIEW);
    }

    @Test
    void anItemThatDoesNotActOnTheListingLeavesItFreeAndARejectedHolderReleasesIt() {
        String authorized = submit("1006");
        verification.verify(authorized, List.of(0));
        assertThat(statuses(authorized)).containsExactly(ItemStatus.REJECTED);
        String holder = submit("1006", "1008");
        verification.verify(holder, List.of(0, 1));
        assertThat(statuses(holder)).containsExactly(ItemStatus.REJECTED, ItemStatus.NEEDS_REVIEW);

        NoticeItem inReview = notices.itemsOf(holder).get(1);
        notices.recordDecision(holder, inReview.decided(ItemStatus.REJECTED, ItemReason.BRAND_MISMATCH,
                new Decision("staff-1", Fixtures.NOW, DecisionRule.STAFF_DECISION, "not the mark")), ItemStatus.NEEDS_REVIEW);
        String next = submit("1008");
        verification.verify(next, List.of(0));
        assertThat(statuses(next)).containsExactly(ItemStatus.NEEDS_REVIEW);
    }

    @Test
    void theWebhookNamesTheEarlierNoticeOnlyWhenItIsTheSameRightholders() throws Exception {
        String own = submit("1008");
        String later = submitAt(Clock.offset(Fixtures.clock(), Duration.ofMillis(1)), "1008");
        verification.verify(own, List.of(0));
        verification.verify(later, List.of(0));
        JsonNode ownDuplicate = decidedItem(later);
        assertThat(ownDuplicate.path("duplicateOfNotice").asText()).isEqualTo(own);
        assertThat(ownDuplicate.path("duplicateOf").asInt()).isZero();

        // The same listing claimed first by another rightholder's notice.
        Notice othersNotice = notices.find(own).orElseThrow();
        String others = "ntc_01kb0000000000000000000000";
        notices.saveNew(new Notice(others, "globex", othersNotice.rightId(), othersNotice.reason(),
                othersNotice.explanation(), othersNotice.sender(), othersNotice.signature(), othersNotice.evidence(),
                othersNotice.status(), othersNotice.receivedAt(), othersNotice.itemCount(), othersNotice.progress(),
                null, null, false), List.of(NoticeItem.open(0, null, "1009")));
        notices.claimListing("1009", new ListingClaim(others, 0));
        String acmes = submitAt(Clock.offset(Fixtures.clock(), Duration.ofMillis(2)), "1009");
        notifications.published.clear();
        verification.verify(acmes, List.of(0));
        JsonNode othersDuplicate = decidedItem(acmes);
        assertThat(notices.itemsOf(acmes).get(0).duplicateOfNotice()).isEqualTo(others);
        assertThat(othersDuplicate.path("status").asText()).isEqualTo("DUPLICATE");
        assertThat(othersDuplicate.path("subjectOfAnotherNotice").asBoolean()).isTrue();
        assertThat(othersDuplicate.has("duplicateOfNotice")).isFalse();
        assertThat(othersDuplicate.has("duplicateOf")).isFalse();
    }

    /** The first item of the last items.decided webhook about this notice. */
    private JsonNode decidedItem(String noticeId) throws Exception {
        NotificationEvent event = notifications.ofType(EventType.ITEMS_DECIDED).stream()
                .filter(e -> e.noticeId().equals(noticeId)).reduce((first, second) -> second).orElseThrow();
        return Json.parse(event.data()).path("items").get(0);
    }

    @Test
    void workForAnUnknownNoticeFailsSoItEndsInTheDeadLetterQueue() {
        assertThatThrownBy(() -> verification.verify("ntc_" + "0".repeat(26), List.of(0)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theNoticeCompletesExactlyOnceWhenItsLastItemsAreDecidedConcurrently() {
        String[] ids = IntStream.range(0, 40).mapToObj(i -> "missing-" + i).toArray(String[]::new);
        String id = submit(ids);
        List<CompletableFuture<Void>> runs = IntStream.range(0, 40)
                .mapToObj(i -> CompletableFuture.runAsync(() -> verification.verify(id, List.of(i))))
                .toList();
        runs.forEach(CompletableFuture::join);

        assertThat(notices.find(id).orElseThrow().status()).isEqualTo(NoticeStatus.COMPLETED);
        assertThat(notifications.ofType(EventType.NOTICE_COMPLETED)).hasSize(1);
    }

    @Test
    void auditEventsLostWithAnInterruptedAttemptAreWrittenByTheReplay() {
        String id = submit("1001", "9999");
        dev.takedown.core.ports.AuditLog broken = new dev.takedown.core.ports.AuditLog() {
            @Override
            public void append(List<dev.takedown.core.model.AuditEvent> events) {
                throw new IllegalStateException("audit table unavailable");
            }

            @Override
            public List<dev.takedown.core.model.AuditEvent> forNotice(String noticeId) {
                return List.of();
            }
        };
        VerificationService interrupted = new VerificationService(notices, Fixtures.RIGHT_STORE, rh -> Optional.empty(),
                listings, new DecisionRecorder(notices, broken, notifications, Fixtures.trust(rightholders, notifications)), later);
        assertThatThrownBy(() -> interrupted.verify(id, List.of(0, 1))).isInstanceOf(IllegalStateException.class);
        assertThat(statuses(id)).containsExactly(ItemStatus.ACTIONED, ItemStatus.NOT_FOUND);

        verification.verify(id, List.of(0, 1));
        assertThat(audit.forNotice(id)).extracting(e -> e.to()).containsExactlyInAnyOrder(ItemStatus.ACTIONED, ItemStatus.NOT_FOUND);
        assertThat(notices.find(id).orElseThrow().status()).isEqualTo(NoticeStatus.COMPLETED);
    }

    @Test
    void aStrayMessageNamingItemsSettledAtIntakeDoesNotReopenACompletedNotice() {
        var body = NoticeBodies.valid();
        var items = body.putArray("items");
        items.addObject().put("listingId", "1001");
        items.addObject().put("url", "https://elsewhere.example/item/1");
        items.addObject().put("listingId", "1001");
        String id = Fixtures.intake(notices, new InMemoryIdempotencyStore(), new RecordingQueue(), Fixtures.clock())
                .submit("acme", body.toString(), null).notice().id();
        verification.verify(id, List.of(0));
        Notice completed = notices.find(id).orElseThrow();
        assertThat(completed.status()).isEqualTo(NoticeStatus.COMPLETED);
        assertThat(completed.progress().settled()).isEqualTo(1);

        verification.verify(id, List.of(0, 1, 2));
        assertThat(notices.find(id).orElseThrow()).isEqualTo(completed);
        assertThat(notifications.ofType(EventType.NOTICE_COMPLETED).stream().map(NotificationEvent::id).distinct()).hasSize(1);
    }
}
