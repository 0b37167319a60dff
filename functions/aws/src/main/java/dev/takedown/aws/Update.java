package dev.takedown.aws;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/** An UpdateItem expression built attribute by attribute: a null value removes the attribute. */
final class Update {
    private final List<String> sets = new ArrayList<>();
    private final List<String> removes = new ArrayList<>();
    private final Map<String, String> names = new HashMap<>();
    private final Map<String, AttributeValue> values = new HashMap<>();

    Update set(String name, AttributeValue value) {
        String ref = "#a" + names.size();
        names.put(ref, name);
        if (value == null) {
            removes.add(ref);
        } else {
            String placeholder = ":a" + values.size();
            values.put(placeholder, value);
            sets.add(ref + " = " + placeholder);
        }
        return this;
    }

    Update s(String name, String value) {
        return set(name, value == null ? null : AttributeValue.fromS(value));
    }

    /** A value for the condition expression. */
    Update value(String placeholder, AttributeValue value) {
        values.put(placeholder, value);
        return this;
    }

    UpdateItemRequest.Builder applyTo(UpdateItemRequest.Builder request) {
        String expression = (sets.isEmpty() ? "" : "SET " + String.join(", ", sets))
                + (removes.isEmpty() ? "" : " REMOVE " + String.join(", ", removes));
        request.updateExpression(expression.strip()).expressionAttributeNames(names);
        if (!values.isEmpty()) {
            request.expressionAttributeValues(values);
        }
        return request;
    }
}
