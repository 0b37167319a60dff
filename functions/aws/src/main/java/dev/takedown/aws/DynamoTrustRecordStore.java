package dev.takedown.aws;

import dev.takedown.core.model.TrustCounts;
import dev.takedown.core.model.TrustEvent;
import dev.takedown.core.ports.TrustRecordStore;
import java.time.LocalDate;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Rightholders' records in TrustTable, read only: one row of counts per rightholder and UTC day
 * ({@code rightholder:<id>}, {@code DAY#2026-11-30}), which {@link DynamoTrustStore} adds to. A window is one query.
 */
public final class DynamoTrustRecordStore implements TrustRecordStore {
    static final String DAY = "DAY#";

    private final DynamoDbClient dynamo;
    private final String trustTable;

    public DynamoTrustRecordStore(DynamoDbClient dynamo, String trustTable) {
        this.dynamo = dynamo;
        this.trustTable = trustTable;
    }

    @Override
    public TrustCounts counts(String rightholderId, LocalDate from, LocalDate to) {
        TrustCounts sum = TrustCounts.NONE;
        for (Map<String, AttributeValue> row : dynamo.queryPaginator(r -> r.tableName(trustTable).consistentRead(true)
                .keyConditionExpression("subject = :s AND #k BETWEEN :from AND :to")
                .expressionAttributeNames(Map.of("#k", "key"))
                .expressionAttributeValues(Map.of(
                        ":s", AttributeValue.fromS(TrustEvent.rightholder(rightholderId)),
                        ":from", AttributeValue.fromS(DAY + from),
                        ":to", AttributeValue.fromS(DAY + to)))).items()) {
            sum = sum.plus(new TrustCounts(count(row, "decided"), count(row, "actioned"), count(row, "unfounded"),
                    count(row, "reversed"), count(row, "confirmed")));
        }
        return sum;
    }

    private static long count(Map<String, AttributeValue> row, String name) {
        Long value = Attrs.longN(row, name);
        return value == null ? 0 : value;
    }
}
