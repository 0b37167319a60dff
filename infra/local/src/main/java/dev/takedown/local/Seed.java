package dev.takedown.local;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.takedown.core.model.Ids;
import dev.takedown.core.model.Listing;
import dev.takedown.core.model.ListingStatus;
import dev.takedown.core.model.Right;
import dev.takedown.core.model.RightStatus;
import dev.takedown.core.model.RightType;
import dev.takedown.core.model.Rightholder;
import dev.takedown.core.model.Seller;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The reference data the local stack loads: rightholders with their API keys, rights, sellers (each with an API key
 * or none) and listings.
 * Rightholders and sellers may name their webhook secret; those that do not get one made up when seeded.
 */
record Seed(List<SeededRightholder> rightholders, List<Right> rights, List<SeededSeller> sellers, List<Listing> listings) {

    /** {@code webhookSecret} null: one is made up when seeded. */
    record SeededRightholder(Rightholder rightholder, String apiKey, String webhookSecret) {
    }

    /** {@code apiKey} null: the seller has no key; {@code webhookSecret} null: one is made up when seeded. */
    record SeededSeller(Seller seller, String apiKey, String webhookSecret) {
    }

    private static final Pattern WEBHOOK_SECRET = Pattern.compile("whsec_(?:[A-Za-z0-9+/]{4})+(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> SECTIONS = Set.of("rightholders", "rights", "sellers", "listings");

    static Seed load(Path file) {
        try {
            return parse(Files.readString(file), file.toString());
        } catch (IOException e) {
            throw new SeedException(file + ": cannot be read: " + e.getMessage());
        }
    }

    static Seed parse(String json, String source) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new SeedException(source + ": is not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new SeedException(source + ": must be a JSON object with the arrays " + SECTIONS);
        }
        root.fieldNames().forEachRemaining(name -> {
            if (!SECTIONS.contains(name)) {
                throw new SeedException(source + ": unknown section \"" + name + "\" (expected " + SECTIONS + ")");
            }
        });
        List<SeededRightholder> rightholders = section(root, "rightholders", source, Seed::rightholder);
        List<SeededSeller> sellers = section(root, "sellers", source, Seed::seller);
        List<Right> rights = section(root, "rights", source, Seed::right);
        List<Listing> listings = section(root, "listings", source, Seed::listing);

        Set<String> rightholderIds = ids(rightholders.stream().map(r -> r.rightholder().id()).toList(), source, "rightholders");
        Set<String> sellerIds = ids(sellers.stream().map(s -> s.seller().id()).toList(), source, "sellers");
        ids(rights.stream().map(Right::id).toList(), source, "rights");
        ids(listings.stream().map(Listing::id).toList(), source, "listings");
        // A key speaks for one principal only.
        ids(Stream.concat(rightholders.stream().map(SeededRightholder::apiKey),
                sellers.stream().map(SeededSeller::apiKey)).filter(Objects::nonNull).toList(), source,
                "the apiKeys of rightholders and sellers");
        // Each recipient's secret is its own: a secret given twice would let one verify webhooks meant for another.
        ids(Stream.concat(rightholders.stream().map(SeededRightholder::webhookSecret),
                sellers.stream().map(SeededSeller::webhookSecret)).filter(Objects::nonNull).toList(), source,
                "the webhookSecrets of rightholders and sellers");
        for (int i = 0; i < rights.size(); i++) {
            Right right = rights.get(i);
            String entry = source + ": rights[" + i + "] (id \"" + right.id() + "\")";
            if (!rightholderIds.contains(right.rightholderId())) {
                throw new SeedException(entry + ": field \"rightholderId\": no rightholder \"" + right.rightholderId() + "\"");
            }
            for (String seller : right.authorizedSellers()) {
                if (!sellerIds.contains(seller)) {
                    throw new SeedException(entry + ": field \"authorizedSellers\": no seller \"" + seller + "\"");
                }
            }
        }
        for (int i = 0; i < listings.size(); i++) {
            Listing listing = listings.get(i);
            if (!sellerIds.contains(listing.sellerId())) {
                throw new SeedException(source + ": listings[" + i + "] (id \"" + listing.id()
                        + "\"): field \"sellerId\": no seller \"" + listing.sellerId() + "\"");
            }
        }
        return new Seed(rightholders, rights, sellers, listings);
    }

    private static SeededRightholder rightholder(SeedObject entry) {
        entry.allow("id", "name", "email", "apiKey", "callbackUrl", "webhookSecret");
        return new SeededRightholder(new Rightholder(entry.required("id"), entry.required("name"),
                entry.required("email"), entry.url("callbackUrl")), entry.apiKey("apiKey", true), entry.webhookSecret());
    }

    private static Right right(SeedObject entry) {
        entry.allow("id", "rightholderId", "type", "mark", "registrationNumber", "jurisdiction", "status",
                "validUntil", "authorizedSellers");
        return new Right(entry.required("id"), entry.required("rightholderId"),
                entry.constant("type", RightType.class), entry.required("mark"), entry.optional("registrationNumber"),
                entry.optional("jurisdiction"), entry.constant("status", RightStatus.class), entry.date("validUntil"),
                entry.strings("authorizedSellers"));
    }

    private static SeededSeller seller(SeedObject entry) {
        entry.allow("id", "name", "callbackUrl", "apiKey", "webhookSecret");
        return new SeededSeller(new Seller(entry.required("id"), entry.required("name"), entry.url("callbackUrl")),
                entry.apiKey("apiKey", false), entry.webhookSecret());
    }

    private static Listing listing(SeedObject entry) {
        entry.allow("id", "sellerId", "title", "brand", "status");
        return new Listing(entry.required("id"), entry.required("sellerId"), entry.required("title"),
                entry.optional("brand"), entry.constant("status", ListingStatus.class));
    }

    private static <T> List<T> section(JsonNode root, String name, String source, Function<SeedObject, T> reader) {
        JsonNode array = root.path(name);
        if (array.isMissingNode()) {
            return List.of();
        }
        if (!array.isArray()) {
            throw new SeedException(source + ": \"" + name + "\" must be an array");
        }
        List<T> values = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            values.add(reader.apply(new SeedObject(array.get(i), source + ": " + name + "[" + i + "]")));
        }
        return values;
    }

    private static Set<String> ids(List<String> ids, String source, String what) {
        Set<String> seen = new HashSet<>();
        for (String id : ids) {
            if (!seen.add(id)) {
                throw new SeedException(source + ": " + what + " has \"" + id + "\" twice");
            }
        }
        return seen;
    }

    /** One object of a section; errors name it by index and id. */
    private static final class SeedObject {
        private final JsonNode node;
        private final String where;

        SeedObject(JsonNode node, String where) {
            if (!node.isObject()) {
                throw new SeedException(where + ": must be an object");
            }
            this.node = node;
            this.where = node.path("id").isTextual() ? where + " (id \"" + node.get("id").asText() + "\")" : where;
        }

        void allow(String... fields) {
            Set<String> allowed = new LinkedHashSet<>(Arrays.asList(fields));
            node.fieldNames().forEachRemaining(name -> {
                if (!allowed.contains(name)) {
                    throw new SeedException(where + ": unknown field \"" + name + "\" (expected " + allowed + ")");
                }
            });
        }

        String required(String field) {
            String value = optional(field);
            if (value == null || value.isBlank()) {
                throw fail(field, "is missing");
            }
            return value;
        }

        String optional(String field) {
            JsonNode value = node.path(field);
            if (value.isMissingNode() || value.isNull()) {
                return null;
            }
            if (!value.isTextual()) {
                throw fail(field, "must be a string");
            }
            return value.asText();
        }

        <E extends Enum<E>> E constant(String field, Class<E> type) {
            String value = required(field);
            try {
                return Enum.valueOf(type, value);
            } catch (IllegalArgumentException e) {
                throw fail(field, "\"" + value + "\" is not one of " + Arrays.toString(type.getEnumConstants()));
            }
        }

        LocalDate date(String field) {
            String value = optional(field);
            try {
                return value == null ? null : LocalDate.parse(value);
            } catch (DateTimeParseException e) {
                throw fail(field, "\"" + value + "\" is not a date (yyyy-mm-dd)");
            }
        }

        String url(String field) {
            String value = optional(field);
            if (value == null) {
                return null;
            }
            try {
                URI uri = new URI(value);
                String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
                if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                    return value;
                }
            } catch (URISyntaxException e) {
                // reported below
            }
            throw fail(field, "\"" + value + "\" is not an absolute http(s) URL");
        }

        String webhookSecret() {
            String value = optional("webhookSecret");
            if (value != null && !WEBHOOK_SECRET.matcher(value).matches()) {
                throw fail("webhookSecret", "must be whsec_ and the base64 of the key bytes");
            }
            return value;
        }

        /** A key the authorizer accepts: one of the issued shape, which a seed's key must have too. */
        String apiKey(String field, boolean required) {
            String value = required ? required(field) : optional(field);
            if (value != null && !Ids.isApiKey(value)) {
                throw fail(field, "is not of the issued shape (tdk_ and 43 letters, digits, _ or -)");
            }
            return value;
        }

        List<String> strings(String field) {
            JsonNode value = node.path(field);
            if (value.isMissingNode() || value.isNull()) {
                return List.of();
            }
            List<String> strings = new ArrayList<>();
            for (JsonNode item : value.isArray() ? value : List.of(value)) {
                if (!item.isTextual() || item.asText().isBlank()) {
                    throw fail(field, "must be an array of non-empty strings");
                }
                strings.add(item.asText());
            }
            return strings;
        }

        private SeedException fail(String field, String problem) {
            return new SeedException(where + ": field \"" + field + "\" " + problem);
        }
    }
}
