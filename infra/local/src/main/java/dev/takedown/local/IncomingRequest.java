package dev.takedown.local;

import com.sun.net.httpserver.HttpExchange;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** An incoming API request, as API Gateway passes it on: headers, query string and body. */
record IncomingRequest(String requestId, Instant receivedAt, String method, String rawPath, String path,
        Map<String, List<String>> headers, Map<String, List<String>> query, byte[] body, String sourceIp,
        String protocol) {

    static IncomingRequest of(HttpExchange exchange, String requestId, byte[] body) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(canonicalName(name), List.copyOf(values)));
        return new IncomingRequest(requestId, Instant.now(), exchange.getRequestMethod().toUpperCase(Locale.ROOT),
                exchange.getRequestURI().getRawPath(), exchange.getRequestURI().getPath(), headers,
                query(exchange.getRequestURI().getRawQuery()), body,
                exchange.getRemoteAddress().getAddress().getHostAddress(), exchange.getProtocol());
    }

    /** The last value of a header, looked up without regard to case; null when absent. */
    String header(String name) {
        for (Map.Entry<String, List<String>> header : headers.entrySet()) {
            if (header.getKey().equalsIgnoreCase(name) && !header.getValue().isEmpty()) {
                return header.getValue().get(header.getValue().size() - 1);
            }
        }
        return null;
    }

    /**
     * The JDK server keeps only the first letter of a header name upper case; clients nearly always send
     * names like Content-Type or Idempotency-Key, so each word is capitalised again.
     */
    private static String canonicalName(String name) {
        StringBuilder out = new StringBuilder(name.length());
        boolean wordStart = true;
        for (char c : name.toCharArray()) {
            out.append(wordStart ? Character.toUpperCase(c) : c);
            wordStart = c == '-';
        }
        return out.toString();
    }

    /** A raw query string's parameters, decoded, each with its values in order. */
    static Map<String, List<String>> query(String rawQuery) {
        Map<String, List<String>> query = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return query;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
            query.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
        }
        return query;
    }

    private static String decode(String raw) {
        try {
            return URLDecoder.decode(raw, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return raw;
        }
    }
}
