package dev.takedown.core.intake;

import com.fasterxml.jackson.databind.JsonNode;
import dev.takedown.core.json.Json;
import dev.takedown.core.model.Evidence;
import dev.takedown.core.model.NoticeReason;
import dev.takedown.core.model.Sender;
import dev.takedown.core.problem.FieldChecks;
import dev.takedown.core.problem.ProblemException;
import dev.takedown.core.text.Hashing;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a notice body for everything that needs no stored data and names every bad field at once.
 * Whether the right exists and fits the reason is checked by {@link IntakeService}.
 */
public final class SubmissionParser {
    public static final int MAX_BODY_BYTES = FieldChecks.MAX_BODY_BYTES;
    static final int MAX_EXPLANATION = FieldChecks.MAX_TEXT;
    static final int MAX_NAME = FieldChecks.MAX_NAME;
    static final int MAX_URL = FieldChecks.MAX_URL;
    /** Item keys hold six digits; far below that, one request would outgrow Lambda's time and payload limits. */
    static final int MAX_ITEMS_LIMIT = 10_000;

    private static final Set<String> TOP_LEVEL = Set.of("rightId", "reason", "explanation", "items", "evidence",
            "sender", "declarations", "signature");
    private static final List<String> DECLARATIONS = List.of("goodFaith", "accurate", "authorized");
    private static final Pattern RIGHT_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");

    private final int maxItems;

    public SubmissionParser(int maxItems) {
        if (maxItems < 1 || maxItems > MAX_ITEMS_LIMIT) {
            throw new IllegalArgumentException("MAX_ITEMS must be from 1 to " + MAX_ITEMS_LIMIT);
        }
        this.maxItems = maxItems;
    }

    /** Parses and checks the body; throws a {@link ProblemException} naming every bad field. */
    public Submission parse(String body) {
        return new Check(FieldChecks.object(body, "the notice")).run();
    }

    /** Collects the errors of one body. */
    private final class Check {
        private final JsonNode root;
        private final FieldChecks checks = new FieldChecks();
        private boolean tooManyItems;

        Check(JsonNode root) {
            this.root = root;
        }

        Submission run() {
            checks.unknownFields(root, "", TOP_LEVEL);
            String rightId = checks.exactText(root, "rightId", "rightId", MAX_NAME, true);
            if (rightId != null && !RIGHT_ID.matcher(rightId).matches()) {
                error("rightId", "must be a right id (letters, digits, '.', '_', ':', '-')");
            }
            NoticeReason reason = checks.named(root, "reason", "reason", NoticeReason.class, true);
            String explanation = checks.text(root, "explanation", "explanation", MAX_EXPLANATION, true, true);
            List<Submission.Line> items = items();
            List<Evidence> evidence = checks.evidence(root);
            Sender sender = sender();
            checks.declarations(root, DECLARATIONS, "required: goodFaith, accurate and authorized must all be true",
                    "a notice");
            String signature = checks.text(root, "signature", "signature", MAX_NAME, true, false);
            checks.throwIfAny(tooManyItems);
            String hash = Hashing.sha256Hex(Json.write(Json.canonical(root)));
            return new Submission(rightId, reason, explanation, items, evidence, sender, signature, hash);
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
                checks.unknownFields(item, path, Set.of("url", "listingId"));
                boolean hasUrl = item.hasNonNull("url");
                boolean hasId = item.hasNonNull("listingId");
                if (hasUrl == hasId) {
                    error(path, hasUrl ? "give either url or listingId, not both" : "needs url or listingId");
                    continue;
                }
                if (hasUrl) {
                    String url = checks.text(item, "url", path + ".url", MAX_URL, true, false);
                    if (url != null) {
                        lines.add(new Submission.Line(i, url, null));
                    }
                } else {
                    String id = checks.exactText(item, "listingId", path + ".listingId", 64, true);
                    if (id != null && !ListingLocator.isListingId(id)) {
                        error(path + ".listingId", "must be a listing id (letters, digits, '_', '-')");
                    } else if (id != null) {
                        lines.add(new Submission.Line(i, null, id));
                    }
                }
            }
            return lines;
        }

        private Sender sender() {
            JsonNode node = checks.object(root, "sender", "required: {\"name\": ..., \"email\": ...}",
                    "must be an object with name and email");
            if (node == null) {
                return null;
            }
            checks.unknownFields(node, "sender", Set.of("name", "email"));
            return new Sender(checks.text(node, "name", "sender.name", MAX_NAME, true, false),
                    checks.email(node, "email", "sender.email"));
        }

        private void error(String field, String message) {
            checks.error(field, message);
        }
    }
}
