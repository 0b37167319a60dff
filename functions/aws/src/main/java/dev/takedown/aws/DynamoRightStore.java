package dev.takedown.aws;

import dev.takedown.core.model.Right;
import dev.takedown.core.model.RightStatus;
import dev.takedown.core.model.RightType;
import dev.takedown.core.ports.RightStore;
import dev.takedown.core.text.Times;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

public final class DynamoRightStore extends SingleTableStore implements RightStore {
    public DynamoRightStore(DynamoDbClient dynamo, String table) {
        super(dynamo, table);
    }

    public void put(Right right) {
        dynamo.putItem(r -> r.tableName(table).item(Attrs.item()
                .s("id", right.id())
                .s("rightholderId", right.rightholderId())
                .s("type", right.type().name())
                .s("mark", right.mark())
                .s("registrationNumber", right.registrationNumber())
                .s("jurisdiction", right.jurisdiction())
                .s("status", right.status().name())
                .s("validUntil", right.validUntil() == null ? null : right.validUntil().toString())
                .strings("authorizedSellers", right.authorizedSellers())
                .build()));
    }

    @Override
    public Optional<Right> find(String rightId) {
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(table).key(Attrs.key("id", rightId))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(toRight(item));
    }

    @Override
    public Optional<Right> setStatus(String rightId, RightStatus status, String changedBy, String reason, Instant at) {
        try {
            return Optional.of(toRight(dynamo.updateItem(r -> r.tableName(table).key(Attrs.key("id", rightId))
                    .updateExpression("SET #status = :status, statusChangedBy = :by, statusReason = :reason, statusChangedAt = :at")
                    .conditionExpression("attribute_exists(id)")
                    .expressionAttributeNames(Map.of("#status", "status"))
                    .expressionAttributeValues(Map.of(
                            ":status", AttributeValue.fromS(status.name()),
                            ":by", AttributeValue.fromS(changedBy),
                            ":reason", AttributeValue.fromS(reason),
                            ":at", AttributeValue.fromS(Times.format(at))))
                    .returnValues(ReturnValue.ALL_NEW)).attributes()));
        } catch (ConditionalCheckFailedException e) {
            return Optional.empty();
        }
    }

    private static Right toRight(Map<String, AttributeValue> item) {
        String validUntil = Attrs.s(item, "validUntil");
        return new Right(
                Attrs.s(item, "id"),
                Attrs.s(item, "rightholderId"),
                RightType.valueOf(Attrs.s(item, "type")),
                Attrs.s(item, "mark"),
                Attrs.s(item, "registrationNumber"),
                Attrs.s(item, "jurisdiction"),
                RightStatus.valueOf(Attrs.s(item, "status")),
                validUntil == null ? null : LocalDate.parse(validUntil),
                Attrs.strings(item, "authorizedSellers"));
    }
}
