package dev.takedown.core.transparency;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.takedown.core.json.Json;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One statement of reasons as the EU DSA Transparency Database takes it (Art. 24(5) DSA; the database's "v2"
 * statement schema): each component is one field of the database's API, and {@link #toJson()} writes them under
 * the database's own field names. Enum-valued fields hold the database's enum keys (such as
 * {@code DECISION_GROUND_ILLEGAL_CONTENT}), not their labels.
 *
 * <p>Texts longer than the database accepts are cut to its limit here, so whatever builds a statement cannot send
 * one the database refuses for length. The database counts characters (code points), so do the limits here; a cut
 * never splits a character and ends with "…" to show that text is missing.
 *
 * @param puid                      the platform's own id of the statement: unique forever, letters, digits, - and _
 * @param decisionVisibility        restrictions of the content's visibility, or null for none
 * @param decisionAccount           restriction of the account, or null for none
 * @param accountType               business or private account, or null when no account is restricted; an
 *                                  account restriction is indefinite (no end date)
 * @param illegalContentLegalGround the law the content breaks (the decision ground is always illegal content here)
 * @param illegalContentExplanation why the content breaks that law
 * @param category                  the statement's category, such as intellectual property infringements
 * @param categorySpecification     keywords narrowing the category, or null for none
 * @param contentType               what kind of content was restricted, such as a product
 * @param territorialScope          the countries the restriction applies in (ISO 3166-1 alpha-2, Greece as GR)
 * @param contentDate               when the content was posted (see the factories for what is used instead)
 * @param applicationDate           the day the decision took effect (UTC)
 * @param decisionFacts             the facts and circumstances the decision relied on
 * @param sourceType                what led to the decision: a notice, a trusted flagger's notice, own initiative
 * @param automatedDetection        whether the content was found by automated means
 * @param automatedDecision         how far the decision was automated
 */
public record DsaStatement(
        String puid,
        List<String> decisionVisibility,
        String decisionAccount,
        String accountType,
        String illegalContentLegalGround,
        String illegalContentExplanation,
        String category,
        List<String> categorySpecification,
        List<String> contentType,
        List<String> territorialScope,
        LocalDate contentDate,
        LocalDate applicationDate,
        String decisionFacts,
        String sourceType,
        boolean automatedDetection,
        String automatedDecision) {

    /** The only decision ground this system has: every restriction it makes is for an infringement of law. */
    public static final String DECISION_GROUND_ILLEGAL_CONTENT = "DECISION_GROUND_ILLEGAL_CONTENT";
    public static final int PUID_LIMIT = 500;
    public static final int LEGAL_GROUND_LIMIT = 500;
    public static final int EXPLANATION_LIMIT = 2000;
    public static final int FACTS_LIMIT = 5000;
    /** The database's rule for puid: {@code regex:/^[a-zA-Z0-9-_]+$/D}. */
    public static final Pattern PUID = Pattern.compile("[A-Za-z0-9_-]{1,500}");
    /** Dates the database accepts: content dates from 2000, application dates from 2020, none after 2038-01-01. */
    private static final LocalDate FIRST_CONTENT_DATE = LocalDate.of(2000, 1, 1);
    private static final LocalDate FIRST_APPLICATION_DATE = LocalDate.of(2020, 1, 1);
    private static final LocalDate LAST_DATE = LocalDate.of(2038, 1, 1);
    private static final String CUT_MARK = "…";

    public DsaStatement {
        if (puid == null || !PUID.matcher(puid).matches()) {
            throw new IllegalArgumentException("not a puid the database accepts (1-500 letters, digits, - or _): "
                    + puid);
        }
        if (decisionVisibility == null && decisionAccount == null) {
            throw new IllegalArgumentException("a statement restricts the content, the account or both");
        }
        decisionVisibility = decisionVisibility == null ? null : List.copyOf(decisionVisibility);
        categorySpecification = categorySpecification == null ? null : List.copyOf(categorySpecification);
        contentType = List.copyOf(contentType);
        territorialScope = List.copyOf(territorialScope);
        illegalContentLegalGround = fit(required(illegalContentLegalGround, "illegal_content_legal_ground"),
                LEGAL_GROUND_LIMIT);
        illegalContentExplanation = fit(required(illegalContentExplanation, "illegal_content_explanation"),
                EXPLANATION_LIMIT);
        decisionFacts = fit(required(decisionFacts, "decision_facts"), FACTS_LIMIT);
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(sourceType, "source_type");
        Objects.requireNonNull(automatedDecision, "automated_decision");
        within(contentDate, FIRST_CONTENT_DATE, "content_date");
        within(applicationDate, FIRST_APPLICATION_DATE, "application_date");
    }

    /** The statement as the database's API takes it: fields with no value are left out, not sent as null. */
    public ObjectNode toJson() {
        ObjectNode json = Json.object();
        json.put("puid", puid);
        if (decisionVisibility != null) {
            json.set("decision_visibility", array(decisionVisibility));
        }
        if (decisionAccount != null) {
            json.put("decision_account", decisionAccount);
        }
        if (accountType != null) {
            json.put("account_type", accountType);
        }
        json.put("decision_ground", DECISION_GROUND_ILLEGAL_CONTENT);
        json.put("illegal_content_legal_ground", illegalContentLegalGround);
        json.put("illegal_content_explanation", illegalContentExplanation);
        json.put("category", category);
        if (categorySpecification != null) {
            json.set("category_specification", array(categorySpecification));
        }
        json.set("content_type", array(contentType));
        json.set("territorial_scope", array(territorialScope));
        // LocalDate prints as ISO yyyy-MM-dd, the database's Y-m-d, for every year it accepts.
        json.put("content_date", contentDate.toString());
        json.put("application_date", applicationDate.toString());
        json.put("decision_facts", decisionFacts);
        json.put("source_type", sourceType);
        json.put("automated_detection", automatedDetection ? "Yes" : "No");
        json.put("automated_decision", automatedDecision);
        return json;
    }

    /**
     * {@code text} cut to at most {@code limit} characters (code points, as the database counts them), ending with
     * "…" when cut. Counting code points, never UTF-16 units, keeps a character outside the BMP whole.
     */
    static String fit(String text, int limit) {
        if (text.codePointCount(0, text.length()) <= limit) {
            return text;
        }
        return text.substring(0, text.offsetByCodePoints(0, limit - CUT_MARK.length())) + CUT_MARK;
    }

    private static String required(String text, String field) {
        if (text == null || text.isBlank()) {
            // The database turns blank text into null, and then refuses the statement for a missing field.
            throw new IllegalArgumentException(field + " is required");
        }
        return text;
    }

    private static void within(LocalDate date, LocalDate first, String field) {
        Objects.requireNonNull(date, field);
        if (date.isBefore(first) || date.isAfter(LAST_DATE)) {
            throw new IllegalArgumentException(field + " " + date + " is outside " + first + " to " + LAST_DATE
                    + ", the dates the database accepts");
        }
    }

    private static ArrayNode array(List<String> values) {
        ArrayNode array = Json.array();
        values.forEach(array::add);
        return array;
    }
}
