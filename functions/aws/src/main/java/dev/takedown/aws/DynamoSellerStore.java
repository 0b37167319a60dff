package dev.takedown.aws;

import dev.takedown.core.model.Seller;
import dev.takedown.core.ports.SellerStore;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

public final class DynamoSellerStore extends SingleTableStore implements SellerStore {
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

    @Override
    public Optional<Seller> find(String id) {
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(table).key(Attrs.key("id", id))).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Seller(Attrs.s(item, "id"), Attrs.s(item, "name"), Attrs.s(item, "callbackUrl")));
    }
}
