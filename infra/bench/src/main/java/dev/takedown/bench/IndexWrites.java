package dev.takedown.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The global secondary index writes DynamoDB bills for a successful table write, which dynalite does not report,
 * worked out from template.yaml's index definitions, the request, and which index keys each row written so far
 * has (rows seeded before counting have none in this pipeline): a write costs one unit for each index the row
 * enters or leaves, and for each index it stays in whose keys or projected attributes (INCLUDE: the listed ones;
 * ALL: any) the write sets or removes. Index entries here are under 1 KB; a key that moves within an index counts
 * one unit where DynamoDB may bill two (a delete and a put).
 */
final class IndexWrites {
    private record Index(String name, Set<String> keys, String projection, Set<String> included) {
    }

    private record Table(List<String> key, List<Index> indexes) {
    }

    private static final Pattern CLAUSE = Pattern.compile("\\b(SET|REMOVE|ADD|DELETE)\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern NAME = Pattern.compile("#?[A-Za-z_][A-Za-z0-9_]*");
    private static final Map<String, Table> TABLES = read();
    /** Per table and row key, the index key attributes the row has. */
    private static final Map<String, Set<String>> ROWS = new java.util.concurrent.ConcurrentHashMap<>();

    private IndexWrites() {
    }

    private static Map<String, Table> read() {
        try {
            JsonNode resources = new ObjectMapper(new YAMLFactory()).readTree(Files.readString(Bench.TEMPLATE)).path("Resources");
            Map<String, Table> tables = new HashMap<>();
            resources.properties().forEach(resource -> {
                JsonNode properties = resource.getValue().path("Properties");
                List<Index> indexes = new ArrayList<>();
                for (JsonNode index : properties.path("GlobalSecondaryIndexes")) {
                    Set<String> keys = new HashSet<>();
                    index.path("KeySchema").forEach(k -> keys.add(k.path("AttributeName").asText()));
                    Set<String> included = new HashSet<>();
                    index.path("Projection").path("NonKeyAttributes").forEach(a -> included.add(a.asText()));
                    indexes.add(new Index(index.path("IndexName").asText(), keys,
                            index.path("Projection").path("ProjectionType").asText("ALL"), included));
                }
                if (!indexes.isEmpty()) {
                    List<String> key = new ArrayList<>();
                    properties.path("KeySchema").forEach(k -> key.add(k.path("AttributeName").asText()));
                    tables.put(resource.getKey(), new Table(key, indexes));
                }
            });
            return tables;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Index write units of one successful write request. */
    static int of(String operation, SdkRequest request) {
        return switch (operation) {
            case "PutItem" -> put(request.getValueForField("TableName", String.class).orElse(""),
                    request.getValueForField("Item", Map.class).orElse(Map.of()));
            case "BatchWriteItem" -> {
                int units = 0;
                Map<?, ?> items = request.getValueForField("RequestItems", Map.class).orElse(Map.of());
                for (Map.Entry<?, ?> table : items.entrySet()) {
                    for (Object write : (List<?>) table.getValue()) {
                        PutRequest put = ((WriteRequest) write).putRequest();
                        units += put == null ? 0 : put(String.valueOf(table.getKey()), put.item());
                    }
                }
                yield units;
            }
            case "UpdateItem" -> update(request);
            default -> 0;
        };
    }

    private static int put(String tableName, Map<?, ?> item) {
        Table table = TABLES.get(tableName);
        if (table == null) {
            return 0;
        }
        Set<String> after = new HashSet<>();
        table.indexes().forEach(index -> index.keys().stream().filter(item::containsKey).forEach(after::add));
        Set<String> before = remember(tableName, rowKey(table, item), after);
        int units = 0;
        for (Index index : table.indexes()) {
            // A put replaces the whole row: every index it was or is in is written.
            if (before.containsAll(index.keys()) || after.containsAll(index.keys())) {
                units++;
            }
        }
        return units;
    }

    private static int update(SdkRequest request) {
        String tableName = request.getValueForField("TableName", String.class).orElse("");
        Table table = TABLES.get(tableName);
        if (table == null) {
            return 0;
        }
        Map<String, String> names = namesOf(request);
        String expression = request.getValueForField("UpdateExpression", String.class).orElse("");
        Set<String> set = touchedAttributes(expression, names, "SET", "ADD");
        Set<String> removed = touchedAttributes(expression, names, "REMOVE", "DELETE");
        Map<?, ?> key = request.getValueForField("Key", Map.class).orElse(Map.of());
        String rowKey = rowKey(table, key);
        Set<String> before = ROWS.getOrDefault(tableName + "|" + rowKey, Set.of());
        Set<String> after = new HashSet<>(before);
        // The table's own key attributes are on every row: an index keyed on one (the sort key) has them too.
        after.addAll(table.key());
        table.indexes().forEach(index -> index.keys().forEach(k -> {
            if (set.contains(k)) {
                after.add(k);
            } else if (removed.contains(k)) {
                after.remove(k);
            }
        }));
        remember(tableName, rowKey, after);
        Set<String> touched = new HashSet<>(set);
        touched.addAll(removed);
        int units = 0;
        for (Index index : table.indexes()) {
            boolean inBefore = before.containsAll(index.keys());
            boolean inAfter = after.containsAll(index.keys());
            boolean changed = touched.stream().anyMatch(index.keys()::contains) || switch (index.projection()) {
                case "ALL" -> !touched.isEmpty();
                case "INCLUDE" -> touched.stream().anyMatch(index.included()::contains);
                default -> false;
            };
            if (inBefore != inAfter || (inAfter && changed)) {
                units++;
            }
        }
        return units;
    }

    private static Set<String> remember(String table, String rowKey, Set<String> indexKeys) {
        Set<String> before = ROWS.put(table + "|" + rowKey, Set.copyOf(indexKeys));
        return before == null ? Set.of() : before;
    }

    private static String rowKey(Table table, Map<?, ?> item) {
        StringBuilder key = new StringBuilder();
        for (String attribute : table.key()) {
            Object value = item.get(attribute);
            key.append(value instanceof AttributeValue v ? v.s() + v.n() : String.valueOf(value)).append('|');
        }
        return key.toString();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> namesOf(SdkRequest request) {
        return request.getValueForField("ExpressionAttributeNames", Map.class).orElse(Map.of());
    }

    /** The attribute names the given clauses of an update expression act on (each action's left-hand side). */
    private static Set<String> touchedAttributes(String expression, Map<String, String> names, String... clauses) {
        Set<String> wanted = Set.of(clauses);
        Set<String> touched = new HashSet<>();
        Matcher clause = CLAUSE.matcher(expression);
        List<int[]> bounds = new ArrayList<>();
        List<String> kinds = new ArrayList<>();
        while (clause.find()) {
            bounds.add(new int[] {clause.start(), clause.end()});
            kinds.add(clause.group(1).toUpperCase());
        }
        for (int i = 0; i < bounds.size(); i++) {
            if (!wanted.contains(kinds.get(i))) {
                continue;
            }
            String body = expression.substring(bounds.get(i)[1], i + 1 < bounds.size() ? bounds.get(i + 1)[0] : expression.length());
            for (String action : body.split(",")) {
                Matcher name = NAME.matcher(action.trim());
                if (name.lookingAt()) {
                    String token = name.group();
                    touched.add(token.startsWith("#") ? names.getOrDefault(token, token) : token);
                }
            }
        }
        return touched;
    }
}
