package dev.takedown.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.takedown.core.model.ApiKey;
import dev.takedown.core.model.AuditEvent;
import dev.takedown.core.model.Complaint;
import dev.takedown.core.model.Contact;
import dev.takedown.core.model.CounterNotice;
import dev.takedown.core.model.CounterNoticeGrounds;
import dev.takedown.core.model.Deactivation;
import dev.takedown.core.model.Decision;
import dev.takedown.core.model.DecisionRule;
import dev.takedown.core.model.DeliveryAttempt;
import dev.takedown.core.model.DeliveryAttempt.Status;
import dev.takedown.core.model.DeliveryAttempt.Target;
import dev.takedown.core.model.EventType;
import dev.takedown.core.model.Evidence;
import dev.takedown.core.model.EvidenceKind;
import dev.takedown.core.model.Figures;
import dev.takedown.core.model.Ids;
import dev.takedown.core.model.ItemReason;
import dev.takedown.core.model.ItemStatus;
import dev.takedown.core.model.LegalAction;
import dev.takedown.core.model.Listing;
import dev.takedown.core.model.ListingStatus;
import dev.takedown.core.model.Notice;
import dev.takedown.core.model.NoticeItem;
import dev.takedown.core.model.NoticeOutcome;
import dev.takedown.core.model.NoticeReason;
import dev.takedown.core.model.NoticeStatus;
import dev.takedown.core.model.Party;
import dev.takedown.core.model.Principal;
import dev.takedown.core.model.PrincipalAccess;
import dev.takedown.core.model.Progress;
import dev.takedown.core.model.RatePlan;
import dev.takedown.core.model.Redress;
import dev.takedown.core.model.Right;
import dev.takedown.core.model.RightStatus;
import dev.takedown.core.model.RightType;
import dev.takedown.core.model.Rightholder;
import dev.takedown.core.model.RightholderTrust;
import dev.takedown.core.model.Seller;
import dev.takedown.core.model.SellerStanding;
import dev.takedown.core.model.SellerState;
import dev.takedown.core.model.Sender;
import dev.takedown.core.model.Statements;
import dev.takedown.core.model.Strike;
import dev.takedown.core.model.Tier;
import dev.takedown.core.model.TrustCounts;
import dev.takedown.core.model.TrustEvent;
import dev.takedown.core.model.UsageKey;
import dev.takedown.core.model.WebhookSecrets;
import dev.takedown.core.ports.ApiKeyRegistry;
import dev.takedown.core.ports.ApiKeyStore;
import dev.takedown.core.ports.AuditLog;
import dev.takedown.core.ports.DeliveryStore;
import dev.takedown.core.ports.FiguresStore;
import dev.takedown.core.ports.IdempotencyStore;
import dev.takedown.core.ports.IdempotencyStore.Entry;
import dev.takedown.core.ports.InvalidCursorException;
import dev.takedown.core.ports.ListingStore;
import dev.takedown.core.ports.NoticeStore;
import dev.takedown.core.ports.NoticeStore.ListingClaim;
import dev.takedown.core.ports.Page;
import dev.takedown.core.ports.RightStore;
import dev.takedown.core.ports.RightholderRegistry;
import dev.takedown.core.ports.RightholderStore;
import dev.takedown.core.ports.SellerRegistry;
import dev.takedown.core.ports.SellerStore;
import dev.takedown.core.ports.TrustStore;
import dev.takedown.core.ports.TrustStore.DueStrike;
import dev.takedown.core.ports.WebhookSecretRegistry;
import dev.takedown.core.ports.WebhookSecretStore;
import dev.takedown.core.runtime.Parallel;
import dev.takedown.core.text.Hashing;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every implementation of the store ports must show, told through the ports alone: the DynamoDB
 * adapters ({@link DynamoStoreContract}) and the in-memory fakes of the unit tests ({@link InMemoryStoresTest}),
 * so that a fake cannot drift from what DynamoDB does. The subclass hands out the stores and writes reference
 * data the way the seed does. Stores may keep what other tests wrote, so each test uses ids of its own.
 */
abstract class StoreContract {
    static final Instant AT = Instant.parse("2026-11-28T15:30:00.123Z");

    abstract NoticeStore notices();

    abstract IdempotencyStore idempotency();

    /** Each call is another sender, with claims of its own, on the same deliveries. */
    abstract DeliveryStore newDeliverySender();

    abstract AuditLog audit();

    abstract ListingStore listings();

    abstract RightStore rights();

    abstract RightholderStore rightholders();

    abstract RightholderRegistry rightholderRegistry();

    abstract ApiKeyStore apiKeys();

    abstract ApiKeyRegistry apiKeyRegistry();

    /** Keeps rightholders' trust on the records {@link #rightholders()} reads. */
    abstract TrustStore trust();

    abstract FiguresStore figures();

    /** Keeps sellers on the records {@link #trust()} keeps their standing on. */
    abstract SellerStore sellers();

    abstract SellerRegistry sellerRegistry();

    abstract WebhookSecretStore webhookSecrets();

    abstract WebhookSecretRegistry webhookSecretRegistry();

    abstract void seed(Rightholder rightholder);

    abstract void seed(Right right);

    abstract void seed(Listing listing);

    /** A key given in clear text, as seed data gives it. */
    abstract void seedApiKey(String apiKey, String rightholderId, Instant at);

    static String rightholder() {
        return "rh-" + UUID.randomUUID();
    }

    static Notice notice(String rightholderId, Instant receivedAt, int itemCount) {
        return new Notice(Ids.notice(receivedAt), rightholderId, "tm-acme-us", NoticeReason.COUNTERFEIT,
                "Counterfeit goods.\nSecond line.", new Sender("Jane Doe", "legal@acme.example"), "Jane Doe",
                List.of(new Evidence("https://e.example/1.png", "a".repeat(64), EvidenceKind.SCREENSHOT)),
                NoticeStatus.RECEIVED, receivedAt, itemCount, Progress.start(itemCount), null, null, false);
    }

    private static List<NoticeItem> items(int count) {
        List<NoticeItem> items = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            items.add(i % 10 == 9
                    ? NoticeItem.rejected(i, "https://other.example/" + i, ItemReason.OFF_PLATFORM, AT)
                    : NoticeItem.open(i, "https://market.example/item/" + i, Integer.toString(i)));
        }
        return items;
    }

    static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    @Test
    void aNoticeReadsBackAsStored() {
        Notice notice = notice(rightholder(), now(), 3);
        List<NoticeItem> items = List.of(
                NoticeItem.open(0, "https://market.example/item/1", "1"),
                NoticeItem.rejected(1, "ftp://x", ItemReason.INVALID_URL, AT),
                NoticeItem.duplicateInNotice(2, null, "1", 0, AT));
        notices().saveNew(notice, items);

        assertThat(notices().find(notice.id())).contains(notice);
        assertThat(notices().items(notice.id(), null, null, 100).entries()).isEqualTo(items);
        assertThat(notices().find("ntc_" + "0".repeat(26))).isEmpty();
        assertThat(notices().itemsAt(notice.id(), List.of(2, 0, 7))).containsExactly(items.get(0), items.get(2));

        Notice plain = notice(rightholder(), now(), 1);
        Notice fromTrusted = new Notice(plain.id(), plain.rightholderId(), plain.rightId(), plain.reason(),
                plain.explanation(), plain.sender(), plain.signature(), plain.evidence(), plain.status(),
                plain.receivedAt(), plain.itemCount(), plain.progress(), null, null, true);
        notices().saveNew(fromTrusted, List.of(NoticeItem.open(0, null, "1")));
        assertThat(notices().find(fromTrusted.id())).contains(fromTrusted);
    }

    @Test
    void aStoredNoticeIsNeverWrittenAgainAndKeepsItsDecisions() {
        Notice notice = notice(rightholder(), now(), 30);
        assertThat(notices().saveNew(notice, items(30))).isEqualTo(NoticeStore.Saved.STORED);
        NoticeItem actioned = items(30).get(0).decided(ItemStatus.ACTIONED, null, Decision.auto(AT, DecisionRule.BRAND_MATCH));
        assertThat(notices().recordDecision(notice.id(), actioned, ItemStatus.RECEIVED)).isTrue();

        Notice retried = new Notice(notice.id(), notice.rightholderId(), notice.rightId(), notice.reason(), "Retried.",
                notice.sender(), notice.signature(), notice.evidence(), NoticeStatus.RECEIVED, notice.receivedAt().plusSeconds(90),
                31, Progress.start(31), null, null, false);
        assertThat(notices().saveNew(retried, items(31))).isEqualTo(NoticeStore.Saved.ALREADY_STORED);
        assertThat(notices().find(notice.id())).contains(notice);
        List<NoticeItem> stored = notices().items(notice.id(), null, null, 100).entries();
        assertThat(stored).hasSize(30);
        assertThat(stored.get(0)).isEqualTo(actioned);
    }

    @Test
    void itemsPageInOrderAndFilterByStatusAcrossPages() {
        Notice notice = notice(rightholder(), now(), 250);
        notices().saveNew(notice, items(250));

        List<NoticeItem> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Page<NoticeItem> page = notices().items(notice.id(), null, cursor, 100);
            seen.addAll(page.entries());
            cursor = page.nextCursor();
            pages++;
        } while (cursor != null);
        assertThat(pages).isEqualTo(3);
        assertThat(seen).isEqualTo(items(250));

        Page<NoticeItem> rejected = notices().items(notice.id(), ItemStatus.REJECTED, null, 20);
        assertThat(rejected.entries()).extracting(NoticeItem::index).startsWith(9, 19, 29).hasSize(20);
        Page<NoticeItem> rest = notices().items(notice.id(), ItemStatus.REJECTED, rejected.nextCursor(), 100);
        assertThat(rest.entries()).extracting(NoticeItem::index).startsWith(209).endsWith(249).hasSize(5);
    }

    @Test
    void aRightholdersNoticesListNewestFirstAndOnlyTheirs() {
        String owner = rightholder();
        Instant base = now();
        List<Notice> mine = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Notice notice = notice(owner, base.plusSeconds(i), 1);
            notices().saveNew(notice, items(1));
            mine.add(0, notice);
        }
        notices().saveNew(notice(rightholder(), base.plusSeconds(9), 1), items(1));

        Page<Notice> first = notices().listFor(owner, null, null, 2);
        assertThat(first.entries()).containsExactlyElementsOf(mine.subList(0, 2));
        Page<Notice> second = notices().listFor(owner, null, first.nextCursor(), 2);
        assertThat(second.entries()).containsExactlyElementsOf(mine.subList(2, 4));
        Page<Notice> third = notices().listFor(owner, null, second.nextCursor(), 2);
        assertThat(third.entries()).containsExactlyElementsOf(mine.subList(4, 5));

        assertThat(notices().listFor(owner, NoticeStatus.RECEIVED, null, 100).entries()).hasSize(5);
        assertThat(notices().listFor(owner, NoticeStatus.COMPLETED, null, 100).entries()).isEmpty();
    }

    @Test
    void cursorsThatWereNotHandedOutAreRefused() {
        String owner = rightholder();
        Notice notice = notice(owner, now(), 150);
        notices().saveNew(notice, items(150));
        String itemCursor = notices().items(notice.id(), null, null, 100).nextCursor();
        assertThat(itemCursor).isNotNull();

        assertThatThrownBy(() -> notices().items(notice.id(), null, "%%%", 10)).isInstanceOf(InvalidCursorException.class);
        assertThatThrownBy(() -> notices().items(notice.id(), null, "I05PVElDRQ", 10)).isInstanceOf(InvalidCursorException.class);
        assertThatThrownBy(() -> notices().listFor(owner, null, itemCursor, 10)).isInstanceOf(InvalidCursorException.class);
    }

    @Test
    void noticesAwaitDispatchUntilMarked() {
        Instant old = now().minus(Duration.ofMinutes(10));
        Notice notice = notice(rightholder(), old, 1);
        notices().saveNew(notice, items(1));

        assertThat(notices().awaitingDispatch(old.plusSeconds(1), 1000)).contains(notice.id());
        assertThat(notices().awaitingDispatch(old, 1000)).doesNotContain(notice.id());
        notices().markDispatched(notice.id());
        assertThat(notices().awaitingDispatch(old.plusSeconds(1), 1000)).doesNotContain(notice.id());
        assertThatThrownBy(() -> notices().markDispatched("ntc_" + "1".repeat(26))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void noticesAwaitDispatchOldestFirst() {
        // Received long before every other test's notices, which await dispatch in the same store.
        Instant base = now().minus(Duration.ofDays(20 * 365));
        List<Notice> oldestFirst = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            oldestFirst.add(notice(rightholder(), base.plusSeconds(i), 1));
        }
        for (int i : List.of(3, 0, 5, 1, 4, 2)) {
            notices().saveNew(oldestFirst.get(i), items(1));
        }
        List<String> ids = oldestFirst.stream().map(Notice::id).toList();

        assertThat(notices().awaitingDispatch(base.plusSeconds(6), 100)).containsExactlyElementsOf(ids);
        assertThat(notices().awaitingDispatch(base.plusSeconds(6), 3)).containsExactlyElementsOf(ids.subList(0, 3));
        assertThat(notices().awaitingDispatch(base.plusSeconds(2), 100)).containsExactlyElementsOf(ids.subList(0, 2));
    }

    @Test
    void changesToANoticeOrListingThatDoesNotExistAreRefused() {
        String noticeId = Ids.notice(now());
        NoticeItem decided = NoticeItem.open(0, null, "l-1").decided(ItemStatus.ACTIONED, null,
                Decision.auto(AT, DecisionRule.BRAND_MATCH));
        assertThat(notices().recordDecision(noticeId, decided, ItemStatus.RECEIVED)).isFalse();
        assertThat(notices().complete(noticeId, NoticeOutcome.ALL, AT)).isFalse();
        assertThatThrownBy(() -> notices().settle(noticeId, List.of(new NoticeStore.Settlement(0, true, true)), false))
                .isInstanceOf(NoSuchElementException.class);
        assertThat(notices().find(noticeId)).isEmpty();
        assertThat(notices().itemsAt(noticeId, List.of(0))).isEmpty();

        String listingId = "l-" + UUID.randomUUID();
        assertThat(listings().takeDown(listingId, noticeId, 0, AT)).isEqualTo(ListingStore.Takedown.ALREADY_REMOVED);
        assertThat(listings().takeDownForSuspension(listingId, AT)).isFalse();
        assertThat(listings().restoreAfterSuspension(listingId)).isFalse();
        assertThat(listings().find(listingId)).isEmpty();
    }

    @Test
    void aListingIsHeldByTheFirstItemToClaimItWhileThatItemStands() {
        String listing = "L-" + UUID.randomUUID();
        Notice first = notice(rightholder(), now(), 1);
        Notice second = notice(rightholder(), now().plusSeconds(1), 1);
        notices().saveNew(first, List.of(NoticeItem.open(0, null, listing)));
        notices().saveNew(second, List.of(NoticeItem.open(0, null, listing)));
        ListingClaim firstItem = new ListingClaim(first.id(), 0);
        ListingClaim secondItem = new ListingClaim(second.id(), 0);

        assertThat(notices().claimListing(listing, firstItem)).isEqualTo(firstItem);
        assertThat(notices().claimListing(listing, firstItem)).as("a replay keeps the claim").isEqualTo(firstItem);
        assertThat(notices().claimListing(listing, secondItem)).as("the first item is still open").isEqualTo(firstItem);
        assertThat(notices().claimListing("L-" + UUID.randomUUID(), secondItem)).as("another listing").isEqualTo(secondItem);

        NoticeItem inReview = NoticeItem.open(0, null, listing).decided(ItemStatus.NEEDS_REVIEW, ItemReason.BRAND_MISMATCH,
                Decision.auto(AT, DecisionRule.BRAND_MATCH));
        assertThat(notices().recordDecision(first.id(), inReview, ItemStatus.RECEIVED)).isTrue();
        assertThat(notices().claimListing(listing, secondItem)).as("waiting for a person").isEqualTo(firstItem);

        NoticeItem rejected = inReview.decided(ItemStatus.REJECTED, ItemReason.BRAND_MISMATCH, new Decision("staff-1", AT, DecisionRule.STAFF_DECISION, "not the mark"));
        assertThat(notices().recordDecision(first.id(), rejected, ItemStatus.NEEDS_REVIEW)).isTrue();
        assertThat(notices().claimListing(listing, secondItem)).as("the holder no longer stands").isEqualTo(secondItem);
        assertThat(notices().claimListing(listing, firstItem)).isEqualTo(secondItem);
    }

    @Test
    void anIdempotencyKeyIsClaimedOnceUntilItExpires() {
        String owner = rightholder();
        Instant now = now();
        Entry entry = new Entry(owner, "key-1", "hash-1", "ntc_a", IdempotencyStore.State.IN_PROGRESS,
                now.plus(Duration.ofHours(24)), now.plusSeconds(60));

        assertThat(idempotency().claim(entry, now)).isTrue();
        assertThat(idempotency().claim(entry, now)).isFalse();
        assertThat(idempotency().find(owner, "key-1")).hasValueSatisfying(found -> {
            assertThat(found.state()).isEqualTo(IdempotencyStore.State.IN_PROGRESS);
            assertThat(found.noticeId()).isEqualTo("ntc_a");
            assertThat(found.requestHash()).isEqualTo("hash-1");
            assertThat(found.lockHeld(now)).isTrue();
        });
        assertThat(idempotency().find(rightholder(), "key-1")).isEmpty();

        // After the lock runs out, only a retry of the same request may take over.
        Instant afterLock = now.plusSeconds(61);
        Entry otherBody = new Entry(owner, "key-1", "hash-2", "ntc_b", IdempotencyStore.State.IN_PROGRESS,
                afterLock.plus(Duration.ofHours(24)), afterLock.plusSeconds(60));
        assertThat(idempotency().claim(otherBody, afterLock)).isFalse();
        Entry retry = new Entry(owner, "key-1", "hash-1", "ntc_a", IdempotencyStore.State.IN_PROGRESS,
                afterLock.plus(Duration.ofHours(24)), afterLock.plusSeconds(60));
        assertThat(idempotency().claim(retry, afterLock)).isTrue();

        idempotency().complete(owner, "key-1");
        assertThat(idempotency().find(owner, "key-1").orElseThrow().state()).isEqualTo(IdempotencyStore.State.COMPLETED);
        idempotency().releaseLock(owner, "key-1", afterLock);
        assertThat(idempotency().find(owner, "key-1").orElseThrow().state()).isEqualTo(IdempotencyStore.State.COMPLETED);
        assertThat(idempotency().claim(retry, afterLock.plusSeconds(3600))).isFalse();

        Instant nextDay = now.plus(Duration.ofHours(25));
        Entry fresh = new Entry(owner, "key-1", "hash-3", "ntc_c", IdempotencyStore.State.IN_PROGRESS,
                nextDay.plus(Duration.ofHours(24)), nextDay.plusSeconds(60));
        assertThat(idempotency().claim(fresh, nextDay)).isTrue();
    }

    @Test
    void releasingTheLockLetsARetryOfTheSameRequestTakeOverAtOnce() {
        String owner = rightholder();
        Instant now = now();
        Entry entry = new Entry(owner, "key-2", "hash", "ntc_x", IdempotencyStore.State.IN_PROGRESS,
                now.plus(Duration.ofHours(24)), now.plusSeconds(60));
        idempotency().claim(entry, now);
        assertThat(idempotency().claim(entry, now.plusSeconds(1))).isFalse();
        idempotency().releaseLock(owner, "key-2", now.plusSeconds(1));
        assertThat(idempotency().find(owner, "key-2").orElseThrow().noticeId()).isEqualTo("ntc_x");
        assertThat(idempotency().claim(entry, now.plusSeconds(2))).isTrue();
    }

    @Test
    void referenceDataReadsBackAsStored() {
        String suffix = UUID.randomUUID().toString();
        Rightholder rightholder = new Rightholder("rh-" + suffix, "Acme", "legal@acme.example",
                "https://hooks.acme.example/takedown");
        seed(rightholder);
        assertThat(rightholders().find(rightholder.id())).contains(rightholder);

        Right right = new Right("tm-" + suffix, rightholder.id(), RightType.TRADEMARK, "ACME", "US-1", "US",
                RightStatus.VERIFIED, LocalDate.parse("2030-01-31"), List.of("seller-a", "seller-b"));
        seed(right);
        assertThat(rights().find(right.id())).contains(right);
        Right open = new Right("cr-" + suffix, rightholder.id(), RightType.COPYRIGHT, "Manual", null, null,
                RightStatus.PENDING, null, List.of());
        seed(open);
        assertThat(rights().find(open.id())).contains(open);

        Listing listing = new Listing("l-" + suffix, "s-" + suffix, "ACME bag", "ACME", ListingStatus.ACTIVE);
        seed(listing);
        assertThat(listings().find(listing.id())).contains(listing);

        String apiKey = Ids.apiKey();
        seedApiKey(apiKey, rightholder.id(), Instant.now());
        ApiKey seeded = apiKeys().find(Hashing.sha256Hex(apiKey)).orElseThrow();
        assertThat(seeded.principal()).isEqualTo(Principal.rightholder(rightholder.id()));
        assertThat(seeded.prefix()).isEqualTo(apiKey.substring(0, 8));
        assertThat(apiKeys().find(Hashing.sha256Hex(apiKey + "x"))).isEmpty();
    }

    @Test
    void deliveryAttemptsListInOrderForTheRightholderOnlyAndMarkDeliveredWebhooks() {
        DeliveryStore deliveries = newDeliverySender();
        String noticeId = Ids.notice(now());
        Instant first = now();
        Duration lease = Duration.ofSeconds(30);
        deliverAfterTwoRetriesAndToTheSeller(deliveries, noticeId, first, lease);

        assertThat(deliveries.claim(noticeId, "msg_a", first.plusSeconds(60), lease)).isEqualTo(DeliveryStore.Claim.DELIVERED);
        assertThat(deliveries.claim(noticeId, "msg_s", first.plusSeconds(60), lease)).isEqualTo(DeliveryStore.Claim.DELIVERED);
        // A sender that died holding a claim holds it no longer than its lease.
        assertThat(deliveries.claim(noticeId, "msg_b", first, lease)).isEqualTo(DeliveryStore.Claim.CLAIMED);
        assertThat(deliveries.claim(noticeId, "msg_b", first.plusSeconds(29), lease)).isEqualTo(DeliveryStore.Claim.IN_FLIGHT);
        assertThat(deliveries.claim(noticeId, "msg_b", first.plusSeconds(30), lease)).as("held to the end of its lease")
                .isEqualTo(DeliveryStore.Claim.IN_FLIGHT);
        DeliveryStore otherSender = newDeliverySender();
        assertThat(otherSender.claim(noticeId, "msg_b", first.plusSeconds(31), lease)).isEqualTo(DeliveryStore.Claim.CLAIMED);
        // The first sender, stalled past its lease, records its failure: the claim it lost is not its to release.
        deliveries.record(new DeliveryAttempt(noticeId, "msg_b", EventType.LISTING_RESTRICTED, Target.SELLER, "seller-fake",
                "https://hooks.deals.example/", 1, Status.RETRYING, 503, null, first.plusSeconds(32), first.plusSeconds(40)));
        assertThat(deliveries.claim(noticeId, "msg_b", first.plusSeconds(33), lease)).isEqualTo(DeliveryStore.Claim.IN_FLIGHT);
        Page<DeliveryAttempt> page = deliveries.rightholderAttempts(noticeId, null, 2);
        assertThat(page.entries()).extracting(DeliveryAttempt::attempt).containsExactly(1, 2);
        assertThat(page.entries().get(0)).isEqualTo(new DeliveryAttempt(noticeId, "msg_a", EventType.NOTICE_COMPLETED,
                Target.RIGHTHOLDER, "acme", "https://hooks.acme.example/", 1, Status.RETRYING, null,
                "HttpTimeoutException: timed out", first.plusSeconds(1), first.plusSeconds(2)));
        Page<DeliveryAttempt> rest = deliveries.rightholderAttempts(noticeId, page.nextCursor(), 2);
        assertThat(rest.entries()).singleElement().satisfies(a -> {
            assertThat(a.outcome()).isEqualTo(Status.DELIVERED);
            assertThat(a.httpStatus()).isEqualTo(204);
        });
        assertThat(rest.nextCursor()).isNull();
        assertThatThrownBy(() -> deliveries.rightholderAttempts(noticeId, "bm90LWEtY3Vyc29y", 2))
                .isInstanceOf(InvalidCursorException.class);
    }

    /**
     * The rightholder's webhook {@code msg_a} delivered at its third attempt and the seller's {@code msg_s} at its
     * first, each sent under a claim that no copy of its message can take meanwhile.
     */
    static void deliverAfterTwoRetriesAndToTheSeller(DeliveryStore deliveries, String noticeId, Instant first,
                                                     Duration lease) {
        for (int attempt = 1; attempt <= 3; attempt++) {
            boolean last = attempt == 3;
            Instant at = first.plusSeconds(attempt);
            assertThat(deliveries.claim(noticeId, "msg_a", at, lease)).isEqualTo(DeliveryStore.Claim.CLAIMED);
            assertThat(deliveries.claim(noticeId, "msg_a", at, lease)).as("held by the first claim")
                    .isEqualTo(DeliveryStore.Claim.IN_FLIGHT);
            deliveries.record(new DeliveryAttempt(noticeId, "msg_a", EventType.NOTICE_COMPLETED, Target.RIGHTHOLDER,
                    "acme", "https://hooks.acme.example/", attempt, last ? Status.DELIVERED : Status.RETRYING,
                    last ? 204 : null, last ? null : "HttpTimeoutException: timed out", at,
                    last ? null : first.plusSeconds(attempt + 1)));
        }
        assertThat(deliveries.claim(noticeId, "msg_s", first, lease)).isEqualTo(DeliveryStore.Claim.CLAIMED);
        deliveries.record(new DeliveryAttempt(noticeId, "msg_s", EventType.LISTING_RESTRICTED, Target.SELLER,
                "seller-fake", "https://hooks.deals.example/", 1, Status.DELIVERED, 200, null, first, null));
    }

    @Test
    void itemsNeedingReviewListOldestFirstAcrossNoticesAndLeaveOnceDecided() {
        Instant base = now().minus(Duration.ofDays(400));
        List<String> ids = new ArrayList<>();
        for (int n = 0; n < 3; n++) {
            Notice notice = notice(rightholder(), base.plusSeconds(n), 2);
            notices().saveNew(notice, List.of(NoticeItem.open(0, null, "r-" + n), NoticeItem.open(1, null, "s-" + n)));
            ids.add(notice.id());
        }
        // Decided in reverse order of receipt: the queue follows the time of the review decision.
        for (int n = 2; n >= 0; n--) {
            Instant decidedAt = base.plusSeconds(60 - n * 10L);
            NoticeItem item = NoticeItem.open(1, null, "s-" + n).decided(ItemStatus.NEEDS_REVIEW, ItemReason.BRAND_MISMATCH,
                    Decision.auto(decidedAt, DecisionRule.BRAND_MATCH));
            assertThat(notices().recordDecision(ids.get(n), item, ItemStatus.RECEIVED)).isTrue();
        }

        Page<NoticeStore.ReviewItem> first = notices().needsReview(null, 2);
        assertThat(first.entries()).extracting(NoticeStore.ReviewItem::noticeId).containsExactly(ids.get(2), ids.get(1));
        assertThat(first.entries()).allSatisfy(r -> assertThat(r.item().reason()).isEqualTo(ItemReason.BRAND_MISMATCH));
        Page<NoticeStore.ReviewItem> second = notices().needsReview(first.nextCursor(), 2);
        assertThat(second.entries().get(0).noticeId()).isEqualTo(ids.get(0));
        assertThatThrownBy(() -> notices().needsReview("I05PVElDRQ", 2)).isInstanceOf(InvalidCursorException.class);

        NoticeItem reviewed = second.entries().get(0).item().decided(ItemStatus.REJECTED, ItemReason.NOT_INFRINGING,
                new Decision("staff-jane", base.plusSeconds(90), DecisionRule.STAFF_DECISION, "Not the same product."));
        assertThat(notices().recordDecision(ids.get(0), reviewed, ItemStatus.NEEDS_REVIEW)).isTrue();
        assertThat(notices().itemsAt(ids.get(0), List.of(1))).containsExactly(reviewed);
        List<String> waiting = new ArrayList<>();
        String cursor = null;
        do {
            Page<NoticeStore.ReviewItem> page = notices().needsReview(cursor, 100);
            page.entries().forEach(r -> waiting.add(r.noticeId()));
            cursor = page.nextCursor();
        } while (cursor != null);
        assertThat(waiting).contains(ids.get(1), ids.get(2)).doesNotContain(ids.get(0));
    }

    @Test
    void theReviewBacklogCountsEveryItemWaitingAndFindsTheOldestInEitherGroup() {
        NoticeStore.ReviewBacklog before = notices().reviewBacklog();
        // Older than anything else waiting in the store, so that the oldest is one of these.
        Instant base = now().minus(Duration.ofDays(3000));
        List<String> ids = new ArrayList<>();
        for (int n = 0; n < 3; n++) {
            Notice notice = notice(rightholder(), base.plusSeconds(n), 1);
            notices().saveNew(notice, List.of(NoticeItem.open(0, null, "backlog-" + n)));
            ids.add(notice.id());
        }
        // A TRUSTED sender's item waits ahead of the others but was sent to review last: the oldest is a standard one.
        record Waiting(int notice, long second, boolean first) {
        }
        for (Waiting w : List.of(new Waiting(0, 20, false), new Waiting(1, 10, false), new Waiting(2, 30, true))) {
            Decision decision = Decision.auto(base.plusSeconds(w.second()), DecisionRule.BRAND_MATCH);
            NoticeItem item = NoticeItem.open(0, null, "backlog-" + w.notice()).decided(ItemStatus.NEEDS_REVIEW,
                    ItemReason.BRAND_MISMATCH, w.first() ? decision.reviewedFirst() : decision);
            assertThat(notices().recordDecision(ids.get(w.notice()), item, ItemStatus.RECEIVED)).isTrue();
        }

        NoticeStore.ReviewBacklog waiting = notices().reviewBacklog();
        assertThat(waiting.items()).isEqualTo(before.items() + 3);
        assertThat(waiting.oldestSince()).isEqualTo(base.plusSeconds(10));

        NoticeItem decided = notices().itemsAt(ids.get(1), List.of(0)).get(0).decided(ItemStatus.REJECTED,
                ItemReason.NOT_INFRINGING, new Decision("staff-jane", base.plusSeconds(90), DecisionRule.STAFF_DECISION));
        assertThat(notices().recordDecision(ids.get(1), decided, ItemStatus.NEEDS_REVIEW)).isTrue();
        NoticeStore.ReviewBacklog after = notices().reviewBacklog();
        assertThat(after.items()).isEqualTo(before.items() + 2);
        assertThat(after.oldestSince()).isEqualTo(base.plusSeconds(20));
    }

    @Test
    void itemsOfTrustedSendersWaitAheadOfAllOthersOldestFirstAndLeaveOnceDecided() {
        Instant base = now().minus(Duration.ofDays(300));
        List<String> ids = new ArrayList<>();
        for (int n = 0; n < 4; n++) {
            Notice notice = notice(rightholder(), base.plusSeconds(n), 1);
            notices().saveNew(notice, List.of(NoticeItem.open(0, null, "first-" + n)));
            ids.add(notice.id());
        }
        // Two standard items decided first, then two of a TRUSTED sender, the later of them first.
        record Waiting(int notice, long second, boolean first) {
        }
        for (Waiting w : List.of(new Waiting(0, 10, false), new Waiting(1, 20, false), new Waiting(3, 40, true),
                new Waiting(2, 30, true))) {
            Decision decision = Decision.auto(base.plusSeconds(w.second()), DecisionRule.BRAND_MATCH);
            NoticeItem item = NoticeItem.open(0, null, "first-" + w.notice()).decided(ItemStatus.NEEDS_REVIEW,
                    ItemReason.BRAND_MISMATCH, w.first() ? decision.reviewedFirst() : decision);
            assertThat(notices().recordDecision(ids.get(w.notice()), item, ItemStatus.RECEIVED)).isTrue();
        }

        List<NoticeStore.ReviewItem> waiting = new ArrayList<>();
        String cursor = null;
        do {
            Page<NoticeStore.ReviewItem> page = notices().needsReview(cursor, 1);
            waiting.addAll(page.entries());
            cursor = page.nextCursor();
        } while (cursor != null);
        List<String> order = waiting.stream().map(NoticeStore.ReviewItem::noticeId).filter(ids::contains).toList();
        assertThat(order).containsExactly(ids.get(2), ids.get(3), ids.get(0), ids.get(1));
        assertThat(waiting.subList(0, 2)).allSatisfy(r -> assertThat(r.item().decision().reviewFirst()).isTrue());
        assertThat(waiting.stream().dropWhile(r -> r.item().decision().reviewFirst()))
                .as("no item reviewed first after a standard one")
                .allSatisfy(r -> assertThat(r.item().decision().reviewFirst()).isFalse());

        NoticeItem decided = waiting.get(0).item().decided(ItemStatus.ACTIONED, null,
                new Decision("staff-jane", base.plusSeconds(90), DecisionRule.STAFF_DECISION));
        assertThat(notices().recordDecision(ids.get(2), decided, ItemStatus.NEEDS_REVIEW)).isTrue();
        assertThat(notices().itemsAt(ids.get(2), List.of(0))).containsExactly(decided);
        assertThat(notices().needsReview(null, 1).entries()).extracting(NoticeStore.ReviewItem::noticeId)
                .containsExactly(ids.get(3));
        // None left at the head of the queue the other tests of this store read.
        assertThat(notices().recordDecision(ids.get(3), waiting.get(1).item().decided(ItemStatus.REJECTED,
                ItemReason.REFERENTIAL_USE, new Decision("staff-jane", base.plusSeconds(90), DecisionRule.STAFF_DECISION)),
                ItemStatus.NEEDS_REVIEW)).isTrue();
    }

    @Test
    void staffChangeRightsRegisterRightholdersAndRotateKeys() {
        String suffix = UUID.randomUUID().toString();
        Right right = new Right("tm-" + suffix, "rh-" + suffix, RightType.TRADEMARK, "ACME", "US-1", "US",
                RightStatus.PENDING, null, List.of());
        seed(right);
        assertThat(rights().setStatus(right.id(), RightStatus.VERIFIED, "staff-jane", "checked", AT))
                .hasValueSatisfying(r -> assertThat(r.status()).isEqualTo(RightStatus.VERIFIED));
        assertThat(rights().find(right.id()).orElseThrow().status()).isEqualTo(RightStatus.VERIFIED);
        assertThat(rights().setStatus("tm-none-" + suffix, RightStatus.REVOKED, "staff-jane", "x", AT)).isEmpty();
        assertThat(rights().find("tm-none-" + suffix)).isEmpty();

        Rightholder rightholder = new Rightholder("rh-" + suffix, "Initech", "ip@initech.example", null);
        assertThat(rightholderRegistry().register(rightholder, "staff-jane", AT)).isTrue();
        assertThat(rightholderRegistry().register(new Rightholder(rightholder.id(), "Other", "o@o.example", null),
                "staff-joe", AT)).isFalse();
        assertThat(rightholders().find(rightholder.id())).contains(rightholder);

        ApiKeyRegistry keys = apiKeyRegistry();
        Principal principal = Principal.rightholder(rightholder.id());
        ApiKey first = ApiKey.issued(Ids.apiKey(), principal, AT, "staff-jane", null);
        ApiKey second = ApiKey.issued(Ids.apiKey(), principal, AT.plusSeconds(1), "staff-jane", AT.plusSeconds(86400));
        ApiKey kept = ApiKey.issued(Ids.apiKey(), principal, AT.plusSeconds(2), "staff-joe", AT.plusSeconds(3600));
        List.of(first, second, kept).forEach(keys::issue);
        Principal other = Principal.rightholder("rh-other-" + suffix);
        ApiKey othersKey = ApiKey.issued(Ids.apiKey(), other, AT, "staff-joe", null);
        keys.issue(othersKey);
        assertThat(keys.find(second.keyHash())).contains(second);
        assertThat(keys.keysOf(principal)).containsExactly(first, second, kept);

        assertThat(keys.revokeAllBut(principal, kept.keyHash())).isEqualTo(2);
        assertThat(apiKeys().find(first.keyHash())).isEmpty();
        assertThat(apiKeys().find(second.keyHash())).isEmpty();
        assertThat(apiKeys().find(kept.keyHash())).contains(kept);
        assertThat(apiKeys().find(othersKey.keyHash())).contains(othersKey);
        assertThat(keys.revokeAllBut(principal, kept.keyHash())).isZero();
        assertThat(keys.keysOf(principal)).containsExactly(kept);
        assertThat(keys.revokeAllBut(principal, null)).isEqualTo(1);
        assertThat(keys.keysOf(principal)).isEmpty();
        assertThat(keys.keysOf(other)).containsExactly(othersKey);
    }

    @Test
    void aSellersKeysAreItsOwnEvenBesideARightholderOfTheSameId() {
        ApiKeyRegistry keys = apiKeyRegistry();
        String id = "both-" + UUID.randomUUID();
        Principal seller = Principal.seller(id);
        Principal rightholder = Principal.rightholder(id);
        ApiKey sellersKey = ApiKey.issued(Ids.apiKey(), seller, AT, "staff-jane", AT.plusSeconds(86400));
        ApiKey rightholdersKey = ApiKey.issued(Ids.apiKey(), rightholder, AT, "staff-jane", null);
        keys.issue(sellersKey);
        keys.issue(rightholdersKey);

        assertThat(apiKeys().find(sellersKey.keyHash())).contains(sellersKey);
        assertThat(keys.keysOf(seller)).containsExactly(sellersKey);
        assertThat(keys.keysOf(rightholder)).containsExactly(rightholdersKey);
        assertThat(apiKeys().deactivation(seller)).isEmpty();

        assertThat(keys.revokeAllBut(seller, null)).isEqualTo(1);
        assertThat(apiKeys().find(sellersKey.keyHash())).isEmpty();
        assertThat(apiKeys().find(rightholdersKey.keyHash())).contains(rightholdersKey);
    }

    @Test
    void aDeactivatedPrincipalStaysSoUntilReactivatedAndOthersAreUntouched() {
        ApiKeyRegistry keys = apiKeyRegistry();
        String suffix = UUID.randomUUID().toString();
        Principal principal = Principal.rightholder("rh-" + suffix);
        Principal other = Principal.rightholder("rh-other-" + suffix);
        ApiKey key = ApiKey.issued(Ids.apiKey(), principal, AT, "staff-jane", null);
        keys.issue(key);
        assertThat(apiKeys().deactivation(principal)).as("active until deactivated").isEmpty();

        Deactivation deactivation = new Deactivation(AT, "staff-jane", "Mandate ended.");
        assertThat(keys.deactivate(principal, deactivation)).isTrue();
        assertThat(keys.deactivate(principal, new Deactivation(AT.plusSeconds(1), "staff-joe", "again"))).isFalse();
        assertThat(apiKeys().deactivation(principal)).contains(deactivation);
        assertThat(apiKeys().deactivation(other)).isEmpty();
        assertThat(keys.keysOf(principal)).as("the deactivation is no key").containsExactly(key);

        assertThat(keys.reactivate(principal)).isTrue();
        assertThat(keys.reactivate(principal)).isFalse();
        assertThat(keys.reactivate(other)).isFalse();
        assertThat(apiKeys().deactivation(principal)).isEmpty();
    }

    @Test
    void aRatePlanIsReadWithTheDeactivationAndOutlivesIt() {
        ApiKeyRegistry keys = apiKeyRegistry();
        String suffix = UUID.randomUUID().toString();
        Principal principal = Principal.rightholder("rh-" + suffix);
        Principal sameIdSeller = Principal.seller("rh-" + suffix);
        ApiKey key = ApiKey.issued(Ids.apiKey(), principal, AT, "staff-jane", null);
        keys.issue(key);
        assertThat(apiKeys().access(principal)).as("STANDARD until staff choose").isEqualTo(PrincipalAccess.DEFAULT);

        keys.setRatePlan(principal, RatePlan.HIGH_VOLUME);
        assertThat(apiKeys().access(principal)).isEqualTo(new PrincipalAccess(null, RatePlan.HIGH_VOLUME));
        assertThat(apiKeys().access(sameIdSeller)).isEqualTo(PrincipalAccess.DEFAULT);
        Deactivation deactivation = new Deactivation(AT, "staff-jane", "Mandate ended.");
        assertThat(keys.deactivate(principal, deactivation)).as("a plan is no deactivation").isTrue();
        assertThat(apiKeys().access(principal)).isEqualTo(new PrincipalAccess(deactivation, RatePlan.HIGH_VOLUME));
        assertThat(keys.reactivate(principal)).isTrue();
        assertThat(keys.reactivate(principal)).as("the plan left behind is no deactivation").isFalse();
        assertThat(apiKeys().access(principal)).isEqualTo(new PrincipalAccess(null, RatePlan.HIGH_VOLUME));
        keys.setRatePlan(principal, RatePlan.STANDARD);
        assertThat(apiKeys().access(principal).ratePlan()).isEqualTo(RatePlan.STANDARD);
        assertThat(keys.keysOf(principal)).as("the principal's row is no key").containsExactly(key);
    }

    @Test
    void aPrincipalKeepsTheFirstGatewayKeyKeptForItWhateverItsPlanAndDeactivation() {
        ApiKeyRegistry keys = apiKeyRegistry();
        String suffix = UUID.randomUUID().toString();
        Principal principal = Principal.seller("s-" + suffix);
        UsageKey first = new UsageKey("gk-1-" + suffix, "value-1-" + suffix);

        assertThat(keys.keepUsageKey(principal, first)).isEqualTo(first);
        assertThat(keys.keepUsageKey(principal, new UsageKey("gk-2-" + suffix, "value-2-" + suffix)))
                .as("a second key, made by a retry or a request at the same time, is not kept").isEqualTo(first);
        assertThat(apiKeys().access(principal)).isEqualTo(new PrincipalAccess(null, RatePlan.STANDARD, first));
        assertThat(apiKeys().access(Principal.rightholder("s-" + suffix)).usageKey()).isNull();

        keys.setRatePlan(principal, RatePlan.HIGH_VOLUME);
        Deactivation deactivation = new Deactivation(AT, "staff-jane", "Mandate ended.");
        keys.deactivate(principal, deactivation);
        assertThat(apiKeys().access(principal)).isEqualTo(new PrincipalAccess(deactivation, RatePlan.HIGH_VOLUME, first));
        keys.reactivate(principal);
        assertThat(apiKeys().access(principal)).isEqualTo(new PrincipalAccess(null, RatePlan.HIGH_VOLUME, first));
        assertThat(keys.keysOf(principal)).isEmpty();
    }

    @Test
    void aTakedownHappensOnceAndRecognisesItsOwnReplay() {
        String id = "l-" + UUID.randomUUID();
        seed(new Listing(id, "seller-x", "ACME bag", "ACME", ListingStatus.ACTIVE));
        Instant at = now();

        assertThat(listings().takeDown(id, "ntc_a", 3, at)).isEqualTo(ListingStore.Takedown.REMOVED);
        assertThat(listings().takeDown(id, "ntc_a", 3, at)).isEqualTo(ListingStore.Takedown.REMOVED);
        assertThat(listings().takeDown(id, "ntc_b", 0, at)).isEqualTo(ListingStore.Takedown.ALREADY_REMOVED);
        Listing removed = listings().find(id).orElseThrow();
        assertThat(removed.status()).isEqualTo(ListingStatus.REMOVED);
        assertThat(removed.removedBy("ntc_a", 3)).isTrue();
    }

    @Test
    void aTakedownUndoneRestoresTheListingItTookDownOnlyOrLeavesItToASuspension() {
        Listing restored = new Listing("l-" + UUID.randomUUID(), "seller-x", "ACME bag", "ACME", ListingStatus.ACTIVE);
        Listing suspended = new Listing("l-" + UUID.randomUUID(), "seller-x", "ACME belt", "ACME", ListingStatus.ACTIVE);
        seed(restored);
        seed(suspended);
        listings().takeDown(restored.id(), "ntc_a", 0, AT);
        listings().takeDown(suspended.id(), "ntc_a", 1, AT);

        assertThat(listings().restoreTakedown(restored.id(), "ntc_b", 0, false)).as("another item's").isFalse();
        assertThat(listings().restoreTakedown(restored.id(), "ntc_a", 0, false)).isTrue();
        assertThat(listings().restoreTakedown(restored.id(), "ntc_a", 0, false)).isFalse();
        assertThat(listings().find(restored.id())).contains(restored);

        assertThat(listings().restoreTakedown(suspended.id(), "ntc_a", 1, true)).isTrue();
        assertThat(listings().find(suspended.id())).contains(new Listing(suspended.id(), "seller-x", "ACME belt", "ACME",
                ListingStatus.REMOVED, null, null, true));
        assertThat(listings().restoreAfterSuspension(suspended.id())).isTrue();
    }

    @Test
    void aSuspensionTakesDownTheActiveListingsAndPutsBackOnlyThose() {
        String seller = "s-" + UUID.randomUUID();
        Listing active = new Listing("l-" + UUID.randomUUID(), seller, "ACME bag", "ACME", ListingStatus.ACTIVE);
        Listing takenDown = new Listing("l-" + UUID.randomUUID(), seller, "ACME belt", "ACME", ListingStatus.ACTIVE);
        seed(active);
        seed(takenDown);
        assertThat(listings().takeDown(takenDown.id(), "ntc_a", 0, AT)).isEqualTo(ListingStore.Takedown.REMOVED);

        assertThat(listings().takeDownForSuspension(active.id(), AT)).isTrue();
        assertThat(listings().takeDownForSuspension(active.id(), AT)).isFalse();
        assertThat(listings().takeDownForSuspension(takenDown.id(), AT)).isFalse();
        assertThat(listings().find(active.id())).contains(new Listing(active.id(), seller, "ACME bag", "ACME",
                ListingStatus.REMOVED, null, null, true));
        assertThat(listings().takeDown(active.id(), "ntc_b", 0, AT)).isEqualTo(ListingStore.Takedown.ALREADY_REMOVED);

        assertThat(listings().restoreAfterSuspension(takenDown.id())).isFalse();
        assertThat(listings().restoreAfterSuspension(active.id())).isTrue();
        assertThat(listings().restoreAfterSuspension(active.id())).isFalse();
        assertThat(listings().find(active.id())).contains(active);
        assertThat(listings().find(takenDown.id()).orElseThrow().removedBy("ntc_a", 0)).isTrue();
        assertThat(listings().idsOfSeller(seller)).containsExactlyInAnyOrder(active.id(), takenDown.id());
    }

    /** Item 0 of a stored notice, actioned with its statement of reasons against {@code sellerId}. */
    private NoticeItem actionedItem(Notice notice, String sellerId) {
        notices().saveNew(notice, List.of(NoticeItem.open(0, "https://market.example/item/1", "1")));
        NoticeItem actioned = NoticeItem.open(0, "https://market.example/item/1", "1")
                .decided(ItemStatus.ACTIONED, null, Decision.auto(AT, DecisionRule.BRAND_MATCH))
                .withStatement(Statements.of("1", "ACME bag", sellerId, notice.id(), 0, "tm-acme-us", RightType.TRADEMARK,
                        "US-1", "US", NoticeReason.COUNTERFEIT, "Acme", "legal@acme.example", true, AT));
        assertThat(notices().recordDecision(notice.id(), actioned, ItemStatus.RECEIVED)).isTrue();
        return actioned;
    }

    @Test
    void aRedressIsStoredOnlyOverTheRedressItWasMadeFromAndSchedulesItsItem() {
        Notice notice = notice(rightholder(), now(), 1);
        NoticeItem actioned = actionedItem(notice, "seller-x");
        NoticeStore.ItemRef ref = new NoticeStore.ItemRef(notice.id(), 0);
        Instant respondBy = AT.plus(Duration.ofDays(15));
        CounterNotice counterNotice = new CounterNotice(CounterNoticeGrounds.GENUINE_GOODS, "Genuine.\nReally.",
                List.of(new Evidence("https://e.example/receipt.pdf", "b".repeat(64), EvidenceKind.DOCUMENT)),
                new Contact("Sam", "sam@seller.example", "1 Market St", "+1 555 0100"), "Sam", AT, respondBy,
                null, null, null);
        NoticeItem filed = actioned.redressed(ItemStatus.COUNTER_NOTICED, actioned.redress().withCounterNotice(counterNotice));

        assertThat(notices().recordRedress(notice.id(), actioned, filed, respondBy)).isTrue();
        assertThat(notices().recordRedress(notice.id(), actioned, filed, respondBy)).as("made from what is gone").isFalse();
        assertThat(notices().itemsAt(notice.id(), List.of(0))).containsExactly(filed);
        assertThat(notices().redressDue(respondBy.minusMillis(1), 1000)).doesNotContain(ref);
        assertThat(notices().redressDue(respondBy, 1000)).contains(ref);

        NoticeItem upheld = filed.redressed(ItemStatus.ACTIONED, filed.redress().withCounterNotice(counterNotice.closed(
                CounterNotice.Outcome.UPHELD, new LegalAction("N.D. Cal.", "5:26-cv-1", LocalDate.parse("2026-12-01")),
                AT.plusSeconds(60))).withComplaint(new Complaint(Party.SELLER, "Bought from ACME.", List.of(),
                AT.plusSeconds(120), null)));
        assertThat(notices().recordRedress(notice.id(), filed, upheld, null)).isTrue();
        assertThat(notices().itemsAt(notice.id(), List.of(0))).containsExactly(upheld);
        assertThat(notices().redressDue(respondBy.plus(Duration.ofDays(1)), 1000)).doesNotContain(ref);
        assertThat(notices().openComplaints(null, 1000).entries()).extracting(r -> r.noticeId() + "#" + r.item().index())
                .contains(notice.id() + "#0");

        NoticeItem restored = upheld.redressed(ItemStatus.RESTORED, upheld.redress()
                .withComplaint(upheld.redress().sellerComplaint().decided(new Complaint.Ruling(Complaint.Outcome.REVERSE,
                        "staff-1", AT.plusSeconds(180), "Authorised.")))
                .withWithdrawal(new Redress.Withdrawal(AT.plusSeconds(170), null))
                .withRestoration(new Redress.Restoration(AT.plusSeconds(180), Redress.Cause.COMPLAINT_REVERSED, true)));
        assertThat(notices().recordRedress(notice.id(), upheld, restored, AT)).isTrue();
        assertThat(notices().itemsAt(notice.id(), List.of(0))).containsExactly(restored);
        assertThat(notices().openComplaints(null, 1000).entries()).extracting(r -> r.noticeId())
                .doesNotContain(notice.id());
        assertThat(notices().redressDue(AT, 1000)).contains(ref);
        notices().scheduleRedress(notice.id(), 0, null);
        assertThat(notices().redressDue(AT.plus(Duration.ofDays(400)), 1000)).doesNotContain(ref);
        notices().scheduleRedress(notice.id(), 5, AT);
        assertThat(notices().redressDue(AT, 1000)).doesNotContain(new NoticeStore.ItemRef(notice.id(), 5));
    }

    @Test
    void aSellersTakedownsListNewestFirstOnceEachAndByStrike() {
        String seller = "s-" + UUID.randomUUID();
        String owner = rightholder();
        Notice older = notice(owner, now(), 3);
        Notice newer = notice(rightholder(), older.receivedAt().plusSeconds(1), 2);
        LocalDate day = LocalDate.parse("2026-11-20");
        notices().recordTakedowns(seller, older, day, List.of(0, 2));
        notices().recordTakedowns(seller, older, day, List.of(2, 1));
        notices().recordTakedowns(seller, newer, day, List.of(0));
        notices().recordTakedowns(seller, older, day.plusDays(1), List.of(0));
        notices().recordTakedowns(seller, newer, day, List.of());

        List<NoticeStore.ItemRef> all = new ArrayList<>();
        String cursor = null;
        do {
            Page<NoticeStore.ItemRef> page = notices().takedownsOf(seller, cursor, 2);
            all.addAll(page.entries());
            cursor = page.nextCursor();
        } while (cursor != null);
        assertThat(all).containsExactly(new NoticeStore.ItemRef(older.id(), 0), new NoticeStore.ItemRef(newer.id(), 0),
                new NoticeStore.ItemRef(older.id(), 2), new NoticeStore.ItemRef(older.id(), 1),
                new NoticeStore.ItemRef(older.id(), 0));
        assertThat(notices().takedownsOf(seller, null, 10).nextCursor()).isNull();
        assertThat(notices().takedownsOf("s-" + UUID.randomUUID(), null, 10).entries()).isEmpty();
        assertThat(notices().takedownsOn(seller, owner, day)).containsExactlyInAnyOrder(
                new NoticeStore.ItemRef(older.id(), 0), new NoticeStore.ItemRef(older.id(), 1),
                new NoticeStore.ItemRef(older.id(), 2));
    }

    @Test
    void aPeriodsTakedownsPageOnceEachByDayAndNoticeAcrossMonthsAndItsSuspensionsToo() {
        // The last day of a month of its own, so that the takedowns of other runs on the same tables do not count.
        LocalDate first = LocalDate.of(2100, 1, 1).plusMonths(Math.floorMod(UUID.randomUUID().hashCode(), 10_000));
        LocalDate day = first.withDayOfMonth(first.lengthOfMonth());
        LocalDate nextDay = day.plusDays(1);
        String seller = "s-" + UUID.randomUUID();
        String other = "s-" + UUID.randomUUID() + ".eu:1";
        Notice older = notice(rightholder(), now(), 5);
        Notice newer = notice(rightholder(), older.receivedAt().plusSeconds(1), 1);
        notices().recordTakedowns(seller, older, day, List.of(0, 2));
        notices().recordTakedowns(other, newer, day, List.of(0));
        notices().recordTakedowns(seller, older, day, List.of(1));
        notices().recordTakedowns(seller, older, nextDay, List.of(3));
        notices().recordTakedowns(seller, older, nextDay.plusDays(1), List.of(4));
        notices().recordTakedowns(seller, older, day.minusDays(1), List.of(4));

        List<NoticeStore.ItemRef> all = new ArrayList<>();
        String cursor = null;
        do {
            Page<NoticeStore.ItemRef> page = notices().takedownsDecided(day, nextDay, cursor, 2);
            assertThat(page.entries()).hasSizeBetween(1, 2);
            all.addAll(page.entries());
            cursor = page.nextCursor();
        } while (cursor != null);
        assertThat(all).containsExactly(new NoticeStore.ItemRef(older.id(), 0), new NoticeStore.ItemRef(older.id(), 1),
                new NoticeStore.ItemRef(older.id(), 2), new NoticeStore.ItemRef(newer.id(), 0),
                new NoticeStore.ItemRef(older.id(), 3));
        assertThat(notices().takedownsDecided(nextDay, nextDay, null, 10).entries())
                .containsExactly(new NoticeStore.ItemRef(older.id(), 3));
        assertThatThrownBy(() -> notices().takedownsDecided(day, nextDay, "bm90IGEgY3Vyc29y", 2))
                .isInstanceOf(InvalidCursorException.class);
        String ofTheFirstDay = notices().takedownsDecided(day, nextDay, null, 2).nextCursor();
        assertThatThrownBy(() -> notices().takedownsDecided(nextDay, nextDay, ofTheFirstDay, 2))
                .as("a cursor of another period").isInstanceOf(InvalidCursorException.class);

        Instant at = day.atTime(10, 0).toInstant(ZoneOffset.UTC);
        TrustEvent suspended = new TrustEvent(TrustEvent.seller(seller), 3, "", at, "AUTO", "STANDING_CHANGED",
                "RESTRICTED", "SUSPENDED", "3 established strikes");
        TrustEvent otherSuspended = new TrustEvent(TrustEvent.seller(other), 2, "", nextDay.atTime(9, 0)
                .toInstant(ZoneOffset.UTC), "AUTO", "STANDING_CHANGED", "WARNED", "SUSPENDED", "3 established strikes");
        List.of(suspended, otherSuspended,
                new TrustEvent(TrustEvent.seller(seller), 2, "", at.minusSeconds(60), "AUTO", "STANDING_CHANGED",
                        "WARNED", "RESTRICTED", "2 established strikes"),
                new TrustEvent(TrustEvent.seller(seller), 4, "", at.plusSeconds(60), "staff-jane", "REINSTATED",
                        "SUSPENDED", "GOOD_STANDING", "appeal granted"),
                new TrustEvent(TrustEvent.seller(other), 3, "", nextDay.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC),
                        "AUTO", "STANDING_CHANGED", "GOOD_STANDING", "SUSPENDED", "later")).forEach(trust()::record);
        List<TrustEvent> suspensions = new ArrayList<>();
        cursor = null;
        do {
            Page<TrustEvent> page = trust().suspensions(day, nextDay, cursor, 1);
            suspensions.addAll(page.entries());
            cursor = page.nextCursor();
        } while (cursor != null);
        assertThat(suspensions).containsExactly(suspended, otherSuspended);
        String atTheFirst = trust().suspensions(day, nextDay, null, 1).nextCursor();
        assertThatThrownBy(() -> trust().suspensions(nextDay, nextDay, atTheFirst, 1))
                .as("a cursor of another period").isInstanceOf(InvalidCursorException.class);
    }

    @Test
    void figuresAddUpByDayForThePlatformAndTheRightholderAndAPeriodSumsItsDays() {
        String owner = rightholder();
        // A day of its own, so that the platform's figures of other runs on the same tables do not count.
        LocalDate day = LocalDate.of(2100, 1, 1).plusDays(Math.floorMod(owner.hashCode(), 300_000));
        String actioned = Figures.itemDecided(Figures.DecidedBy.AUTOMATED, ItemStatus.ACTIONED, DecisionRule.BRAND_MATCH);
        String staffTime = Figures.decisionTime(Figures.DecidedBy.STAFF, 42);
        figures().add(owner, day, Figures.builder().count(Figures.NOTICES_RECEIVED).add(actioned, 3).build());
        figures().add(owner, day, Figures.builder().count(Figures.NOTICES_RECEIVED).add(staffTime, 2).build());
        figures().add(owner, day.plusDays(1), Figures.builder().count(Figures.NOTICES_RECEIVED).build());
        figures().add(null, day, Figures.builder().count(Figures.sellers("SUSPENDED")).build());
        figures().add(owner, day.plusDays(2), Figures.NONE);

        assertThat(figures().platform(day, day.plusDays(1)).counts()).containsExactlyInAnyOrderEntriesOf(Map.of(
                Figures.NOTICES_RECEIVED, 3L, actioned, 3L, staffTime, 2L, Figures.sellers("SUSPENDED"), 1L));
        assertThat(figures().rightholder(owner, day, day).counts()).containsExactlyInAnyOrderEntriesOf(Map.of(
                Figures.NOTICES_RECEIVED, 2L, actioned, 3L, staffTime, 2L));
        assertThat(figures().rightholder(owner, day.plusDays(2), day.plusDays(30)).isEmpty()).isTrue();
        assertThat(figures().platform(day.minusDays(3), day.minusDays(1)).isEmpty()).isTrue();
    }

    @Test
    void aStrikeIsMarkedEstablishedOnceAndAnUnknownOneNever() {
        String owner = rightholder();
        String seller = "s-" + UUID.randomUUID();
        LocalDate day = LocalDate.parse("2026-11-20");
        trust().addStrikeItems(seller, owner, day, false, List.of("ntc_a#0"), AT);
        String strikeId = Strike.id(day, owner);
        assertThat(trust().markEstablished(seller, strikeId, AT)).isTrue();
        assertThat(trust().markEstablished(seller, strikeId, AT.plusSeconds(60))).isFalse();
        assertThat(trust().markEstablished(seller, Strike.id(day.plusDays(1), owner), AT)).isFalse();
    }

    @Test
    void countsAddedOnceForATokenCountOnceAndContestedTakedownsAreMarkedOnTheirStrike() {
        String owner = rightholder();
        LocalDate day = LocalDate.parse("2026-11-20");
        trust().addCounts(owner, day, new TrustCounts(1, 1, 0, 0, 1));
        trust().addCountsOnce(owner, day, new TrustCounts(0, 0, 0, 1, -1), "reversal|ntc_a|0");
        trust().addCountsOnce(owner, day, new TrustCounts(0, 0, 0, 1, -1), "reversal|ntc_a|0");
        trust().addCountsOnce(owner, day.plusDays(1), new TrustCounts(0, 0, 0, 1, 0), "reversal|ntc_a|0");
        assertThat(trust().counts(owner, day, day.plusDays(1))).isEqualTo(new TrustCounts(1, 1, 0, 2, 0));

        String seller = "s-" + UUID.randomUUID();
        trust().addStrikeItems(seller, owner, day, false, List.of("ntc_a#0", "ntc_a#1"), AT);
        String strikeId = Strike.id(day, owner);
        trust().markDisputed(seller, strikeId, "ntc_a#0", true);
        trust().markDisputed(seller, strikeId, "ntc_a#1", true);
        trust().markDisputed(seller, strikeId, "ntc_a#1", true);
        trust().markDisputed(seller, strikeId, "ntc_a#1", false);
        trust().markDisputed(seller, Strike.id(day.plusDays(1), owner), "ntc_b#0", true);
        assertThat(trust().strikes(seller, null)).singleElement()
                .satisfies(strike -> assertThat(strike.disputed()).containsExactly("ntc_a#0"));
    }

    @Test
    void anItemReachingAStatusAgainByAnotherRuleKeepsBothTransitions() {
        String noticeId = Ids.notice(now());
        AuditEvent actioned = new AuditEvent(noticeId, 0, "AUTO", AT, ItemStatus.RECEIVED, ItemStatus.ACTIONED, null,
                DecisionRule.BRAND_MATCH);
        AuditEvent contested = new AuditEvent(noticeId, 0, "SELLER", AT.plusSeconds(60), ItemStatus.ACTIONED,
                ItemStatus.COUNTER_NOTICED, null, DecisionRule.COUNTER_NOTICE);
        AuditEvent upheld = new AuditEvent(noticeId, 0, "RIGHTHOLDER", AT.plusSeconds(120), ItemStatus.COUNTER_NOTICED,
                ItemStatus.ACTIONED, null, DecisionRule.COUNTER_NOTICE_UPHELD);
        audit().append(List.of(actioned));
        audit().append(List.of(contested, upheld));
        audit().append(List.of(upheld));
        assertThat(audit().forNotice(noticeId)).containsExactly(actioned, contested, upheld);
    }

    @Test
    void settlingCountsEachItemOnceAndCompletionHappensOnce() {
        Notice notice = notice(rightholder(), now(), 3);
        notices().saveNew(notice, items(3));
        NoticeStore.Settled afterTwo = notices().settle(notice.id(), List.of(new NoticeStore.Settlement(0, true, true),
                new NoticeStore.Settlement(1, false, true)), false);
        assertThat(afterTwo.notice().progress()).isEqualTo(new Progress(3, 2, 1, 2));
        assertThat(afterTwo.notice().status()).isEqualTo(NoticeStatus.IN_PROGRESS);
        assertThat(afterTwo.counted()).containsExactly(0, 1);

        NoticeStore.Settled replayed = notices().settle(notice.id(), List.of(new NoticeStore.Settlement(1, false, true),
                new NoticeStore.Settlement(2, true, true)), true);
        assertThat(replayed.notice().progress()).isEqualTo(new Progress(3, 3, 2, 3));
        assertThat(replayed.counted()).as("only what was not counted before").containsExactly(2);
        assertThat(replayed.notice().status()).isEqualTo(NoticeStatus.IN_PROGRESS);

        Instant at = now();
        assertThat(notices().complete(notice.id(), NoticeOutcome.PARTIAL, at)).isTrue();
        assertThat(notices().complete(notice.id(), NoticeOutcome.ALL, at.plusSeconds(1))).isFalse();
        Notice completed = notices().find(notice.id()).orElseThrow();
        assertThat(completed.outcome()).isEqualTo(NoticeOutcome.PARTIAL);
        assertThat(completed.completedAt()).isEqualTo(at);
        assertThat(notices().settle(notice.id(), List.of(new NoticeStore.Settlement(0, false, false)), true))
                .as("a completed notice is not reopened").isEqualTo(new NoticeStore.Settled(completed, List.of()));
    }

    @Test
    void theAuditTrailKeepsOneEventPerTransitionInOrder() {
        String noticeId = Ids.notice(now());
        Instant at = now();
        AuditEvent received = new AuditEvent(noticeId, 1, "AUTO", at, ItemStatus.RECEIVED, ItemStatus.NEEDS_REVIEW,
                ItemReason.BRAND_MISMATCH, DecisionRule.BRAND_MATCH);
        AuditEvent reviewed = new AuditEvent(noticeId, 1, "staff-1", at.plusSeconds(60), ItemStatus.NEEDS_REVIEW,
                ItemStatus.ACTIONED, null, DecisionRule.STAFF_DECISION);
        appendTwiceThenRegrouped(audit(), received, reviewed);
        assertThat(audit().forNotice(noticeId)).containsExactly(received, reviewed);
    }

    @Test
    void aTransitionAppendedInAnotherBatchReadsBackAtItsEarliestTime() {
        String noticeId = Ids.notice(now());
        Instant at = now();
        AuditEvent late = new AuditEvent(noticeId, 1, "AUTO", at.plusSeconds(60), ItemStatus.RECEIVED,
                ItemStatus.ACTIONED, null, DecisionRule.BRAND_MATCH);
        AuditEvent early = new AuditEvent(noticeId, 1, "AUTO", at, ItemStatus.RECEIVED, ItemStatus.ACTIONED, null,
                DecisionRule.BRAND_MATCH);
        AuditEvent other = new AuditEvent(noticeId, 2, "AUTO", at, ItemStatus.RECEIVED, ItemStatus.ACTIONED, null,
                DecisionRule.BRAND_MATCH);
        AuditEvent third = new AuditEvent(noticeId, 3, "AUTO", at, ItemStatus.RECEIVED, ItemStatus.ACTIONED, null,
                DecisionRule.BRAND_MATCH);
        audit().append(List.of(late));
        audit().append(List.of(early));
        assertThat(audit().forNotice(noticeId)).as("the same batch again is not stored").containsExactly(late);
        audit().append(List.of(early, other));
        assertThat(audit().forNotice(noticeId)).containsExactly(early, other);
        audit().append(List.of(late, third));
        assertThat(audit().forNotice(noticeId)).containsExactly(early, other, third);
    }

    /** One batch of two transitions, the same batch again in the other order, then a replay that groups them differently. */
    static void appendTwiceThenRegrouped(AuditLog audit, AuditEvent received, AuditEvent reviewed) {
        audit.append(List.of(reviewed, received));
        audit.append(List.of(received, reviewed));
        audit.append(List.of(received));
    }

    @Test
    void aRightholdersCountsAddUpOverTheDaysAsked() {
        String owner = rightholder();
        LocalDate day = LocalDate.parse("2026-12-31");
        trust().addCounts(owner, day.minusDays(1), new TrustCounts(1, 1, 0, 0, 0));
        trust().addCounts(owner, day, new TrustCounts(2, 1, 1, 0, 1));
        trust().addCounts(owner, day, new TrustCounts(1, 0, 0, 1, 0));
        trust().addCounts(owner, day.plusDays(1), new TrustCounts(5, 5, 0, 0, 0));
        // An automatic takedown counts as confirmed on a later day, when its dispute window closes.
        trust().addCounts(owner, day.plusDays(16), new TrustCounts(0, 0, 0, 0, 5));
        trust().addCounts(rightholder(), day, new TrustCounts(7, 7, 0, 0, 7));

        assertThat(trust().counts(owner, day, day)).isEqualTo(new TrustCounts(3, 1, 1, 1, 1));
        assertThat(trust().counts(owner, day.minusDays(1), day)).isEqualTo(new TrustCounts(4, 2, 1, 1, 1));
        assertThat(trust().counts(owner, day.minusDays(30), day.plusDays(1))).isEqualTo(new TrustCounts(9, 7, 1, 1, 1));
        assertThat(trust().counts(owner, day.minusDays(30), day.plusDays(16))).isEqualTo(new TrustCounts(9, 7, 1, 1, 6));
        assertThat(trust().counts(owner, day.plusDays(17), day.plusDays(30))).isEqualTo(TrustCounts.NONE);
        assertThat(trust().counts(owner, day.minusDays(30), day.minusDays(2))).isEqualTo(TrustCounts.NONE);
    }

    @Test
    void countsAddedAtTheSameTimeAllCount() {
        String owner = rightholder();
        LocalDate day = LocalDate.parse("2026-11-28");
        Parallel.run(Collections.nCopies(24, new TrustCounts(1, 1, 0, 0, 1)),
                delta -> trust().addCounts(owner, day, delta));
        assertThat(trust().counts(owner, day, day)).isEqualTo(new TrustCounts(24, 24, 0, 0, 24));
    }

    @Test
    void trustIsReplacedFromTheVersionReadAndReadsBackWithTheRightholder() {
        Rightholder rightholder = new Rightholder(rightholder(), "Acme", "legal@acme.example", null);
        seed(rightholder);
        RightholderTrust initial = rightholders().find(rightholder.id()).orElseThrow().trust();
        assertThat(initial).isEqualTo(RightholderTrust.INITIAL);

        RightholderTrust suspended = initial.next(Tier.SUSPENDED, AT, "staff-jane", true, AT.plus(Duration.ofDays(90)),
                AT.minus(Duration.ofDays(7)), AT.plus(Duration.ofDays(30)));
        assertThat(trust().replaceTrust(rightholder.id(), initial, suspended, suspended.suspendedUntil())).isTrue();
        assertThat(rightholders().find(rightholder.id())).contains(new Rightholder(rightholder.id(), rightholder.name(),
                rightholder.email(), rightholder.callbackUrl(), suspended));
        RightholderTrust rival = initial.next(Tier.TRUSTED, AT, "AUTO", false, null, null, null);
        assertThat(trust().replaceTrust(rightholder.id(), initial, rival, null)).as("changed meanwhile").isFalse();
        assertThat(rightholders().find(rightholder.id()).orElseThrow().trust()).isEqualTo(suspended);

        RightholderTrust lifted = suspended.next(Tier.STANDARD, AT.plusSeconds(60), "staff-joe", false,
                suspended.trustedLockoutUntil(), null, null);
        assertThat(trust().replaceTrust(rightholder.id(), suspended, lifted, null)).isTrue();
        assertThat(rightholders().find(rightholder.id()).orElseThrow().trust()).isEqualTo(lifted);

        String unknown = rightholder();
        assertThat(trust().replaceTrust(unknown, RightholderTrust.INITIAL, rival, AT)).isFalse();
        assertThat(rightholders().find(unknown)).isEmpty();
    }

    @Test
    void rightholdersAreDueAtTheirNextReviewSoonestFirst() {
        // The schedule spans every test's rightholders: these are due in a year of their own, before all others.
        Instant base = Instant.parse("2001-01-01T00:00:00Z");
        String suffix = UUID.randomUUID().toString();
        // Named so that an order by id differs from the order they come due in.
        String first = "rh-c-" + suffix;
        String second = "rh-b-" + suffix;
        String third = "rh-a-" + suffix;
        String unscheduled = "rh-d-" + suffix;
        List.of(first, second, third, unscheduled).forEach(id -> seed(new Rightholder(id, "Acme", "legal@acme.example",
                null)));
        RightholderTrust trusted = RightholderTrust.INITIAL.next(Tier.TRUSTED, base, "AUTO", false, null, null, null);
        assertThat(trust().replaceTrust(third, RightholderTrust.INITIAL, trusted, base.plusSeconds(30))).isTrue();
        assertThat(trust().replaceTrust(first, RightholderTrust.INITIAL, trusted, base.plusSeconds(10))).isTrue();
        assertThat(trust().replaceTrust(second, RightholderTrust.INITIAL, trusted, base.plusSeconds(20))).isTrue();
        assertThat(trust().replaceTrust(unscheduled, RightholderTrust.INITIAL, trusted, null)).isTrue();

        assertThat(trust().rightholdersDue(base.plusSeconds(30), 10)).containsExactly(first, second, third);
        assertThat(trust().rightholdersDue(base.plusSeconds(30), 2)).containsExactly(first, second);
        assertThat(trust().rightholdersDue(base.plusSeconds(9), 10)).isEmpty();

        RightholderTrust reviewed = trusted.next(Tier.TRUSTED, base, "AUTO", false, null, null, null);
        assertThat(trust().replaceTrust(first, trusted, reviewed, null)).isTrue();
        assertThat(trust().replaceTrust(second, trusted, reviewed, base.plus(Duration.ofDays(1)))).isTrue();
        assertThat(trust().replaceTrust(third, RightholderTrust.INITIAL, reviewed, null)).isFalse();
        assertThat(trust().rightholdersDue(base.plusSeconds(30), 10)).containsExactly(third);
        assertThat(trust().rightholdersDue(base.plus(Duration.ofDays(1)), 10)).containsExactly(third, second);
    }

    @Test
    void takedownsOfOneRightholderAgainstOneSellerOnOneDayMakeOneStrike() {
        String seller = "s-" + UUID.randomUUID();
        String owner = rightholder();
        String other = rightholder();
        LocalDate day = LocalDate.parse("2026-11-20");
        Instant establishes = AT.plus(Duration.ofDays(14));
        List<String> firstBatch = List.of("ntc_a#1", "ntc_a#0");
        trust().addStrikeItems(seller, owner, day, false, firstBatch, establishes);
        trust().addStrikeItems(seller, owner, day, false, firstBatch, establishes);
        assertThat(trust().strikes(seller, null))
                .containsExactly(new Strike(seller, owner, day, false, true, Set.copyOf(firstBatch), null));

        // A COPYRIGHT takedown joins the strike, which goes on naming the takedowns of its first batch.
        trust().addStrikeItems(seller, owner, day, true, List.of("ntc_b#0"), establishes.minus(Duration.ofDays(7)));
        Strike joined = new Strike(seller, owner, day, true, true, Set.copyOf(firstBatch), null);
        assertThat(trust().strikes(seller, null)).containsExactly(joined);

        List<String> many = new ArrayList<>();
        for (int i = 0; i < Strike.ITEMS_KEPT + 2; i++) {
            many.add(Strike.itemKey("ntc_c", i));
        }
        trust().addStrikeItems(seller, other, day, true, many, establishes);
        trust().addStrikeItems(seller, owner, day.plusDays(1), false, List.of("ntc_d#0"), establishes);
        trust().addStrikeItems(seller, rightholder(), day, false, List.of(), establishes);
        trust().addStrikeItems("s-" + UUID.randomUUID(), owner, day, false, List.of("ntc_e#0"), establishes);

        // Of a batch too big to name in full, the strike names the first by name.
        Set<String> kept = Set.copyOf(many.stream().sorted().limit(Strike.ITEMS_KEPT).toList());
        assertThat(trust().strikes(seller, null)).containsExactlyInAnyOrder(joined,
                new Strike(seller, other, day, true, false, kept, null),
                new Strike(seller, owner, day.plusDays(1), false, true, Set.of("ntc_d#0"), null));
    }

    @Test
    void aSellersStrikesListOldestFirstFromTheDayAsked() {
        String seller = "s-" + UUID.randomUUID();
        String suffix = UUID.randomUUID().toString();
        String acme = "rh-acme-" + suffix;
        String initech = "rh-initech-" + suffix;
        LocalDate day = LocalDate.parse("2026-10-31");
        trust().addStrikeItems(seller, initech, day.plusDays(1), false, List.of("ntc_a#0"), AT);
        trust().addStrikeItems(seller, acme, day.plusDays(30), false, List.of("ntc_b#0"), AT);
        trust().addStrikeItems(seller, initech, day, false, List.of("ntc_c#0"), AT);
        trust().addStrikeItems(seller, acme, day.plusDays(1), false, List.of("ntc_d#0"), AT);

        List<String> oldestFirst = List.of(Strike.id(day, initech), Strike.id(day.plusDays(1), acme),
                Strike.id(day.plusDays(1), initech), Strike.id(day.plusDays(30), acme));
        assertThat(trust().strikes(seller, null)).extracting(Strike::id).containsExactlyElementsOf(oldestFirst);
        assertThat(trust().strikes(seller, day.plusDays(1))).extracting(Strike::id)
                .containsExactlyElementsOf(oldestFirst.subList(1, 4));
        assertThat(trust().strikes(seller, day.plusDays(31))).isEmpty();
    }

    @Test
    void aStrikeIsVoidedOnceAndStaysVoided() {
        String seller = "s-" + UUID.randomUUID();
        String owner = rightholder();
        LocalDate day = LocalDate.parse("2026-11-20");
        trust().addStrikeItems(seller, owner, day, false, List.of("ntc_a#0"), AT);
        String strikeId = Strike.id(day, owner);
        Strike.Voided voided = new Strike.Voided("staff-jane", AT.plusSeconds(60), "sent in error");

        assertThat(trust().voidStrike(seller, strikeId, voided)).isTrue();
        assertThat(trust().voidStrike(seller, strikeId, new Strike.Voided("staff-joe", AT.plusSeconds(120), "again")))
                .isFalse();
        assertThat(trust().voidStrike(seller, Strike.id(day, rightholder()), voided)).isFalse();
        assertThat(trust().voidStrike("s-" + UUID.randomUUID(), strikeId, voided)).isFalse();
        // Its takedowns recorded again (a replayed message) leave it voided.
        trust().addStrikeItems(seller, owner, day, true, List.of("ntc_a#0"), AT);
        assertThat(trust().strikes(seller, null))
                .containsExactly(new Strike(seller, owner, day, true, true, Set.of("ntc_a#0"), voided));

        // The seller's trail is kept apart from its strikes.
        TrustEvent event = new TrustEvent(TrustEvent.seller(seller), 0, "void:" + strikeId, voided.at(), voided.by(),
                "STRIKE_VOIDED", strikeId, null, voided.reason());
        assertThat(trust().record(event)).isTrue();
        assertThat(trust().events(TrustEvent.seller(seller))).containsExactly(event);
        assertThat(trust().strikes(seller, null)).hasSize(1);
    }

    @Test
    void strikesAreDueWhenTheirStateMayChangeSoonestFirst() {
        // The schedule spans every test's strikes: these are due in a year of their own, before all others.
        Instant base = Instant.parse("2001-01-01T00:00:00Z");
        LocalDate day = LocalDate.parse("2000-12-01");
        String suffix = UUID.randomUUID().toString();
        // Named so that an order by id differs from the order they come due in.
        String seller = "s-b-" + suffix;
        String otherSeller = "s-a-" + suffix;
        String acme = "rh-a-" + suffix;
        String initech = "rh-b-" + suffix;
        String globex = "rh-c-" + suffix;
        trust().addStrikeItems(seller, acme, day, false, List.of("ntc_a#0"), base.plusSeconds(20));
        trust().addStrikeItems(seller, initech, day, false, List.of("ntc_b#0"), base.plusSeconds(10));
        trust().addStrikeItems(seller, globex, day, false, List.of("ntc_c#0"), base.plusSeconds(30));
        trust().addStrikeItems(otherSeller, acme, day, false, List.of("ntc_d#0"), base.plusSeconds(15));
        DueStrike byAcme = new DueStrike(seller, Strike.id(day, acme));
        DueStrike byInitech = new DueStrike(seller, Strike.id(day, initech));
        DueStrike byGlobex = new DueStrike(seller, Strike.id(day, globex));
        DueStrike ofOtherSeller = new DueStrike(otherSeller, Strike.id(day, acme));

        assertThat(trust().strikesDue(base.plusSeconds(20), 10)).containsExactly(byInitech, ofOtherSeller, byAcme);
        assertThat(trust().strikesDue(base.plusSeconds(20), 2)).containsExactly(byInitech, ofOtherSeller);
        assertThat(trust().strikesDue(base.plusSeconds(9), 10)).isEmpty();

        // A COPYRIGHT takedown's window closes sooner, which brings the strike forward; a later one never puts it off.
        trust().addStrikeItems(seller, acme, day, true, List.of("ntc_e#0"), base.plusSeconds(5));
        trust().addStrikeItems(seller, acme, day, false, List.of("ntc_f#0"), base.plusSeconds(25));
        assertThat(trust().strikesDue(base.plusSeconds(20), 10)).containsExactly(byAcme, byInitech, ofOtherSeller);

        trust().rescheduleStrike(seller, byInitech.strikeId(), base.plusSeconds(100));
        trust().rescheduleStrike(seller, byAcme.strikeId(), null);
        assertThat(trust().voidStrike(otherSeller, ofOtherSeller.strikeId(),
                new Strike.Voided("staff-jane", base, "sent in error"))).isTrue();
        trust().rescheduleStrike(seller, Strike.id(day, rightholder()), base);
        assertThat(trust().strikesDue(base.plusSeconds(100), 10)).containsExactly(byGlobex, byInitech);
        assertThat(trust().strikes(seller, null)).hasSize(3);

        // Takedowns recorded again put a strike back on the schedule, voided or not; its review takes it off again.
        trust().addStrikeItems(otherSeller, acme, day, false, List.of("ntc_d#0"), base.plusSeconds(15));
        assertThat(trust().strikesDue(base.plusSeconds(100), 10)).containsExactly(ofOtherSeller, byGlobex, byInitech);
    }

    @Test
    void aWebhookSecretIsIssuedOnceAndRotatedWithItsPredecessorKeptForTheOverlap() {
        String id = "owner-" + UUID.randomUUID();
        String first = Ids.webhookSecret();
        assertThat(webhookSecrets().find(Target.RIGHTHOLDER, id)).isEmpty();
        assertThat(webhookSecretRegistry().issue(Target.RIGHTHOLDER, id, first, "staff-jane", AT)).isTrue();
        assertThat(webhookSecretRegistry().issue(Target.RIGHTHOLDER, id, Ids.webhookSecret(), "staff-joe", AT)).isFalse();
        assertThat(webhookSecrets().find(Target.RIGHTHOLDER, id)).contains(WebhookSecrets.of(first));
        assertThat(webhookSecrets().find(Target.SELLER, id)).as("a seller of the same id is another owner").isEmpty();

        String second = Ids.webhookSecret();
        Instant until = AT.plus(Duration.ofHours(24));
        webhookSecretRegistry().rotate(Target.RIGHTHOLDER, id, second, until, "staff-jane", AT);
        assertThat(webhookSecrets().find(Target.RIGHTHOLDER, id)).contains(new WebhookSecrets(second, first, until));

        String third = Ids.webhookSecret();
        Instant later = AT.plus(Duration.ofHours(2));
        webhookSecretRegistry().rotate(Target.RIGHTHOLDER, id, third, later, "staff-joe", AT.plusSeconds(60));
        assertThat(webhookSecrets().find(Target.RIGHTHOLDER, id)).as("a rotation within the overlap ends it")
                .contains(new WebhookSecrets(third, second, later));

        String fresh = Ids.webhookSecret();
        webhookSecretRegistry().rotate(Target.SELLER, id, fresh, until, "staff-jane", AT);
        assertThat(webhookSecrets().find(Target.SELLER, id)).as("an owner without a secret gets this one alone")
                .contains(WebhookSecrets.of(fresh));
        assertThat(webhookSecrets().find(Target.RIGHTHOLDER, id).orElseThrow().current()).isEqualTo(third);
    }

    @Test
    void aSellerIsRegisteredOnceEvenWhereItsStandingCameFirst() {
        Seller seller = new Seller("s-" + UUID.randomUUID(), "Gadget Barn", "https://hooks.gadgetbarn.example/");
        assertThat(sellerRegistry().register(seller, "staff-jane", AT)).isTrue();
        assertThat(sellers().find(seller.id())).contains(seller);
        assertThat(sellerRegistry().register(new Seller(seller.id(), "Other", null), "staff-joe", AT)).isFalse();
        assertThat(sellers().find(seller.id())).contains(seller);

        String known = "s-" + UUID.randomUUID();
        SellerState warned = SellerState.INITIAL.next(SellerStanding.WARNED, AT, null);
        assertThat(trust().replaceSellerState(known, SellerState.INITIAL, warned)).isTrue();
        Seller registered = new Seller(known, "Known Goods", null);
        assertThat(sellerRegistry().register(registered, "staff-jane", AT)).isTrue();
        assertThat(sellers().find(known)).contains(registered);
        assertThat(trust().sellerState(known)).isEqualTo(warned);
    }

    @Test
    void aSellersStandingIsReplacedFromTheVersionRead() {
        String seller = "s-" + UUID.randomUUID();
        assertThat(trust().sellerState(seller)).isEqualTo(SellerState.INITIAL);

        SellerState warned = SellerState.INITIAL.next(SellerStanding.WARNED, AT, null);
        assertThat(trust().replaceSellerState(seller, SellerState.INITIAL, warned)).isTrue();
        assertThat(trust().sellerState(seller)).isEqualTo(warned);
        SellerState rival = SellerState.INITIAL.next(SellerStanding.RESTRICTED, AT, null);
        assertThat(trust().replaceSellerState(seller, SellerState.INITIAL, rival)).as("changed meanwhile").isFalse();
        assertThat(trust().sellerState(seller)).isEqualTo(warned);

        SellerState suspended = warned.next(SellerStanding.SUSPENDED, AT.plusSeconds(60), null);
        SellerState reinstated = suspended.next(SellerStanding.GOOD_STANDING, AT.plusSeconds(120), AT.plusSeconds(120));
        SellerState warnedAgain = reinstated.next(SellerStanding.WARNED, AT.plusSeconds(180), null);
        assertThat(trust().replaceSellerState(seller, warned, suspended)).isTrue();
        assertThat(trust().replaceSellerState(seller, suspended, reinstated)).isTrue();
        assertThat(trust().sellerState(seller)).isEqualTo(reinstated);
        assertThat(trust().replaceSellerState(seller, reinstated, warnedAgain)).isTrue();
        assertThat(trust().sellerState(seller)).isEqualTo(warnedAgain);
        assertThat(trust().replaceSellerState(seller, reinstated, rival)).isFalse();
    }

    @Test
    void theTrailKeepsOneEventPerSequenceAndTagInSequence() {
        String rightholderId = rightholder();
        String subject = TrustEvent.rightholder(rightholderId);
        TrustEvent trusted = new TrustEvent(subject, 1, "", AT, "AUTO", "TIER_CHANGED", "STANDARD", "TRUSTED",
                "92 items decided");
        assertThat(trust().record(trusted)).isTrue();
        assertThat(trust().record(trusted)).as("the same change again").isTrue();
        assertThat(trust().record(new TrustEvent(subject, 1, "", AT, "staff-jane", "TIER_SET", "STANDARD", "SUSPENDED",
                "abuse"))).as("another change won").isFalse();
        assertThat(trust().record(new TrustEvent(subject, 1, "", AT, "AUTO", "TIER_CHANGED", "STANDARD", "SUSPENDED",
                "abuse"))).as("the same kind of change to another tier").isFalse();
        // A retry of the change, made later, is the one the trail shows.
        TrustEvent retried = new TrustEvent(subject, 1, "", AT.plusSeconds(5), "AUTO", "TIER_CHANGED", "STANDARD",
                "TRUSTED", "93 items decided");
        assertThat(trust().record(retried)).isTrue();

        TrustEvent tenth = new TrustEvent(subject, 10, "", AT.plusSeconds(30), "AUTO", "WARNED", "TRUSTED",
                "TRUSTED, warned", "unfounded notices");
        TrustEvent second = new TrustEvent(subject, 2, "", AT.plusSeconds(20), "staff-joe", "TIER_SET", "TRUSTED",
                "STANDARD", null);
        TrustEvent tagged = new TrustEvent(subject, 1, "note:1", AT.plusSeconds(10), "staff-joe", "NOTE", null, null,
                "called the sender");
        assertThat(trust().record(tenth)).isTrue();
        assertThat(trust().record(second)).isTrue();
        assertThat(trust().record(tagged)).isTrue();
        assertThat(trust().record(tagged)).isTrue();
        assertThat(trust().record(new TrustEvent(subject, 1, "note:1", AT, "staff-joe", "NOTE", null, "x", null)))
                .isFalse();

        assertThat(trust().events(subject)).containsExactly(retried, tagged, second, tenth);
        assertThat(trust().events(TrustEvent.seller(rightholderId))).isEmpty();
    }
}
