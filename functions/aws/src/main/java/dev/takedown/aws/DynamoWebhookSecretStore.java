package dev.takedown.aws;

import dev.takedown.core.model.DeliveryAttempt.Target;
import dev.takedown.core.model.WebhookSecrets;
import dev.takedown.core.ports.WebhookSecretRegistry;
import dev.takedown.core.ports.WebhookSecretStore;
import dev.takedown.core.text.Times;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * WebhookSecretsTable: one row per rightholder or seller ({@code RIGHTHOLDER#<id>}, {@code SELLER#<id>}) with its
 * current secret and, after a rotation, the previous one and until when it still signs. Writes never ask for the
 * row back, so the staff function, which may only write here, never sees a secret it did not make.
 */
public final class DynamoWebhookSecretStore extends SingleTableStore implements WebhookSecretStore, WebhookSecretRegistry {
    private static final String ROTATE = "SET #previous = #current, #previousUntil = :until, #current = :secret,"
            + " #rotatedBy = :by, #rotatedAt = :at";
    private static final Map<String, String> NAMES = Map.of("#current", "current", "#previous", "previous",
            "#previousUntil", "previousUntil", "#rotatedBy", "rotatedBy", "#rotatedAt", "rotatedAt");

    public DynamoWebhookSecretStore(DynamoDbClient dynamo, String table) {
        super(dynamo, table);
    }

    static String key(Target owner, String ownerId) {
        return owner.name() + "#" + ownerId;
    }

    /** Writes the secrets as they are, as seed data gives them. */
    public void put(Target owner, String ownerId, WebhookSecrets secrets) {
        dynamo.putItem(r -> r.tableName(table).item(Attrs.item()
                .s("id", key(owner, ownerId))
                .s("current", secrets.current())
                .s("previous", secrets.previous())
                .s("previousUntil", secrets.previousUntil() == null ? null : Times.format(secrets.previousUntil()))
                .build()));
    }

    @Override
    public boolean issue(Target owner, String ownerId, String secret, String issuedBy, Instant at) {
        try {
            dynamo.putItem(r -> r.tableName(table)
                    .item(Attrs.item().s("id", key(owner, ownerId)).s("current", secret).s("issuedBy", issuedBy)
                            .s("issuedAt", Times.format(at)).build())
                    .conditionExpression("attribute_not_exists(id)"));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public void rotate(Target owner, String ownerId, String secret, Instant previousUntil, String rotatedBy, Instant at) {
        try {
            dynamo.updateItem(r -> r.tableName(table).key(Attrs.key("id", key(owner, ownerId)))
                    .updateExpression(ROTATE)
                    .conditionExpression("attribute_exists(id)")
                    .expressionAttributeNames(NAMES)
                    .expressionAttributeValues(Map.of(
                            ":until", AttributeValue.fromS(Times.format(previousUntil)),
                            ":secret", AttributeValue.fromS(secret),
                            ":by", AttributeValue.fromS(rotatedBy),
                            ":at", AttributeValue.fromS(Times.format(at)))));
        } catch (ConditionalCheckFailedException e) {
            if (!issue(owner, ownerId, secret, rotatedBy, at)) {
                // Issued meanwhile: rotate that one out like any other.
                rotate(owner, ownerId, secret, previousUntil, rotatedBy, at);
            }
        }
    }

    @Override
    public Optional<WebhookSecrets> find(Target owner, String ownerId) {
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(table).key(Attrs.key("id", key(owner, ownerId)))
                .consistentRead(true)).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        String previousUntil = Attrs.s(item, "previousUntil");
        return Optional.of(new WebhookSecrets(Attrs.s(item, "current"), Attrs.s(item, "previous"),
                previousUntil == null ? null : Times.parse(previousUntil)));
    }
}
