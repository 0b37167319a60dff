package dev.takedown.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.protocol.MarshallingType;
import software.amazon.awssdk.core.traits.ListTrait;
import software.amazon.awssdk.core.traits.MapTrait;
import software.amazon.awssdk.core.util.SdkAutoConstructList;
import software.amazon.awssdk.core.util.SdkAutoConstructMap;

/**
 * Any SDK request as JSON, field by field through its {@link SdkField}s, so that the floor launcher can rebuild
 * it with nothing but the SDK. Unset fields are left out, so the rebuilt request sets exactly what was set.
 */
final class RequestJson {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private RequestJson() {
    }

    static ObjectNode write(SdkPojo pojo) {
        ObjectNode object = NODES.objectNode();
        for (SdkField<?> field : pojo.sdkFields()) {
            JsonNode value = value(field, field.getValueOrDefault(pojo));
            if (value != null) {
                object.set(field.memberName(), value);
            }
        }
        return object;
    }

    private static JsonNode value(SdkField<?> field, Object value) {
        if (value == null || value instanceof SdkAutoConstructList<?> || value instanceof SdkAutoConstructMap<?, ?>) {
            return null;
        }
        MarshallingType<?> type = field.marshallingType();
        if (type == MarshallingType.LIST) {
            SdkField<?> member = field.getTrait(ListTrait.class).memberFieldInfo();
            ArrayNode array = NODES.arrayNode();
            ((List<?>) value).forEach(element -> array.add(value(member, element)));
            return array;
        } else if (type == MarshallingType.MAP) {
            SdkField<?> member = field.getTrait(MapTrait.class).valueFieldInfo();
            ObjectNode map = NODES.objectNode();
            ((Map<?, ?>) value).forEach((key, element) -> map.set(String.valueOf(key), value(member, element)));
            return map;
        } else if (type == MarshallingType.SDK_POJO) {
            return write((SdkPojo) value);
        } else if (type == MarshallingType.SDK_BYTES) {
            return NODES.textNode(Base64.getEncoder().encodeToString(((SdkBytes) value).asByteArray()));
        } else if (type == MarshallingType.INSTANT) {
            return NODES.numberNode(((Instant) value).toEpochMilli());
        } else if (value instanceof Boolean bool) {
            return NODES.booleanNode(bool);
        } else if (value instanceof Number) {
            return NODES.numberNode(new BigDecimal(value.toString()));
        }
        return NODES.textNode(value.toString());
    }
}
