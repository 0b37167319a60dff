package dev.takedown.aws;

import dev.takedown.core.model.ApiKey;
import dev.takedown.core.model.Deactivation;
import dev.takedown.core.model.Principal;
import dev.takedown.core.ports.ApiKeyRegistry;
import dev.takedown.core.text.Times;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * API keys by SHA-256 hash; the key itself is never written anywhere. A key row names its principal in
 * {@code rightholderId} or {@code sellerId}, and the index keyed on that attribute ({@code byRightholder},
 * {@code bySeller}) finds the principal's keys; revoking a key deletes its row, so it stops authenticating with the
 * next request. A deactivated principal has a row of its own, keyed {@code principal:<kind>:<id>} (no hash has that
 * shape), so that the authorizer reads one table only and only the admin function can write either.
 */
public final class DynamoApiKeyStore extends SingleTableStore implements ApiKeyRegistry {
    static final String BY_RIGHTHOLDER = "byRightholder";
    static final String BY_SELLER = "bySeller";

    public DynamoApiKeyStore(DynamoDbClient dynamo, String table) {
        super(dynamo, table);
    }

    /** Loads a key given in clear text (seed data); the store keeps only its hash and prefix. */
    public void register(String apiKey, Principal principal, Instant createdAt) {
        issue(ApiKey.issued(apiKey, principal, createdAt, null, null));
    }

    @Override
    public void issue(ApiKey key) {
        dynamo.putItem(r -> r.tableName(table).item(Attrs.item()
                .s("keyHash", key.keyHash())
                .s("keyPrefix", key.prefix())
                .s(column(key.principal().kind()).attribute(), key.principal().id())
                .s("createdAt", Times.format(key.issuedAt()))
                .s("issuedBy", key.issuedBy())
                .s("expiresAt", key.expiresAt() == null ? null : Times.format(key.expiresAt()))
                .build()));
    }

    @Override
    public int revokeAllBut(Principal principal, String keptKeyHash) {
        List<String> revoked = hashesOf(principal).stream().filter(hash -> !hash.equals(keptKeyHash)).toList();
        revoked.forEach(hash -> dynamo.deleteItem(r -> r.tableName(table).key(Attrs.key("keyHash", hash))));
        return revoked.size();
    }

    @Override
    public List<ApiKey> keysOf(Principal principal) {
        return hashesOf(principal).stream().map(this::find).flatMap(Optional::stream)
                .sorted(Comparator.comparing(ApiKey::issuedAt).thenComparing(ApiKey::keyHash)).toList();
    }

    private List<String> hashesOf(Principal principal) {
        Column column = column(principal.kind());
        return dynamo.queryPaginator(r -> r.tableName(table).indexName(column.index())
                        .keyConditionExpression("#p = :p")
                        .expressionAttributeNames(Map.of("#p", column.attribute()))
                        .expressionAttributeValues(Map.of(":p", AttributeValue.fromS(principal.id()))))
                .items().stream().map(row -> Attrs.s(row, "keyHash")).toList();
    }

    @Override
    public Optional<ApiKey> find(String keyHash) {
        Map<String, AttributeValue> item = read(keyHash);
        Principal principal = item == null ? null : principal(item);
        if (principal == null) {
            return Optional.empty();
        }
        String expiresAt = Attrs.s(item, "expiresAt");
        return Optional.of(new ApiKey(keyHash, Attrs.s(item, "keyPrefix"), principal,
                Times.parse(Attrs.s(item, "createdAt")), Attrs.s(item, "issuedBy"),
                expiresAt == null ? null : Times.parse(expiresAt)));
    }

    @Override
    public Optional<Deactivation> deactivation(Principal principal) {
        Map<String, AttributeValue> item = read(principalKey(principal));
        return item == null ? Optional.empty() : Optional.of(new Deactivation(Times.parse(Attrs.s(item, "deactivatedAt")),
                Attrs.s(item, "deactivatedBy"), Attrs.s(item, "reason")));
    }

    @Override
    public boolean deactivate(Principal principal, Deactivation deactivation) {
        try {
            dynamo.putItem(r -> r.tableName(table).item(Attrs.item()
                            .s("keyHash", principalKey(principal))
                            .s("deactivatedAt", Times.format(deactivation.at()))
                            .s("deactivatedBy", deactivation.by())
                            .s("reason", deactivation.reason())
                            .build())
                    .conditionExpression("attribute_not_exists(keyHash)"));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public boolean reactivate(Principal principal) {
        try {
            dynamo.deleteItem(r -> r.tableName(table).key(Attrs.key("keyHash", principalKey(principal)))
                    .conditionExpression("attribute_exists(keyHash)"));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    private Map<String, AttributeValue> read(String keyHash) {
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(table)
                .key(Attrs.key("keyHash", keyHash))
                .consistentRead(true)).item();
        return item == null || item.isEmpty() ? null : item;
    }

    /** Whom a key row speaks for; null for a row that is no key (a deactivation). */
    private static Principal principal(Map<String, AttributeValue> item) {
        for (Principal.Kind kind : Principal.Kind.values()) {
            String id = Attrs.s(item, column(kind).attribute());
            if (id != null) {
                return new Principal(kind, id);
            }
        }
        return null;
    }

    private static String principalKey(Principal principal) {
        return "principal:" + principal.kind().name().toLowerCase() + ":" + principal.id();
    }

    /** The attribute naming a key's principal, and the index keyed on it that lists the principal's keys. */
    private record Column(String attribute, String index) {
    }

    private static Column column(Principal.Kind kind) {
        return switch (kind) {
            case RIGHTHOLDER -> new Column("rightholderId", BY_RIGHTHOLDER);
            case SELLER -> new Column("sellerId", BY_SELLER);
        };
    }
}
