package dev.takedown.notifier;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.takedown.aws.SqsRedelivery;
import dev.takedown.aws.testing.RecordingSqs;
import dev.takedown.core.json.Json;
import dev.takedown.core.model.Decision;
import dev.takedown.core.model.DecisionRule;
import dev.takedown.core.model.ItemStatus;
import dev.takedown.core.model.Notice;
import dev.takedown.core.model.NoticeItem;
import dev.takedown.core.model.NoticeReason;
import dev.takedown.core.model.NoticeStatus;
import dev.takedown.core.model.Progress;
import dev.takedown.core.model.Rightholder;
import dev.takedown.core.model.WebhookSecrets;
import dev.takedown.core.model.Sender;
import dev.takedown.core.notify.CallbackPolicy;
import dev.takedown.core.notify.NotifierService;
import dev.takedown.core.notify.RetrySchedule;
import dev.takedown.core.testing.Events;
import dev.takedown.core.testing.Fixtures;
import dev.takedown.core.testing.InMemoryDeliveryStore;
import dev.takedown.core.testing.InMemoryNoticeStore;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class NotifierHandlerTest {
    private static final String NOTICE_ID = "ntc_01jd0000000000000000000000";

    private final InMemoryNoticeStore notices = new InMemoryNoticeStore();
    private final InMemoryDeliveryStore deliveries = new InMemoryDeliveryStore();
    private final RecordingSqs sqs = new RecordingSqs();
    private final List<String> bodiesSent = new ArrayList<>();
    /** What the rightholder's endpoint answers to notice.completed; everything else gets 204. */
    private int answer = 204;

    private NotifierHandler handler() {
        NotifierService service = new NotifierService(notices,
                id -> Optional.of(new Rightholder("acme", "Acme", "legal@acme.example", "https://hooks.acme.example/")),
                id -> Optional.empty(), deliveries,
                (url, address, headers, body) -> {
                    bodiesSent.add(body);
                    return body.contains("notice.completed") ? answer : 204;
                },
                new CallbackPolicy(host -> List.of(InetAddress.getByName("93.184.216.34")), false),
                RetrySchedule.parse("10,60,600,3600"),
                (owner, id) -> Optional.of(WebhookSecrets.of("whsec_37q6Uz0ldqdToYxVSveHPT04dVDAVGHV")), Fixtures.clock());
        return new NotifierHandler(service, new SqsRedelivery(sqs, "https://sqs.example/NotificationQueue"));
    }

    @BeforeEach
    void aCompletedNotice() {
        Notice notice = new Notice(NOTICE_ID, "acme", "tm-acme-us", NoticeReason.COUNTERFEIT, "Counterfeit goods.",
                new Sender("Jane Doe", "legal@acme.example"), "Jane Doe", List.of(), NoticeStatus.COMPLETED,
                Fixtures.NOW, 4, new Progress(4, 4, 0, 0), null, null, false);
        List<NoticeItem> items = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            items.add(NoticeItem.open(i, "https://market.example/item/100" + i, "100" + i)
                    .decided(ItemStatus.ACTIONED, null, Decision.auto(Fixtures.NOW, DecisionRule.BRAND_MATCH)));
        }
        notices.saveNew(notice, items);
    }

    private JsonNode invoke(String event) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler().handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out, null);
        return Json.parse(out.toString(StandardCharsets.UTF_8));
    }

    private static List<String> failedIds(JsonNode response) {
        List<String> ids = new ArrayList<>();
        response.path("batchItemFailures").forEach(f -> ids.add(f.path("itemIdentifier").asText()));
        return ids;
    }

    @Test
    void failedDeliveriesComeBackAfterTheirDelayAndAPoisonMessageFailsAloneWithoutHarmingItsBatch() throws Exception {
        answer = 500;
        JsonNode response = invoke(Events.load("notifier-sqs.json"));

        assertThat(failedIds(response)).containsExactly(
                "4f1c2d3e-0000-4000-8000-000000000001", "4f1c2d3e-0000-4000-8000-000000000003");
        assertThat(sqs.visibilityChanges).containsExactly(Map.entry("AQEBnoticeCompletedReceiptHandle==", 10));
        assertThat(bodiesSent).hasSize(2);
        assertThat(deliveries.attempts).extracting(a -> a.outcome().name()).containsExactly("RETRYING", "DELIVERED");
        assertThat(deliveries.attempts.get(1).attempt()).isEqualTo(2);
    }

    @Test
    void aBatchThatAllGoesThroughReportsNoFailures() throws Exception {
        ObjectNode event = (ObjectNode) Json.parse(Events.load("notifier-sqs.json"));
        event.withArray("Records").remove(2);
        assertThat(failedIds(invoke(event.toString()))).isEmpty();
        assertThat(sqs.visibilityChanges).isEmpty();
    }

    @Test
    void theLastAttemptIsMarkedFailedAndHandedToTheDeadLetterQueueAtOnce() throws Exception {
        answer = 503;
        ObjectNode event = (ObjectNode) Json.parse(Events.load("notifier-sqs.json"));
        var records = event.withArray("Records");
        records.remove(2);
        records.remove(1);
        ((ObjectNode) records.get(0).path("attributes")).put("ApproximateReceiveCount", "5");

        assertThat(failedIds(invoke(event.toString()))).containsExactly("4f1c2d3e-0000-4000-8000-000000000001");
        assertThat(sqs.visibilityChanges).containsExactly(Map.entry("AQEBnoticeCompletedReceiptHandle==", 0));
        assertThat(deliveries.attempts).singleElement().satisfies(a -> assertThat(a.outcome().name()).isEqualTo("FAILED"));
    }
}
