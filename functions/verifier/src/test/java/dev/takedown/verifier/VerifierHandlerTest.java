package dev.takedown.verifier;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.takedown.core.decisions.DecisionRecorder;
import dev.takedown.core.json.Json;
import dev.takedown.core.model.ItemStatus;
import dev.takedown.core.model.NoticeItem;
import dev.takedown.core.model.Rightholder;
import dev.takedown.core.testing.EmfLines;
import dev.takedown.core.testing.Events;
import dev.takedown.core.testing.Fixtures;
import dev.takedown.core.testing.InMemoryAuditLog;
import dev.takedown.core.testing.InMemoryIdempotencyStore;
import dev.takedown.core.testing.InMemoryListingStore;
import dev.takedown.core.testing.InMemoryNoticeStore;
import dev.takedown.core.testing.InMemoryRightholderStore;
import dev.takedown.core.testing.RecordingNotifications;
import dev.takedown.core.testing.RecordingQueue;
import dev.takedown.core.verify.VerificationService;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class VerifierHandlerTest {
    private final InMemoryNoticeStore notices = new InMemoryNoticeStore();
    private final InMemoryRightholderStore rightholders = new InMemoryRightholderStore()
            .with(new Rightholder("acme", "Acme", "legal@acme.example", null));
    private final RecordingNotifications notifications = new RecordingNotifications();
    private final VerifierHandler handler = new VerifierHandler(new VerificationService(notices, Fixtures.RIGHT_STORE,
            rightholders, new InMemoryListingStore(), new DecisionRecorder(notices, new InMemoryAuditLog(), notifications,
            Fixtures.trust(rightholders, notifications)), Fixtures.clock()));

    private JsonNode invoke(String event) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out, null);
        return Json.parse(out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aBadMessageFailsAloneAndItsBatchMatesAreVerified() throws Exception {
        String noticeId = Fixtures.intake(notices, new InMemoryIdempotencyStore(), new RecordingQueue(), Fixtures.clock())
                .submit("acme", Fixtures.validBody(), null).notice().id();
        ObjectNode event = (ObjectNode) Json.parse(Events.load("verifier-sqs.json"));
        ObjectNode first = (ObjectNode) event.path("Records").get(0);
        first.put("body", Json.object().put("noticeId", noticeId).set("items", Json.array().add(0).add(1)).toString());

        JsonNode response = invoke(event.toString());

        assertThat(response.path("batchItemFailures")).extracting(f -> f.path("itemIdentifier").asText())
                .containsExactly(event.path("Records").get(1).path("messageId").asText());
        // The sample listings are not in this catalog, so both items end NOT_FOUND: decided, not left open.
        assertThat(notices.itemsOf(noticeId)).extracting(NoticeItem::status)
                .containsExactly(ItemStatus.NOT_FOUND, ItemStatus.NOT_FOUND);
    }

    @Test
    void aBatchWritesOneMetricLinePerStatusNotOnePerItem() throws Exception {
        var body = dev.takedown.core.testing.NoticeBodies.valid();
        var items = body.putArray("items");
        for (int i = 0; i < 30; i++) {
            items.addObject().put("listingId", "gone-" + i);
        }
        String noticeId = Fixtures.intake(notices, new InMemoryIdempotencyStore(), new RecordingQueue(), Fixtures.clock())
                .submit("acme", body.toString(), null).notice().id();
        ObjectNode event = (ObjectNode) Json.parse(Events.load("verifier-sqs.json"));
        for (int m = 0; m < 2; m++) {
            var indexes = Json.array();
            for (int i = m * 15; i < (m + 1) * 15; i++) {
                indexes.add(i);
            }
            ((ObjectNode) event.path("Records").get(m)).put("body",
                    Json.object().put("noticeId", noticeId).set("items", indexes).toString());
        }

        EmfLines metrics = EmfLines.capture(() -> invoke(event.toString()));

        assertThat(metrics.problems()).isEmpty();
        assertThat(metrics.sum("ItemsDecided", "Status", "NOT_FOUND", "DecidedBy", "AUTOMATED")).isEqualTo(30);
        assertThat(metrics.values("TimeToDecision", "DecidedBy", "AUTOMATED")).hasSize(30);
        // One line for the status, one for the times: both messages of the batch together.
        assertThat(metrics.documents()).hasSize(2);
    }

    @Test
    void theSampleEventAsItIsFailsOnlyWhereItMust() throws Exception {
        JsonNode response = invoke(Events.load("verifier-sqs.json"));
        // Its notice does not exist here (poison) and its second message is not JSON: both are reported.
        assertThat(response.path("batchItemFailures")).hasSize(2);
    }
}
