package dev.takedown.core.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.takedown.core.json.Json;
import dev.takedown.core.model.Evidence;
import dev.takedown.core.model.EvidenceKind;
import dev.takedown.core.text.Enums;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks of a JSON request body that every API body shares: the body itself, strings, e-mail addresses, evidence,
 * declarations and unknown fields. Collects every bad field, so that one answer names them all.
 */
public final class FieldChecks {
    public static final int MAX_BODY_BYTES = 1024 * 1024;
    public static final int MAX_ERRORS = 100;
    public static final int MAX_TEXT = 5000;
    public static final int MAX_NAME = 200;
    public static final int MAX_EMAIL = 254;
    public static final int MAX_URL = 2048;
    public static final int MAX_EVIDENCE = 50;

    private static final Pattern SHA256 = Pattern.compile("[0-9a-fA-F]{64}");
    private static final Pattern EMAIL = Pattern.compile(
            "[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
                    + "(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+");

    private final List<FieldError> errors = new ArrayList<>();

    /**
     * The body as a JSON object; a {@link ProblemException} when it is empty, too large, not JSON or not an object.
     *
     * @param what what the client sends, for the messages ("the notice")
     */
    public static JsonNode object(String body, String what) {
        if (body == null || body.isBlank()) {
            throw new ProblemException(Problem.invalid("The request body is empty; send " + what + " as a JSON object.",
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
        return root;
    }

    public boolean ok() {
        return errors.isEmpty();
    }

    /** Throws the answer naming every bad field (the first {@link #MAX_ERRORS}), if there is any. */
    public void throwIfAny(boolean tooLarge) {
        if (errors.isEmpty()) {
            return;
        }
        List<FieldError> shown = errors.size() > MAX_ERRORS ? errors.subList(0, MAX_ERRORS) : errors;
        String detail = errors.size() + " field(s) are invalid"
                + (errors.size() > MAX_ERRORS ? "; the first " + MAX_ERRORS + " are listed" : "") + ".";
        throw new ProblemException(tooLarge ? Problem.tooLarge(detail, shown) : Problem.invalid(detail, shown));
    }

    public void error(String field, String message) {
        errors.add(new FieldError(field, message));
    }

    /** Names each field of {@code node} (at {@code path}, empty for the top level) that is not allowed. */
    public void unknownFields(JsonNode node, String path, Set<String> allowed) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                error(path.isEmpty() ? name : path + "." + name, path.isEmpty()
                        ? "unknown field; allowed: " + String.join(", ", allowed.stream().sorted().toList())
                        : "unknown field");
            }
        }
    }

    /** A string field: present when required, not blank, within {@code max} characters, no control characters. */
    public String text(JsonNode node, String name, String path, int max, boolean required, boolean multiline) {
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

    /**
     * A single-line field of a fixed form (a name from a list, an address, a digest, a date, an id), taken exactly as
     * sent: white space around it is an error, not trimmed, as the API's published patterns have it.
     */
    public String exactText(JsonNode node, String name, String path, int max, boolean required) {
        String text = text(node, name, path, max, required, false);
        if (text != null && !text.equals(node.get(name).textValue())) {
            error(path, "must not start or end with white space");
            return null;
        }
        return text;
    }

    /** A text field naming one constant of {@code type}, exactly. */
    public <E extends Enum<E>> E named(JsonNode node, String name, String path, Class<E> type, boolean required) {
        String value = exactText(node, name, path, 64, required);
        if (value == null) {
            return null;
        }
        E constant = Enums.named(type, value);
        if (constant == null) {
            error(path, "must be one of " + Arrays.toString(type.getEnumConstants()));
        }
        return constant;
    }

    public String email(JsonNode node, String name, String path) {
        String email = exactText(node, name, path, MAX_EMAIL, true);
        if (email != null && !EMAIL.matcher(email).matches()) {
            error(path, "must be a valid email address");
            return null;
        }
        return email;
    }

    /**
     * An object field, required when {@code missing} says what to send; null (with the error named) when absent or
     * not an object.
     */
    public JsonNode object(JsonNode node, String name, String missing, String notAnObject) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            if (missing != null) {
                error(name, missing);
            }
            return null;
        }
        if (!value.isObject()) {
            error(name, notAnObject);
            return null;
        }
        return value;
    }

    /**
     * Declarations that must each be the boolean true.
     *
     * @param missing what to say when there are none
     * @param what    what cannot be accepted without them, for the message of a false one ("a notice")
     */
    public void declarations(JsonNode root, List<String> names, String missing, String what) {
        JsonNode node = object(root, "declarations", missing, "must be an object");
        if (node == null) {
            return;
        }
        unknownFields(node, "declarations", Set.copyOf(names));
        for (String name : names) {
            JsonNode value = node.get(name);
            if (value == null || value.isNull()) {
                error("declarations." + name, "required: must be true");
            } else if (!value.isBoolean()) {
                error("declarations." + name, "must be the boolean true");
            } else if (!value.booleanValue()) {
                error("declarations." + name, "must be true: " + what + " cannot be accepted without this declaration");
            }
        }
    }

    /** Supporting material, optional: each entry {url, sha256, kind}. */
    public List<Evidence> evidence(JsonNode root) {
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
            String url = exactText(entry, "url", path + ".url", MAX_URL, true);
            if (url != null && !isWebUrl(url)) {
                error(path + ".url", "must be an absolute http(s) URL in ASCII (percent-encode other characters)");
            }
            String sha = exactText(entry, "sha256", path + ".sha256", 64, true);
            if (sha != null && !SHA256.matcher(sha).matches()) {
                error(path + ".sha256", "must be 64 hexadecimal characters");
            }
            EvidenceKind kind = named(entry, "kind", path + ".kind", EvidenceKind.class, true);
            if (url != null && sha != null && kind != null) {
                evidence.add(new Evidence(url, sha.toLowerCase(Locale.ROOT), kind));
            }
        }
        return evidence;
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
