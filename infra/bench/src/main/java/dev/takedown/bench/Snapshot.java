package dev.takedown.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;
import software.amazon.awssdk.services.sqs.SqsClient;

/** Every row of every table, to put back before each run so that every run makes the same calls. */
final class Snapshot {
    private final DynamoDbClient dynamo;
    private final SqsClient sqs;
    private final List<String> queueUrls;
    private final Map<String, List<String>> keys = new LinkedHashMap<>();
    private final Map<String, List<Map<String, AttributeValue>>> rows = new LinkedHashMap<>();

    private Snapshot(DynamoDbClient dynamo, SqsClient sqs, List<String> tables, List<String> queueUrls) {
        this.dynamo = dynamo;
        this.sqs = sqs;
        this.queueUrls = queueUrls;
        for (String table : tables) {
            keys.put(table, dynamo.describeTable(r -> r.tableName(table)).table().keySchema().stream()
                    .map(KeySchemaElement::attributeName).toList());
            rows.put(table, scan(table));
        }
    }

    static Snapshot take(DynamoDbClient dynamo, SqsClient sqs, List<String> tables, List<String> queueUrls) {
        return new Snapshot(dynamo, sqs, tables, queueUrls);
    }

    /** Deletes every row, writes the snapshot's back and empties the queues. */
    void restore() {
        keys.forEach((table, keyNames) -> {
            for (Map<String, AttributeValue> row : scan(table)) {
                Map<String, AttributeValue> key = new LinkedHashMap<>();
                keyNames.forEach(name -> key.put(name, row.get(name)));
                dynamo.deleteItem(r -> r.tableName(table).key(key));
            }
            List<WriteRequest> puts = rows.get(table).stream().map(row -> WriteRequest.builder()
                    .putRequest(p -> p.item(row)).build()).toList();
            for (int i = 0; i < puts.size(); i += 25) {
                List<WriteRequest> batch = puts.subList(i, Math.min(puts.size(), i + 25));
                dynamo.batchWriteItem(r -> r.requestItems(Map.of(table, batch)));
            }
        });
        queueUrls.forEach(url -> sqs.purgeQueue(r -> r.queueUrl(url)));
    }

    private List<Map<String, AttributeValue>> scan(String table) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        dynamo.scanPaginator(r -> r.tableName(table).consistentRead(true)).items().forEach(items::add);
        return items;
    }
}
