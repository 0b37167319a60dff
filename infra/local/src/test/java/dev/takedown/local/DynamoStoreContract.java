package dev.takedown.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.takedown.aws.DynamoApiKeyStore;
import dev.takedown.aws.DynamoAuditLog;
import dev.takedown.aws.DynamoDeliveryStore;
import dev.takedown.aws.DynamoFiguresStore;
import dev.takedown.aws.DynamoIdempotencyStore;
import dev.takedown.aws.DynamoListingStore;
import dev.takedown.aws.DynamoNoticeStore;
import dev.takedown.aws.DynamoRightStore;
import dev.takedown.aws.DynamoRightholderStore;
import dev.takedown.aws.DynamoSellerStore;
import dev.takedown.aws.DynamoTrustStore;
import dev.takedown.aws.DynamoWebhookSecretStore;
import dev.takedown.aws.SqsVerificationQueue;
import dev.takedown.core.json.Json;
import dev.takedown.core.model.AuditEvent;
import dev.takedown.core.model.DecisionRule;
import dev.takedown.core.model.DeliveryAttempt.Target;
import dev.takedown.core.model.Figures;
import dev.takedown.core.model.Ids;
import dev.takedown.core.model.ItemReason;
import dev.takedown.core.model.ItemStatus;
import dev.takedown.core.model.Listing;
import dev.takedown.core.model.Notice;
import dev.takedown.core.model.NoticeItem;
import dev.takedown.core.model.NoticeReason;
import dev.takedown.core.model.Principal;
import dev.takedown.core.model.Right;
import dev.takedown.core.model.RightType;
import dev.takedown.core.model.Rightholder;
import dev.takedown.core.model.Seller;
import dev.takedown.core.model.SellerStanding;
import dev.takedown.core.model.TimeBuckets;
import dev.takedown.core.ports.ApiKeyRegistry;
import dev.takedown.core.ports.ApiKeyStore;
import dev.takedown.core.ports.AuditLog;
import dev.takedown.core.ports.DeliveryStore;
import dev.takedown.core.ports.FiguresStore;
import dev.takedown.core.ports.IdempotencyStore;
import dev.takedown.core.ports.ListingStore;
import dev.takedown.core.ports.NoticeStore;
import dev.takedown.core.ports.NoticeStore.ListingClaim;
import dev.takedown.core.ports.RightStore;
import dev.takedown.core.ports.RightholderRegistry;
import dev.takedown.core.ports.RightholderStore;
import dev.takedown.core.ports.SellerRegistry;
import dev.takedown.core.ports.SellerStore;
import dev.takedown.core.ports.TrustStore;
import dev.takedown.core.ports.WebhookSecretRegistry;
import dev.takedown.core.ports.WebhookSecretStore;
import dev.takedown.core.staff.ReportStaffService;
import dev.takedown.core.staff.StaffRequests;
import dev.takedown.core.text.Times;
import dev.takedown.core.transparency.DsaExport;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The store contract on the DynamoDB adapters, run against dynalite and ElasticMQ ({@code *IntegrationTest}) and
 * against LocalStack where Docker exists ({@code *IT}); tables and queues are created from template.yaml by the
 * subclass. Beyond the ports, it checks what only the backends hold: the rows written, an API key never stored in
 * clear, verification work grouped into queue messages, sellers, which the unit tests keep in a map of their own,
 * and what the adapters do where the ports promise nothing.
 */
abstract class DynamoStoreContract extends StoreContract {
    abstract DynamoDbClient dynamo();

    abstract SqsClient sqs();

    abstract String table(String logicalId);

    abstract String queueUrl(String logicalId);

    @Override
    NoticeStore notices() {
        return new DynamoNoticeStore(dynamo(), table("NoticesTable"));
    }

    @Override
    IdempotencyStore idempotency() {
        return new DynamoIdempotencyStore(dynamo(), table("IdempotencyTable"));
    }

    @Override
    DeliveryStore newDeliverySender() {
        return new DynamoDeliveryStore(dynamo(), table("DeliveriesTable"));
    }

    @Override
    AuditLog audit() {
        return new DynamoAuditLog(dynamo(), table("AuditTable"));
    }

    @Override
    ListingStore listings() {
        return new DynamoListingStore(dynamo(), table("ListingsTable"));
    }

    @Override
    RightStore rights() {
        return new DynamoRightStore(dynamo(), table("RightsTable"));
    }

    @Override
    RightholderStore rightholders() {
        return new DynamoRightholderStore(dynamo(), table("RightholdersTable"));
    }

    @Override
    RightholderRegistry rightholderRegistry() {
        return new DynamoRightholderStore(dynamo(), table("RightholdersTable"));
    }

    @Override
    ApiKeyStore apiKeys() {
        return new DynamoApiKeyStore(dynamo(), table("ApiKeysTable"));
    }

    @Override
    ApiKeyRegistry apiKeyRegistry() {
        return new DynamoApiKeyStore(dynamo(), table("ApiKeysTable"));
    }

    @Override
    TrustStore trust() {
        return new DynamoTrustStore(dynamo(), table("TrustTable"), table("RightholdersTable"), table("SellersTable"));
    }

    @Override
    FiguresStore figures() {
        return new DynamoFiguresStore(dynamo(), table("FiguresTable"));
    }

    @Override
    SellerStore sellers() {
        return new DynamoSellerStore(dynamo(), table("SellersTable"));
    }

    @Override
    SellerRegistry sellerRegistry() {
        return new DynamoSellerStore(dynamo(), table("SellersTable"));
    }

    @Override
    WebhookSecretStore webhookSecrets() {
        return new DynamoWebhookSecretStore(dynamo(), table("WebhookSecretsTable"));
    }

    @Override
    WebhookSecretRegistry webhookSecretRegistry() {
        return new DynamoWebhookSecretStore(dynamo(), table("WebhookSecretsTable"));
    }

    @Override
    void seed(Rightholder rightholder) {
        new DynamoRightholderStore(dynamo(), table("RightholdersTable")).put(rightholder);
    }

    @Override
    void seed(Right right) {
        new DynamoRightStore(dynamo(), table("RightsTable")).put(right);
    }

    @Override
    void seed(Listing listing) {
        new DynamoListingStore(dynamo(), table("ListingsTable")).put(listing);
    }

    @Override
    void seedApiKey(String apiKey, String rightholderId, Instant at) {
        new DynamoApiKeyStore(dynamo(), table("ApiKeysTable"))
                .register(apiKey, Principal.rightholder(rightholderId), at);
    }

    private int rowsOfNotice(String logicalTableId, String noticeId) {
        return dynamo().query(r -> r.tableName(table(logicalTableId)).keyConditionExpression("noticeId = :n")
                .expressionAttributeValues(Map.of(":n", AttributeValue.fromS(noticeId)))).count();
    }

    /** Every figure this system counts, each as large as a busy year would make it: the largest row a day can have. */
    private static Figures everyFigure() {
        long many = 9_876_543_210L;
        Figures.Builder every = Figures.builder().add(Figures.NOTICES_RECEIVED, many).add(Figures.ITEMS_RECEIVED, many)
                .add(Figures.COUNTER_NOTICES_FILED, many).add(Figures.COUNTER_NOTICES_UPHELD, many)
                .add(Figures.ITEMS_WITHDRAWN, many).add(Figures.ITEMS_RETRACTED, many)
                .add(Figures.STRIKES_ESTABLISHED, many).add(Figures.STRIKES_VOIDED, many)
                .add(Figures.noticesBySender(true), many).add(Figures.noticesBySender(false), many)
                .add(Figures.senders("WARNED"), many).add(Figures.senders("SUSPENDED"), many);
        Arrays.stream(NoticeReason.values()).forEach(r -> every.add(Figures.noticesByReason(r), many));
        Arrays.stream(RightType.values()).forEach(t -> every.add(Figures.noticesByRightType(t), many));
        Arrays.stream(Figures.Restoration.values()).forEach(r -> every.add(Figures.counterNoticesRestored(r), many));
        Arrays.stream(SellerStanding.values()).forEach(s -> every.add(Figures.sellers(s.name()), many));
        int lastBucket = TimeBuckets.of(Duration.ofDays(3650));
        for (Figures.DecidedBy by : Figures.DecidedBy.values()) {
            for (ItemStatus status : ItemStatus.values()) {
                Arrays.stream(DecisionRule.values()).forEach(rule -> every.add(Figures.itemDecided(by, status, rule), many));
            }
            IntStream.rangeClosed(0, lastBucket).forEach(b -> every.add(Figures.decisionTime(by, b), many));
        }
        for (String party : List.of("RIGHTHOLDER", "SELLER")) {
            every.add(Figures.complaintsFiled(party), many);
            List.of("UPHOLD", "REVERSE").forEach(d -> every.add(Figures.complaintsDecided(party, d), many));
        }
        IntStream.rangeClosed(0, lastBucket).forEach(b -> every.add(Figures.complaintHandlingTime(b), many));
        return every.build();
    }

    @Test
    void aThirtyDayTransparencyReportIsAFewReadsHoweverLargeTheDaysFiguresGrow() {
        String owner = rightholder();
        // Days of their own, so that the platform's figures of other runs on the same tables do not count.
        LocalDate first = LocalDate.of(2300, 1, 1).plusDays(Math.floorMod(owner.hashCode(), 300_000));
        Figures every = everyFigure();
        IntStream.range(0, 30).parallel().forEach(d -> figures().add(owner, first.plusDays(d), every));
        AtomicInteger reads = new AtomicInteger();
        DynamoDbClient counted = (DynamoDbClient) Proxy.newProxyInstance(DynamoDbClient.class.getClassLoader(),
                new Class<?>[] {DynamoDbClient.class}, (proxy, method, args) -> {
                    if (method.getName().endsWith("Paginator")) {
                        // Pages are asked of the proxy, so that each page read is counted.
                        return InvocationHandler.invokeDefault(proxy, method, args);
                    }
                    if (Set.of("getItem", "batchGetItem", "query", "scan").contains(method.getName())) {
                        reads.incrementAndGet();
                    }
                    try {
                        return method.invoke(dynamo(), args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        ReportStaffService reports = new ReportStaffService(new DynamoFiguresStore(counted, table("FiguresTable")),
                new DsaExport(notices(), trust(), false));

        ObjectNode report = reports.transparencyReport(new StaffRequests.TransparencyReport(first, first.plusDays(29),
                StaffRequests.ReportFormat.json));

        assertThat(report.path("notices").path("received").asLong()).isEqualTo(30 * 9_876_543_210L);
        assertThat(reads.get()).as("read requests of a 30-day report").isBetween(1, 35);
        reads.set(0);
        assertThat(new DynamoFiguresStore(counted, table("FiguresTable")).rightholder(owner, first, first.plusDays(29))
                .get(Figures.NOTICES_RECEIVED)).isEqualTo(30 * 9_876_543_210L);
        assertThat(reads.get()).as("read requests of a rightholder's 30 days").isBetween(1, 35);
    }

    @Test
    void aNoticeLeftHalfWrittenIsTakenOverOnlyOnceItsWritersLeaseRanOut() {
        Notice notice = notice(rightholder(), now(), 2);
        // What a writer that died after its gate and one item leaves behind.
        Instant leaseEnds = notice.receivedAt().plus(NoticeStore.WRITE_LEASE);
        dynamo().putItem(r -> r.tableName(table("NoticesTable")).item(Map.of(
                "noticeId", AttributeValue.fromS(notice.id()), "sk", AttributeValue.fromS("#NOTICE"),
                "writeLease", AttributeValue.fromS(Times.format(leaseEnds)))));
        assertThat(notices().find(notice.id())).as("a gate is not a received notice").isEmpty();

        Notice tooSoon = retryOf(notice, leaseEnds.minusSeconds(1));
        assertThat(notices().saveNew(tooSoon, List.of(NoticeItem.open(0, null, "1"))))
                .isEqualTo(NoticeStore.Saved.BEING_WRITTEN);
        assertThat(rowsOfNotice("NoticesTable", notice.id())).isEqualTo(1);

        Notice late = retryOf(notice, leaseEnds.plusSeconds(1));
        List<NoticeItem> items = List.of(NoticeItem.open(0, null, "1"), NoticeItem.open(1, null, "2"));
        assertThat(notices().saveNew(late, items)).isEqualTo(NoticeStore.Saved.STORED);
        assertThat(notices().find(notice.id())).contains(late);
        assertThat(notices().items(notice.id(), null, null, 10).entries()).isEqualTo(items);
        assertThat(notices().awaitingDispatch(late.receivedAt().plusSeconds(1), 1000)).contains(notice.id());
    }

    private static Notice retryOf(Notice notice, Instant at) {
        return new Notice(notice.id(), notice.rightholderId(), notice.rightId(), notice.reason(), notice.explanation(),
                notice.sender(), notice.signature(), notice.evidence(), notice.status(), at, notice.itemCount(),
                notice.progress(), null, null, false);
    }

    @Test
    void aListingHasOneClaimRowHoweverManyNoticesNameIt() {
        String listing = "L-" + UUID.randomUUID();
        for (int n = 0; n < 5; n++) {
            Notice notice = notice(rightholder(), now().plusSeconds(n), 1);
            notices().saveNew(notice, List.of(NoticeItem.open(0, null, listing)));
            notices().claimListing(listing, new ListingClaim(notice.id(), 0));
        }
        assertThat(rowsOfNotice("NoticesTable", "LISTING#" + listing)).isEqualTo(1);
    }

    @Test
    void aDeliveredWebhookIsStoredAsItsAttemptsAndOneMark() {
        String noticeId = Ids.notice(now());
        deliverAfterTwoRetriesAndToTheSeller(newDeliverySender(), noticeId, now(), Duration.ofSeconds(30));
        // Three attempts and a mark for the rightholder's webhook; the seller's delivery is its mark alone.
        assertThat(rowsOfNotice("DeliveriesTable", noticeId)).isEqualTo(5);
    }

    @Test
    void theAuditTrailStoresABatchOnce() {
        String noticeId = Ids.notice(now());
        Instant at = now();
        appendTwiceThenRegrouped(audit(),
                new AuditEvent(noticeId, 1, "AUTO", at, ItemStatus.RECEIVED, ItemStatus.NEEDS_REVIEW,
                        ItemReason.BRAND_MISMATCH, DecisionRule.BRAND_MATCH),
                new AuditEvent(noticeId, 1, "staff-1", at.plusSeconds(60), ItemStatus.NEEDS_REVIEW,
                        ItemStatus.ACTIONED, null, DecisionRule.STAFF_DECISION));
        // The same batch again is refused; a replay that groups transitions differently adds a row, read once.
        assertThat(rowsOfNotice("AuditTable", noticeId)).isEqualTo(2);
    }

    @Test
    void completingAnIdempotencyKeyNeverClaimedFails() {
        // A key is completed only after its claim, so the port promises nothing here; the adapter's write refuses.
        String owner = rightholder();
        assertThatThrownBy(() -> idempotency().complete(owner, "key-none"))
                .isInstanceOf(ConditionalCheckFailedException.class);
        assertThat(idempotency().find(owner, "key-none")).isEmpty();
    }

    @Test
    void anApiKeyIsStoredOnlyAsItsHash() {
        String apiKey = Ids.apiKey();
        seedApiKey(apiKey, rightholder(), Instant.now());
        List<Map<String, AttributeValue>> stored = dynamo().scan(r -> r.tableName(table("ApiKeysTable"))).items();
        assertThat(stored).allSatisfy(row -> assertThat(row.values()).noneMatch(v -> apiKey.equals(v.s())));
    }

    @Test
    void secretsAreKeptUnderTheirOwnersKeyAndNowhereElse() {
        String id = rightholder();
        String secret = Ids.webhookSecret();
        assertThat(rightholderRegistry().register(new Rightholder(id, "Initech", "ip@initech.example", null),
                "staff-jane", AT)).isTrue();
        assertThat(webhookSecretRegistry().issue(Target.RIGHTHOLDER, id, secret, "staff-jane", AT)).isTrue();

        var row = dynamo().getItem(r -> r.tableName(table("WebhookSecretsTable"))
                .key(Map.of("id", AttributeValue.fromS("RIGHTHOLDER#" + id)))).item();
        assertThat(row.get("current").s()).isEqualTo(secret);
        assertThat(dynamo().getItem(r -> r.tableName(table("RightholdersTable"))
                .key(Map.of("id", AttributeValue.fromS(id)))).item().values()).noneMatch(v -> secret.equals(v.s()));
    }

    @Test
    void aSellerReadsBackAsStored() {
        Seller seller = new Seller("s-" + UUID.randomUUID(), "Honest Goods", null);
        new DynamoSellerStore(dynamo(), table("SellersTable")).put(seller);
        assertThat(new DynamoSellerStore(dynamo(), table("SellersTable")).find(seller.id())).contains(seller);
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
