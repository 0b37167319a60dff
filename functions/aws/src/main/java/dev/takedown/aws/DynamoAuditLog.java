package dev.takedown.aws;

import dev.takedown.core.model.AuditEvent;
import dev.takedown.core.model.DecisionRule;
import dev.takedown.core.model.ItemReason;
import dev.takedown.core.model.ItemStatus;
import dev.takedown.core.ports.AuditLog;
import dev.takedown.core.text.Hashing;
import dev.takedown.core.text.Times;
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
 * so that a batch costs write units by its size rather than one per item. The row names the status, actor and time
 * its transitions share ({@code from}, {@code actor}, {@code at}); each transition is one line,
 * {@code "<item> <to> <reason|-> <rule|->"}, followed by {@code " <from> <actor> <at>"} when they differ from the
 * row's. A verification message's 25 transitions fit in one write unit. The row is keyed by the transitions
 * it holds, so writing the same batch again is refused; a transition that lands in two different batches (an
 * interrupted attempt, replayed) is read back once, identified by notice, item, target status and rule.
 */
public final class DynamoAuditLog extends SingleTableStore implements AuditLog {
    /** Keeps a row well under DynamoDB's item size limit. */
    private static final int EVENTS_PER_ROW = 100;

    public DynamoAuditLog(DynamoDbClient dynamo, String table) {
        super(dynamo, table);
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
        AuditEvent first = events.get(0);
        List<AttributeValue> lines = events.stream().map(e -> AttributeValue.fromS(line(e, first))).toList();
        try {
            dynamo.putItem(r -> r.tableName(table).item(Attrs.item()
                            .s("noticeId", noticeId)
                            .s("eventKey", eventKey)
                            .s("from", first.from().name())
                            .s("actor", first.actor())
                            .s("at", Times.format(first.at()))
                            .attr("events", AttributeValue.fromL(lines))
                            .build())
                    .conditionExpression("attribute_not_exists(eventKey)"));
        } catch (ConditionalCheckFailedException e) {
            // Recorded by an earlier attempt.
        }
    }

    private static String line(AuditEvent e, AuditEvent first) {
        String line = e.itemIndex() + " " + e.to() + " " + (e.reason() == null ? "-" : e.reason()) + " "
                + (e.rule() == null ? "-" : e.rule());
        boolean shared = e.from() == first.from() && e.actor().equals(first.actor()) && e.at().equals(first.at());
        return shared ? line : line + " " + e.from() + " " + e.actor() + " " + Times.format(e.at());
    }

    /** A transition's identity: an item may reach a status twice, by different rules (ACTIONED, then upheld). */
    private static String transition(AuditEvent event) {
        return event.itemIndex() + ":" + event.to() + ":" + event.rule();
    }

    @Override
    public List<AuditEvent> forNotice(String noticeId) {
        Map<String, AuditEvent> byTransition = new LinkedHashMap<>();
        for (Map<String, AttributeValue> row : dynamo.queryPaginator(r -> r.tableName(table).consistentRead(true)
                .keyConditionExpression("noticeId = :n")
                .expressionAttributeValues(Map.of(":n", AttributeValue.fromS(noticeId)))).items()) {
            for (AttributeValue value : row.get("events").l()) {
                AuditEvent event = toEvent(noticeId, value.s(), row);
                byTransition.merge(transition(event), event, (a, b) -> a.at().isAfter(b.at()) ? b : a);
            }
        }
        List<AuditEvent> events = new ArrayList<>(byTransition.values());
        events.sort(Comparator.comparing(AuditEvent::at).thenComparingInt(AuditEvent::itemIndex));
        return events;
    }

    private static AuditEvent toEvent(String noticeId, String line, Map<String, AttributeValue> row) {
        String[] part = line.split(" ");
        boolean own = part.length > 4;
        return new AuditEvent(noticeId, Integer.parseInt(part[0]), own ? part[5] : Attrs.s(row, "actor"),
                Times.parse(own ? part[6] : Attrs.s(row, "at")),
                ItemStatus.valueOf(own ? part[4] : Attrs.s(row, "from")), ItemStatus.valueOf(part[1]),
                "-".equals(part[2]) ? null : ItemReason.valueOf(part[2]),
                "-".equals(part[3]) ? null : DecisionRule.valueOf(part[3]));
    }
}
