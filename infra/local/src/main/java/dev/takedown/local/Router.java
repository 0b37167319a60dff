package dev.takedown.local;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * API Gateway's resource matching: the most specific resource wins (literal segment, then {param}, then
 * {proxy+}), and only then is the method looked up on it, falling back to ANY.
 */
final class Router {

    /** One method on one resource, served by {@code functionId}. */
    record Route(String resource, String method, String functionId, String authorizer) {
    }

    /** {@code route} is empty when the resource exists but has neither the method nor ANY. */
    record Match(String resource, Optional<Route> route, Map<String, String> pathParameters) {
    }

    private final Node root = new Node();

    Router(List<Route> routes) {
        for (Route route : routes) {
            Node node = root;
            for (String segment : segments(route.resource())) {
                node = node.children.computeIfAbsent(segment, s -> new Node());
            }
            node.resource = route.resource();
            if (node.methods.putIfAbsent(route.method(), route) != null) {
                throw new TemplateException(route.method() + " " + route.resource() + " is declared twice");
            }
        }
    }

    /** Matches a raw (still percent-encoded) request path. */
    Optional<Match> match(String method, String rawPath) {
        List<String> segments = segments(rawPath);
        Map<String, String> parameters = new LinkedHashMap<>();
        Node node = find(root, segments, 0, parameters);
        if (node == null) {
            return Optional.empty();
        }
        Route route = node.methods.getOrDefault(method, node.methods.get("ANY"));
        return Optional.of(new Match(node.resource, Optional.ofNullable(route), parameters));
    }

    private static Node find(Node node, List<String> segments, int index, Map<String, String> parameters) {
        if (index == segments.size()) {
            return node.resource != null ? node : null;
        }
        String segment = segments.get(index);
        Node literal = node.children.get(decode(segment));
        if (literal != null) {
            Node found = find(literal, segments, index + 1, parameters);
            if (found != null) {
                return found;
            }
        }
        for (Map.Entry<String, Node> child : node.children.entrySet()) {
            String name = child.getKey();
            if (name.startsWith("{") && !name.endsWith("+}")) {
                Node found = find(child.getValue(), segments, index + 1, parameters);
                if (found != null) {
                    parameters.put(name.substring(1, name.length() - 1), decode(segment));
                    return found;
                }
            }
        }
        for (Map.Entry<String, Node> child : node.children.entrySet()) {
            String name = child.getKey();
            if (name.endsWith("+}") && child.getValue().resource != null) {
                String rest = String.join("/", segments.subList(index, segments.size()));
                parameters.put(name.substring(1, name.length() - 2), decode(rest));
                return child.getValue();
            }
        }
        return null;
    }

    /** Path segments; a trailing slash does not make another resource. */
    private static List<String> segments(String path) {
        return new ArrayList<>(Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).toList());
    }

    /** Percent-decoding of a path: unlike a query string, "+" stays "+". */
    static String decode(String raw) {
        try {
            return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return raw;
        }
    }

    private static final class Node {
        private final Map<String, Node> children = new LinkedHashMap<>();
        private final Map<String, Route> methods = new LinkedHashMap<>();
        private String resource;
    }
}
