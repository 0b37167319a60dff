package dev.takedown.aws;

import dev.takedown.core.model.DeliveryAttempt;
import dev.takedown.core.model.DeliveryAttempt.Status;
import dev.takedown.core.model.DeliveryAttempt.Target;
import dev.takedown.core.model.EventType;
import dev.takedown.core.model.Ids;
import dev.takedown.core.ports.DeliveryStore;
import dev.takedown.core.ports.InvalidCursorException;
import dev.takedown.core.ports.Page;
import dev.takedown.core.text.Times;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * Delivery attempts in one partition per notice, sorted by target then time
 * ({@code ATTEMPT#RIGHTHOLDER#<time>#<webhook id>#<attempt>}), so a rightholder's attempts read in order
 * without a filter; and one {@code DELIVERED#<webhook id>} row per webhook: claimed while one sender delivers it,
 * then holding its successful attempt, so that replays and concurrent copies send it once.
 */
public final class DynamoDeliveryStore extends SingleTableStore implements DeliveryStore {
    private static final String ATTEMPT_PREFIX = "ATTEMPT#";
    private static final String DELIVERED_PREFIX = "DELIVERED#";
    /** States of a {@code DELIVERED#} row: claimed by a sender until its lease ends, then delivered for good. */
    private static final String SENDING = "SENDING";
    private static final String DELIVERED_STATE = "DELIVERED";

    /** The claims this sender holds and their tokens, so that recording a failure lets go of its own claim only. */
    private final Map<String, String> heldClaims = new ConcurrentHashMap<>();

    public DynamoDeliveryStore(DynamoDbClient dynamo, String table) {
        super(dynamo, table);
    }

    private static String attemptsOf(Target target) {
        return ATTEMPT_PREFIX + target.name() + "#";
    }

    @Override
    public Claim claim(String noticeId, String webhookId, Instant now, Duration lease) {
        Map<String, AttributeValue> key = markKey(noticeId, webhookId);
        String token = Ids.leaseToken();
        try {
            dynamo.putItem(r -> r.tableName(table)
                    .item(Attrs.item().s("noticeId", noticeId).s("sk", DELIVERED_PREFIX + webhookId)
                            .s("webhookId", webhookId).s("state", SENDING).s("claimToken", token)
                            .s("leaseUntil", Times.format(now.plus(lease))).build())
                    .conditionExpression("attribute_not_exists(sk) OR (#state = :sending AND leaseUntil < :now)")
                    .expressionAttributeNames(Map.of("#state", "state"))
                    .expressionAttributeValues(Map.of(":sending", AttributeValue.fromS(SENDING),
                            ":now", AttributeValue.fromS(Times.format(now)))));
            heldClaims.put(claimKey(noticeId, webhookId), token);
            return Claim.CLAIMED;
        } catch (ConditionalCheckFailedException e) {
            Map<String, AttributeValue> mark = dynamo.getItem(r -> r.tableName(table).consistentRead(true).key(key)).item();
            if (mark != null && token.equals(Attrs.s(mark, "claimToken"))) {
                // The SDK retried a claim whose first answer was lost: the claim is ours.
                heldClaims.put(claimKey(noticeId, webhookId), token);
                return Claim.CLAIMED;
            }
            // Gone again means the other attempt just failed and let go: it is redelivered, so wait like for one in flight.
            return mark != null && DELIVERED_STATE.equals(Attrs.s(mark, "state")) ? Claim.DELIVERED : Claim.IN_FLIGHT;
        }
    }

    @Override
    public void record(DeliveryAttempt attempt) {
        boolean delivered = attempt.outcome() == Status.DELIVERED;
        // Nothing lists a seller's attempts by notice: a delivered one is kept on its mark alone (one write).
        if (!delivered || attempt.target() != Target.SELLER) {
            String sk = attemptsOf(attempt.target()) + Times.format(attempt.attemptedAt()) + "#" + attempt.webhookId()
                    + "#" + String.format("%03d", attempt.attempt());
            dynamo.putItem(r -> r.tableName(table).item(attemptRow(attempt, sk)));
        }
        // After the attempt row: a crash in between means one more delivery, never a missing attempt.
        if (delivered) {
            Map<String, AttributeValue> mark = new HashMap<>(attemptRow(attempt, DELIVERED_PREFIX + attempt.webhookId()));
            mark.put("state", AttributeValue.fromS(DELIVERED_STATE));
            dynamo.putItem(r -> r.tableName(table).item(mark));
        }
        String token = heldClaims.remove(claimKey(attempt.noticeId(), attempt.webhookId()));
        if (!delivered && token != null) {
            try {
                dynamo.deleteItem(r -> r.tableName(table).key(markKey(attempt.noticeId(), attempt.webhookId()))
                        .conditionExpression("#state = :sending AND claimToken = :mine")
                        .expressionAttributeNames(Map.of("#state", "state"))
                        .expressionAttributeValues(Map.of(":sending", AttributeValue.fromS(SENDING),
                                ":mine", AttributeValue.fromS(token))));
            } catch (ConditionalCheckFailedException e) {
                // Our lease ran out and another sender holds the claim now, or delivered it: theirs stays.
            }
        }
    }

    private static String claimKey(String noticeId, String webhookId) {
        return noticeId + "|" + webhookId;
    }

    private static Map<String, AttributeValue> markKey(String noticeId, String webhookId) {
        return Map.of("noticeId", AttributeValue.fromS(noticeId), "sk", AttributeValue.fromS(DELIVERED_PREFIX + webhookId));
    }

    private static Map<String, AttributeValue> attemptRow(DeliveryAttempt attempt, String sk) {
        return Attrs.item()
                .s("noticeId", attempt.noticeId())
                .s("sk", sk)
                .s("webhookId", attempt.webhookId())
                .s("eventType", attempt.eventType().wireName())
                .s("target", attempt.target().name())
                .s("targetId", attempt.targetId())
                .s("url", attempt.url())
                .n("attempt", attempt.attempt())
                .s("outcome", attempt.outcome().name())
                .n("httpStatus", attempt.httpStatus())
                .s("error", attempt.error())
                .s("attemptedAt", Times.format(attempt.attemptedAt()))
                .s("nextAttemptAt", attempt.nextAttemptAt() == null ? null : Times.format(attempt.nextAttemptAt()))
                .build();
    }

    @Override
    public Page<DeliveryAttempt> rightholderAttempts(String noticeId, String cursor, int limit) {
        String prefix = attemptsOf(Target.RIGHTHOLDER);
        Map<String, AttributeValue> start = null;
        if (cursor != null) {
            String sk = Cursors.decode(cursor);
            if (!sk.startsWith(prefix)) {
                throw new InvalidCursorException("not a delivery cursor");
            }
            start = Map.of("noticeId", AttributeValue.fromS(noticeId), "sk", AttributeValue.fromS(sk));
        }
        Map<String, AttributeValue> from = start;
        // One more than asked for tells whether another page exists; without a filter, one query returns them.
        QueryResponse response = dynamo.query(r -> r.tableName(table).consistentRead(true)
                .keyConditionExpression("noticeId = :n AND begins_with(sk, :p)")
                .expressionAttributeValues(Map.of(":n", AttributeValue.fromS(noticeId), ":p", AttributeValue.fromS(prefix)))
                .exclusiveStartKey(from)
                .limit(limit + 1));
        List<Map<String, AttributeValue>> rows = response.items();
        boolean more = rows.size() > limit;
        List<Map<String, AttributeValue>> page = more ? rows.subList(0, limit) : rows;
        return new Page<>(page.stream().map(DynamoDeliveryStore::toAttempt).toList(),
                more ? Cursors.encode(page.get(page.size() - 1).get("sk").s()) : null);
    }

    private static DeliveryAttempt toAttempt(Map<String, AttributeValue> row) {
        String next = Attrs.s(row, "nextAttemptAt");
        return new DeliveryAttempt(
                Attrs.s(row, "noticeId"),
                Attrs.s(row, "webhookId"),
                EventType.fromWire(Attrs.s(row, "eventType")),
                Target.valueOf(Attrs.s(row, "target")),
                Attrs.s(row, "targetId"),
                Attrs.s(row, "url"),
                Attrs.n(row, "attempt"),
                Status.valueOf(Attrs.s(row, "outcome")),
                Attrs.n(row, "httpStatus"),
                Attrs.s(row, "error"),
                Times.parse(Attrs.s(row, "attemptedAt")),
                next == null ? null : Times.parse(next));
    }
}
