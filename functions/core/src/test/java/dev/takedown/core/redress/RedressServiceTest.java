package dev.takedown.core.redress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.takedown.core.decisions.DecisionRecorder;
import dev.takedown.core.json.Json;
import dev.takedown.core.model.AuditEvent;
import dev.takedown.core.model.Complaint;
import dev.takedown.core.model.CounterNotice;
import dev.takedown.core.model.DecisionRule;
import dev.takedown.core.model.EventType;
import dev.takedown.core.model.Figures;
import dev.takedown.core.model.ItemStatus;
import dev.takedown.core.model.Listing;
import dev.takedown.core.model.ListingStatus;
import dev.takedown.core.model.NoticeItem;
import dev.takedown.core.model.NoticeStatus;
import dev.takedown.core.model.NotificationEvent;
import dev.takedown.core.model.Party;
import dev.takedown.core.model.Redress;
import dev.takedown.core.model.Rightholder;
import dev.takedown.core.model.SellerStanding;
import dev.takedown.core.model.SellerState;
import dev.takedown.core.model.Strike;
import dev.takedown.core.model.StrikeState;
import dev.takedown.core.model.TimeBuckets;
import dev.takedown.core.model.TrustCounts;
import dev.takedown.core.problem.ProblemException;
import dev.takedown.core.testing.EmfLines;
import dev.takedown.core.testing.Fixtures;
import dev.takedown.core.testing.InMemoryAuditLog;
import dev.takedown.core.testing.InMemoryFiguresStore;
import dev.takedown.core.testing.InMemoryIdempotencyStore;
import dev.takedown.core.testing.InMemoryListingStore;
import dev.takedown.core.testing.InMemoryNoticeStore;
import dev.takedown.core.testing.InMemoryRightStore;
import dev.takedown.core.testing.InMemoryRightholderStore;
import dev.takedown.core.testing.InMemoryTrustStore;
import dev.takedown.core.testing.MovingClock;
import dev.takedown.core.testing.NoticeBodies;
import dev.takedown.core.testing.RecordingNotifications;
import dev.takedown.core.testing.RecordingQueue;
import dev.takedown.core.trust.SellerStandings;
import dev.takedown.core.trust.StrikeRules;
import dev.takedown.core.trust.TrustPolicy;
import dev.takedown.core.trust.TrustService;
import dev.takedown.core.verify.VerificationService;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class RedressServiceTest {
    /** A Monday. */
    private static final Instant START = Instant.parse("2026-11-30T09:00:00.000Z");

    private final MovingClock clock = new MovingClock(START);
    private final InMemoryNoticeStore notices = new InMemoryNoticeStore();
    private final InMemoryListingStore listings = new InMemoryListingStore()
            .with(new Listing("1001", "seller-fake", "ACME Rocket Skates", "ACME", ListingStatus.ACTIVE))
            .with(new Listing("1002", "seller-fake", "ACME Anvil", "ACME", ListingStatus.ACTIVE))
            .with(new Listing("1003", "seller-fake", "ACME Giant Magnet", "ACME", ListingStatus.ACTIVE))
            .with(new Listing("1004", "seller-fake", "ACME Earthquake Pills", "ACME", ListingStatus.ACTIVE))
            .with(new Listing("1008", "seller-honest", "Cordless drill", "Honest Tools", ListingStatus.ACTIVE));
    private final InMemoryRightStore rights = new InMemoryRightStore(Fixtures.RIGHTS);
    private final InMemoryRightholderStore rightholders = new InMemoryRightholderStore()
            .with(new Rightholder("acme", "Acme Brands Inc.", "legal@acme.example", null));
    private final InMemoryAuditLog audit = new InMemoryAuditLog();
    private final RecordingNotifications notifications = new RecordingNotifications();
    private final InMemoryTrustStore trustStore = new InMemoryTrustStore(rightholders);
    private final InMemoryFiguresStore figures = new InMemoryFiguresStore();
    private final TrustService trust = new TrustService(trustStore, rightholders, notifications, TrustPolicy.DEFAULTS,
            figures);
    private final SellerStandings standings = new SellerStandings(trustStore, listings, notifications,
            TrustPolicy.DEFAULTS, figures);
    private final DecisionRecorder recorder = new DecisionRecorder(notices, audit, notifications, trust);
    private final RedressService redress = new RedressService(notices, listings, rights, rightholders, trustStore,
            recorder, new RedressFollowUp(notices, listings, trustStore, audit, notifications, trust, standings),
            RedressPolicy.DEFAULTS, figures, clock);

    /** A notice of acme naming these listings, verified at once: ACME listings are actioned, others go to review. */
    private String verified(String rightId, String reason, String... listingIds) {
        var body = NoticeBodies.valid().put("rightId", rightId).put("reason", reason);
        var items = body.putArray("items");
        for (String id : listingIds) {
            items.addObject().put("listingId", id);
        }
        String id = Fixtures.intake(notices, new InMemoryIdempotencyStore(), new RecordingQueue(), clock)
                .submit("acme", body.toString(), null).notice().id();
        new VerificationService(notices, rights, rightholders, listings, recorder, clock)
                .verify(id, IntStream.range(0, listingIds.length).boxed().toList());
        return id;
    }

    private String takedown() {
        return verified("tm-acme-us", "COUNTERFEIT", "1001");
    }

    private NoticeItem item(String noticeId, int index) {
        return notices.itemsAt(noticeId, List.of(index)).get(0);
    }

    private static RedressRequests.CounterNoticeFiling filing(String statement) {
        return RedressRequests.counterNotice(Json.write(Json.object()
                .put("grounds", "GENUINE_GOODS").put("statement", statement)
                .put("signature", "Sam Seller")
                .<com.fasterxml.jackson.databind.node.ObjectNode>set("contact", Json.object().put("name", "Sam Seller")
                        .put("email", "sam@seller.example").put("address", "1 Market St, Springfield")
                        .put("phone", "+1 555 0100"))
                .set("declarations", Json.object().put("goodFaith", true).put("underPenaltyOfPerjury", true)
                        .put("consentToJurisdiction", true))));
    }

    private static RedressRequests.Response legalAction() {
        return RedressRequests.response("{\"response\":\"LEGAL_ACTION\",\"court\":\"N.D. Cal.\",\"caseNumber\":\"5:26-cv-1\","
                + "\"filedOn\":\"2026-12-01\"}", LocalDate.parse("2026-12-31"));
    }

    private static RedressRequests.ComplaintFiling complaint(String explanation) {
        return RedressRequests.complaint("{\"explanation\":\"" + explanation + "\"}");
    }

    private Strike strikeOf(String sellerId) {
        return trustStore.strikes(sellerId, null).get(0);
    }

    private static void assertProblem(ThrowingCallable call, int status) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ProblemException.class,
                e -> assertThat(e.problem().status()).isEqualTo(status));
    }

    private long distinctIds() {
        return notifications.published.stream().map(NotificationEvent::id).distinct().count();
    }

    @Test
    void theRightholderHasTenBusinessDaysForCopyrightAndFifteenCalendarDaysOtherwise() {
        Instant mondayMorning = Instant.parse("2026-11-30T10:00:00Z");
        assertThat(RedressPolicy.DEFAULTS.respondBy(mondayMorning, true)).isEqualTo("2026-12-15T00:00:00Z");
        assertThat(RedressPolicy.DEFAULTS.respondBy(mondayMorning, false)).isEqualTo("2026-12-16T00:00:00Z");
        // Filed on a Saturday: the count starts on Monday.
        assertThat(RedressPolicy.DEFAULTS.respondBy(Instant.parse("2026-12-05T23:59:00Z"), true))
                .isEqualTo("2026-12-19T00:00:00Z");
    }

    @Test
    void aCounterNoticeKeepsTheListingDownHoldsBackTheStrikeAndIsForwardedToTheRightholder() {
        String noticeId = takedown();
        clock.advance(Duration.ofHours(2));

        NoticeItem filed = redress.fileCounterNotice("seller-fake", noticeId, 0, filing("These are genuine ACME skates.")).item();

        assertThat(filed.status()).isEqualTo(ItemStatus.COUNTER_NOTICED);
        assertThat(filed.redress().counterNotice().respondBy()).isEqualTo("2026-12-16T00:00:00Z");
        assertThat(listings.find("1001").orElseThrow().status()).isEqualTo(ListingStatus.REMOVED);
        assertThat(strikeOf("seller-fake").disputed()).containsExactly(noticeId + "#0");
        NotificationEvent forwarded = notifications.ofType(EventType.COUNTER_NOTICE_FILED).get(0);
        assertThat(forwarded.sellerId()).as("to the rightholder").isNull();
        assertThat(forwarded.data()).contains("\"email\":\"sam@seller.example\"", "\"respondBy\":\"2026-12-16T00:00:00.000Z\"");
        assertThat(audit.forNotice(noticeId)).extracting(AuditEvent::to).endsWith(ItemStatus.COUNTER_NOTICED);

        // Past the 15-day dispute window, the contested strike still does not count.
        clock.advance(Duration.ofDays(15));
        assertThat(StrikeRules.state(strikeOf("seller-fake"), clock.instant(), TrustPolicy.DEFAULTS))
                .isEqualTo(StrikeState.PENDING);
        assertThat(standings.reviewDue(clock.instant())).isZero();
    }

    @Test
    void oneCounterNoticePerTakedownOnlyByItsSellerAndWithinSixMonths() {
        String noticeId = takedown();
        redress.fileCounterNotice("seller-fake", noticeId, 0, filing("Genuine."));
        long sent = distinctIds();

        // The same filing again answers as before and tells no one twice.
        assertThat(redress.fileCounterNotice("seller-fake", noticeId, 0, filing("Genuine.")).item().status())
                .isEqualTo(ItemStatus.COUNTER_NOTICED);
        assertThat(distinctIds()).isEqualTo(sent);
        assertProblem(() -> redress.fileCounterNotice("seller-fake", noticeId, 0, filing("Other words.")), 409);
        assertProblem(() -> redress.fileCounterNotice("seller-honest", noticeId, 0, filing("Genuine.")), 404);

        String late = verified("tm-acme-us", "COUNTERFEIT", "1002");
        clock.advance(Duration.ofDays(183));
        assertProblem(() -> redress.fileCounterNotice("seller-fake", late, 0, filing("Genuine.")), 422);
        assertThat(item(late, 0).status()).isEqualTo(ItemStatus.ACTIONED);
    }

    @Test
    void anUnansweredCounterNoticeIsRestoredByTheSweepExactlyOnceWhenTheDeadlinePasses() {
        String noticeId = takedown();
        redress.fileCounterNotice("seller-fake", noticeId, 0, filing("Genuine."));
        Instant respondBy = item(noticeId, 0).redress().counterNotice().respondBy();

        clock.set(respondBy.minusMillis(1));
        assertThat(redress.sweep()).isZero();
        assertThat(item(noticeId, 0).status()).isEqualTo(ItemStatus.COUNTER_NOTICED);

        clock.set(respondBy);
        assertThat(redress.sweep()).isEqualTo(1);
        NoticeItem restored = item(noticeId, 0);
        assertThat(restored.status()).isEqualTo(ItemStatus.RESTORED);
        assertThat(restored.redress().counterNotice().outcome()).isEqualTo(CounterNotice.Outcome.UNANSWERED);
        assertThat(restored.redress().restoration().cause()).isEqualTo(Redress.Cause.COUNTER_NOTICE_UNANSWERED);
        assertThat(listings.find("1001").orElseThrow().status()).isEqualTo(ListingStatus.ACTIVE);
        assertThat(strikeOf("seller-fake").voided()).isNotNull();
        assertThat(strikeOf("seller-fake").voided().reason()).contains("every takedown in it was reversed");
        TrustCounts counts = trustStore.counts("acme", LocalDate.parse("2026-11-01"), LocalDate.parse("2027-01-31"));
        assertThat(counts.reversed()).isEqualTo(1);
        assertThat(counts.confirmed()).as("no longer confirmed").isZero();
        assertThat(notifications.ofType(EventType.ITEM_RESTORED)).hasSize(1);
        assertThat(notifications.ofType(EventType.LISTING_REINSTATED)).singleElement()
                .satisfies(e -> assertThat(e.sellerId()).isEqualTo("seller-fake"));

        long sent = distinctIds();
        assertThat(redress.sweep()).isZero();
        assertThat(distinctIds()).isEqualTo(sent);
        assertThat(trustStore.counts("acme", LocalDate.parse("2026-11-01"), LocalDate.parse("2027-01-31")))
                .isEqualTo(counts);
    }

    @Test
    void legalActionUpholdsTheTakedownAndLetsItsStrikeBeEstablished() {
        String noticeId = takedown();
        clock.advance(Duration.ofDays(10));
        redress.fileCounterNotice("seller-fake", noticeId, 0, filing("Genuine."));
        clock.advance(Duration.ofDays(6));

        NoticeItem upheld = redress.respondToCounterNotice("acme", noticeId, 0, legalAction());

        assertThat(upheld.status()).isEqualTo(ItemStatus.ACTIONED);
        assertThat(upheld.redress().counterNotice().outcome()).isEqualTo(CounterNotice.Outcome.UPHELD);
        assertThat(upheld.redress().counterNotice().legalAction().caseNumber()).isEqualTo("5:26-cv-1");
        assertThat(strikeOf("seller-fake").disputed()).isEmpty();
        assertThat(trustStore.sellerState("seller-fake").standing()).as("its window had closed: counted at once")
                .isEqualTo(SellerStanding.WARNED);
        assertThat(notifications.ofType(EventType.COUNTER_NOTICE_UPHELD)).singleElement()
                .satisfies(e -> assertThat(e.sellerId()).isEqualTo("seller-fake"));
        assertThat(audit.forNotice(noticeId)).extracting(AuditEvent::rule)
                .contains(DecisionRule.COUNTER_NOTICE, DecisionRule.COUNTER_NOTICE_UPHELD);

        assertProblem(() -> redress.respondToCounterNotice("acme", noticeId, 0, RedressRequests.response(
                "{\"response\":\"ACCEPT\"}", LocalDate.parse("2026-12-31"))), 409);
        assertThat(redress.sweep()).isZero();
        assertThat(listings.find("1001").orElseThrow().status()).isEqualTo(ListingStatus.REMOVED);
    }

    @Test
    void aStrikeHeldBackByADisputePastItsWindowIsCountedEstablishedOnceWhenTheDisputeEnds() {
        String noticeId = takedown();
        Instant windowCloses = StrikeRules.windowCloses(LocalDate.parse("2026-11-30"), false, TrustPolicy.DEFAULTS);
        clock.advance(Duration.ofDays(10));
        redress.fileCounterNotice("seller-fake", noticeId, 0, filing("Genuine."));
        // The window closes while the takedown is contested: the scheduled review finds the strike pending.
        assertThat(standings.reviewDue(windowCloses)).isZero();
        clock.set(windowCloses.plus(Duration.ofHours(9)));

        redress.respondToCounterNotice("acme", noticeId, 0, legalAction());

        assertThat(trustStore.sellerState("seller-fake").standing()).isEqualTo(SellerStanding.WARNED);
        assertThat(strikesEstablished()).as("counted when the dispute ended").isEqualTo(1);
        standings.reviewDue(clock.instant().plus(Duration.ofDays(1)));
        standings.reviewDue(clock.instant().plus(Duration.ofDays(400)));
        assertThat(strikesEstablished()).as("and not again").isEqualTo(1);
    }

    @Test
    void aStrikeWhoseOnlyContestedTakedownIsReversedPastItsWindowIsCountedEstablishedOnce() {
        String noticeId = verified("tm-acme-us", "COUNTERFEIT", "1001", "1002");
        Instant windowCloses = StrikeRules.windowCloses(LocalDate.parse("2026-11-30"), false, TrustPolicy.DEFAULTS);
        clock.advance(Duration.ofDays(10));
        redress.fileCounterNotice("seller-fake", noticeId, 0, filing("Genuine."));
        assertThat(standings.reviewDue(windowCloses)).isZero();
        clock.set(windowCloses.plus(Duration.ofHours(9)));

        redress.respondToCounterNotice("acme", noticeId, 0,
                RedressRequests.response("{\"response\":\"ACCEPT\"}", LocalDate.parse("2026-12-31")));

        assertThat(strikeOf("seller-fake").voided()).as("1002 still stands").isNull();
        assertThat(trustStore.sellerState("seller-fake").standing()).isEqualTo(SellerStanding.WARNED);
        assertThat(strikesEstablished()).isEqualTo(1);
        standings.reviewDue(clock.instant().plus(Duration.ofDays(1)));
        assertThat(strikesEstablished()).isEqualTo(1);
        // It expires like any other: the scheduled review at its expiry puts the seller back in good standing.
        standings.reviewDue(StrikeRules.expiresAt(strikeOf("seller-fake"), TrustPolicy.DEFAULTS));
        assertThat(trustStore.sellerState("seller-fake").standing()).isEqualTo(SellerStanding.GOOD_STANDING);
    }

    private long strikesEstablished() {
        return figures.platform(LocalDate.parse("2026-01-01"), LocalDate.parse("2028-12-31")).get(Figures.STRIKES_ESTABLISHED);
    }

    @Test
    void aLateResponseIsRefusedAndChangesNothing() {
        String noticeId = takedown();
        redress.fileCounterNotice("seller-fake", noticeId, 0, filing("Genuine."));
        clock.set(item(noticeId, 0).redress().counterNotice().respondBy());

        assertProblem(() -> redress.respondToCounterNotice("acme", noticeId, 0, legalAction()), 409);
        assertThat(item(noticeId, 0).status()).isEqualTo(ItemStatus.COUNTER_NOTICED);
        assertProblem(() -> redress.respondToCounterNotice("globex", noticeId, 0, legalAction()), 404);
    }

    @Test
    void acceptingRestoresAtOnceButASuspensionKeepsTheListingDown() {
        String noticeId = takedown();
        redress.fileCounterNotice("seller-fake", noticeId, 0, filing("Genuine."));
        // Five established strikes of other rightholders' notices: the seller is suspended whatever happens here.
        for (int i = 0; i < 5; i++) {
            LocalDate day = LocalDate.parse("2026-10-01").plusDays(i);
            trustStore.addStrikeItems("seller-fake", "rightholder-" + i, day, false, List.of("ntc_x#" + i),
                    StrikeRules.windowCloses(day, false, TrustPolicy.DEFAULTS));
        }
        trustStore.replaceSellerState("seller-fake", SellerState.INITIAL,
                SellerState.INITIAL.next(SellerStanding.SUSPENDED, clock.instant(), null));

        NoticeItem restored = redress.respondToCounterNotice("acme", noticeId, 0,
                RedressRequests.response("{\"response\":\"ACCEPT\"}", LocalDate.parse("2026-12-31")));

        assertThat(restored.status()).isEqualTo(ItemStatus.RESTORED);
        assertThat(restored.redress().restoration().listingActive()).isFalse();
        Listing listing = listings.find("1001").orElseThrow();
        assertThat(listing.status()).isEqualTo(ListingStatus.REMOVED);
        assertThat(listing.removedBySuspension()).as("reinstating the seller brings it back").isTrue();
    }

    @Test
    void aWithdrawalWithdrawsOpenItemsRetractsTakedownsAndCompletesTheNotice() {
        String noticeId = verified("tm-acme-us", "COUNTERFEIT", "1001", "1008");
        assertThat(item(noticeId, 1).status()).isEqualTo(ItemStatus.NEEDS_REVIEW);

        RedressService.Withdrawn withdrawn = redress.withdraw("acme", noticeId,
                RedressRequests.withdrawal("{\"reason\":\"Settled with the seller.\"}"));

        assertThat(withdrawn.withdrawn()).extracting(NoticeItem::status).containsExactly(ItemStatus.WITHDRAWN);
        assertThat(withdrawn.retracted()).extracting(NoticeItem::status).containsExactly(ItemStatus.RETRACTED);
        assertThat(withdrawn.notice().status()).isEqualTo(NoticeStatus.COMPLETED);
        assertThat(listings.find("1001").orElseThrow().status()).isEqualTo(ListingStatus.ACTIVE);
        assertThat(notices.needsReview(null, 10).entries()).isEmpty();
        assertThat(trustStore.counts("acme", LocalDate.parse("2026-11-01"), LocalDate.parse("2027-01-31")).reversed())
                .isEqualTo(1);

        // The verifier's message for the withdrawn item, delivered late, decides nothing.
        new VerificationService(notices, rights, rightholders, listings, recorder, clock).verify(noticeId, List.of(0, 1));
        assertThat(item(noticeId, 1).status()).isEqualTo(ItemStatus.WITHDRAWN);
        assertThat(redress.withdraw("acme", noticeId, RedressRequests.withdrawal("")).unchanged()).hasSize(2);
        assertProblem(() -> redress.withdraw("acme", noticeId, RedressRequests.withdrawal("{\"items\":[7]}")), 422);
        assertProblem(() -> redress.withdraw("globex", noticeId, RedressRequests.withdrawal("")), 404);
    }

    @Test
    void aLargeWithdrawalRetractsEveryTakedownAndLeavesTheRestOfTheFollowUpToTheSweep() {
        int count = RedressService.FOLLOW_UP_AT_ONCE + 5;
        String[] ids = new String[count];
        for (int i = 0; i < count; i++) {
            ids[i] = "bulk-" + i;
            listings.with(new Listing(ids[i], "seller-fake", "ACME goods " + i, "ACME", ListingStatus.ACTIVE));
        }
        String noticeId = verified("tm-acme-us", "COUNTERFEIT", ids);

        RedressService.Withdrawn withdrawn = redress.withdraw("acme", noticeId, RedressRequests.withdrawal(""));

        assertThat(withdrawn.retracted()).hasSize(count).extracting(NoticeItem::status).containsOnly(ItemStatus.RETRACTED);
        assertThat(IntStream.range(0, count).filter(i -> listings.find(ids[i]).orElseThrow().active()).count())
                .isEqualTo(RedressService.FOLLOW_UP_AT_ONCE);
        assertThat(redress.sweep()).as("no counter-notice ran out").isZero();
        assertThat(ids).allSatisfy(id -> assertThat(listings.find(id).orElseThrow().active()).isTrue());
        assertThat(notifications.ofType(EventType.ITEM_RESTORED)).hasSize(count);
    }

    @Test
    void aWithdrawnItemTheVerifierTookDownMeanwhileGetsItsListingBack() {
        String noticeId = Fixtures.intake(notices, new InMemoryIdempotencyStore(), new RecordingQueue(), clock)
                .submit("acme", NoticeBodies.valid().toString(), null).notice().id();
        NoticeItem open = item(noticeId, 0);
        // The verifier read the item open and took its listing down; the withdrawal lands before its decision.
        listings.takeDown(open.listingId(), noticeId, 0, clock.instant());
        redress.withdraw("acme", noticeId, RedressRequests.withdrawal(""));

        assertThat(item(noticeId, 0).status()).isEqualTo(ItemStatus.WITHDRAWN);
        assertThat(listings.find(open.listingId()).orElseThrow().status()).isEqualTo(ListingStatus.ACTIVE);
    }

    @Test
    void aRightholderComplaintAgainstARejectionReversedByStaffTakesTheListingDown() {
        String noticeId = verified("tm-acme-us", "COUNTERFEIT", "1008");
        NoticeItem review = item(noticeId, 0);
        recorder.record(notices.find(noticeId).orElseThrow(), List.of(new DecisionRecorder.Change(review,
                review.decided(ItemStatus.REJECTED, dev.takedown.core.model.ItemReason.NOT_INFRINGING,
                        new dev.takedown.core.model.Decision("staff-jane", clock.instant(), DecisionRule.STAFF_DECISION)))),
                List.of(), clock.instant());
        assertProblem(() -> redress.fileRightholderComplaint("acme", noticeId, 0, complaint("")), 400);

        redress.fileRightholderComplaint("acme", noticeId, 0, complaint("The drill's case carries our mark."));
        assertProblem(() -> redress.fileRightholderComplaint("acme", noticeId, 0, complaint("Again.")), 409);
        assertThat(redress.complaintQueue(null, 10).entries()).singleElement()
                .satisfies(r -> assertThat(r.item().redress().openComplaint().from()).isEqualTo(Party.RIGHTHOLDER));
        clock.advance(Duration.ofHours(3));

        NoticeItem actioned = redress.decideComplaint(noticeId, 0, Party.RIGHTHOLDER, Complaint.Outcome.REVERSE,
                "staff-joe", "The photos show the mark.");

        assertThat(actioned.status()).isEqualTo(ItemStatus.ACTIONED);
        assertThat(actioned.statement()).isNotNull();
        assertThat(actioned.redress().rightholderComplaint().handlingTime()).isEqualTo(Duration.ofHours(3));
        assertThat(listings.find("1008").orElseThrow().status()).isEqualTo(ListingStatus.REMOVED);
        assertThat(strikeOf("seller-honest").items()).containsExactly(noticeId + "#0");
        assertThat(redress.complaintQueue(null, 10).entries()).isEmpty();
        assertThat(notifications.ofType(EventType.COMPLAINT_DECIDED)).singleElement()
                .satisfies(e -> assertThat(e.sellerId()).isNull());
        assertThat(notifications.ofType(EventType.LISTING_RESTRICTED)).anySatisfy(
                e -> assertThat(e.sellerId()).isEqualTo("seller-honest"));
        assertThat(redress.takedowns("seller-honest", null, null, 10).entries()).extracting(t -> t.item().index())
                .containsExactly(0);
    }

    @Test
    void aSellerComplaintUpheldChangesNothingButTheRecord() {
        String noticeId = takedown();
        assertProblem(() -> redress.fileRightholderComplaint("acme", noticeId, 0, complaint("Why?")), 409);
        redress.fileSellerComplaint("seller-fake", noticeId, 0, complaint("I bought them from ACME."));
        assertThat(strikeOf("seller-fake").disputed()).hasSize(1);
        assertProblem(() -> redress.fileCounterNotice("seller-fake", noticeId, 0, filing("Genuine.")), 409);

        NoticeItem upheld = redress.decideComplaint(noticeId, 0, Party.SELLER, Complaint.Outcome.UPHOLD, "staff-jane",
                "No proof of purchase.");

        assertThat(upheld.status()).isEqualTo(ItemStatus.ACTIONED);
        assertThat(upheld.redress().sellerComplaint().decision().outcome()).isEqualTo(Complaint.Outcome.UPHOLD);
        assertThat(listings.find("1001").orElseThrow().status()).isEqualTo(ListingStatus.REMOVED);
        assertThat(strikeOf("seller-fake").disputed()).isEmpty();
        assertThat(notifications.ofType(EventType.COMPLAINT_DECIDED)).singleElement()
                .satisfies(e -> assertThat(e.sellerId()).isEqualTo("seller-fake"));
        assertProblem(() -> redress.decideComplaint(noticeId, 0, Party.SELLER, Complaint.Outcome.REVERSE, "staff-joe",
                "Second look."), 409);
        assertProblem(() -> redress.decideComplaint(noticeId, 0, Party.RIGHTHOLDER, Complaint.Outcome.REVERSE,
                "staff-joe", "None."), 404);
    }

    @Test
    void aSellerComplaintReversedRestoresTheListing() {
        String noticeId = takedown();
        redress.fileSellerComplaint("seller-fake", noticeId, 0, complaint("Authorised reseller."));

        NoticeItem restored = redress.decideComplaint(noticeId, 0, Party.SELLER, Complaint.Outcome.REVERSE,
                "staff-jane", "The distribution contract covers it.");

        assertThat(restored.status()).isEqualTo(ItemStatus.RESTORED);
        assertThat(restored.redress().restoration().cause()).isEqualTo(Redress.Cause.COMPLAINT_REVERSED);
        assertThat(listings.find("1001").orElseThrow().status()).isEqualTo(ListingStatus.ACTIVE);
        assertThat(audit.forNotice(noticeId)).filteredOn(e -> e.to() == ItemStatus.RESTORED).singleElement()
                .satisfies(e -> assertThat(e.actor()).isEqualTo("staff-jane"));
        assertThat(redress.takedowns("seller-fake", ItemStatus.RESTORED, null, 10).entries()).hasSize(1);
        assertThat(redress.takedowns("seller-fake", ItemStatus.ACTIONED, null, 10).entries()).isEmpty();
    }

    @Test
    void aCounterNoticeIsCountedWhenFiledAndWhenAnsweredAndNotWhenTheSameRequestComesAgain() throws Exception {
        String noticeId = takedown();
        clock.advance(Duration.ofDays(10));
        EmfLines filed = EmfLines.invocation(() -> redress.fileCounterNotice("seller-fake", noticeId, 0, filing("Genuine.")));
        EmfLines filedAgain = EmfLines.invocation(() ->
                redress.fileCounterNotice("seller-fake", noticeId, 0, filing("Genuine.")));
        clock.advance(Duration.ofDays(6));
        EmfLines upheld = EmfLines.invocation(() -> redress.respondToCounterNotice("acme", noticeId, 0, legalAction()));
        EmfLines upheldAgain = EmfLines.invocation(() ->
                redress.respondToCounterNotice("acme", noticeId, 0, legalAction()));

        assertThat(filed.problems()).isEmpty();
        assertThat(filed.sum("CounterNotices", "Event", "FILED")).isEqualTo(1);
        assertThat(filedAgain.documents()).isEmpty();
        assertThat(upheld.sum("CounterNotices", "Event", "UPHELD")).isEqualTo(1);
        assertThat(upheld.sum("CounterNotices")).isEqualTo(1);
        // Its window had closed: the strike counts at once, and the seller is warned.
        assertThat(upheld.sum("StrikeEvents", "Event", "SELLER_WARNED")).isEqualTo(1);
        assertThat(figures.platform(LocalDate.parse("2026-01-01"), LocalDate.parse("2027-12-31"))
                .get(Figures.sellers("WARNED"))).isEqualTo(1);
        assertThat(upheldAgain.documents()).isEmpty();
    }

    @Test
    void aCounterNoticeAcceptedUnansweredOrWithdrawnIsCountedByHowItClosed() throws Exception {
        String accepted = takedown();
        redress.fileCounterNotice("seller-fake", accepted, 0, filing("Genuine."));
        EmfLines accepting = EmfLines.invocation(() -> redress.respondToCounterNotice("acme", accepted, 0,
                RedressRequests.response("{\"response\":\"ACCEPT\"}", LocalDate.parse("2026-12-31"))));

        String withdrawn = verified("tm-acme-us", "COUNTERFEIT", "1002");
        redress.fileCounterNotice("seller-fake", withdrawn, 0, filing("Genuine."));
        EmfLines withdrawing = EmfLines.invocation(() -> redress.withdraw("acme", withdrawn,
                RedressRequests.withdrawal("{\"reason\":\"Settled with the seller.\"}")));

        assertThat(accepting.sum("CounterNotices", "Event", "ACCEPTED")).isEqualTo(1);
        assertThat(accepting.sum("StrikeEvents", "Event", "VOIDED")).isEqualTo(1);
        assertThat(withdrawing.sum("CounterNotices", "Event", "WITHDRAWN")).isEqualTo(1);
        assertThat(withdrawing.sum("ItemsDecided")).as("a withdrawal is not a decision").isZero();
        assertThat(figures.platform(LocalDate.parse("2026-01-01"), LocalDate.parse("2027-12-31"))
                .get(Figures.STRIKES_VOIDED)).isEqualTo((long) (accepting.sum("StrikeEvents", "Event", "VOIDED")
                + withdrawing.sum("StrikeEvents", "Event", "VOIDED"))).isPositive();
    }

    @Test
    void aCounterNoticeLeftUnansweredIsCountedOnceByTheSweep() throws Exception {
        String noticeId = takedown();
        redress.fileCounterNotice("seller-fake", noticeId, 0, filing("Genuine."));
        clock.set(item(noticeId, 0).redress().counterNotice().respondBy());

        EmfLines sweep = EmfLines.invocation(redress::sweep);
        EmfLines again = EmfLines.invocation(redress::sweep);

        assertThat(sweep.sum("CounterNotices", "Event", "RESTORED_BY_SILENCE")).isEqualTo(1);
        assertThat(sweep.sum("StrikeEvents", "Event", "VOIDED")).isEqualTo(1);
        assertThat(again.documents()).isEmpty();
    }

    @Test
    void complaintsAreCountedWhenFiledAndWhenDecided() throws Exception {
        String upheld = takedown();
        EmfLines filed = EmfLines.invocation(() ->
                redress.fileSellerComplaint("seller-fake", upheld, 0, complaint("I bought them from ACME.")));
        EmfLines deciding = EmfLines.invocation(() -> redress.decideComplaint(upheld, 0, Party.SELLER,
                Complaint.Outcome.UPHOLD, "staff-jane", "No proof of purchase."));
        EmfLines decidingAgain = EmfLines.invocation(() -> redress.decideComplaint(upheld, 0, Party.SELLER,
                Complaint.Outcome.UPHOLD, "staff-jane", "No proof of purchase."));

        String rejected = verified("tm-acme-us", "COUNTERFEIT", "1008");
        NoticeItem review = item(rejected, 0);
        recorder.record(notices.find(rejected).orElseThrow(), List.of(new DecisionRecorder.Change(review,
                review.decided(ItemStatus.REJECTED, dev.takedown.core.model.ItemReason.NOT_INFRINGING,
                        new dev.takedown.core.model.Decision("staff-jane", clock.instant(), DecisionRule.STAFF_DECISION)))),
                List.of(), clock.instant());
        redress.fileRightholderComplaint("acme", rejected, 0, complaint("The drill's case carries our mark."));
        EmfLines reversing = EmfLines.invocation(() -> redress.decideComplaint(rejected, 0, Party.RIGHTHOLDER,
                Complaint.Outcome.REVERSE, "staff-joe", "The photos show the mark."));

        assertThat(filed.sum("Complaints", "Event", "FILED")).isEqualTo(1);
        assertThat(deciding.sum("Complaints", "Event", "UPHELD")).isEqualTo(1);
        assertThat(decidingAgain.documents()).isEmpty();
        assertThat(reversing.sum("Complaints", "Event", "REVERSED")).isEqualTo(1);
        assertThat(reversing.sum("Complaints")).isEqualTo(1);
        assertThat(reversing.sum("ItemsDecided")).as("counted as the complaint's, not as a new decision").isZero();
    }

    @Test
    void everyRedressEventCountsIntoTheFiguresOnceWhenStored() {
        String accepted = takedown();
        redress.fileCounterNotice("seller-fake", accepted, 0, filing("Genuine."));
        redress.fileCounterNotice("seller-fake", accepted, 0, filing("Genuine."));
        redress.respondToCounterNotice("acme", accepted, 0,
                RedressRequests.response("{\"response\":\"ACCEPT\"}", LocalDate.parse("2026-12-31")));
        String withdrawn = verified("tm-acme-us", "COUNTERFEIT", "1002");
        redress.withdraw("acme", withdrawn, RedressRequests.withdrawal("{\"reason\":\"Settled with the seller.\"}"));
        redress.withdraw("acme", withdrawn, RedressRequests.withdrawal("{\"reason\":\"Settled with the seller.\"}"));
        String unanswered = verified("tm-acme-us", "COUNTERFEIT", "1003");
        redress.fileCounterNotice("seller-fake", unanswered, 0, filing("Genuine."));
        String complained = verified("tm-acme-us", "COUNTERFEIT", "1004");
        redress.fileSellerComplaint("seller-fake", complained, 0, complaint("I bought them from ACME."));
        clock.advance(Duration.ofDays(2));
        redress.decideComplaint(complained, 0, Party.SELLER, Complaint.Outcome.UPHOLD, "staff-jane", "No proof.");
        redress.decideComplaint(complained, 0, Party.SELLER, Complaint.Outcome.UPHOLD, "staff-jane", "No proof.");
        clock.set(item(unanswered, 0).redress().counterNotice().respondBy());
        redress.sweep();
        redress.sweep();

        Figures counted = figures.platform(LocalDate.parse("2026-01-01"), LocalDate.parse("2027-12-31"));
        assertThat(counted.get(Figures.COUNTER_NOTICES_FILED)).isEqualTo(2);
        assertThat(counted.get(Figures.counterNoticesRestored(Figures.Restoration.ACCEPTED))).isEqualTo(1);
        assertThat(counted.get(Figures.counterNoticesRestored(Figures.Restoration.UNANSWERED))).isEqualTo(1);
        assertThat(counted.get(Figures.ITEMS_RETRACTED)).isEqualTo(1);
        assertThat(counted.get(Figures.complaintsFiled("SELLER"))).isEqualTo(1);
        assertThat(counted.get(Figures.complaintsDecided("SELLER", "UPHOLD"))).isEqualTo(1);
        assertThat(TimeBuckets.histogram(counted, Figures.COMPLAINT_HANDLING_TIME))
                .containsExactly(Map.entry(TimeBuckets.of(Duration.ofDays(2)), 1L));
        // The rightholder's own figures hold its notices' redress; voided strikes are the platform's only.
        Figures own = figures.rightholder("acme", LocalDate.parse("2026-01-01"), LocalDate.parse("2027-12-31"));
        assertThat(own.get(Figures.COUNTER_NOTICES_FILED)).isEqualTo(2);
        assertThat(own.get(Figures.ITEMS_RETRACTED)).isEqualTo(1);
        assertThat(counted.get(Figures.STRIKES_VOIDED)).isEqualTo(1);
        assertThat(own.get(Figures.STRIKES_VOIDED)).isZero();
    }

    @Test
    void aSellerReadsItsTakedownsNewestFirstInPages() {
        String first = verified("tm-acme-us", "COUNTERFEIT", "1001");
        clock.advance(Duration.ofDays(1));
        String second = verified("tm-acme-us", "COUNTERFEIT", "1002");

        var page = redress.takedowns("seller-fake", null, null, 1);
        assertThat(page.entries()).extracting(RedressService.Takedown::noticeId).containsExactly(second);
        assertThat(redress.takedowns("seller-fake", null, page.nextCursor(), 1).entries())
                .extracting(RedressService.Takedown::noticeId).containsExactly(first);
        assertThat(redress.takedowns("seller-honest", null, null, 10).entries()).isEmpty();
        assertProblem(() -> redress.takedown("seller-honest", first, 0), 404);
    }
}
