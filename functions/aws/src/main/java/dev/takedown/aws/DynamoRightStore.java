package dev.takedown.aws;

import dev.takedown.core.model.Right;
import dev.takedown.core.model.RightStatus;
import dev.takedown.core.model.RightType;
import dev.takedown.core.ports.RightStore;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

public final class DynamoRightStore implements RightStore {
    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoRightStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
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
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        String validUntil = Attrs.s(item, "validUntil");
        return Optional.of(new Right(
                Attrs.s(item, "id"),
                Attrs.s(item, "rightholderId"),
                RightType.valueOf(Attrs.s(item, "type")),
                Attrs.s(item, "mark"),
                Attrs.s(item, "registrationNumber"),
                Attrs.s(item, "jurisdiction"),
                RightStatus.valueOf(Attrs.s(item, "status")),
                validUntil == null ? null : LocalDate.parse(validUntil),
                Attrs.strings(item, "authorizedSellers")));
    }
}
