package dev.takedown.local;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Where the OpenAPI document and template.yaml's API disagree: a method on a route that only one of them has, or a
 * route whose {@code any} event (the 405 catch-all) the document does not state as a {@code 405} on every operation.
 */
final class OpenApiDrift {
    private static final List<String> OPERATIONS = List.of("get", "put", "post", "delete", "patch", "head", "options",
            "trace");

    private OpenApiDrift() {
    }

    /** Every disagreement, one line each; empty when the two declare the same API. */
    static List<String> between(Template template, JsonNode document) {
        Set<String> declared = new TreeSet<>();
        Set<String> catchAlls = new TreeSet<>();
        for (FunctionDef function : template.functions()) {
            for (FunctionDef.ApiEvent event : function.apiEvents()) {
                if (event.method().equals("ANY")) {
                    catchAlls.add(event.path());
                } else {
                    declared.add(event.method() + " " + event.path());
                }
            }
        }
        Set<String> documented = new TreeSet<>();
        document.path("paths").properties().forEach(path -> OPERATIONS.stream()
                .filter(path.getValue()::has)
                .forEach(operation -> documented.add(operation.toUpperCase(Locale.ROOT) + " " + path.getKey())));

        List<String> drift = new ArrayList<>();
        declared.stream().filter(route -> !documented.contains(route))
                .forEach(route -> drift.add(route + " is in template.yaml but not in the document"));
        documented.stream().filter(route -> !declared.contains(route))
                .forEach(route -> drift.add(route + " is in the document but not in template.yaml"));
        for (String path : catchAlls) {
            JsonNode item = document.path("paths").path(path);
            for (String operation : OPERATIONS) {
                if (item.has(operation) && !item.path(operation).path("responses").has("405")) {
                    drift.add(operation.toUpperCase(Locale.ROOT) + " " + path
                            + " does not document 405, which template.yaml's any event answers for other methods");
                }
            }
        }
        return drift;
    }
}
