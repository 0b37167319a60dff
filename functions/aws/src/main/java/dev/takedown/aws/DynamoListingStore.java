package dev.takedown.aws;

import dev.takedown.core.model.Listing;
import dev.takedown.core.model.ListingStatus;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The marketplace's listing catalog. */
public final class DynamoListingStore {
    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoListingStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    public void put(Listing listing) {
        dynamo.putItem(r -> r.tableName(table).item(Attrs.item()
                .s("id", listing.id())
                .s("sellerId", listing.sellerId())
                .s("title", listing.title())
                .s("brand", listing.brand())
                .s("status", listing.status().name())
                .build()));
    }

    public Optional<Listing> find(String id) {
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(table).key(Attrs.key("id", id))).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Listing(Attrs.s(item, "id"), Attrs.s(item, "sellerId"), Attrs.s(item, "title"),
                Attrs.s(item, "brand"), ListingStatus.valueOf(Attrs.s(item, "status"))));
    }
}
