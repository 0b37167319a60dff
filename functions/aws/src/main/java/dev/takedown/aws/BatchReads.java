package dev.takedown.aws;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

/** Reads many rows of one table by key, a hundred to a request, retrying the keys DynamoDB left unprocessed. */
final class BatchReads {
    private static final int KEYS_PER_REQUEST = 100;
    private static final int MAX_ATTEMPTS = 8;

    private BatchReads() {
    }

    /** The rows with these keys (only {@code attributes} of them, all when empty), in no particular order. */
    static List<Map<String, AttributeValue>> get(DynamoDbClient dynamo, String table,
                                                 List<Map<String, AttributeValue>> keys, boolean consistent,
                                                 List<String> attributes) {
        List<Map<String, AttributeValue>> rows = new ArrayList<>();
        for (int from = 0; from < keys.size(); from += KEYS_PER_REQUEST) {
            KeysAndAttributes.Builder wanted = KeysAndAttributes.builder()
                    .keys(keys.subList(from, Math.min(keys.size(), from + KEYS_PER_REQUEST))).consistentRead(consistent);
            if (!attributes.isEmpty()) {
                Map<String, String> names = new HashMap<>();
                attributes.forEach(a -> names.put("#" + a, a));
                wanted.projectionExpression(String.join(", ", names.keySet())).expressionAttributeNames(names);
            }
            Backoff.untilNoneLeft(Map.of(table, wanted.build()), Map::isEmpty, request -> {
                BatchGetItemResponse response = dynamo.batchGetItem(r -> r.requestItems(request));
                rows.addAll(response.responses().getOrDefault(table, List.of()));
                return response.hasUnprocessedKeys() ? response.unprocessedKeys() : Map.of();
            }, MAX_ATTEMPTS, left -> "DynamoDB kept keys unprocessed");
        }
        return rows;
    }
}
