package dev.takedown.local;

import static dev.takedown.local.FaultDrills.ACME_KEY;
import static dev.takedown.local.FaultDrills.GLOBEX_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.takedown.aws.DynamoAuditLog;
import dev.takedown.aws.DynamoNoticeStore;
import dev.takedown.core.model.AuditEvent;
import dev.takedown.core.model.ItemStatus;
import dev.takedown.core.model.Notice;
import dev.takedown.core.model.NoticeItem;
import dev.takedown.core.model.NoticeOutcome;
import dev.takedown.core.model.NoticeStatus;
import dev.takedown.core.testing.NoticeBodies;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DynamoDB is killed while a 500-item notice is being verified and comes back on the same port with its data
 * (kept on disk). Work that failed meanwhile comes back after the verification queue's visibility timeout,
 * shortened here through the template parameter (the local stack does not enforce its MinValue of 180). Small
 * messages keep each batch well within that timeout, so only the outage makes work come back.
 */
class FaultDrillDynamoRestartTest {
    private static final int ITEMS = 500;
    /** Past the SDK's own retries of a refused connection (about three seconds), so verification work really fails. */
    private static final Duration DOWN = Duration.ofSeconds(6);

    @TempDir
    static Path dataDir;
    private static LocalStack stack;

    @BeforeAll
    static void start() {
        stack = LocalStack.start(ProjectTemplate.stack(Map.of("VerificationVisibilityTimeout", "15",
                "ItemsPerMessage", "5")).withDataDir(dataDir));
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void everyItemIsSettledOnceAndEveryAcceptedNoticeIsKept() throws Exception {
        List<String> listingIds = IntStream.range(0, ITEMS).mapToObj(i -> String.format("restart-%03d", i)).toList();
        listingIds.forEach(id -> FaultDrills.listings(stack).put(FaultDrills.counterfeit(id, "seller-fake")));
        String noticeId = FaultDrills.submit(stack, ACME_KEY, FaultDrills.noticeNaming(listingIds));
        DynamoNoticeStore notices = new DynamoNoticeStore(stack.dynamo(), stack.tableName("NoticesTable"));
        FaultDrills.await("verification under way", Duration.ofSeconds(60),
                () -> notices.find(noticeId).orElseThrow().progress().settled() > 0);

        // Globex keeps submitting while DynamoDB is down and back: whatever was accepted must be readable.
        List<String> accepted = new CopyOnWriteArrayList<>();
        AtomicBoolean submitting = new AtomicBoolean(true);
        Thread submitter = new Thread(() -> {
            var body = NoticeBodies.valid().put("rightId", "tm-globex");
            while (submitting.get()) {
                try {
                    FaultDrills.Reply reply = FaultDrills.call(stack, "POST", "/v1/notices", GLOBEX_KEY, body.toString(), null);
                    if (reply.status() == 202) {
                        accepted.add(reply.body().path("id").asText());
                    }
                    Thread.sleep(200);
                } catch (Exception e) {
                    return;
                }
            }
        });
        submitter.start();
        int settledBeforeCrash = notices.find(noticeId).orElseThrow().progress().settled();
        stack.restartDynamo(DOWN);
        Thread.sleep(2000);
        submitting.set(false);
        submitter.join();
        assertThat(settledBeforeCrash).as("the crash came in the middle of verification").isLessThan(ITEMS);

        FaultDrills.await("the notice to complete", Duration.ofSeconds(90),
                () -> notices.find(noticeId).orElseThrow().status() == NoticeStatus.COMPLETED);
        Notice notice = notices.find(noticeId).orElseThrow();
        assertThat(notice.progress().settled()).isEqualTo(ITEMS);
        assertThat(notice.progress().actioned()).isEqualTo(ITEMS);
        assertThat(notice.outcome()).isEqualTo(NoticeOutcome.ALL);

        List<NoticeItem> items = notices.allItems(noticeId, null);
        assertThat(items).hasSize(ITEMS).allSatisfy(item -> assertThat(item.status()).isEqualTo(ItemStatus.ACTIONED));
        List<AuditEvent> trail = new DynamoAuditLog(stack.dynamo(), stack.tableName("AuditTable")).forNotice(noticeId);
        assertThat(trail.stream().map(AuditEvent::itemIndex).collect(Collectors.toSet())).hasSize(ITEMS);
        assertThat(trail).hasSize(ITEMS).allSatisfy(e -> assertThat(e.to()).isEqualTo(ItemStatus.ACTIONED));
        for (NoticeItem item : items) {
            assertThat(FaultDrills.listings(stack).find(item.listingId()).orElseThrow().removedBy(noticeId, item.index()))
                    .as("listing %s taken down by its own item", item.listingId()).isTrue();
        }
        FaultDrills.await("notice.completed to reach acme", Duration.ofSeconds(30), () -> stack.webhookReceipts().stream()
                .anyMatch(r -> r.recipient().equals("acme") && r.type().equals("notice.completed")));
        assertThat(stack.webhookReceipts().stream()
                .filter(r -> r.recipient().equals("acme") && r.type().equals("notice.completed"))
                .map(WebhookReceiver.Receipt::webhookId).distinct()).as("completion events raised").hasSize(1);

        assertThat(accepted).as("notices accepted around the outage").isNotEmpty();
        for (String id : accepted) {
            assertThat(FaultDrills.get(stack, "/v1/notices/" + id, GLOBEX_KEY).status()).as("GET notice " + id).isEqualTo(200);
        }
    }
}
