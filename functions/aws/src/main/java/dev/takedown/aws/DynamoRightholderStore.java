package dev.takedown.aws;

import dev.takedown.core.model.Rightholder;
import dev.takedown.core.ports.RightholderRegistry;
import dev.takedown.core.ports.RightholderStore;
import dev.takedown.core.text.Times;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

public final class DynamoRightholderStore extends SingleTableStore implements RightholderStore, RightholderRegistry {
    public DynamoRightholderStore(DynamoDbClient dynamo, String table) {
        super(dynamo, table);
    }

    public void put(Rightholder rightholder) {
        dynamo.putItem(r -> r.tableName(table).item(row(rightholder).build()));
    }

    @Override
    public boolean register(Rightholder rightholder, String registeredBy, Instant at) {
        try {
            dynamo.putItem(r -> r.tableName(table)
                    .item(row(rightholder).s("registeredBy", registeredBy).s("registeredAt", Times.format(at)).build())
                    .conditionExpression("attribute_not_exists(id)"));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    private static Attrs row(Rightholder rightholder) {
        return Attrs.item()
                .s("id", rightholder.id())
                .s("name", rightholder.name())
                .s("email", rightholder.email())
                .s("callbackUrl", rightholder.callbackUrl());
    }

    @Override
    public Optional<Rightholder> find(String id) {
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(table).key(Attrs.key("id", id))).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Rightholder(Attrs.s(item, "id"), Attrs.s(item, "name"), Attrs.s(item, "email"),
                Attrs.s(item, "callbackUrl"), DynamoTrustStore.trustOf(item)));
    }
}
