package dev.takedown.core.intake;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.takedown.core.json.Json;
import dev.takedown.core.model.Evidence;
import dev.takedown.core.model.EvidenceKind;
import dev.takedown.core.model.NoticeReason;
import dev.takedown.core.model.Sender;
import dev.takedown.core.problem.FieldError;
import dev.takedown.core.problem.Problem;
import dev.takedown.core.problem.ProblemException;
import dev.takedown.core.text.Enums;
import dev.takedown.core.text.Hashing;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a notice body for everything that needs no stored data and names every bad field at once.
 * Whether the right exists and fits the reason is checked by {@link IntakeService}.
 */
public final class SubmissionParser {
    public static final int MAX_BODY_BYTES = 1024 * 1024;
    static final int MAX_ERRORS = 100;
    static final int MAX_EXPLANATION = 5000;
    static final int MAX_NAME = 200;
    static final int MAX_EMAIL = 254;
    static final int MAX_URL = 2048;
    static final int MAX_EVIDENCE = 50;
    /** Item keys hold six digits; far below that, one request would outgrow Lambda's time and payload limits. */
    static final int MAX_ITEMS_LIMIT = 10_000;

    private static final Set<String> TOP_LEVEL = Set.of("rightId", "reason", "explanation", "items", "evidence",
            "sender", "declarations", "signature");
    private static final List<String> DECLARATIONS = List.of("goodFaith", "accurate", "authorized");
    private static final Pattern RIGHT_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-fA-F]{64}");
    private static final Pattern EMAIL = Pattern.compile(
            "[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
                    + "(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+");

    private final int maxItems;

    public SubmissionParser(int maxItems) {
        if (maxItems < 1 || maxItems > MAX_ITEMS_LIMIT) {
            throw new IllegalArgumentException("MAX_ITEMS must be from 1 to " + MAX_ITEMS_LIMIT);
        }
        this.maxItems = maxItems;
    }

    /** Parses and checks the body; throws a {@link ProblemException} naming every bad field. */
    public Submission parse(String body) {
        if (body == null || body.isBlank()) {
            throw new ProblemException(Problem.invalid("The request body is empty; send the notice as a JSON object.",
                    List.of(new FieldError("body", "required"))));
        }
        if (body.getBytes(StandardCharsets.UTF_8).length > MAX_BODY_BYTES) {
            throw new ProblemException(Problem.tooLarge("The request body is over " + MAX_BODY_BYTES + " bytes.",
                    List.of(new FieldError("body", "must be at most " + MAX_BODY_BYTES + " bytes"))));
        }
        JsonNode root;
        try {
            root = Json.parse(body);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr();
            throw new ProblemException(Problem.invalid("The request body is not valid JSON" + where + ".",
                    List.of(new FieldError("body", "not valid JSON" + where))));
        }
        if (root == null || !root.isObject()) {
            throw new ProblemException(Problem.invalid("The request body must be a JSON object.",
                    List.of(new FieldError("body", "must be a JSON object"))));
        }
        return new Check(root).run();
    }

    /** Collects the errors of one body. */
    private final class Check {
        private final JsonNode root;
        private final List<FieldError> errors = new ArrayList<>();
        private boolean tooManyItems;

        Check(JsonNode root) {
            this.root = root;
        }

        Submission run() {
            for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!TOP_LEVEL.contains(name)) {
                    error(name, "unknown field; allowed: " + String.join(", ", TOP_LEVEL.stream().sorted().toList()));
                }
            }
            String rightId = text(root, "rightId", "rightId", MAX_NAME, true, false);
            if (rightId != null && !RIGHT_ID.matcher(rightId).matches()) {
                error("rightId", "must be a right id (letters, digits, '.', '_', ':', '-')");
            }
            NoticeReason reason = reason();
            String explanation = text(root, "explanation", "explanation", MAX_EXPLANATION, true, true);
            List<Submission.Line> items = items();
            List<Evidence> evidence = evidence();
            Sender sender = sender();
            declarations();
            String signature = text(root, "signature", "signature", MAX_NAME, true, false);

            if (!errors.isEmpty()) {
                List<FieldError> shown = errors.size() > MAX_ERRORS ? errors.subList(0, MAX_ERRORS) : errors;
                String detail = errors.size() + " field(s) are invalid"
                        + (errors.size() > MAX_ERRORS ? "; the first " + MAX_ERRORS + " are listed" : "") + ".";
                throw new ProblemException(tooManyItems ? Problem.tooLarge(detail, shown) : Problem.invalid(detail, shown));
            }
            String hash = Hashing.sha256Hex(Json.write(Json.canonical(root)));
            return new Submission(rightId, reason, explanation, items, evidence, sender, signature, hash);
        }

        private NoticeReason reason() {
            String value = text(root, "reason", "reason", 64, true, false);
            if (value == null) {
                return null;
            }
            NoticeReason reason = Enums.named(NoticeReason.class, value);
            if (reason == null) {
                error("reason", "must be one of " + Arrays.toString(NoticeReason.values()));
            }
            return reason;
        }

        private List<Submission.Line> items() {
            JsonNode node = root.get("items");
            List<Submission.Line> lines = new ArrayList<>();
            if (node == null || node.isNull()) {
                error("items", "required: list the listings, each as {\"url\": ...} or {\"listingId\": ...}");
                return lines;
            }
            if (!node.isArray()) {
                error("items", "must be an array");
                return lines;
            }
            if (node.isEmpty()) {
                error("items", "must name at least one listing");
                return lines;
            }
            if (node.size() > maxItems) {
                tooManyItems = true;
                error("items", "must name at most " + maxItems + " listings per notice (got " + node.size()
                        + "); split them over several notices");
                return lines;
            }
            for (int i = 0; i < node.size(); i++) {
                JsonNode item = node.get(i);
                String path = "items[" + i + "]";
                if (!item.isObject()) {
                    error(path, "must be an object with url or listingId");
                    continue;
                }
                unknownFields(item, path, Set.of("url", "listingId"));
                boolean hasUrl = item.hasNonNull("url");
                boolean hasId = item.hasNonNull("listingId");
                if (hasUrl == hasId) {
                    error(path, hasUrl ? "give either url or listingId, not both" : "needs url or listingId");
                    continue;
                }
                if (hasUrl) {
                    String url = text(item, "url", path + ".url", MAX_URL, true, false);
                    if (url != null) {
                        lines.add(new Submission.Line(i, url, null));
                    }
                } else {
                    String id = text(item, "listingId", path + ".listingId", 64, true, false);
                    if (id != null && !ListingLocator.isListingId(id)) {
                        error(path + ".listingId", "must be a listing id (letters, digits, '_', '-')");
                    } else if (id != null) {
                        lines.add(new Submission.Line(i, null, id));
                    }
                }
            }
            return lines;
        }

        private List<Evidence> evidence() {
            JsonNode node = root.get("evidence");
            List<Evidence> evidence = new ArrayList<>();
            if (node == null || node.isNull()) {
                return evidence;
            }
            if (!node.isArray()) {
                error("evidence", "must be an array");
                return evidence;
            }
            if (node.size() > MAX_EVIDENCE) {
                error("evidence", "must have at most " + MAX_EVIDENCE + " entries");
                return evidence;
            }
            for (int i = 0; i < node.size(); i++) {
                JsonNode entry = node.get(i);
                String path = "evidence[" + i + "]";
                if (!entry.isObject()) {
                    error(path, "must be an object with url, sha256 and kind");
                    continue;
                }
                unknownFields(entry, path, Set.of("url", "sha256", "kind"));
                String url = text(entry, "url", path + ".url", MAX_URL, true, false);
                if (url != null && !isWebUrl(url)) {
                    error(path + ".url", "must be an absolute http(s) URL in ASCII (percent-encode other characters)");
                }
                String sha = text(entry, "sha256", path + ".sha256", 64, true, false);
                if (sha != null && !SHA256.matcher(sha).matches()) {
                    error(path + ".sha256", "must be 64 hexadecimal characters");
                }
                String kindText = text(entry, "kind", path + ".kind", 64, true, false);
                EvidenceKind kind = kindText == null ? null : Enums.named(EvidenceKind.class, kindText);
                if (kindText != null && kind == null) {
                    error(path + ".kind", "must be one of " + Arrays.toString(EvidenceKind.values()));
                }
                if (url != null && sha != null && kind != null) {
                    evidence.add(new Evidence(url, sha.toLowerCase(Locale.ROOT), kind));
                }
            }
            return evidence;
        }

        private Sender sender() {
            JsonNode node = root.get("sender");
            if (node == null || node.isNull()) {
                error("sender", "required: {\"name\": ..., \"email\": ...}");
                return null;
            }
            if (!node.isObject()) {
                error("sender", "must be an object with name and email");
                return null;
            }
            unknownFields(node, "sender", Set.of("name", "email"));
            String name = text(node, "name", "sender.name", MAX_NAME, true, false);
            String email = text(node, "email", "sender.email", MAX_EMAIL, true, false);
            if (email != null && !EMAIL.matcher(email).matches()) {
                error("sender.email", "must be a valid email address");
            }
            return new Sender(name, email);
        }

        private void declarations() {
            JsonNode node = root.get("declarations");
            if (node == null || node.isNull()) {
                error("declarations", "required: goodFaith, accurate and authorized must all be true");
                return;
            }
            if (!node.isObject()) {
                error("declarations", "must be an object");
                return;
            }
            unknownFields(node, "declarations", Set.copyOf(DECLARATIONS));
            for (String name : DECLARATIONS) {
                JsonNode value = node.get(name);
                if (value == null || value.isNull()) {
                    error("declarations." + name, "required: must be true");
                } else if (!value.isBoolean()) {
                    error("declarations." + name, "must be the boolean true");
                } else if (!value.booleanValue()) {
                    error("declarations." + name, "must be true: a notice cannot be accepted without this declaration");
                }
            }
        }

        private void unknownFields(JsonNode node, String path, Set<String> allowed) {
            for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!allowed.contains(name)) {
                    error(path + "." + name, "unknown field");
                }
            }
        }

        /** A string field: present when required, not blank, within {@code max} characters, no control characters. */
        private String text(JsonNode node, String name, String path, int max, boolean required, boolean multiline) {
            JsonNode value = node.get(name);
            if (value == null || value.isNull()) {
                if (required) {
                    error(path, "required");
                }
                return null;
            }
            if (!value.isTextual()) {
                error(path, "must be a string");
                return null;
            }
            String text = value.textValue();
            if (text.isBlank()) {
                error(path, "must not be blank");
                return null;
            }
            if (text.codePointCount(0, text.length()) > max) {
                error(path, "must be at most " + max + " characters");
                return null;
            }
            if (hasControlCharacters(text, multiline)) {
                error(path, multiline ? "must not contain control characters other than line breaks and tabs"
                        : "must not contain control characters");
                return null;
            }
            return text.strip();
        }

        private void error(String field, String message) {
            errors.add(new FieldError(field, message));
        }
    }

    static boolean isWebUrl(String text) {
        if (!text.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            return false;
        }
        try {
            java.net.URI uri = new java.net.URI(text);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
            return (scheme.equals("https") || scheme.equals("http")) && uri.getHost() != null;
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    static boolean hasControlCharacters(String text, boolean allowLineBreaks) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (allowLineBreaks && (c == '\n' || c == '\r' || c == '\t')) {
                continue;
            }
            int type = Character.getType(c);
            if (type == Character.CONTROL || type == Character.FORMAT && c != '\u200d' || type == Character.SURROGATE
                    && !(Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1)))
                    && !(Character.isLowSurrogate(c) && i > 0 && Character.isHighSurrogate(text.charAt(i - 1)))) {
                return true;
            }
        }
        return false;
    }
}
