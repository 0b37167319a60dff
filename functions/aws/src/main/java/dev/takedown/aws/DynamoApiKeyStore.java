package dev.takedown.aws;

import dev.takedown.core.Hashing;
import dev.takedown.core.ports.ApiKeyStore;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** API keys by SHA-256 hash; the key itself is never written anywhere. */
public final class DynamoApiKeyStore implements ApiKeyStore {
    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoApiKeyStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    public void register(String apiKey, String rightholderId, Instant createdAt) {
        dynamo.putItem(r -> r.tableName(table).item(Attrs.item()
                .s("keyHash", Hashing.sha256Hex(apiKey))
                .s("rightholderId", rightholderId)
                .s("createdAt", createdAt.toString())
                .build()));
    }

    @Override
    public Optional<String> rightholderFor(String keyHash) {
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(table)
                .key(Attrs.key("keyHash", keyHash))
                .consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.ofNullable(Attrs.s(item, "rightholderId"));
    }
}
