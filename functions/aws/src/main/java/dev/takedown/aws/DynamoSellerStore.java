package dev.takedown.aws;

import dev.takedown.core.model.Seller;
import dev.takedown.core.ports.SellerRegistry;
import dev.takedown.core.ports.SellerStore;
import dev.takedown.core.text.Times;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

public final class DynamoSellerStore extends SingleTableStore implements SellerStore, SellerRegistry {
    public DynamoSellerStore(DynamoDbClient dynamo, String table) {
        super(dynamo, table);
    }

    public void put(Seller seller) {
        dynamo.putItem(r -> r.tableName(table).item(Attrs.item()
                .s("id", seller.id())
                .s("name", seller.name())
                .s("callbackUrl", seller.callbackUrl())
                .build()));
    }

    /**
     * A seller's row may hold its standing before it is registered (sellers come from the catalog), so registering
     * adds to the row and only a row with a name counts as a registered seller.
     */
    @Override
    public boolean register(Seller seller, String registeredBy, Instant at) {
        Map<String, AttributeValue> values = new HashMap<>(Attrs.item()
                .s(":name", seller.name()).s(":by", registeredBy).s(":at", Times.format(at)).build());
        String update = "SET #name = :name, registeredBy = :by, registeredAt = :at";
        if (seller.callbackUrl() != null) {
            values.put(":url", AttributeValue.fromS(seller.callbackUrl()));
            update += ", callbackUrl = :url";
        }
        String expression = update;
        try {
            dynamo.updateItem(r -> r.tableName(table).key(Attrs.key("id", seller.id()))
                    .updateExpression(expression)
                    .conditionExpression("attribute_not_exists(#name)")
                    .expressionAttributeNames(Map.of("#name", "name"))
                    .expressionAttributeValues(values));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public Optional<Seller> find(String id) {
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(table).key(Attrs.key("id", id))).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Seller(Attrs.s(item, "id"), Attrs.s(item, "name"), Attrs.s(item, "callbackUrl")));
    }
}
