package dev.takedown.aws;

import dev.takedown.core.Times;
import dev.takedown.core.model.Decision;
import dev.takedown.core.model.DecisionRule;
import dev.takedown.core.model.Evidence;
import dev.takedown.core.model.EvidenceKind;
import dev.takedown.core.model.ItemReason;
import dev.takedown.core.model.ItemStatus;
import dev.takedown.core.model.Notice;
import dev.takedown.core.model.NoticeItem;
import dev.takedown.core.model.NoticeReason;
import dev.takedown.core.model.NoticeStatus;
import dev.takedown.core.model.Sender;
import dev.takedown.core.ports.DependencyException;
import dev.takedown.core.ports.InvalidCursorException;
import dev.takedown.core.ports.NoticeStore;
import dev.takedown.core.ports.Page;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Notices and their items in one table: partition = notice id; the notice row sorts first ({@code #NOTICE}),
 * then its items by index ({@code ITEM#000000}). Sparse indexes serve a rightholder's notices newest first,
 * the items naming a listing, and notices whose verification work is not yet confirmed queued.
 */
public final class DynamoNoticeStore implements NoticeStore {
    static final String NOTICE_SK = "#NOTICE";
    static final String ITEM_PREFIX = "ITEM#";
    static final String BY_RIGHTHOLDER = "byRightholder";
    static final String PENDING_DISPATCH = "pendingDispatch";
    static final String PENDING = "PENDING";
    private static final int BATCH_WRITE_LIMIT = 25;
    private static final int BATCH_GET_LIMIT = 100;
    private static final int MAX_BATCH_ATTEMPTS = 8;
    private static final Pattern ITEM_SK = Pattern.compile("ITEM#\\d{6}");
    private static final Pattern RECEIVED_KEY = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z#ntc_[0-9a-z]{26}");

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoNoticeStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    static String itemSk(int index) {
        return String.format("%s%06d", ITEM_PREFIX, index);
    }

    @Override
    public void saveNew(Notice notice, List<NoticeItem> items) {
        List<WriteRequest> writes = new ArrayList<>(items.size());
        for (NoticeItem item : items) {
            writes.add(WriteRequest.builder().putRequest(PutRequest.builder().item(itemRow(notice.id(), item)).build()).build());
        }
        for (int from = 0; from < writes.size(); from += BATCH_WRITE_LIMIT) {
            batchWrite(writes.subList(from, Math.min(writes.size(), from + BATCH_WRITE_LIMIT)));
        }
        // The notice row goes last: once it exists, so does every item, and the dispatch mark with it.
        dynamo.putItem(r -> r.tableName(table).item(noticeRow(notice)));
    }

    private void batchWrite(List<WriteRequest> chunk) {
        Map<String, List<WriteRequest>> pending = Map.of(table, chunk);
        for (int attempt = 1; !pending.isEmpty(); attempt++) {
            if (attempt > MAX_BATCH_ATTEMPTS) {
                throw new DependencyException("DynamoDB kept items unprocessed after " + MAX_BATCH_ATTEMPTS + " attempts", null);
            }
            if (attempt > 1) {
                Backoff.sleep(attempt);
            }
            Map<String, List<WriteRequest>> request = pending;
            BatchWriteItemResponse response = dynamo.batchWriteItem(r -> r.requestItems(request));
            pending = response.hasUnprocessedItems() ? response.unprocessedItems() : Map.of();
        }
    }

    private Map<String, AttributeValue> noticeRow(Notice notice) {
        List<AttributeValue> evidence = notice.evidence().stream()
                .map(e -> AttributeValue.fromM(Attrs.item().s("url", e.url()).s("sha256", e.sha256())
                        .s("kind", e.kind().name()).build()))
                .toList();
        return Attrs.item()
                .s("noticeId", notice.id())
                .s("sk", NOTICE_SK)
                .s("rightholderId", notice.rightholderId())
                .s("receivedKey", receivedKey(notice.receivedAt(), notice.id()))
                .s("rightId", notice.rightId())
                .s("reason", notice.reason().name())
                .s("explanation", notice.explanation())
                .s("senderName", notice.sender().name())
                .s("senderEmail", notice.sender().email())
                .s("signature", notice.signature())
                .attr("evidence", evidence.isEmpty() ? null : AttributeValue.fromL(evidence))
                .s("status", notice.status().name())
                .s("receivedAt", Times.format(notice.receivedAt()))
                .n("itemCount", notice.itemCount())
                .n("openItemCount", notice.openItemCount())
                .s("dispatchState", PENDING)
                .build();
    }

    static Map<String, AttributeValue> itemRow(String noticeId, NoticeItem item) {
        return Attrs.item()
                .s("noticeId", noticeId)
                .s("sk", itemSk(item.index()))
                .n("index", item.index())
                .s("url", item.url())
                .s("listingId", item.listingId())
                .s("itemKey", item.listingId() == null ? null : noticeId + "#" + itemSk(item.index()))
                .s("status", item.status().name())
                .s("reason", item.reason() == null ? null : item.reason().name())
                .n("duplicateOf", item.duplicateOf())
                .s("duplicateOfNotice", item.duplicateOfNotice())
                .s("decidedBy", item.decision() == null ? null : item.decision().decidedBy())
                .s("decidedAt", item.decision() == null ? null : Times.format(item.decision().decidedAt()))
                .s("rule", item.decision() == null ? null : item.decision().rule().name())
                .attr("statement", item.statement() == null ? null : StatementMapper.toAttribute(item.statement()))
                .build();
    }

    static String receivedKey(Instant receivedAt, String noticeId) {
        return Times.format(receivedAt) + "#" + noticeId;
    }

    @Override
    public Optional<Notice> find(String noticeId) {
        Map<String, AttributeValue> row = dynamo.getItem(r -> r.tableName(table).consistentRead(true)
                .key(Map.of("noticeId", AttributeValue.fromS(noticeId), "sk", AttributeValue.fromS(NOTICE_SK)))).item();
        return row == null || row.isEmpty() ? Optional.empty() : Optional.of(toNotice(row));
    }

    @Override
    public Page<NoticeItem> items(String noticeId, ItemStatus onlyStatus, String cursor, int limit) {
        Map<String, AttributeValue> start = null;
        if (cursor != null) {
            String sk = decodeCursor(cursor);
            if (!ITEM_SK.matcher(sk).matches()) {
                throw new InvalidCursorException("not an item cursor");
            }
            start = Map.of("noticeId", AttributeValue.fromS(noticeId), "sk", AttributeValue.fromS(sk));
        }
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":n", AttributeValue.fromS(noticeId));
        values.put(":p", AttributeValue.fromS(ITEM_PREFIX));
        QueryRequest.Builder query = QueryRequest.builder().tableName(table).consistentRead(true)
                .keyConditionExpression("noticeId = :n AND begins_with(sk, :p)");
        if (onlyStatus != null) {
            values.put(":s", AttributeValue.fromS(onlyStatus.name()));
            query.filterExpression("#status = :s").expressionAttributeNames(Map.of("#status", "status"));
        }
        query.expressionAttributeValues(values);
        Rows rows = collect(query, start, limit);
        return new Page<>(rows.rows().stream().map(DynamoNoticeStore::toItem).toList(),
                rows.more() ? encodeCursor(rows.last().get("sk").s()) : null);
    }

    @Override
    public List<NoticeItem> itemsAt(String noticeId, Collection<Integer> indexes) {
        List<Map<String, AttributeValue>> keys = new TreeSet<>(indexes).stream()
                .map(i -> Map.of("noticeId", AttributeValue.fromS(noticeId), "sk", AttributeValue.fromS(itemSk(i))))
                .toList();
        List<NoticeItem> items = new ArrayList<>();
        for (int from = 0; from < keys.size(); from += BATCH_GET_LIMIT) {
            Map<String, KeysAndAttributes> pending = Map.of(table, KeysAndAttributes.builder()
                    .keys(keys.subList(from, Math.min(keys.size(), from + BATCH_GET_LIMIT))).consistentRead(true).build());
            for (int attempt = 1; !pending.isEmpty(); attempt++) {
                if (attempt > MAX_BATCH_ATTEMPTS) {
                    throw new DependencyException("DynamoDB kept keys unprocessed after " + MAX_BATCH_ATTEMPTS + " attempts", null);
                }
                if (attempt > 1) {
                    Backoff.sleep(attempt);
                }
                Map<String, KeysAndAttributes> request = pending;
                BatchGetItemResponse response = dynamo.batchGetItem(r -> r.requestItems(request));
                response.responses().getOrDefault(table, List.of()).forEach(row -> items.add(toItem(row)));
                pending = response.hasUnprocessedKeys() ? response.unprocessedKeys() : Map.of();
            }
        }
        items.sort(Comparator.comparingInt(NoticeItem::index));
        return items;
    }

    @Override
    public Page<Notice> listFor(String rightholderId, NoticeStatus onlyStatus, String cursor, int limit) {
        Map<String, AttributeValue> start = null;
        if (cursor != null) {
            String receivedKey = decodeCursor(cursor);
            if (!RECEIVED_KEY.matcher(receivedKey).matches()) {
                throw new InvalidCursorException("not a notice list cursor");
            }
            start = Map.of(
                    "rightholderId", AttributeValue.fromS(rightholderId),
                    "receivedKey", AttributeValue.fromS(receivedKey),
                    "noticeId", AttributeValue.fromS(receivedKey.substring(receivedKey.indexOf('#') + 1)),
                    "sk", AttributeValue.fromS(NOTICE_SK));
        }
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":r", AttributeValue.fromS(rightholderId));
        QueryRequest.Builder query = QueryRequest.builder().tableName(table).indexName(BY_RIGHTHOLDER)
                .keyConditionExpression("rightholderId = :r").scanIndexForward(false);
        if (onlyStatus != null) {
            values.put(":s", AttributeValue.fromS(onlyStatus.name()));
            query.filterExpression("#status = :s").expressionAttributeNames(Map.of("#status", "status"));
        }
        query.expressionAttributeValues(values);
        Rows rows = collect(query, start, limit);
        return new Page<>(rows.rows().stream().map(DynamoNoticeStore::toNotice).toList(),
                rows.more() ? encodeCursor(rows.last().get("receivedKey").s()) : null);
    }

    /** Up to {@code limit} rows that passed the filter, and whether more follow the last of them. */
    private record Rows(List<Map<String, AttributeValue>> rows, boolean more) {
        Map<String, AttributeValue> last() {
            return rows.get(rows.size() - 1);
        }
    }

    /**
     * Pages through a query until one row more than asked for passed the filter, so that a cursor is handed
     * out only when another page really has entries.
     */
    private Rows collect(QueryRequest.Builder query, Map<String, AttributeValue> start, int limit) {
        List<Map<String, AttributeValue>> rows = new ArrayList<>();
        Map<String, AttributeValue> resumeAt = start;
        do {
            QueryResponse response = dynamo.query(query.exclusiveStartKey(resumeAt).limit(limit + 1 - rows.size()).build());
            rows.addAll(response.items());
            resumeAt = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                    ? response.lastEvaluatedKey() : null;
        } while (resumeAt != null && rows.size() <= limit);
        boolean more = rows.size() > limit;
        return new Rows(more ? rows.subList(0, limit) : rows, more);
    }

    @Override
    public void markDispatched(String noticeId) {
        try {
            dynamo.updateItem(r -> r.tableName(table)
                    .key(Map.of("noticeId", AttributeValue.fromS(noticeId), "sk", AttributeValue.fromS(NOTICE_SK)))
                    .updateExpression("REMOVE dispatchState")
                    .conditionExpression("attribute_exists(noticeId)"));
        } catch (ConditionalCheckFailedException e) {
            throw new IllegalStateException("notice " + noticeId + " does not exist", e);
        }
    }

    @Override
    public List<String> awaitingDispatch(Instant receivedBefore, int limit) {
        QueryResponse response = dynamo.query(r -> r.tableName(table).indexName(PENDING_DISPATCH)
                .keyConditionExpression("dispatchState = :p AND receivedKey < :before")
                .expressionAttributeValues(Map.of(
                        ":p", AttributeValue.fromS(PENDING),
                        ":before", AttributeValue.fromS(Times.format(receivedBefore))))
                .limit(limit));
        return response.items().stream().map(row -> row.get("noticeId").s()).toList();
    }

    private static Notice toNotice(Map<String, AttributeValue> row) {
        List<Evidence> evidence = new ArrayList<>();
        AttributeValue stored = row.get("evidence");
        if (stored != null && stored.hasL()) {
            for (AttributeValue entry : stored.l()) {
                Map<String, AttributeValue> m = entry.m();
                evidence.add(new Evidence(Attrs.s(m, "url"), Attrs.s(m, "sha256"), EvidenceKind.valueOf(Attrs.s(m, "kind"))));
            }
        }
        return new Notice(
                Attrs.s(row, "noticeId"),
                Attrs.s(row, "rightholderId"),
                Attrs.s(row, "rightId"),
                NoticeReason.valueOf(Attrs.s(row, "reason")),
                Attrs.s(row, "explanation"),
                new Sender(Attrs.s(row, "senderName"), Attrs.s(row, "senderEmail")),
                Attrs.s(row, "signature"),
                evidence,
                NoticeStatus.valueOf(Attrs.s(row, "status")),
                Times.parse(Attrs.s(row, "receivedAt")),
                Attrs.n(row, "itemCount"),
                Attrs.n(row, "openItemCount"));
    }

    static NoticeItem toItem(Map<String, AttributeValue> row) {
        String reason = Attrs.s(row, "reason");
        String decidedBy = Attrs.s(row, "decidedBy");
        AttributeValue statement = row.get("statement");
        return new NoticeItem(
                Attrs.n(row, "index"),
                Attrs.s(row, "url"),
                Attrs.s(row, "listingId"),
                ItemStatus.valueOf(Attrs.s(row, "status")),
                reason == null ? null : ItemReason.valueOf(reason),
                Attrs.n(row, "duplicateOf"),
                Attrs.s(row, "duplicateOfNotice"),
                decidedBy == null ? null : new Decision(decidedBy, Times.parse(Attrs.s(row, "decidedAt")),
                        DecisionRule.valueOf(Attrs.s(row, "rule"))),
                statement == null ? null : StatementMapper.fromAttribute(statement));
    }

    static String encodeCursor(String key) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(key.getBytes(StandardCharsets.UTF_8));
    }

    static String decodeCursor(String cursor) {
        try {
            return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new InvalidCursorException("cursor is not base64url");
        }
    }
}
