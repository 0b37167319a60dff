package dev.takedown.console;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a CloudWatch dashboard sends a custom widget's function. On load: the widget's parameters at the top level and
 * a {@code widgetContext} (dashboard, size, time range, {@code params}: the widget's parameters again, and
 * {@code forms.all}: every named input inside the widget). On a click on an element followed by
 * {@code <cwdb-action action="call">}: that element's JSON parameters at the top level, with the same
 * {@code widgetContext}. {@code {"describe": true}} asks for the widget's documentation.
 *
 * @param widgetParams the widget's own parameters, as the dashboard entry sets them
 * @param call         the parameters of the action clicked, or the widget's parameters on load
 * @param form         the widget's inputs by name
 */
record WidgetEvent(boolean describe, JsonNode widgetParams, JsonNode call, Map<String, String> form) {

    static WidgetEvent of(JsonNode event) {
        JsonNode context = event.path("widgetContext");
        JsonNode params = context.path("params").isObject() ? context.path("params") : event;
        Map<String, String> form = new LinkedHashMap<>();
        context.path("forms").path("all").properties().forEach(field -> {
            if (field.getValue().isValueNode()) {
                form.put(field.getKey(), field.getValue().asText());
            }
        });
        return new WidgetEvent(event.path("describe").asBoolean(false), params, event, Map.copyOf(form));
    }

    /** A text parameter of the widget; blank is none. */
    String param(String name) {
        JsonNode value = widgetParams.get(name);
        return value == null || !value.isValueNode() || value.asText().isBlank() ? null : value.asText().strip();
    }

    /** What the click asks for: {@code action} in the cwdb-action's parameters; none on load. */
    String action() {
        JsonNode action = call.get("action");
        return action != null && action.isTextual() ? action.asText() : null;
    }

    /** An input's value, stripped; blank is none. */
    String input(String name) {
        String value = form.get(name);
        return value == null || value.isBlank() ? null : value.strip();
    }
}
