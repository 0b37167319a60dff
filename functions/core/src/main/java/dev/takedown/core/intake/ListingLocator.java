package dev.takedown.core.intake;

import dev.takedown.core.model.ItemReason;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Recognises this marketplace's listing URLs. Patterns look like {@code https://market.example/item/{id}}
 * or {@code https://market.example/item.htm?id={id}}; host and scheme compare case-insensitively, a trailing
 * slash, the fragment and any other query parameter (tracking and the like) are ignored.
 */
public final class ListingLocator {
    public static final String DEFAULT_PATTERNS = "https://market.example/item/{id},"
            + "https://m.market.example/item/{id},"
            + "https://market.example/item.htm?id={id}";

    static final Pattern LISTING_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");

    /** Where the id sits in one pattern: the path with the id as its last segment, or a query parameter. */
    private record UrlPattern(String host, String path, String queryParam, String canonicalPrefix) {
    }

    /** The outcome for one URL: the listing it names, or why it names none. */
    public record Located(String listingId, String normalizedUrl, ItemReason rejection) {
        public boolean found() {
            return listingId != null;
        }
    }

    private final List<UrlPattern> patterns;
    private final Set<String> hosts;

    public ListingLocator(String commaSeparatedPatterns) {
        List<UrlPattern> parsed = new ArrayList<>();
        Set<String> knownHosts = new LinkedHashSet<>();
        for (String raw : commaSeparatedPatterns.split(",")) {
            String text = raw.trim();
            if (!text.isEmpty()) {
                UrlPattern pattern = parsePattern(text);
                parsed.add(pattern);
                knownHosts.add(pattern.host());
            }
        }
        if (parsed.isEmpty()) {
            throw new IllegalArgumentException("no listing URL patterns configured");
        }
        this.patterns = List.copyOf(parsed);
        this.hosts = Set.copyOf(knownHosts);
    }

    private static UrlPattern parsePattern(String text) {
        URI uri;
        try {
            uri = new URI(text.replace("{id}", "ID_PLACEHOLDER"));
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("bad listing URL pattern: " + text, e);
        }
        if (uri.getHost() == null || !text.contains("{id}")) {
            throw new IllegalArgumentException("listing URL pattern needs a host and {id}: " + text);
        }
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        String query = uri.getRawQuery();
        if (query != null) {
            String[] pair = query.split("=", 2);
            if (pair.length != 2 || !pair[1].equals("ID_PLACEHOLDER")) {
                throw new IllegalArgumentException("query patterns must look like ?name={id}: " + text);
            }
            String path = trimSlash(uri.getRawPath());
            return new UrlPattern(host, path, pair[0], scheme + "://" + host + path + "?" + pair[0] + "=");
        }
        String path = trimSlash(uri.getRawPath());
        if (!path.endsWith("/ID_PLACEHOLDER")) {
            throw new IllegalArgumentException("{id} must be the last path segment: " + text);
        }
        String prefix = path.substring(0, path.length() - "ID_PLACEHOLDER".length());
        return new UrlPattern(host, prefix, null, scheme + "://" + host + prefix);
    }

    public Located locate(String url) {
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException e) {
            return new Located(null, null, ItemReason.INVALID_URL);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null || uri.getRawUserInfo() != null) {
            return new Located(null, null, ItemReason.INVALID_URL);
        }
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        if (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        if (!hosts.contains(host)) {
            return new Located(null, null, ItemReason.OFF_PLATFORM);
        }
        // The marketplace serves listings on the default ports only; anything else is not one of its pages.
        if (uri.getPort() != -1 && uri.getPort() != (scheme.equals("https") ? 443 : 80)) {
            return new Located(null, null, ItemReason.INVALID_URL);
        }
        String path = trimSlash(uri.getRawPath() == null ? "" : uri.getRawPath());
        for (UrlPattern pattern : patterns) {
            if (!pattern.host().equals(host)) {
                continue;
            }
            String id = pattern.queryParam() == null
                    ? idFromPath(pattern, path)
                    : idFromQuery(pattern, path, uri.getRawQuery());
            if (id != null && LISTING_ID.matcher(id).matches()) {
                return new Located(id, pattern.canonicalPrefix() + id, null);
            }
        }
        return new Located(null, null, ItemReason.INVALID_URL);
    }

    private static String idFromPath(UrlPattern pattern, String path) {
        if (!path.startsWith(pattern.path()) || path.length() == pattern.path().length()) {
            return null;
        }
        String id = decode(path.substring(pattern.path().length()));
        return id.contains("/") ? null : id;
    }

    private static String idFromQuery(UrlPattern pattern, String path, String rawQuery) {
        if (!path.equals(pattern.path()) || rawQuery == null) {
            return null;
        }
        for (String pair : rawQuery.split("&")) {
            String[] parts = pair.split("=", 2);
            if (parts.length == 2 && decode(parts[0]).equalsIgnoreCase(pattern.queryParam())) {
                return decode(parts[1]);
            }
        }
        return null;
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    private static String trimSlash(String path) {
        String trimmed = path;
        while (trimmed.length() > 1 && trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return trimmed;
    }

    public static boolean isListingId(String text) {
        return text != null && LISTING_ID.matcher(text).matches();
    }
}
