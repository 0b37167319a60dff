package dev.takedown.aws;

import dev.takedown.core.Hashing;
import dev.takedown.core.Times;
import dev.takedown.core.model.AuditEvent;
import dev.takedown.core.model.DecisionRule;
import dev.takedown.core.model.ItemReason;
import dev.takedown.core.model.ItemStatus;
import dev.takedown.core.ports.AuditLog;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * The audit trail: the transitions recorded together (one verification batch, one staff decision) in one row,
 * so that a batch costs write units by its size rather than one per item. The row is keyed by the transitions
 * it holds, so writing the same batch again is refused; a transition that lands in two different batches (an
 * interrupted attempt, replayed) is read back once, identified by notice, item and target status.
 */
public final class DynamoAuditLog implements AuditLog {
    /** Keeps a row well under DynamoDB's item size limit. */
    private static final int EVENTS_PER_ROW = 100;

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoAuditLog(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public void append(List<AuditEvent> events) {
        Map<String, List<AuditEvent>> byNotice = events.stream()
                .collect(Collectors.groupingBy(AuditEvent::noticeId, LinkedHashMap::new, Collectors.toList()));
        byNotice.forEach((noticeId, ofNotice) -> {
            List<AuditEvent> sorted = ofNotice.stream().sorted(Comparator.comparingInt(AuditEvent::itemIndex)
                    .thenComparing(e -> e.to().name())).toList();
            for (int from = 0; from < sorted.size(); from += EVENTS_PER_ROW) {
                appendRow(noticeId, sorted.subList(from, Math.min(sorted.size(), from + EVENTS_PER_ROW)));
            }
        });
    }

    private void appendRow(String noticeId, List<AuditEvent> events) {
        String transitions = events.stream().map(DynamoAuditLog::transition).collect(Collectors.joining(","));
        String eventKey = String.format("ITEMS#%06d#%s", events.get(0).itemIndex(),
                Hashing.sha256Hex(transitions).substring(0, 16));
        List<AttributeValue> rows = events.stream().map(e -> AttributeValue.fromM(Attrs.item()
                .n("itemIndex", e.itemIndex())
                .s("actor", e.actor())
                .s("at", Times.format(e.at()))
                .s("from", e.from().name())
                .s("to", e.to().name())
                .s("reason", e.reason() == null ? null : e.reason().name())
                .s("rule", e.rule() == null ? null : e.rule().name())
                .build())).toList();
        try {
            dynamo.putItem(r -> r.tableName(table).item(Attrs.item()
                            .s("noticeId", noticeId)
                            .s("eventKey", eventKey)
                            .attr("events", AttributeValue.fromL(rows))
                            .build())
                    .conditionExpression("attribute_not_exists(eventKey)"));
        } catch (ConditionalCheckFailedException e) {
            // Recorded by an earlier attempt.
        }
    }

    private static String transition(AuditEvent event) {
        return event.itemIndex() + ":" + event.to();
    }

    @Override
    public List<AuditEvent> forNotice(String noticeId) {
        Map<String, AuditEvent> byTransition = new LinkedHashMap<>();
        for (Map<String, AttributeValue> row : dynamo.queryPaginator(r -> r.tableName(table).consistentRead(true)
                .keyConditionExpression("noticeId = :n")
                .expressionAttributeValues(Map.of(":n", AttributeValue.fromS(noticeId)))).items()) {
            for (AttributeValue value : row.get("events").l()) {
                AuditEvent event = toEvent(noticeId, value.m());
                byTransition.merge(transition(event), event, (a, b) -> a.at().isAfter(b.at()) ? b : a);
            }
        }
        List<AuditEvent> events = new ArrayList<>(byTransition.values());
        events.sort(Comparator.comparing(AuditEvent::at).thenComparingInt(AuditEvent::itemIndex));
        return events;
    }

    private static AuditEvent toEvent(String noticeId, Map<String, AttributeValue> m) {
        String reason = Attrs.s(m, "reason");
        String rule = Attrs.s(m, "rule");
        return new AuditEvent(noticeId, Attrs.n(m, "itemIndex"), Attrs.s(m, "actor"), Times.parse(Attrs.s(m, "at")),
                ItemStatus.valueOf(Attrs.s(m, "from")), ItemStatus.valueOf(Attrs.s(m, "to")),
                reason == null ? null : ItemReason.valueOf(reason), rule == null ? null : DecisionRule.valueOf(rule));
    }
}
