package dev.takedown.local;

import static dev.takedown.local.FaultDrills.ACME_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.takedown.aws.DynamoAuditLog;
import dev.takedown.core.model.AuditEvent;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every verifier and notifier invocation stalls past its queue's one-second visibility timeout, so each message
 * is delivered again while its first delivery is still being handled, and the copies run side by side (the local
 * stack polls each queue with several concurrent batches, like Lambda). Nothing may happen twice.
 */
class FaultDrillRedeliveryStormTest {
    private static final Duration STALL = Duration.ofMillis(1500);
    private static final Set<String> WRITES = Set.of("PutItem", "UpdateItem", "DeleteItem", "BatchWriteItem",
            "TransactWriteItems");
    private static final Set<String> STALLED_FUNCTIONS = Set.of("VerifierFunction", "NotifierFunction");
    private static final Set<String> STALLED_INVOCATIONS = ConcurrentHashMap.newKeySet();
    private static final AtomicInteger VERIFIERS_STALLED = new AtomicInteger();
    private static final AtomicInteger MOST_VERIFIERS_STALLED_AT_ONCE = new AtomicInteger();

    private static LocalStack stack;
    private static String noticeId;

    @BeforeAll
    static void start() throws Exception {
        stack = LocalStack.start(ProjectTemplate.stack(Map.of("VerificationVisibilityTimeout", "1")).withPollers(3));
        FaultDrills.setVisibilityTimeout(stack, "NotificationQueue", Duration.ofSeconds(1));
        // The first write of each invocation waits, after its reads: the copy that overlaps it reads the same state.
        FaultInjector.install((function, service, operation, attributes) -> {
            if (STALLED_FUNCTIONS.contains(function) && "DynamoDb".equals(service) && WRITES.contains(operation)
                    && STALLED_INVOCATIONS.add(Functions.currentRequestId())) {
                boolean verifier = function.equals("VerifierFunction");
                if (verifier) {
                    MOST_VERIFIERS_STALLED_AT_ONCE.accumulateAndGet(VERIFIERS_STALLED.incrementAndGet(), Math::max);
                }
                sleep(STALL);
                if (verifier) {
                    VERIFIERS_STALLED.decrementAndGet();
                }
            }
        });
        List<String> listingIds = IntStream.range(0, 12).mapToObj(i -> "storm-" + i).toList();
        // Sellers with a callback URL get listing.restricted webhooks, which the storm hits too.
        listingIds.forEach(id -> FaultDrills.listings(stack).put(FaultDrills.counterfeit(id,
                id.endsWith("0") || id.endsWith("5") ? "seller-honest" : "seller-fake")));
        noticeId = FaultDrills.submit(stack, ACME_KEY, FaultDrills.noticeNaming(listingIds));
        FaultDrills.awaitNotice(stack, noticeId, ACME_KEY, Duration.ofSeconds(60),
                n -> n.path("status").asText().equals("COMPLETED"));
        FaultDrills.await("both queues to drain", Duration.ofSeconds(60),
                () -> FaultDrills.drained(stack, "VerificationQueue") && FaultDrills.drained(stack, "NotificationQueue"));
    }

    @AfterAll
    static void stop() {
        FaultInjector.clear();
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void copiesOfTheOneVerificationMessageRanSideBySide() {
        // Twelve items make a single verification message: overlapping verifiers are copies of it.
        assertThat(MOST_VERIFIERS_STALLED_AT_ONCE.get()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void eachListingIsTakenDownOnceByItsOwnItemWithOneAuditEvent() throws Exception {
        JsonNode notice = FaultDrills.get(stack, "/v1/notices/" + noticeId, ACME_KEY).body();
        assertThat(notice.path("outcome").asText()).isEqualTo("ALL");
        for (JsonNode item : notice.path("items")) {
            assertThat(item.path("status").asText()).as(item.toString()).isEqualTo("ACTIONED");
            assertThat(FaultDrills.listings(stack).find(item.path("listingId").asText()).orElseThrow()
                    .removedBy(noticeId, item.path("index").asInt())).isTrue();
        }
        List<AuditEvent> trail = new DynamoAuditLog(stack.dynamo(), stack.tableName("AuditTable")).forNotice(noticeId);
        assertThat(trail).hasSize(12);
        assertThat(trail.stream().map(AuditEvent::itemIndex)).doesNotHaveDuplicates();
    }

    @Test
    void everyEventReachesItsRecipient() {
        List<WebhookReceiver.Receipt> receipts = stack.webhookReceipts();
        assertThat(receipts).extracting(WebhookReceiver.Receipt::type)
                .contains("notice.received", "items.decided", "notice.completed");
        // storm-0, storm-5 and storm-10 belong to the seller with a callback URL; removed by the one message, they
        // go to that seller together.
        assertThat(receipts.stream().filter(r -> r.type().equals("listing.restricted"))
                .map(WebhookReceiver.Receipt::webhookId).distinct()).hasSize(1);
    }

    @Test
    void noWebhookIdIsDeliveredTwice() {
        assertThat(stack.webhookReceipts()).extracting(WebhookReceiver.Receipt::webhookId).doesNotHaveDuplicates();
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
