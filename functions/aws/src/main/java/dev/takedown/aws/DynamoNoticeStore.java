package dev.takedown.aws;

import dev.takedown.core.model.Complaint;
import dev.takedown.core.model.Decision;
import dev.takedown.core.model.DecisionRule;
import dev.takedown.core.model.Ids;
import dev.takedown.core.model.ItemReason;
import dev.takedown.core.model.ItemStatus;
import dev.takedown.core.model.Notice;
import dev.takedown.core.model.NoticeItem;
import dev.takedown.core.model.NoticeOutcome;
import dev.takedown.core.model.NoticeReason;
import dev.takedown.core.model.NoticeStatus;
import dev.takedown.core.model.Progress;
import dev.takedown.core.model.Sender;
import dev.takedown.core.ports.InvalidCursorException;
import dev.takedown.core.ports.NoticeStore;
import dev.takedown.core.ports.Page;
import dev.takedown.core.runtime.Parallel;
import dev.takedown.core.text.Times;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.Select;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Notices and their items in one table: partition = notice id; the notice row sorts first ({@code #NOTICE}),
 * then its items by index ({@code ITEM#000000}). Sparse indexes serve a rightholder's notices newest first,
 * the items waiting for a person, and notices whose verification work is not yet confirmed queued. A listing
 * claimed by an item waiting for a person has one claim row ({@code LISTING#<listingId>}, {@code #CLAIM}) naming it.
 */
public final class DynamoNoticeStore extends SingleTableStore implements NoticeStore {
    static final String NOTICE_SK = "#NOTICE";
    static final String ITEM_PREFIX = "ITEM#";
    static final String BY_RIGHTHOLDER = "byRightholder";
    static final String PENDING_DISPATCH = "pendingDispatch";
    static final String NEEDS_REVIEW = "needsReview";
    /** What a decision writes on an item row; absent values are removed. */
    private static final List<String> DECISION_ATTRIBUTES = List.of("status", "reason", "duplicateOf", "duplicateOfNotice",
            "decidedBy", "decidedAt", "rule", "note", "reviewFirst", "statement", "redress", "redressTag");
    /** Leads a review key: items of TRUSTED senders sort before all others, each group oldest first. */
    static final String REVIEW_FIRST = "0";
    static final String REVIEW_STANDARD = "1";
    static final String PENDING = "PENDING";
    static final String CLAIM_PREFIX = "LISTING#";
    static final String CLAIM_SK = "#CLAIM";
    private static final int MAX_CLAIM_ATTEMPTS = 4;
    private static final int BATCH_WRITE_LIMIT = 25;
    private static final int FILTERED_PAGE = 250;
    static final int MAX_ROWS_READ = 2000;
    private static final int MAX_BATCH_ATTEMPTS = 8;
    private static final Pattern ITEM_SK = Pattern.compile("ITEM#\\d{6}");
    private static final Pattern REVIEW_SINCE = Pattern.compile(
            "[" + REVIEW_FIRST + REVIEW_STANDARD + "]#\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z#("
                    + Ids.NOTICE_ID_REGEX + ")#(ITEM#\\d{6})");
    static final String REDRESS_DUE = "redressDue";
    static final String COMPLAINTS = "complaints";
    static final String DUE = "DUE";
    static final String OPEN = "OPEN";
    static final String SELLER_PREFIX = "SELLER#";
    static final String TAKEDOWNS_PREFIX = "TAKEDOWNS#";
    private static final Pattern COMPLAINT_SINCE = Pattern.compile(
            "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z#(" + Ids.NOTICE_ID_REGEX + ")#(ITEM#\\d{6})");
    private static final Pattern TAKEDOWN_CURSOR = Pattern.compile(
            "(TAKEDOWNS#\\d{4}-\\d{2}-\\d{2}#\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z#"
                    + Ids.NOTICE_ID_REGEX + ")\\|(\\d{1,6})");
    static final String TAKEDOWNS_BY_MONTH = "takedownsByMonth";
    private static final Pattern DECIDED_CURSOR = Pattern.compile(
            "(TAKEDOWNS#\\d{4}-\\d{2}-\\d{2}#\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z#"
                    + Ids.NOTICE_ID_REGEX + ")\\|(\\d{1,6})\\|(.{1,128})");
    private static final Pattern RECEIVED_KEY = Pattern.compile(
            "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z#" + Ids.NOTICE_ID_REGEX);

    private final MonthIndex takedownsByMonth;

    public DynamoNoticeStore(DynamoDbClient dynamo, String table) {
        super(dynamo, table);
        takedownsByMonth = new MonthIndex(table, TAKEDOWNS_BY_MONTH, "takedownMonth", "sk");
    }

    static String itemSk(int index) {
        return String.format("%s%06d", ITEM_PREFIX, index);
    }

    @Override
    public Saved saveNew(Notice notice, List<NoticeItem> items) {
        String lease = Times.format(notice.receivedAt().plus(WRITE_LEASE));
        Map<String, AttributeValue> row = noticeRow(notice);
        Map<String, AttributeValue> gate = new HashMap<>(row);
        gate.remove("receivedKey");
        gate.remove("dispatchState");
        gate.put("writeLease", AttributeValue.fromS(lease));
        try {
            dynamo.putItem(r -> r.tableName(table).item(gate)
                    .conditionExpression("attribute_not_exists(noticeId) OR writeLease < :now")
                    .expressionAttributeValues(Map.of(":now", AttributeValue.fromS(Times.format(notice.receivedAt())))));
        } catch (ConditionalCheckFailedException e) {
            Map<String, AttributeValue> stored = dynamo.getItem(r -> r.tableName(table).consistentRead(true)
                    .key(noticeKey(notice.id()))).item();
            return stored != null && stored.containsKey("writeLease") ? Saved.BEING_WRITTEN : Saved.ALREADY_STORED;
        }
        List<WriteRequest> writes = new ArrayList<>(items.size());
        for (NoticeItem item : items) {
            writes.add(WriteRequest.builder().putRequest(PutRequest.builder().item(itemRow(notice.id(), item)).build()).build());
        }
        List<List<WriteRequest>> chunks = new ArrayList<>();
        for (int from = 0; from < writes.size(); from += BATCH_WRITE_LIMIT) {
            chunks.add(writes.subList(from, Math.min(writes.size(), from + BATCH_WRITE_LIMIT)));
        }
        // Plain batch writes, guarded by the gate: no item of a notice whose row is a gate can have been decided.
        Parallel.run(chunks, this::batchWrite);
        try {
            // Completing the row lists the notice and marks it for dispatch: once it is complete, so is every item.
            dynamo.updateItem(r -> r.tableName(table).key(noticeKey(notice.id()))
                    .updateExpression("SET receivedKey = :k, dispatchState = :d REMOVE writeLease")
                    .conditionExpression("writeLease = :lease")
                    .expressionAttributeValues(Map.of(":k", row.get("receivedKey"), ":d", row.get("dispatchState"),
                            ":lease", AttributeValue.fromS(lease))));
        } catch (ConditionalCheckFailedException e) {
            // Our lease ran out and a retry took the notice over; it writes the same notice and answers for it.
            return Saved.BEING_WRITTEN;
        }
        return Saved.STORED;
    }

    private void batchWrite(List<WriteRequest> chunk) {
        Backoff.untilNoneLeft(Map.of(table, chunk), Map::isEmpty, request -> {
            BatchWriteItemResponse response = dynamo.batchWriteItem(r -> r.requestItems(request));
            return response.hasUnprocessedItems() ? response.unprocessedItems() : Map.of();
        }, MAX_BATCH_ATTEMPTS, left -> "DynamoDB kept items unprocessed");
    }

    private Map<String, AttributeValue> noticeRow(Notice notice) {
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
                .attr("evidence", EvidenceMapper.toAttribute(notice.evidence()))
                .s("status", notice.status().name())
                .s("receivedAt", Times.format(notice.receivedAt()))
                .n("itemCount", notice.itemCount())
                .n("toVerify", notice.progress().toVerify())
                .n("settledCount", notice.progress().settled())
                .n("actionedCount", notice.progress().actioned())
                .n("actionableCount", notice.progress().actionable())
                .s("outcome", notice.outcome() == null ? null : notice.outcome().name())
                .s("completedAt", notice.completedAt() == null ? null : Times.format(notice.completedAt()))
                .bool("trustedSender", notice.trustedSender() ? true : null)
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
                .s("status", item.status().name())
                .s("reason", item.reason() == null ? null : item.reason().name())
                .n("duplicateOf", item.duplicateOf())
                .s("duplicateOfNotice", item.duplicateOfNotice())
                .s("decidedBy", item.decision() == null ? null : item.decision().decidedBy())
                .s("decidedAt", item.decision() == null ? null : Times.format(item.decision().decidedAt()))
                .s("rule", item.decision() == null ? null : item.decision().rule().name())
                .s("note", item.decision() == null ? null : item.decision().note())
                .bool("reviewFirst", item.decision() != null && item.decision().reviewFirst() ? true : null)
                .attr("statement", item.statement() == null ? null : StatementMapper.toAttribute(item.statement()))
                .attr("redress", RedressMapper.toAttribute(item.redress()))
                .s("redressTag", RedressMapper.tag(item.redress()))
                .build();
    }

    /** Where an item waits in the review queue: TRUSTED senders' first, then by time of the decision. */
    static String reviewKey(String noticeId, NoticeItem item) {
        return (item.decision().reviewFirst() ? REVIEW_FIRST : REVIEW_STANDARD) + "#"
                + Times.format(item.decision().decidedAt()) + "#" + noticeId + "#" + itemSk(item.index());
    }

    static String receivedKey(Instant receivedAt, String noticeId) {
        return Times.format(receivedAt) + "#" + noticeId;
    }

    @Override
    public Optional<Notice> find(String noticeId) {
        Map<String, AttributeValue> row = dynamo.getItem(r -> r.tableName(table).consistentRead(true)
                .key(noticeKey(noticeId))).item();
        // A gate is a notice still being written: not received yet.
        return row == null || row.isEmpty() || row.containsKey("writeLease") ? Optional.empty() : Optional.of(toNotice(row));
    }

    @Override
    public Page<NoticeItem> items(String noticeId, ItemStatus onlyStatus, String cursor, int limit) {
        Map<String, AttributeValue> start = null;
        if (cursor != null) {
            String sk = Cursors.decode(cursor);
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
        Rows rows = collect(query, start, limit, onlyStatus != null);
        return new Page<>(rows.rows().stream().map(DynamoNoticeStore::toItem).toList(),
                rows.resumeAfter() == null ? null : Cursors.encode(rows.resumeAfter().get("sk").s()));
    }

    @Override
    public List<NoticeItem> itemsAt(String noticeId, Collection<Integer> indexes) {
        List<Map<String, AttributeValue>> keys = new TreeSet<>(indexes).stream()
                .map(i -> itemKey(noticeId, i))
                .toList();
        List<NoticeItem> items = new ArrayList<>();
        BatchReads.get(dynamo, table, keys, true, List.of()).forEach(row -> items.add(toItem(row)));
        items.sort(Comparator.comparingInt(NoticeItem::index));
        return items;
    }

    @Override
    public Page<Notice> listFor(String rightholderId, NoticeStatus onlyStatus, String cursor, int limit) {
        Map<String, AttributeValue> start = null;
        if (cursor != null) {
            String receivedKey = Cursors.decode(cursor);
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
        Rows rows = collect(query, start, limit, onlyStatus != null);
        // The index carries keys and status only, so that progress updates do not rewrite it: fetch the rows.
        Map<String, Notice> byId = new HashMap<>();
        BatchReads.get(dynamo, table, rows.rows().stream().map(row -> noticeKey(Attrs.s(row, "noticeId"))).toList(), true, List.of())
                .forEach(row -> byId.put(Attrs.s(row, "noticeId"), toNotice(row)));
        List<Notice> page = rows.rows().stream().map(row -> byId.get(Attrs.s(row, "noticeId")))
                .filter(Objects::nonNull).toList();
        return new Page<>(page, rows.resumeAfter() == null ? null : Cursors.encode(rows.resumeAfter().get("receivedKey").s()));
    }

    /** Up to {@code limit} rows that passed the filter, and the key to resume after them (null at the end). */
    private record Rows(List<Map<String, AttributeValue>> rows, Map<String, AttributeValue> resumeAfter) {
    }

    /**
     * Pages through a query until one row more than asked for passed the filter, so that a cursor is handed
     * out only when another page may really have entries. A filtered query reads bigger pages, and stops after
     * {@link #MAX_ROWS_READ} rows with a cursor, so that a rare status never makes one request read everything.
     */
    private Rows collect(QueryRequest.Builder query, Map<String, AttributeValue> start, int limit, boolean filtered) {
        List<Map<String, AttributeValue>> rows = new ArrayList<>();
        Map<String, AttributeValue> resumeAt = start;
        int read = 0;
        do {
            int pageSize = filtered ? Math.max(limit + 1, FILTERED_PAGE) : limit + 1 - rows.size();
            QueryResponse response = dynamo.query(query.exclusiveStartKey(resumeAt).limit(pageSize).build());
            read += response.scannedCount() == null ? response.count() : response.scannedCount();
            response.items().stream().limit(limit + 1L - rows.size()).forEach(rows::add);
            resumeAt = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                    ? response.lastEvaluatedKey() : null;
        } while (resumeAt != null && rows.size() <= limit && read < MAX_ROWS_READ);
        if (rows.size() > limit) {
            return new Rows(rows.subList(0, limit), rows.get(limit - 1));
        }
        return new Rows(rows, resumeAt);
    }

    @Override
    public ListingClaim claimListing(String listingId, ListingClaim claimant) {
        ListingClaim stale = null;
        for (int attempt = 0; attempt < MAX_CLAIM_ATTEMPTS; attempt++) {
            if (putClaim(listingId, claimant, stale)) {
                return claimant;
            }
            Optional<ListingClaim> holder = claimOf(listingId);
            if (holder.isEmpty()) {
                continue;
            }
            if (holder.get().equals(claimant) || stillHolds(holder.get())) {
                return holder.get();
            }
            stale = holder.get();
        }
        // Only a storm of claimants on one listing gets here; the message is retried and decides it then.
        throw new IllegalStateException("the claim on listing " + listingId + " kept changing hands");
    }

    /** Writes the claim if the listing is free, already the claimant's, or still held by {@code stale}. */
    private boolean putClaim(String listingId, ListingClaim claimant, ListingClaim stale) {
        String condition = "attribute_not_exists(noticeId) OR (holderNotice = :n AND holderIndex = :i)";
        Map<String, AttributeValue> values = new HashMap<>(Map.of(
                ":n", AttributeValue.fromS(claimant.noticeId()), ":i", AttributeValue.fromN(Integer.toString(claimant.index()))));
        if (stale != null) {
            condition += " OR (holderNotice = :sn AND holderIndex = :si)";
            values.put(":sn", AttributeValue.fromS(stale.noticeId()));
            values.put(":si", AttributeValue.fromN(Integer.toString(stale.index())));
        }
        String finalCondition = condition;
        try {
            dynamo.putItem(r -> r.tableName(table).item(Attrs.item()
                            .s("noticeId", claimKey(listingId))
                            .s("sk", CLAIM_SK)
                            .s("holderNotice", claimant.noticeId())
                            .n("holderIndex", claimant.index())
                            .build())
                    .conditionExpression(finalCondition)
                    .expressionAttributeValues(values));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    private Optional<ListingClaim> claimOf(String listingId) {
        Map<String, AttributeValue> row = dynamo.getItem(r -> r.tableName(table).consistentRead(true)
                .key(Map.of("noticeId", AttributeValue.fromS(claimKey(listingId)), "sk", AttributeValue.fromS(CLAIM_SK))))
                .item();
        return row == null || row.isEmpty() ? Optional.empty()
                : Optional.of(new ListingClaim(Attrs.s(row, "holderNotice"), Attrs.n(row, "holderIndex")));
    }

    private boolean stillHolds(ListingClaim holder) {
        Map<String, AttributeValue> row = dynamo.getItem(r -> r.tableName(table).consistentRead(true)
                .key(itemKey(holder.noticeId(), holder.index())).projectionExpression("#s")
                .expressionAttributeNames(Map.of("#s", "status"))).item();
        return row != null && !row.isEmpty() && ItemStatus.valueOf(Attrs.s(row, "status")).holdsListing();
    }

    /** A listing's claim lives beside the notices, in a partition no notice id can take. */
    static String claimKey(String listingId) {
        return CLAIM_PREFIX + listingId;
    }

    @Override
    public boolean recordDecision(String noticeId, NoticeItem decided, ItemStatus expectedStatus) {
        Map<String, AttributeValue> row = itemRow(noticeId, decided);
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        List<String> sets = new ArrayList<>();
        List<String> removes = new ArrayList<>();
        for (String attribute : DECISION_ATTRIBUTES) {
            names.put("#" + attribute, attribute);
            if (row.containsKey(attribute)) {
                sets.add("#" + attribute + " = :" + attribute);
                values.put(":" + attribute, row.get(attribute));
            } else {
                removes.add("#" + attribute);
            }
        }
        if (decided.status() == ItemStatus.NEEDS_REVIEW) {
            sets.add("reviewState = :review");
            sets.add("reviewSince = :since");
            values.put(":review", AttributeValue.fromS(ItemStatus.NEEDS_REVIEW.name()));
            values.put(":since", AttributeValue.fromS(reviewKey(noticeId, decided)));
        } else if (expectedStatus == ItemStatus.NEEDS_REVIEW) {
            // Leaves the review queue; other items were never in it, and leaving them alone spares the index a write.
            removes.add("reviewState");
            removes.add("reviewSince");
        } else if (expectedStatus == ItemStatus.REJECTED) {
            // A rejection decided again: its complaint was decided with it.
            removes.add("complaintState");
            removes.add("complaintSince");
        }
        values.put(":expected", AttributeValue.fromS(expectedStatus.name()));
        String update = "SET " + String.join(", ", sets) + (removes.isEmpty() ? "" : " REMOVE " + String.join(", ", removes));
        try {
            dynamo.updateItem(r -> r.tableName(table)
                    .key(itemKey(noticeId, decided.index()))
                    .updateExpression(update)
                    .conditionExpression("#status = :expected")
                    .expressionAttributeNames(names)
                    .expressionAttributeValues(values));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public Settled settle(String noticeId, List<Settlement> settlements, boolean seenInProgress) {
        Map<String, AttributeValue> after = settleTogether(noticeId, settlements, seenInProgress);
        List<Integer> counted = new ArrayList<>();
        if (after != null) {
            settlements.forEach(s -> counted.add(s.index()));
        } else {
            // Some were counted before (a replay): count the others one by one.
            for (Settlement settlement : settlements) {
                Map<String, AttributeValue> one = settleTogether(noticeId, List.of(settlement), seenInProgress);
                if (one != null) {
                    after = one;
                    counted.add(settlement.index());
                }
            }
        }
        return new Settled(after != null ? toNotice(after) : find(noticeId).orElseThrow(), counted);
    }

    /**
     * Adds the indexes to the settled set and the counters in one write, unless any of them is in the set already.
     * Status is left alone once IN_PROGRESS: the byRightholder index projects it, so rewriting it costs an index write.
     */
    private Map<String, AttributeValue> settleTogether(String noticeId, List<Settlement> settlements,
                                                      boolean seenInProgress) {
        Map<String, AttributeValue> values = new HashMap<>();
        List<String> conditions = new ArrayList<>();
        // A completed notice is never reopened, whatever a stray message names.
        conditions.add("attribute_exists(noticeId) AND #status <> :completed");
        for (int i = 0; i < settlements.size(); i++) {
            values.put(":i" + i, AttributeValue.fromN(Integer.toString(settlements.get(i).index())));
            conditions.add("NOT contains(settledIndexes, :i" + i + ")");
        }
        values.put(":set", AttributeValue.fromNs(settlements.stream().map(s -> Integer.toString(s.index())).toList()));
        values.put(":n", AttributeValue.fromN(Integer.toString(settlements.size())));
        values.put(":a", AttributeValue.fromN(Long.toString(settlements.stream().filter(Settlement::actioned).count())));
        values.put(":b", AttributeValue.fromN(Long.toString(settlements.stream().filter(Settlement::actionable).count())));
        values.put(":completed", AttributeValue.fromS(NoticeStatus.COMPLETED.name()));
        String update = "ADD settledIndexes :set, settledCount :n, actionedCount :a, actionableCount :b";
        if (!seenInProgress) {
            values.put(":inProgress", AttributeValue.fromS(NoticeStatus.IN_PROGRESS.name()));
            update += " SET #status = :inProgress";
        }
        String expression = update;
        try {
            return dynamo.updateItem(r -> r.tableName(table).key(noticeKey(noticeId))
                    .updateExpression(expression)
                    .conditionExpression(String.join(" AND ", conditions))
                    .expressionAttributeNames(Map.of("#status", "status"))
                    .expressionAttributeValues(values)
                    .returnValues(ReturnValue.ALL_NEW)).attributes();
        } catch (ConditionalCheckFailedException e) {
            return null;
        }
    }

    @Override
    public boolean complete(String noticeId, NoticeOutcome outcome, Instant at) {
        try {
            dynamo.updateItem(r -> r.tableName(table).key(noticeKey(noticeId))
                    .updateExpression("SET #status = :completed, outcome = :outcome, completedAt = :at")
                    .conditionExpression("attribute_exists(noticeId) AND #status <> :completed")
                    .expressionAttributeNames(Map.of("#status", "status"))
                    .expressionAttributeValues(Map.of(
                            ":completed", AttributeValue.fromS(NoticeStatus.COMPLETED.name()),
                            ":outcome", AttributeValue.fromS(outcome.name()),
                            ":at", AttributeValue.fromS(Times.format(at)))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public Page<ReviewItem> needsReview(String cursor, int limit) {
        return waiting(new Queue(NEEDS_REVIEW, "reviewState", ItemStatus.NEEDS_REVIEW.name(), "reviewSince", REVIEW_SINCE,
                "review queue"), cursor, limit);
    }

    /**
     * Counts the review index (a count reads its keys only, a page of up to 1 MB per request) and reads the first entry
     * of each of its two groups: the older of the two is the item waiting longest.
     */
    @Override
    public ReviewBacklog reviewBacklog() {
        int items = 0;
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            QueryResponse page = dynamo.query(r -> r.tableName(table).indexName(NEEDS_REVIEW)
                    .keyConditionExpression("reviewState = :state")
                    .expressionAttributeValues(Map.of(":state", AttributeValue.fromS(ItemStatus.NEEDS_REVIEW.name())))
                    .select(Select.COUNT)
                    .exclusiveStartKey(from));
            items += page.count();
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        Instant oldest = null;
        for (String group : List.of(REVIEW_FIRST, REVIEW_STANDARD)) {
            QueryResponse first = dynamo.query(r -> r.tableName(table).indexName(NEEDS_REVIEW)
                    .keyConditionExpression("reviewState = :state AND begins_with(reviewSince, :group)")
                    .expressionAttributeValues(Map.of(
                            ":state", AttributeValue.fromS(ItemStatus.NEEDS_REVIEW.name()),
                            ":group", AttributeValue.fromS(group + "#")))
                    .projectionExpression("reviewSince")
                    .limit(1));
            for (Map<String, AttributeValue> row : first.items()) {
                // <group>#<time the item was sent to review>#<notice>#<item>
                Instant since = Times.parse(row.get("reviewSince").s().split("#", 3)[1]);
                oldest = oldest == null || since.isBefore(oldest) ? since : oldest;
            }
        }
        return new ReviewBacklog(items, oldest);
    }

    /** A sparse index of items waiting for a person, oldest first: its keys, and what its cursors look like. */
    private record Queue(String index, String stateAttribute, String state, String sinceAttribute, Pattern since,
                         String name) {
    }

    private Page<ReviewItem> waiting(Queue queue, String cursor, int limit) {
        Map<String, AttributeValue> start = null;
        if (cursor != null) {
            String since = Cursors.decode(cursor);
            Matcher key = queue.since().matcher(since);
            if (!key.matches()) {
                throw new InvalidCursorException("not a " + queue.name() + " cursor");
            }
            start = Map.of(
                    queue.stateAttribute(), AttributeValue.fromS(queue.state()),
                    queue.sinceAttribute(), AttributeValue.fromS(since),
                    "noticeId", AttributeValue.fromS(key.group(1)),
                    "sk", AttributeValue.fromS(key.group(2)));
        }
        QueryRequest.Builder query = QueryRequest.builder().tableName(table).indexName(queue.index())
                .keyConditionExpression("#state = :state")
                .expressionAttributeNames(Map.of("#state", queue.stateAttribute()))
                .expressionAttributeValues(Map.of(":state", AttributeValue.fromS(queue.state())));
        Rows rows = collect(query, start, limit, false);
        return new Page<>(rows.rows().stream().map(row -> new ReviewItem(Attrs.s(row, "noticeId"), toItem(row))).toList(),
                rows.resumeAfter() == null ? null : Cursors.encode(rows.resumeAfter().get(queue.sinceAttribute()).s()));
    }

    @Override
    public boolean recordRedress(String noticeId, NoticeItem before, NoticeItem after, Instant dueAt) {
        Map<String, AttributeValue> row = itemRow(noticeId, after);
        Map<String, String> names = new HashMap<>(Map.of("#status", "status"));
        Map<String, AttributeValue> values = new HashMap<>();
        List<String> sets = new ArrayList<>(List.of("#status = :status", "redress = :redress", "redressTag = :tag"));
        List<String> removes = new ArrayList<>();
        values.put(":status", row.get("status"));
        values.put(":redress", row.get("redress"));
        values.put(":tag", row.get("redressTag"));
        values.put(":expected", AttributeValue.fromS(before.status().name()));
        dueKey(noticeId, after.index(), dueAt, sets, removes, values);
        Complaint complaint = after.redress().openComplaint();
        if (complaint != null) {
            sets.add("complaintState = :open");
            sets.add("complaintSince = :since");
            values.put(":open", AttributeValue.fromS(OPEN));
            values.put(":since", AttributeValue.fromS(Times.format(complaint.filedAt()) + "#" + noticeId + "#"
                    + itemSk(after.index())));
        } else {
            removes.add("complaintState");
            removes.add("complaintSince");
        }
        String beforeTag = RedressMapper.tag(before.redress());
        String condition = "#status = :expected AND " + (beforeTag == null ? "attribute_not_exists(redressTag)"
                : "redressTag = :before");
        if (beforeTag != null) {
            values.put(":before", AttributeValue.fromS(beforeTag));
        }
        String update = "SET " + String.join(", ", sets) + (removes.isEmpty() ? "" : " REMOVE " + String.join(", ", removes));
        try {
            dynamo.updateItem(r -> r.tableName(table).key(itemKey(noticeId, after.index()))
                    .updateExpression(update)
                    .conditionExpression(condition)
                    .expressionAttributeNames(names)
                    .expressionAttributeValues(values));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    /** The sparse key of the redress schedule: set for {@code dueAt}, removed for null. */
    private static void dueKey(String noticeId, int index, Instant dueAt, List<String> sets, List<String> removes,
                               Map<String, AttributeValue> values) {
        if (dueAt == null) {
            removes.add("redressShard");
            removes.add("redressDueAt");
        } else {
            sets.add("redressShard = :shard");
            sets.add("redressDueAt = :dueAt");
            values.put(":shard", AttributeValue.fromS(DUE));
            values.put(":dueAt", AttributeValue.fromS(Times.format(dueAt) + "#" + noticeId + "#" + itemSk(index)));
        }
    }

    @Override
    public void scheduleRedress(String noticeId, int index, Instant dueAt) {
        List<String> sets = new ArrayList<>();
        List<String> removes = new ArrayList<>();
        Map<String, AttributeValue> values = new HashMap<>();
        dueKey(noticeId, index, dueAt, sets, removes, values);
        String update = (sets.isEmpty() ? "" : "SET " + String.join(", ", sets) + " ")
                + (removes.isEmpty() ? "" : "REMOVE " + String.join(", ", removes));
        try {
            dynamo.updateItem(r -> r.tableName(table).key(itemKey(noticeId, index))
                    .updateExpression(update.strip())
                    .conditionExpression("attribute_exists(noticeId)")
                    .expressionAttributeValues(values.isEmpty() ? null : values));
        } catch (ConditionalCheckFailedException e) {
            // No such item: nothing to schedule.
        }
    }

    @Override
    public List<ItemRef> redressDue(Instant now, int limit) {
        QueryResponse response = dynamo.query(r -> r.tableName(table).indexName(REDRESS_DUE)
                .keyConditionExpression("redressShard = :due AND redressDueAt < :bound")
                .expressionAttributeValues(Map.of(
                        ":due", AttributeValue.fromS(DUE),
                        // Keys start with the due instant: every key due at or before now sorts before this.
                        ":bound", AttributeValue.fromS(Times.format(now.plusMillis(1)))))
                .limit(limit));
        return response.items().stream().map(row -> new ItemRef(Attrs.s(row, "noticeId"),
                Integer.parseInt(Attrs.s(row, "sk").substring(ITEM_PREFIX.length())))).toList();
    }

    @Override
    public Page<ReviewItem> openComplaints(String cursor, int limit) {
        return waiting(new Queue(COMPLAINTS, "complaintState", OPEN, "complaintSince", COMPLAINT_SINCE, "complaint queue"),
                cursor, limit);
    }

    @Override
    public void recordTakedowns(String sellerId, Notice notice, LocalDate day, List<Integer> indexes) {
        if (indexes.isEmpty()) {
            return;
        }
        dynamo.updateItem(r -> r.tableName(table)
                .key(takedownsKey(sellerId, TAKEDOWNS_PREFIX + day + "#" + receivedKey(notice.receivedAt(), notice.id())))
                .updateExpression("SET takedownNotice = :n, takedownRightholder = :r, takedownMonth = :m"
                        + " ADD takedownItems :items")
                .expressionAttributeValues(Map.of(
                        ":n", AttributeValue.fromS(notice.id()),
                        ":r", AttributeValue.fromS(notice.rightholderId()),
                        ":m", AttributeValue.fromS(YearMonth.from(day).toString()),
                        ":items", AttributeValue.fromNs(indexes.stream().map(String::valueOf).toList()))));
    }

    @Override
    public Page<ItemRef> takedownsOf(String sellerId, String cursor, int limit) {
        String afterSk = null;
        Integer afterIndex = null;
        if (cursor != null) {
            Matcher position = TAKEDOWN_CURSOR.matcher(Cursors.decode(cursor));
            if (!position.matches()) {
                throw new InvalidCursorException("not a takedown list cursor");
            }
            afterSk = position.group(1);
            afterIndex = Integer.parseInt(position.group(2));
        }
        List<ItemRef> refs = new ArrayList<>();
        String lastSk = null;
        Map<String, AttributeValue> start = afterSk == null ? null : takedownsKey(sellerId, afterSk);
        // The row the cursor points into is read again for the items after the cursor's index.
        String upTo = afterSk == null ? TAKEDOWNS_PREFIX + "~" : afterSk;
        for (Map<String, AttributeValue> row : dynamo.queryPaginator(r -> r.tableName(table).consistentRead(true)
                .keyConditionExpression("noticeId = :p AND sk BETWEEN :from AND :to")
                .expressionAttributeValues(Map.of(
                        ":p", AttributeValue.fromS(SELLER_PREFIX + sellerId),
                        ":from", AttributeValue.fromS(TAKEDOWNS_PREFIX),
                        ":to", AttributeValue.fromS(upTo)))
                .scanIndexForward(false)).items()) {
            String sk = Attrs.s(row, "sk");
            String noticeId = Attrs.s(row, "takedownNotice");
            List<Integer> indexes = row.get("takedownItems").ns().stream().map(Integer::parseInt)
                    .sorted(Comparator.reverseOrder()).toList();
            for (int index : indexes) {
                if (sk.equals(afterSk) && index >= afterIndex) {
                    continue;
                }
                if (refs.size() == limit) {
                    ItemRef last = refs.get(refs.size() - 1);
                    return new Page<>(refs, Cursors.encode(lastSk + "|" + last.index()));
                }
                refs.add(new ItemRef(noticeId, index));
                lastSk = sk;
            }
        }
        return new Page<>(refs, null);
    }

    @Override
    public List<ItemRef> takedownsOn(String sellerId, String rightholderId, LocalDate day) {
        List<ItemRef> refs = new ArrayList<>();
        for (Map<String, AttributeValue> row : dynamo.queryPaginator(r -> r.tableName(table).consistentRead(true)
                .keyConditionExpression("noticeId = :p AND begins_with(sk, :day)")
                .expressionAttributeValues(Map.of(
                        ":p", AttributeValue.fromS(SELLER_PREFIX + sellerId),
                        ":day", AttributeValue.fromS(TAKEDOWNS_PREFIX + day + "#")))).items()) {
            if (rightholderId.equals(Attrs.s(row, "takedownRightholder"))) {
                String noticeId = Attrs.s(row, "takedownNotice");
                row.get("takedownItems").ns().forEach(i -> refs.add(new ItemRef(noticeId, Integer.parseInt(i))));
            }
        }
        return refs;
    }

    /**
     * Reads the index {@code takedownsByMonth} (the sellers' takedown rows by the month of their day, then by their
     * sort key: day, then notice) one month at a time. A row holds every item of one notice that took down the
     * seller's listings on the day; the cursor names the row and the last index given of it, which is read again.
     */
    @Override
    public Page<ItemRef> takedownsDecided(LocalDate from, LocalDate to, String cursor, int limit) {
        DecidedPage page = new DecidedPage(limit);
        YearMonth month = YearMonth.from(from);
        Map<String, AttributeValue> exclusiveStart = null;
        if (cursor != null) {
            Matcher position = DECIDED_CURSOR.matcher(Cursors.decode(cursor));
            if (!position.matches()) {
                throw new InvalidCursorException("not a takedowns cursor");
            }
            String sk = position.group(1);
            month = MonthIndex.resumeIn(LocalDate.parse(sk.substring(TAKEDOWNS_PREFIX.length(),
                    TAKEDOWNS_PREFIX.length() + 10)), from, to);
            Map<String, AttributeValue> key = takedownsKey(position.group(3), sk);
            // The row the cursor ends in: its items after the cursor's index, then the rows after it.
            Map<String, AttributeValue> row = dynamo.getItem(r -> r.tableName(table).key(key).consistentRead(true)).item();
            if (row != null && row.containsKey("takedownItems")
                    && !page.add(row, Integer.parseInt(position.group(2)))) {
                return new Page<>(page.refs, page.cursor());
            }
            exclusiveStart = new HashMap<>(key);
            exclusiveStart.put("takedownMonth", AttributeValue.fromS(month.toString()));
        }
        // Every row of the last day sorts before the upper bound: '~' follows the '#' after the day. A row holds one
        // item or more: no more rows are read than the page can take, and one to look ahead.
        boolean all = takedownsByMonth.read(dynamo, TAKEDOWNS_PREFIX + from, TAKEDOWNS_PREFIX + to + "~", month, to,
                exclusiveStart, limit + 1, row -> page.add(row, -1));
        return new Page<>(page.refs, all ? null : page.cursor());
    }

    /** A page of takedowns being filled from the rows of {@code takedownsByMonth}. */
    private static final class DecidedPage {
        private final List<ItemRef> refs = new ArrayList<>();
        private final int limit;
        private String lastSk;
        private String lastSeller;

        DecidedPage(int limit) {
            this.limit = limit;
        }

        /** Adds the row's items after {@code afterIndex}, by index; false when the page filled up before its end. */
        boolean add(Map<String, AttributeValue> row, int afterIndex) {
            String noticeId = Attrs.s(row, "takedownNotice");
            List<Integer> indexes = row.get("takedownItems").ns().stream().map(Integer::parseInt).sorted().toList();
            for (int index : indexes) {
                if (index <= afterIndex) {
                    continue;
                }
                if (refs.size() == limit) {
                    return false;
                }
                refs.add(new ItemRef(noticeId, index));
                lastSk = Attrs.s(row, "sk");
                lastSeller = Attrs.s(row, "noticeId").substring(SELLER_PREFIX.length());
            }
            return true;
        }

        String cursor() {
            return Cursors.encode(lastSk + "|" + refs.get(refs.size() - 1).index() + "|" + lastSeller);
        }
    }

    /** A seller's takedown rows live beside the notices, in a partition no notice id can take. */
    private static Map<String, AttributeValue> takedownsKey(String sellerId, String sk) {
        return Map.of("noticeId", AttributeValue.fromS(SELLER_PREFIX + sellerId), "sk", AttributeValue.fromS(sk));
    }

    private static Map<String, AttributeValue> noticeKey(String noticeId) {
        return Map.of("noticeId", AttributeValue.fromS(noticeId), "sk", AttributeValue.fromS(NOTICE_SK));
    }

    private static Map<String, AttributeValue> itemKey(String noticeId, int index) {
        return Map.of("noticeId", AttributeValue.fromS(noticeId), "sk", AttributeValue.fromS(itemSk(index)));
    }

    @Override
    public void markDispatched(String noticeId) {
        try {
            dynamo.updateItem(r -> r.tableName(table)
                    .key(noticeKey(noticeId))
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

    static Notice toNotice(Map<String, AttributeValue> row) {
        String outcome = Attrs.s(row, "outcome");
        String completedAt = Attrs.s(row, "completedAt");
        return new Notice(
                Attrs.s(row, "noticeId"),
                Attrs.s(row, "rightholderId"),
                Attrs.s(row, "rightId"),
                NoticeReason.valueOf(Attrs.s(row, "reason")),
                Attrs.s(row, "explanation"),
                new Sender(Attrs.s(row, "senderName"), Attrs.s(row, "senderEmail")),
                Attrs.s(row, "signature"),
                EvidenceMapper.fromAttribute(row.get("evidence")),
                NoticeStatus.valueOf(Attrs.s(row, "status")),
                Times.parse(Attrs.s(row, "receivedAt")),
                Attrs.n(row, "itemCount"),
                new Progress(Attrs.n(row, "toVerify"), Attrs.n(row, "settledCount"), Attrs.n(row, "actionedCount"),
                        Attrs.n(row, "actionableCount")),
                outcome == null ? null : NoticeOutcome.valueOf(outcome),
                completedAt == null ? null : Times.parse(completedAt),
                row.containsKey("trustedSender") && Boolean.TRUE.equals(row.get("trustedSender").bool()));
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
                        DecisionRule.valueOf(Attrs.s(row, "rule")), Attrs.s(row, "note"),
                        row.containsKey("reviewFirst") && Boolean.TRUE.equals(row.get("reviewFirst").bool())),
                statement == null ? null : StatementMapper.fromAttribute(statement, Attrs.s(row, "noticeId"), Attrs.n(row, "index")),
                RedressMapper.fromAttribute(row.get("redress")));
    }
}
