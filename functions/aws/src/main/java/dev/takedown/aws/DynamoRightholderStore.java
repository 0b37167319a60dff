package dev.takedown.aws;

import dev.takedown.core.model.Rightholder;
import dev.takedown.core.ports.RightholderStore;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

public final class DynamoRightholderStore implements RightholderStore {
    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoRightholderStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    public void put(Rightholder rightholder) {
        dynamo.putItem(r -> r.tableName(table).item(Attrs.item()
                .s("id", rightholder.id())
                .s("name", rightholder.name())
                .s("email", rightholder.email())
                .s("callbackUrl", rightholder.callbackUrl())
                .s("webhookSecret", rightholder.webhookSecret())
                .build()));
    }

    @Override
    public Optional<Rightholder> find(String id) {
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(table).key(Attrs.key("id", id))).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Rightholder(Attrs.s(item, "id"), Attrs.s(item, "name"), Attrs.s(item, "email"),
                Attrs.s(item, "callbackUrl"), Attrs.s(item, "webhookSecret")));
    }
}
