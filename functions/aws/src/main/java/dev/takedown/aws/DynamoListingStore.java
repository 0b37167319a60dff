package dev.takedown.aws;

import dev.takedown.core.model.Listing;
import dev.takedown.core.model.ListingStatus;
import dev.takedown.core.ports.ListingStore;
import dev.takedown.core.text.Times;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/** The marketplace's listing catalog. */
public final class DynamoListingStore extends SingleTableStore implements ListingStore {
    public DynamoListingStore(DynamoDbClient dynamo, String table) {
        super(dynamo, table);
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

    @Override
    public Optional<Listing> find(String id) {
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(table).key(Attrs.key("id", id))).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(toListing(item));
    }

    @Override
    public Map<String, Listing> findAll(Collection<String> ids) {
        List<Map<String, AttributeValue>> keys = new TreeSet<>(ids).stream().map(id -> Attrs.key("id", id)).toList();
        Map<String, Listing> found = new HashMap<>();
        BatchReads.get(dynamo, table, keys, false, List.of()).forEach(row -> found.put(Attrs.s(row, "id"), toListing(row)));
        return found;
    }

    private static Listing toListing(Map<String, AttributeValue> item) {
        return new Listing(Attrs.s(item, "id"), Attrs.s(item, "sellerId"), Attrs.s(item, "title"),
                Attrs.s(item, "brand"), ListingStatus.valueOf(Attrs.s(item, "status")), Attrs.s(item, "removedByNotice"),
                Attrs.n(item, "removedByItem"), item.containsKey("removedBySuspension"));
    }

    @Override
    public Takedown takeDown(String listingId, String noticeId, int itemIndex, Instant at) {
        if (changeStatus(listingId, ListingStatus.ACTIVE, ListingStatus.REMOVED,
                ", removedByNotice = :notice, removedByItem = :item, removedAt = :at", "", Map.of(
                        ":notice", AttributeValue.fromS(noticeId),
                        ":item", AttributeValue.fromN(Integer.toString(itemIndex)),
                        ":at", AttributeValue.fromS(Times.format(at))))) {
            return Takedown.REMOVED;
        }
        Map<String, AttributeValue> now = dynamo.getItem(r -> r.tableName(table).key(Attrs.key("id", listingId))
                .consistentRead(true)).item();
        boolean byThisItem = noticeId.equals(Attrs.s(now, "removedByNotice"))
                && Integer.valueOf(itemIndex).equals(Attrs.n(now, "removedByItem"));
        return byThisItem ? Takedown.REMOVED : Takedown.ALREADY_REMOVED;
    }

    @Override
    public List<String> idsOfSeller(String sellerId) {
        List<String> ids = new ArrayList<>();
        dynamo.queryPaginator(r -> r.tableName(table).indexName("bySeller")
                        .keyConditionExpression("sellerId = :s")
                        .expressionAttributeValues(Map.of(":s", AttributeValue.fromS(sellerId))))
                .items().forEach(row -> ids.add(Attrs.s(row, "id")));
        return ids;
    }

    @Override
    public boolean takeDownForSuspension(String listingId, Instant at) {
        return changeStatus(listingId, ListingStatus.ACTIVE, ListingStatus.REMOVED,
                ", removedBySuspension = :at, removedAt = :at", "", Map.of(":at", AttributeValue.fromS(Times.format(at))));
    }

    @Override
    public boolean restoreAfterSuspension(String listingId) {
        return changeStatus(listingId, ListingStatus.REMOVED, ListingStatus.ACTIVE,
                " REMOVE removedBySuspension, removedAt", " AND attribute_exists(removedBySuspension)", Map.of());
    }

    @Override
    public boolean restoreTakedown(String listingId, String noticeId, int itemIndex, boolean keepForSuspension) {
        Map<String, AttributeValue> values = Map.of(":n", AttributeValue.fromS(noticeId),
                ":i", AttributeValue.fromN(Integer.toString(itemIndex)));
        String condition = " AND removedByNotice = :n AND removedByItem = :i";
        if (!keepForSuspension) {
            return changeStatus(listingId, ListingStatus.REMOVED, ListingStatus.ACTIVE,
                    " REMOVE removedByNotice, removedByItem, removedAt", condition, values);
        }
        // DynamoDB refuses a value the expressions do not use: :true only where it is set.
        Map<String, AttributeValue> suspended = new HashMap<>(values);
        suspended.put(":true", AttributeValue.fromBool(true));
        return changeStatus(listingId, ListingStatus.REMOVED, ListingStatus.REMOVED,
                ", removedBySuspension = :true REMOVE removedByNotice, removedByItem", condition, suspended);
    }

    /** One conditional write from one status to another, with what else changes; false when it was not {@code from}. */
    private boolean changeStatus(String listingId, ListingStatus from, ListingStatus to, String alsoUpdate,
                                 String alsoCondition, Map<String, AttributeValue> values) {
        Map<String, AttributeValue> all = new HashMap<>(values);
        all.put(":from", AttributeValue.fromS(from.name()));
        all.put(":to", AttributeValue.fromS(to.name()));
        try {
            dynamo.updateItem(r -> r.tableName(table).key(Attrs.key("id", listingId))
                    .updateExpression("SET #status = :to" + alsoUpdate)
                    .conditionExpression("#status = :from" + alsoCondition)
                    .expressionAttributeNames(Map.of("#status", "status"))
                    .expressionAttributeValues(all));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }
}
