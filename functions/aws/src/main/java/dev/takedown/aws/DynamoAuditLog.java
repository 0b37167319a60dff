package dev.takedown.aws;

import dev.takedown.core.Times;
import dev.takedown.core.model.AuditEvent;
import dev.takedown.core.model.DecisionRule;
import dev.takedown.core.model.ItemReason;
import dev.takedown.core.model.ItemStatus;
import dev.takedown.core.ports.AuditLog;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * The audit trail: one row per item transition, keyed by notice, item and target status, so that writing
 * the same transition again is refused rather than duplicated.
 */
public final class DynamoAuditLog implements AuditLog {
    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoAuditLog(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public void append(List<AuditEvent> events) {
        for (AuditEvent event : events) {
            try {
                dynamo.putItem(r -> r.tableName(table).item(Attrs.item()
                                .s("noticeId", event.noticeId())
                                .s("eventKey", String.format("ITEM#%06d#%s", event.itemIndex(), event.to()))
                                .n("itemIndex", event.itemIndex())
                                .s("actor", event.actor())
                                .s("at", Times.format(event.at()))
                                .s("from", event.from().name())
                                .s("to", event.to().name())
                                .s("reason", event.reason() == null ? null : event.reason().name())
                                .s("rule", event.rule() == null ? null : event.rule().name())
                                .build())
                        .conditionExpression("attribute_not_exists(eventKey)"));
            } catch (ConditionalCheckFailedException e) {
                // Recorded by an earlier attempt.
            }
        }
    }

    @Override
    public List<AuditEvent> forNotice(String noticeId) {
        List<AuditEvent> events = new ArrayList<>();
        for (Map<String, AttributeValue> row : dynamo.queryPaginator(r -> r.tableName(table).consistentRead(true)
                .keyConditionExpression("noticeId = :n")
                .expressionAttributeValues(Map.of(":n", AttributeValue.fromS(noticeId)))).items()) {
            String reason = Attrs.s(row, "reason");
            String rule = Attrs.s(row, "rule");
            events.add(new AuditEvent(noticeId, Attrs.n(row, "itemIndex"), Attrs.s(row, "actor"),
                    Times.parse(Attrs.s(row, "at")), ItemStatus.valueOf(Attrs.s(row, "from")),
                    ItemStatus.valueOf(Attrs.s(row, "to")), reason == null ? null : ItemReason.valueOf(reason),
                    rule == null ? null : DecisionRule.valueOf(rule)));
        }
        events.sort(Comparator.comparing(AuditEvent::at).thenComparingInt(AuditEvent::itemIndex));
        return events;
    }
}
