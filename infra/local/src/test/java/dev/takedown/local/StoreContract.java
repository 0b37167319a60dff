package dev.takedown.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.takedown.aws.DynamoApiKeyStore;
import dev.takedown.aws.DynamoAuditLog;
import dev.takedown.aws.DynamoDeliveryStore;
import dev.takedown.aws.DynamoIdempotencyStore;
import dev.takedown.aws.DynamoListingStore;
import dev.takedown.aws.DynamoNoticeStore;
import dev.takedown.aws.DynamoRightStore;
import dev.takedown.aws.DynamoRightholderStore;
import dev.takedown.aws.DynamoSellerStore;
import dev.takedown.aws.SqsVerificationQueue;
import dev.takedown.core.json.Json;
import dev.takedown.core.model.Decision;
import dev.takedown.core.model.DecisionRule;
import dev.takedown.core.model.DeliveryAttempt.Status;
import dev.takedown.core.model.DeliveryAttempt.Target;
import dev.takedown.core.model.DeliveryAttempt;
import dev.takedown.core.model.EventType;
import dev.takedown.core.model.Evidence;
import dev.takedown.core.model.EvidenceKind;
import dev.takedown.core.model.Ids;
import dev.takedown.core.model.ItemReason;
import dev.takedown.core.model.ItemStatus;
import dev.takedown.core.model.Listing;
import dev.takedown.core.model.ListingStatus;
import dev.takedown.core.model.Notice;
import dev.takedown.core.model.NoticeItem;
import dev.takedown.core.model.NoticeReason;
import dev.takedown.core.model.NoticeStatus;
import dev.takedown.core.model.Progress;
import dev.takedown.core.model.Right;
import dev.takedown.core.model.RightStatus;
import dev.takedown.core.model.RightType;
import dev.takedown.core.model.Rightholder;
import dev.takedown.core.model.Seller;
import dev.takedown.core.model.Sender;
import dev.takedown.core.ports.DeliveryStore;
import dev.takedown.core.ports.IdempotencyStore.Entry;
import dev.takedown.core.ports.IdempotencyStore;
import dev.takedown.core.ports.InvalidCursorException;
import dev.takedown.core.ports.NoticeStore;
import dev.takedown.core.ports.Page;
import dev.takedown.core.text.Hashing;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The behaviour every backend must show for our adapters, run against dynalite and ElasticMQ
 * ({@code *IntegrationTest}) and against LocalStack where Docker exists ({@code *IT}). Tables and queues
 * are created from template.yaml by the subclass.
 */
abstract class StoreContract {
    private static final Instant AT = Instant.parse("2026-11-28T15:30:00.123Z");

    abstract DynamoDbClient dynamo();

    abstract SqsClient sqs();

    abstract String table(String logicalId);

    abstract String queueUrl(String logicalId);

    private DynamoNoticeStore notices() {
        return new DynamoNoticeStore(dynamo(), table("NoticesTable"));
    }

    private DynamoIdempotencyStore idempotency() {
        return new DynamoIdempotencyStore(dynamo(), table("IdempotencyTable"));
    }

    private static String rightholder() {
        return "rh-" + UUID.randomUUID();
    }

    private static Notice notice(String rightholderId, Instant receivedAt, int itemCount) {
        return new Notice(Ids.notice(receivedAt), rightholderId, "tm-acme-us", NoticeReason.COUNTERFEIT,
                "Counterfeit goods.\nSecond line.", new Sender("Jane Doe", "legal@acme.example"), "Jane Doe",
                List.of(new Evidence("https://e.example/1.png", "a".repeat(64), EvidenceKind.SCREENSHOT)),
                NoticeStatus.RECEIVED, receivedAt, itemCount, Progress.start(itemCount), null, null);
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

    private static Instant now() {
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
    }

    @Test
    void savingTheSameNoticeAgainChangesNothing() {
        Notice notice = notice(rightholder(), now(), 30);
        notices().saveNew(notice, items(30));
        notices().saveNew(notice, items(30));
        assertThat(notices().items(notice.id(), null, null, 100).entries()).isEqualTo(items(30));
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
    void itemsAreFoundByListing() {
        Notice notice = notice(rightholder(), now(), 2);
        String listing = "L-" + UUID.randomUUID();
        notices().saveNew(notice, List.of(NoticeItem.open(0, null, listing), NoticeItem.rejected(1, "ftp://x", ItemReason.INVALID_URL, AT)));

        List<Map<String, AttributeValue>> rows = dynamo().query(r -> r.tableName(table("NoticesTable")).indexName("byListing")
                .keyConditionExpression("listingId = :l")
                .expressionAttributeValues(Map.of(":l", AttributeValue.fromS(listing)))).items();
        assertThat(rows).singleElement().satisfies(row -> assertThat(row.get("noticeId").s()).isEqualTo(notice.id()));

        Notice later = notice(rightholder(), now().plusSeconds(1), 1);
        notices().saveNew(later, List.of(NoticeItem.open(0, null, listing)));
        assertThat(notices().otherNoticesNaming(listing, later.id()))
                .containsExactly(new NoticeStore.ListingClaim(notice.id(), 0, ItemStatus.RECEIVED));
        assertThat(notices().otherNoticesNaming(listing, notice.id()))
                .containsExactly(new NoticeStore.ListingClaim(later.id(), 0, ItemStatus.RECEIVED));
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
    void verificationWorkArrivesGroupedAndComplete() {
        // A queue no function consumes, so that this test sees every message.
        String queueUrl = queueUrl("VerificationDLQ");
        purge(queueUrl);
        SqsVerificationQueue queue = new SqsVerificationQueue(sqs(), queueUrl, queueUrl("PriorityVerificationDLQ"), 25);
        List<Integer> indexes = new ArrayList<>();
        for (int i = 0; i < 260; i++) {
            indexes.add(i);
        }
        queue.enqueue("ntc_q", indexes, false);

        Set<Integer> received = new HashSet<>();
        int messages = 0;
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (received.size() < 260 && System.nanoTime() < deadline) {
            for (Message message : sqs().receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(1)).messages()) {
                JsonNode body = parse(message.body());
                assertThat(body.path("noticeId").asText()).isEqualTo("ntc_q");
                assertThat(body.path("items").size()).isBetween(1, 25);
                body.path("items").forEach(i -> assertThat(received.add(i.asInt())).isTrue());
                sqs().deleteMessage(r -> r.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
                messages++;
            }
        }
        assertThat(received).hasSize(260);
        assertThat(messages).isEqualTo(11);
    }

    @Test
    void referenceDataReadsBackAsStored() {
        String suffix = UUID.randomUUID().toString();
        Rightholder rightholder = new Rightholder("rh-" + suffix, "Acme", "legal@acme.example",
                "https://hooks.acme.example/takedown", "whsec_c2VjcmV0");
        new DynamoRightholderStore(dynamo(), table("RightholdersTable")).put(rightholder);
        assertThat(new DynamoRightholderStore(dynamo(), table("RightholdersTable")).find(rightholder.id())).contains(rightholder);

        Right right = new Right("tm-" + suffix, rightholder.id(), RightType.TRADEMARK, "ACME", "US-1", "US",
                RightStatus.VERIFIED, LocalDate.parse("2030-01-31"), List.of("seller-a", "seller-b"));
        DynamoRightStore rights = new DynamoRightStore(dynamo(), table("RightsTable"));
        rights.put(right);
        assertThat(rights.find(right.id())).contains(right);
        Right open = new Right("cr-" + suffix, rightholder.id(), RightType.COPYRIGHT, "Manual", null, null,
                RightStatus.PENDING, null, List.of());
        rights.put(open);
        assertThat(rights.find(open.id())).contains(open);

        Seller seller = new Seller("s-" + suffix, "Honest Goods", null);
        new DynamoSellerStore(dynamo(), table("SellersTable")).put(seller);
        assertThat(new DynamoSellerStore(dynamo(), table("SellersTable")).find(seller.id())).contains(seller);

        Listing listing = new Listing("l-" + suffix, seller.id(), "ACME bag", "ACME", ListingStatus.ACTIVE);
        new DynamoListingStore(dynamo(), table("ListingsTable")).put(listing);
        assertThat(new DynamoListingStore(dynamo(), table("ListingsTable")).find(listing.id())).contains(listing);

        DynamoApiKeyStore keys = new DynamoApiKeyStore(dynamo(), table("ApiKeysTable"));
        String apiKey = Ids.apiKey();
        keys.register(apiKey, rightholder.id(), Instant.now());
        assertThat(keys.rightholderFor(Hashing.sha256Hex(apiKey))).contains(rightholder.id());
        assertThat(keys.rightholderFor(Hashing.sha256Hex(apiKey + "x"))).isEmpty();
        List<Map<String, AttributeValue>> stored = dynamo().scan(r -> r.tableName(table("ApiKeysTable"))).items();
        assertThat(stored).allSatisfy(row -> assertThat(row.values()).noneMatch(v -> apiKey.equals(v.s())));
    }

    @Test
    void deliveryAttemptsListInOrderForTheRightholderOnlyAndMarkDeliveredWebhooks() {
        DynamoDeliveryStore deliveries = new DynamoDeliveryStore(dynamo(), table("DeliveriesTable"));
        String noticeId = Ids.notice(now());
        Instant first = now();
        Duration lease = Duration.ofSeconds(30);
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

        assertThat(deliveries.claim(noticeId, "msg_a", first.plusSeconds(60), lease)).isEqualTo(DeliveryStore.Claim.DELIVERED);
        assertThat(deliveries.claim(noticeId, "msg_s", first.plusSeconds(60), lease)).isEqualTo(DeliveryStore.Claim.DELIVERED);
        // Three attempts and a mark for the rightholder's webhook; the seller's delivery is its mark alone.
        assertThat(dynamo().query(r -> r.tableName(table("DeliveriesTable")).keyConditionExpression("noticeId = :n")
                .expressionAttributeValues(Map.of(":n", AttributeValue.fromS(noticeId)))).count()).isEqualTo(5);
        // A sender that died holding a claim holds it no longer than its lease.
        assertThat(deliveries.claim(noticeId, "msg_b", first, lease)).isEqualTo(DeliveryStore.Claim.CLAIMED);
        assertThat(deliveries.claim(noticeId, "msg_b", first.plusSeconds(29), lease)).isEqualTo(DeliveryStore.Claim.IN_FLIGHT);
        DynamoDeliveryStore otherSender = new DynamoDeliveryStore(dynamo(), table("DeliveriesTable"));
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
    void staffChangeRightsRegisterRightholdersAndRotateKeys() {
        String suffix = UUID.randomUUID().toString();
        DynamoRightStore rights = new DynamoRightStore(dynamo(), table("RightsTable"));
        Right right = new Right("tm-" + suffix, "rh-" + suffix, RightType.TRADEMARK, "ACME", "US-1", "US",
                RightStatus.PENDING, null, List.of());
        rights.put(right);
        assertThat(rights.setStatus(right.id(), RightStatus.VERIFIED, "staff-jane", "checked", AT))
                .hasValueSatisfying(r -> assertThat(r.status()).isEqualTo(RightStatus.VERIFIED));
        assertThat(rights.find(right.id()).orElseThrow().status()).isEqualTo(RightStatus.VERIFIED);
        assertThat(rights.setStatus("tm-none-" + suffix, RightStatus.REVOKED, "staff-jane", "x", AT)).isEmpty();
        assertThat(rights.find("tm-none-" + suffix)).isEmpty();

        DynamoRightholderStore rightholders = new DynamoRightholderStore(dynamo(), table("RightholdersTable"));
        Rightholder rightholder = new Rightholder("rh-" + suffix, "Initech", "ip@initech.example", null, Ids.webhookSecret());
        assertThat(rightholders.register(rightholder, "staff-jane", AT)).isTrue();
        assertThat(rightholders.register(new Rightholder(rightholder.id(), "Other", "o@o.example", null, "whsec_x"),
                "staff-joe", AT)).isFalse();
        assertThat(rightholders.find(rightholder.id())).contains(rightholder);

        DynamoApiKeyStore keys = new DynamoApiKeyStore(dynamo(), table("ApiKeysTable"));
        String first = Hashing.sha256Hex(Ids.apiKey());
        String second = Hashing.sha256Hex(Ids.apiKey());
        String kept = Hashing.sha256Hex(Ids.apiKey());
        keys.issue(first, rightholder.id(), "staff-jane", AT);
        keys.issue(second, rightholder.id(), "staff-jane", AT);
        keys.issue(kept, rightholder.id(), "staff-joe", AT);
        String othersKey = Hashing.sha256Hex(Ids.apiKey());
        keys.issue(othersKey, "rh-other-" + suffix, "staff-joe", AT);

        assertThat(keys.revokeAllBut(rightholder.id(), kept)).isEqualTo(2);
        assertThat(keys.rightholderFor(first)).isEmpty();
        assertThat(keys.rightholderFor(second)).isEmpty();
        assertThat(keys.rightholderFor(kept)).contains(rightholder.id());
        assertThat(keys.rightholderFor(othersKey)).contains("rh-other-" + suffix);
        assertThat(keys.revokeAllBut(rightholder.id(), kept)).isZero();
    }

    @Test
    void aTakedownHappensOnceAndRecognisesItsOwnReplay() {
        DynamoListingStore listings = new DynamoListingStore(dynamo(), table("ListingsTable"));
        String id = "l-" + UUID.randomUUID();
        listings.put(new Listing(id, "seller-x", "ACME bag", "ACME", ListingStatus.ACTIVE));
        Instant at = now();

        assertThat(listings.takeDown(id, "ntc_a", 3, at)).isEqualTo(dev.takedown.core.ports.ListingStore.Takedown.REMOVED);
        assertThat(listings.takeDown(id, "ntc_a", 3, at)).isEqualTo(dev.takedown.core.ports.ListingStore.Takedown.REMOVED);
        assertThat(listings.takeDown(id, "ntc_b", 0, at)).isEqualTo(dev.takedown.core.ports.ListingStore.Takedown.ALREADY_REMOVED);
        Listing removed = listings.find(id).orElseThrow();
        assertThat(removed.status()).isEqualTo(ListingStatus.REMOVED);
        assertThat(removed.removedBy("ntc_a", 3)).isTrue();
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
        assertThat(notices().complete(notice.id(), dev.takedown.core.model.NoticeOutcome.PARTIAL, at)).isTrue();
        assertThat(notices().complete(notice.id(), dev.takedown.core.model.NoticeOutcome.ALL, at.plusSeconds(1))).isFalse();
        Notice completed = notices().find(notice.id()).orElseThrow();
        assertThat(completed.outcome()).isEqualTo(dev.takedown.core.model.NoticeOutcome.PARTIAL);
        assertThat(completed.completedAt()).isEqualTo(at);
        assertThat(notices().settle(notice.id(), List.of(new NoticeStore.Settlement(0, false, false)), true))
                .as("a completed notice is not reopened").isEqualTo(new NoticeStore.Settled(completed, List.of()));
    }

    @Test
    void theAuditTrailKeepsOneEventPerTransitionInOrder() {
        DynamoAuditLog audit = new DynamoAuditLog(dynamo(), table("AuditTable"));
        String noticeId = Ids.notice(now());
        Instant at = now();
        var received = new dev.takedown.core.model.AuditEvent(noticeId, 1, "AUTO", at, ItemStatus.RECEIVED,
                ItemStatus.NEEDS_REVIEW, ItemReason.BRAND_MISMATCH, dev.takedown.core.model.DecisionRule.BRAND_MATCH);
        var reviewed = new dev.takedown.core.model.AuditEvent(noticeId, 1, "staff-1", at.plusSeconds(60), ItemStatus.NEEDS_REVIEW,
                ItemStatus.ACTIONED, null, dev.takedown.core.model.DecisionRule.STAFF_DECISION);
        audit.append(List.of(reviewed, received));
        audit.append(List.of(received, reviewed));
        audit.append(List.of(received));
        assertThat(audit.forNotice(noticeId)).containsExactly(received, reviewed);
        // The same batch again is refused; a replay that groups transitions differently adds a row, read once.
        assertThat(dynamo().query(r -> r.tableName(table("AuditTable")).keyConditionExpression("noticeId = :n")
                .expressionAttributeValues(Map.of(":n", AttributeValue.fromS(noticeId)))).count()).isEqualTo(2);
    }

    private void purge(String queueUrl) {
        List<Message> messages;
        do {
            messages = sqs().receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(0)).messages();
            messages.forEach(m -> sqs().deleteMessage(r -> r.queueUrl(queueUrl).receiptHandle(m.receiptHandle())));
        } while (!messages.isEmpty());
    }

    private static JsonNode parse(String body) {
        try {
            return Json.parse(body);
        } catch (Exception e) {
            throw new AssertionError("message body is not JSON: " + body, e);
        }
    }
}
