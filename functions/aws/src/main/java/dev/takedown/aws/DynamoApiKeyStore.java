package dev.takedown.aws;

import dev.takedown.core.model.ApiKey;
import dev.takedown.core.model.Deactivation;
import dev.takedown.core.model.Principal;
import dev.takedown.core.model.PrincipalAccess;
import dev.takedown.core.model.RatePlan;
import dev.takedown.core.model.UsageKey;
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
 * next request. A principal that staff deactivated, put on a rate plan or gave a gateway key has a row of its own,
 * keyed {@code principal:<kind>:<id>} (no hash has that shape), holding all three, so that the authorizer reads one
 * table only, the principal's access in one read, and only the admin function can write any of them.
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
    public PrincipalAccess access(Principal principal) {
        Map<String, AttributeValue> item = read(principalKey(principal));
        if (item == null) {
            return PrincipalAccess.DEFAULT;
        }
        String deactivatedAt = Attrs.s(item, "deactivatedAt");
        Deactivation deactivation = deactivatedAt == null ? null : new Deactivation(Times.parse(deactivatedAt),
                Attrs.s(item, "deactivatedBy"), Attrs.s(item, "reason"));
        String plan = Attrs.s(item, "ratePlan");
        return new PrincipalAccess(deactivation, plan == null ? RatePlan.STANDARD : RatePlan.valueOf(plan),
                usageKey(item));
    }

    private static UsageKey usageKey(Map<String, AttributeValue> item) {
        String id = Attrs.s(item, "usageKeyId");
        return id == null ? null : new UsageKey(id, Attrs.s(item, "usageKey"));
    }

    @Override
    public boolean deactivate(Principal principal, Deactivation deactivation) {
        try {
            dynamo.updateItem(r -> r.tableName(table).key(Attrs.key("keyHash", principalKey(principal)))
                    .updateExpression("SET deactivatedAt = :at, deactivatedBy = :by, reason = :reason")
                    .conditionExpression("attribute_not_exists(deactivatedAt)")
                    .expressionAttributeValues(Map.of(
                            ":at", AttributeValue.fromS(Times.format(deactivation.at())),
                            ":by", AttributeValue.fromS(deactivation.by()),
                            ":reason", AttributeValue.fromS(deactivation.reason()))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public boolean reactivate(Principal principal) {
        try {
            dynamo.updateItem(r -> r.tableName(table).key(Attrs.key("keyHash", principalKey(principal)))
                    .updateExpression("REMOVE deactivatedAt, deactivatedBy, reason")
                    .conditionExpression("attribute_exists(deactivatedAt)"));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public void setRatePlan(Principal principal, RatePlan plan) {
        dynamo.updateItem(r -> r.tableName(table).key(Attrs.key("keyHash", principalKey(principal)))
                .updateExpression("SET ratePlan = :plan")
                .expressionAttributeValues(Map.of(":plan", AttributeValue.fromS(plan.name()))));
    }

    @Override
    public UsageKey keepUsageKey(Principal principal, UsageKey key) {
        try {
            dynamo.updateItem(r -> r.tableName(table).key(Attrs.key("keyHash", principalKey(principal)))
                    .updateExpression("SET usageKeyId = :id, usageKey = :value")
                    .conditionExpression("attribute_not_exists(usageKeyId)")
                    .expressionAttributeValues(Map.of(
                            ":id", AttributeValue.fromS(key.id()),
                            ":value", AttributeValue.fromS(key.value()))));
            return key;
        } catch (ConditionalCheckFailedException e) {
            return usageKey(read(principalKey(principal)));
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
