package dev.takedown.aws;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Small helpers for hand-written item mappers: absent values are simply not written. */
final class Attrs {
    private final Map<String, AttributeValue> map = new HashMap<>();

    static Attrs item() {
        return new Attrs();
    }

    Attrs s(String name, String value) {
        if (value != null) {
            map.put(name, AttributeValue.fromS(value));
        }
        return this;
    }

    Attrs n(String name, Number value) {
        if (value != null) {
            map.put(name, AttributeValue.fromN(value.toString()));
        }
        return this;
    }

    Attrs bool(String name, Boolean value) {
        if (value != null) {
            map.put(name, AttributeValue.fromBool(value));
        }
        return this;
    }

    Attrs strings(String name, List<String> values) {
        if (values != null && !values.isEmpty()) {
            map.put(name, AttributeValue.fromL(values.stream().map(AttributeValue::fromS).toList()));
        }
        return this;
    }

    Attrs attr(String name, AttributeValue value) {
        if (value != null) {
            map.put(name, value);
        }
        return this;
    }

    Map<String, AttributeValue> build() {
        return map;
    }

    static String s(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }

    static Integer n(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null || value.n() == null ? null : Integer.valueOf(value.n());
    }

    static Long longN(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null || value.n() == null ? null : Long.valueOf(value.n());
    }

    static List<String> strings(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null || !value.hasL() ? List.of() : value.l().stream().map(AttributeValue::s).toList();
    }

    static Map<String, AttributeValue> key(String name, String value) {
        return Map.of(name, AttributeValue.fromS(value));
    }
}
