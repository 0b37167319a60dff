package dev.takedown.aws;

import dev.takedown.core.ports.IdempotencyStore;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * One row per rightholder and key. {@code expiresAt} (epoch seconds) is the table's TTL attribute; expired
 * rows are also treated as absent here, since TTL deletion is lazy and the local backend never does it.
 */
public final class DynamoIdempotencyStore extends SingleTableStore implements IdempotencyStore {
    public DynamoIdempotencyStore(DynamoDbClient dynamo, String table) {
        super(dynamo, table);
    }

    private static Map<String, AttributeValue> key(String rightholderId, String key) {
        return Attrs.key("idempotencyKey", rightholderId + "#" + key);
    }

    @Override
    public Optional<Entry> find(String rightholderId, String key) {
        Map<String, AttributeValue> row = dynamo.getItem(r -> r.tableName(table).consistentRead(true)
                .key(key(rightholderId, key))).item();
        if (row == null || row.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Entry(rightholderId, key, Attrs.s(row, "requestHash"), Attrs.s(row, "noticeId"),
                State.valueOf(Attrs.s(row, "state")),
                Instant.ofEpochSecond(Attrs.longN(row, "expiresAt")),
                Instant.ofEpochMilli(Attrs.longN(row, "lockedUntil"))));
    }

    @Override
    public boolean claim(Entry entry, Instant now) {
        Map<String, AttributeValue> row = Attrs.item()
                .s("idempotencyKey", entry.rightholderId() + "#" + entry.key())
                .s("requestHash", entry.requestHash())
                .s("noticeId", entry.noticeId())
                .s("state", entry.state().name())
                .n("expiresAt", entry.expiresAt().getEpochSecond())
                .n("lockedUntil", entry.lockedUntil().toEpochMilli())
                .build();
        try {
            dynamo.putItem(r -> r.tableName(table).item(row)
                    .conditionExpression("attribute_not_exists(idempotencyKey) OR expiresAt <= :nowSeconds"
                            + " OR (#state = :inProgress AND lockedUntil <= :nowMillis AND requestHash = :hash)")
                    .expressionAttributeNames(Map.of("#state", "state"))
                    .expressionAttributeValues(Map.of(
                            ":nowSeconds", AttributeValue.fromN(Long.toString(now.getEpochSecond())),
                            ":nowMillis", AttributeValue.fromN(Long.toString(now.toEpochMilli())),
                            ":inProgress", AttributeValue.fromS(State.IN_PROGRESS.name()),
                            ":hash", AttributeValue.fromS(entry.requestHash()))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public void complete(String rightholderId, String key) {
        dynamo.updateItem(r -> r.tableName(table).key(key(rightholderId, key))
                .updateExpression("SET #state = :completed")
                .conditionExpression("attribute_exists(idempotencyKey)")
                .expressionAttributeNames(Map.of("#state", "state"))
                .expressionAttributeValues(Map.of(":completed", AttributeValue.fromS(State.COMPLETED.name()))));
    }

    @Override
    public void releaseLock(String rightholderId, String key, Instant now) {
        try {
            dynamo.updateItem(r -> r.tableName(table).key(key(rightholderId, key))
                    .updateExpression("SET lockedUntil = :now")
                    .conditionExpression("#state = :inProgress")
                    .expressionAttributeNames(Map.of("#state", "state"))
                    .expressionAttributeValues(Map.of(
                            ":now", AttributeValue.fromN(Long.toString(now.toEpochMilli())),
                            ":inProgress", AttributeValue.fromS(State.IN_PROGRESS.name()))));
        } catch (ConditionalCheckFailedException e) {
            // Completed or gone: nothing to release.
        }
    }
}
