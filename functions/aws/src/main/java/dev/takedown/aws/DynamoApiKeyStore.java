package dev.takedown.aws;

import dev.takedown.core.ports.ApiKeyRegistry;
import dev.takedown.core.ports.ApiKeyStore;
import dev.takedown.core.text.Hashing;
import dev.takedown.core.text.Times;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * API keys by SHA-256 hash; the key itself is never written anywhere. The {@code byRightholder} index finds a
 * rightholder's keys; revoking a key deletes its row, so it stops authenticating with the next request.
 */
public final class DynamoApiKeyStore extends SingleTableStore implements ApiKeyStore, ApiKeyRegistry {
    static final String BY_RIGHTHOLDER = "byRightholder";

    public DynamoApiKeyStore(DynamoDbClient dynamo, String table) {
        super(dynamo, table);
    }

    /** Loads a key given in clear text (seed data); the store keeps only its hash. */
    public void register(String apiKey, String rightholderId, Instant createdAt) {
        issue(Hashing.sha256Hex(apiKey), rightholderId, null, createdAt);
    }

    @Override
    public void issue(String keyHash, String rightholderId, String issuedBy, Instant at) {
        dynamo.putItem(r -> r.tableName(table).item(Attrs.item()
                .s("keyHash", keyHash)
                .s("rightholderId", rightholderId)
                .s("createdAt", Times.format(at))
                .s("issuedBy", issuedBy)
                .build()));
    }

    @Override
    public int revokeAllBut(String rightholderId, String keptKeyHash) {
        List<String> revoked = dynamo.queryPaginator(r -> r.tableName(table).indexName(BY_RIGHTHOLDER)
                        .keyConditionExpression("rightholderId = :r")
                        .expressionAttributeValues(Map.of(":r", AttributeValue.fromS(rightholderId))))
                .items().stream().map(row -> Attrs.s(row, "keyHash")).filter(hash -> !hash.equals(keptKeyHash)).toList();
        revoked.forEach(hash -> dynamo.deleteItem(r -> r.tableName(table).key(Attrs.key("keyHash", hash))));
        return revoked.size();
    }

    @Override
    public Optional<String> rightholderFor(String keyHash) {
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(table)
                .key(Attrs.key("keyHash", keyHash))
                .consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.ofNullable(Attrs.s(item, "rightholderId"));
    }
}
