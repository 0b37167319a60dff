package dev.takedown.aws;

import dev.takedown.core.model.RightholderTrust;
import dev.takedown.core.model.SellerStanding;
import dev.takedown.core.model.SellerState;
import dev.takedown.core.model.Strike;
import dev.takedown.core.model.Tier;
import dev.takedown.core.model.TrustCounts;
import dev.takedown.core.model.TrustEvent;
import dev.takedown.core.ports.InvalidCursorException;
import dev.takedown.core.ports.Page;
import dev.takedown.core.ports.TrustStore;
import dev.takedown.core.text.Times;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * Trust and penalties in DynamoDB. TrustTable holds, per subject ({@code rightholder:<id>}, {@code seller:<id>}):
 * a rightholder's counts per UTC day ({@code DAY#2026-11-30}, read through {@link DynamoTrustRecordStore}), a
 * seller's strikes ({@code STRIKE#<day>/<rightholder>}, a small row however many takedowns it holds) and the trail of
 * changes ({@code EVENT#<version>#<tag>}). A rightholder's tier lives on its row in RightholdersTable, read with the
 * rightholder; a seller's standing on its row in SellersTable. Both carry a version for conditional replacement, and
 * rows due a look by the scheduled review carry the sparse index keys of {@code trustReview} and {@code strikesDue}.
 */
public final class DynamoTrustStore implements TrustStore {
    private static final String DUE = "DUE";
    private static final String DAY = DynamoTrustRecordStore.DAY;
    private static final String STRIKE = "STRIKE#";
    private static final String EVENT = "EVENT#";
    static final String SELLER_SUSPENSIONS = "sellerSuspensions";
    private static final Pattern SUSPENSION_CURSOR = Pattern.compile(
            "(\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z)\\|(EVENT#\\d{12}#[^|]{0,64})\\|(seller:.{1,128})");

    private final DynamoDbClient dynamo;
    private final String trustTable;
    private final String rightholdersTable;
    private final String sellersTable;
    private final MonthIndex sellerSuspensions;
    private final DynamoTrustRecordStore records;

    public DynamoTrustStore(DynamoDbClient dynamo, String trustTable, String rightholdersTable, String sellersTable) {
        this.dynamo = dynamo;
        this.trustTable = trustTable;
        this.rightholdersTable = rightholdersTable;
        this.sellersTable = sellersTable;
        this.records = new DynamoTrustRecordStore(dynamo, trustTable);
        this.sellerSuspensions = new MonthIndex(trustTable, SELLER_SUSPENSIONS, "suspensionMonth", "at");
    }

    @Override
    public void addCounts(String rightholderId, LocalDate day, TrustCounts delta) {
        dynamo.updateItem(r -> r.tableName(trustTable).key(key(TrustEvent.rightholder(rightholderId), DAY + day))
                .updateExpression("ADD decided :d, actioned :a, unfounded :u, reversed :r, confirmed :c")
                .expressionAttributeValues(Map.of(
                        ":d", number(delta.decided()), ":a", number(delta.actioned()),
                        ":u", number(delta.unfounded()), ":r", number(delta.reversed()),
                        ":c", number(delta.confirmed()))));
    }

    @Override
    public void addCountsOnce(String rightholderId, LocalDate day, TrustCounts delta, String token) {
        conditionally(() -> dynamo.updateItem(r -> r.tableName(trustTable)
                .key(key(TrustEvent.rightholder(rightholderId), DAY + day))
                .updateExpression("ADD decided :d, actioned :a, unfounded :u, reversed :r, confirmed :c, appliedOnce :t")
                .conditionExpression("NOT contains(appliedOnce, :token)")
                .expressionAttributeValues(Map.of(
                        ":d", number(delta.decided()), ":a", number(delta.actioned()),
                        ":u", number(delta.unfounded()), ":r", number(delta.reversed()),
                        ":c", number(delta.confirmed()), ":t", AttributeValue.fromSs(List.of(token)),
                        ":token", AttributeValue.fromS(token)))));
    }

    @Override
    public TrustCounts counts(String rightholderId, LocalDate from, LocalDate to) {
        return records.counts(rightholderId, from, to);
    }

    @Override
    public boolean replaceTrust(String rightholderId, RightholderTrust before, RightholderTrust after,
                                Instant nextReview) {
        Update update = new Update()
                .s("tier", after.tier().name())
                .s("tierSince", format(after.since()))
                .s("tierChangedBy", after.changedBy())
                .set("tierPinned", after.pinned() ? AttributeValue.fromBool(true) : null)
                .s("trustedLockoutUntil", format(after.trustedLockoutUntil()))
                .s("warnedAt", format(after.warnedAt()))
                .s("suspendedUntil", format(after.suspendedUntil()))
                .set("trustVersion", number(after.version()))
                .s("reviewShard", nextReview == null ? null : DUE)
                .s("reviewAt", format(nextReview))
                .value(":v", number(before.version()));
        String condition = before.version() == 0
                ? "attribute_exists(id) AND (attribute_not_exists(trustVersion) OR trustVersion = :v)"
                : "trustVersion = :v";
        return updateIf(rightholdersTable, Attrs.key("id", rightholderId), update, condition);
    }

    @Override
    public List<String> rightholdersDue(Instant now, int limit) {
        return due(rightholdersTable, "trustReview", "reviewShard", "reviewAt", now, limit).stream()
                .map(row -> Attrs.s(row, "id")).toList();
    }

    @Override
    public void addStrikeItems(String sellerId, String rightholderId, LocalDate day, boolean copyright,
                               List<String> items, Instant establishesAt) {
        if (items.isEmpty()) {
            return;
        }
        Map<String, AttributeValue> key = key(TrustEvent.seller(sellerId), STRIKE + Strike.id(day, rightholderId));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(
                ":seller", AttributeValue.fromS(sellerId),
                ":rightholder", AttributeValue.fromS(rightholderId),
                ":day", AttributeValue.fromS(day.toString()),
                ":due", AttributeValue.fromS(DUE),
                ":at", AttributeValue.fromS(Times.format(establishesAt)),
                ":true", AttributeValue.fromBool(true),
                ":items", AttributeValue.fromSs(items.stream().sorted().limit(Strike.ITEMS_KEPT).toList())));
        // A voided strike stays voided; if this puts it back on the schedule, its review takes it off again.
        Map<String, AttributeValue> stored = dynamo.updateItem(r -> r.tableName(trustTable).key(key)
                .updateExpression("SET sellerId = :seller, rightholderId = :rightholder, #day = :day,"
                        + " dueShard = if_not_exists(dueShard, :due), dueAt = if_not_exists(dueAt, :at),"
                        + " #items = if_not_exists(#items, :items), "
                        + (copyright ? "copyrightTakedowns" : "otherTakedowns") + " = :true")
                .expressionAttributeNames(Map.of("#day", "day", "#items", "items"))
                .expressionAttributeValues(values)
                .returnValues(ReturnValue.ALL_NEW)).attributes();
        String dueAt = Attrs.s(stored, "dueAt");
        if (stored.containsKey("dueShard") && dueAt != null && Times.parse(dueAt).isAfter(establishesAt)) {
            // These items' window closes first (a COPYRIGHT takedown after another reason's): look then.
            conditionally(() -> dynamo.updateItem(r -> r.tableName(trustTable).key(key)
                    .updateExpression("SET dueAt = :at")
                    .conditionExpression("dueAt > :at")
                    .expressionAttributeValues(Map.of(":at", AttributeValue.fromS(Times.format(establishesAt))))));
        }
    }

    @Override
    public List<Strike> strikes(String sellerId, LocalDate from) {
        List<Strike> strikes = new ArrayList<>();
        // Strike keys sort by day; "~" sorts after every day.
        for (Map<String, AttributeValue> row : dynamo.queryPaginator(r -> r.tableName(trustTable).consistentRead(true)
                .keyConditionExpression("subject = :s AND #k BETWEEN :from AND :to")
                .expressionAttributeNames(Map.of("#k", "key"))
                .expressionAttributeValues(Map.of(":s", AttributeValue.fromS(TrustEvent.seller(sellerId)),
                        ":from", AttributeValue.fromS(STRIKE + (from == null ? "" : from.toString())),
                        ":to", AttributeValue.fromS(STRIKE + "~")))).items()) {
            String voidedBy = Attrs.s(row, "voidedBy");
            strikes.add(new Strike(sellerId, Attrs.s(row, "rightholderId"), LocalDate.parse(Attrs.s(row, "day")),
                    flag(row, "copyrightTakedowns"), flag(row, "otherTakedowns"), set(row, "items"),
                    voidedBy == null ? null : new Strike.Voided(voidedBy, Times.parse(Attrs.s(row, "voidedAt")),
                            Attrs.s(row, "voidReason")), set(row, "disputed")));
        }
        return strikes;
    }

    @Override
    public boolean voidStrike(String sellerId, String strikeId, Strike.Voided voided) {
        return conditionally(() -> dynamo.updateItem(r -> r.tableName(trustTable)
                .key(key(TrustEvent.seller(sellerId), STRIKE + strikeId))
                .updateExpression("SET voidedBy = :by, voidedAt = :at, voidReason = :reason REMOVE dueShard, dueAt")
                .conditionExpression("attribute_exists(subject) AND attribute_not_exists(voidedBy)")
                .expressionAttributeValues(Map.of(
                        ":by", AttributeValue.fromS(voided.by()),
                        ":at", AttributeValue.fromS(Times.format(voided.at())),
                        ":reason", AttributeValue.fromS(voided.reason())))));
    }

    @Override
    public void markDisputed(String sellerId, String strikeId, String itemKey, boolean disputed) {
        conditionally(() -> dynamo.updateItem(r -> r.tableName(trustTable)
                .key(key(TrustEvent.seller(sellerId), STRIKE + strikeId))
                .updateExpression((disputed ? "ADD" : "DELETE") + " disputed :item")
                .conditionExpression("attribute_exists(subject)")
                .expressionAttributeValues(Map.of(":item", AttributeValue.fromSs(List.of(itemKey))))));
    }

    @Override
    public List<DueStrike> strikesDue(Instant now, int limit) {
        return due(trustTable, "strikesDue", "dueShard", "dueAt", now, limit).stream()
                .map(row -> new DueStrike(Attrs.s(row, "subject").substring(TrustEvent.SELLER.length()),
                        Attrs.s(row, "key").substring(STRIKE.length())))
                .toList();
    }

    @Override
    public void rescheduleStrike(String sellerId, String strikeId, Instant next) {
        Update update = new Update().s("dueShard", next == null ? null : DUE).s("dueAt", format(next));
        updateIf(trustTable, key(TrustEvent.seller(sellerId), STRIKE + strikeId), update, "attribute_exists(subject)");
    }

    @Override
    public boolean markEstablished(String sellerId, String strikeId, Instant at) {
        return updateIf(trustTable, key(TrustEvent.seller(sellerId), STRIKE + strikeId),
                new Update().s("establishedAt", format(at)),
                "attribute_exists(subject) AND attribute_not_exists(establishedAt)");
    }

    @Override
    public SellerState sellerState(String sellerId) {
        Map<String, AttributeValue> row = dynamo.getItem(r -> r.tableName(sellersTable).consistentRead(true)
                .key(Attrs.key("id", sellerId))).item();
        if (row == null || !row.containsKey("standing")) {
            return SellerState.INITIAL;
        }
        return new SellerState(SellerStanding.valueOf(Attrs.s(row, "standing")), parse(Attrs.s(row, "standingSince")),
                parse(Attrs.s(row, "reinstatedAt")), Attrs.longN(row, "standingVersion"));
    }

    @Override
    public boolean replaceSellerState(String sellerId, SellerState before, SellerState after) {
        Update update = new Update()
                .s("standing", after.standing().name())
                .s("standingSince", format(after.since()))
                .s("reinstatedAt", format(after.reinstatedAt()))
                .set("standingVersion", number(after.version()))
                .value(":v", number(before.version()));
        // Sellers come from the catalog and may have no row of their own yet.
        String condition = before.version() == 0
                ? "attribute_not_exists(standingVersion) OR standingVersion = :v" : "standingVersion = :v";
        return updateIf(sellersTable, Attrs.key("id", sellerId), update, condition);
    }

    @Override
    public boolean record(TrustEvent event) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":kind", AttributeValue.fromS(event.kind())));
        String sameTo = "attribute_not_exists(#to)";
        if (event.to() != null) {
            values.put(":to", AttributeValue.fromS(event.to()));
            sameTo = "#to = :to";
        }
        String condition = "attribute_not_exists(subject) OR (kind = :kind AND " + sameTo + ")";
        return conditionally(() -> dynamo.putItem(r -> r.tableName(trustTable).item(Attrs.item()
                        .attr("subject", AttributeValue.fromS(event.subject()))
                        .s("key", eventKey(event.sequence(), event.tag()))
                        .n("sequence", event.sequence())
                        .s("tag", event.tag().isEmpty() ? null : event.tag())
                        .s("at", Times.format(event.at()))
                        .s("actor", event.actor())
                        .s("kind", event.kind())
                        .s("from", event.from())
                        .s("to", event.to())
                        .s("reason", event.reason())
                        .s("suspensionMonth", event.suspendsSeller()
                                ? YearMonth.from(event.at().atOffset(ZoneOffset.UTC)).toString() : null)
                        .build())
                .conditionExpression(condition)
                .expressionAttributeNames(Map.of("#to", "to"))
                .expressionAttributeValues(values)));
    }

    @Override
    public List<TrustEvent> events(String subject) {
        List<TrustEvent> events = new ArrayList<>();
        for (Map<String, AttributeValue> row : dynamo.queryPaginator(r -> r.tableName(trustTable).consistentRead(true)
                .keyConditionExpression("subject = :s AND begins_with(#k, :event)")
                .expressionAttributeNames(Map.of("#k", "key"))
                .expressionAttributeValues(Map.of(":s", AttributeValue.fromS(subject),
                        ":event", AttributeValue.fromS(EVENT)))).items()) {
            events.add(event(row));
        }
        return events;
    }

    private static TrustEvent event(Map<String, AttributeValue> row) {
        String tag = Attrs.s(row, "tag");
        return new TrustEvent(Attrs.s(row, "subject"), Attrs.longN(row, "sequence"), tag == null ? "" : tag,
                Times.parse(Attrs.s(row, "at")), Attrs.s(row, "actor"),
                Attrs.s(row, "kind"), Attrs.s(row, "from"), Attrs.s(row, "to"), Attrs.s(row, "reason"));
    }

    private static String eventKey(long sequence, String tag) {
        return String.format("%s%012d#%s", EVENT, sequence, tag);
    }

    /** Reads the sparse index {@code sellerSuspensions}: a seller's suspensions by month, then by time. */
    @Override
    public Page<TrustEvent> suspensions(LocalDate from, LocalDate to, String cursor, int limit) {
        YearMonth month = YearMonth.from(from);
        Map<String, AttributeValue> exclusiveStart = null;
        if (cursor != null) {
            Matcher position = SUSPENSION_CURSOR.matcher(Cursors.decode(cursor));
            if (!position.matches()) {
                throw new InvalidCursorException("not a suspensions cursor");
            }
            month = MonthIndex.resumeIn(LocalDate.parse(position.group(1).substring(0, 10)), from, to);
            exclusiveStart = Map.of("suspensionMonth", AttributeValue.fromS(month.toString()),
                    "at", AttributeValue.fromS(position.group(1)), "key", AttributeValue.fromS(position.group(2)),
                    "subject", AttributeValue.fromS(position.group(3)));
        }
        List<TrustEvent> events = new ArrayList<>();
        // Every instant of the last day sorts before the upper bound: 'U' follows its 'T'.
        boolean all = sellerSuspensions.read(dynamo, from.toString(), to + "U", month, to, exclusiveStart, limit + 1,
                row -> {
                    if (events.size() == limit) {
                        return false;
                    }
                    events.add(event(row));
                    return true;
                });
        if (all) {
            return new Page<>(events, null);
        }
        TrustEvent last = events.get(limit - 1);
        return new Page<>(events, Cursors.encode(Times.format(last.at()) + "|" + eventKey(last.sequence(), last.tag())
                + "|" + last.subject()));
    }

    /** The tier fields of a rightholder row, as {@link DynamoRightholderStore} reads them. */
    static RightholderTrust trustOf(Map<String, AttributeValue> row) {
        String tier = Attrs.s(row, "tier");
        if (tier == null) {
            return RightholderTrust.INITIAL;
        }
        AttributeValue pinned = row.get("tierPinned");
        return new RightholderTrust(Tier.valueOf(tier), parse(Attrs.s(row, "tierSince")), Attrs.s(row, "tierChangedBy"),
                pinned != null && Boolean.TRUE.equals(pinned.bool()), parse(Attrs.s(row, "trustedLockoutUntil")),
                parse(Attrs.s(row, "warnedAt")), parse(Attrs.s(row, "suspendedUntil")), Attrs.longN(row, "trustVersion"));
    }

    /** Keys of the rows in a sparse due index whose time has come, soonest first. */
    private List<Map<String, AttributeValue>> due(String table, String index, String shard, String at, Instant now,
                                                  int limit) {
        return dynamo.query(r -> r.tableName(table).indexName(index).limit(limit)
                .keyConditionExpression(shard + " = :due AND " + at + " <= :now")
                .expressionAttributeValues(Map.of(":due", AttributeValue.fromS(DUE),
                        ":now", AttributeValue.fromS(Times.format(now))))).items();
    }

    private boolean updateIf(String table, Map<String, AttributeValue> key, Update update, String condition) {
        return conditionally(() -> dynamo.updateItem(update.applyTo(UpdateItemRequest.builder()
                .tableName(table).key(key).conditionExpression(condition)).build()));
    }

    private static boolean conditionally(Runnable write) {
        try {
            write.run();
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    private static Map<String, AttributeValue> key(String subject, String key) {
        return Map.of("subject", AttributeValue.fromS(subject), "key", AttributeValue.fromS(key));
    }

    private static AttributeValue number(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    private static boolean flag(Map<String, AttributeValue> row, String name) {
        AttributeValue value = row.get(name);
        return value != null && Boolean.TRUE.equals(value.bool());
    }

    private static Set<String> set(Map<String, AttributeValue> row, String name) {
        AttributeValue value = row.get(name);
        return value == null || !value.hasSs() ? Set.of() : Set.copyOf(value.ss());
    }

    private static String format(Instant at) {
        return at == null ? null : Times.format(at);
    }

    private static Instant parse(String text) {
        return text == null ? null : Times.parse(text);
    }
}
