package dev.takedown.aws;

import dev.takedown.core.model.Figures;
import dev.takedown.core.ports.FiguresStore;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * FiguresTable: one row per scope ({@code platform}, {@code rightholder:<id>}) and UTC day ({@code DAY#<date>}),
 * each figure an attribute of its own name, added to with ADD, so that a write never reads and two writers never
 * undo each other. A period is one query per scope: a year's rows of a few kilobytes each fit in one page.
 */
public final class DynamoFiguresStore implements FiguresStore {
    static final String PLATFORM = "platform";
    private static final String DAY = "DAY#";

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoFiguresStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public void add(String rightholderId, LocalDate day, Figures delta) {
        if (delta.isEmpty()) {
            return;
        }
        addTo(PLATFORM, day, delta);
        if (rightholderId != null) {
            addTo(rightholderScope(rightholderId), day, delta);
        }
    }

    private void addTo(String scope, LocalDate day, Figures delta) {
        StringBuilder expression = new StringBuilder("ADD ");
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        int i = 0;
        for (Map.Entry<String, Long> figure : delta.counts().entrySet()) {
            if (i > 0) {
                expression.append(", ");
            }
            // Figure names hold dots, which an update expression would read as paths: each goes by a placeholder.
            expression.append("#f").append(i).append(" :f").append(i);
            names.put("#f" + i, figure.getKey());
            values.put(":f" + i, AttributeValue.fromN(Long.toString(figure.getValue())));
            i++;
        }
        dynamo.updateItem(r -> r.tableName(table).key(key(scope, day)).updateExpression(expression.toString())
                .expressionAttributeNames(names).expressionAttributeValues(values));
    }

    @Override
    public Figures platform(LocalDate from, LocalDate to) {
        return sum(PLATFORM, from, to);
    }

    @Override
    public Figures rightholder(String rightholderId, LocalDate from, LocalDate to) {
        return sum(rightholderScope(rightholderId), from, to);
    }

    private Figures sum(String scope, LocalDate from, LocalDate to) {
        Figures.Builder sum = Figures.builder();
        for (Map<String, AttributeValue> row : dynamo.queryPaginator(r -> r.tableName(table).consistentRead(true)
                .keyConditionExpression("#s = :s AND #d BETWEEN :from AND :to")
                .expressionAttributeNames(Map.of("#s", "scope", "#d", "day"))
                .expressionAttributeValues(Map.of(":s", AttributeValue.fromS(scope),
                        ":from", AttributeValue.fromS(DAY + from), ":to", AttributeValue.fromS(DAY + to)))).items()) {
            row.forEach((name, value) -> {
                if (value.n() != null) {
                    sum.add(name, Long.parseLong(value.n()));
                }
            });
        }
        return sum.build();
    }

    private static String rightholderScope(String rightholderId) {
        return "rightholder:" + rightholderId;
    }

    private static Map<String, AttributeValue> key(String scope, LocalDate day) {
        return Map.of("scope", AttributeValue.fromS(scope), "day", AttributeValue.fromS(DAY + day));
    }
}
