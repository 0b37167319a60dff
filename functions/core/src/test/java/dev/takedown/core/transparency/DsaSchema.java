package dev.takedown.core.transparency;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The EU DSA Transparency Database's rules for one statement of reasons, as its API validates a submitted statement
 * ("v2" schema, in force from 1 July 2025), written again in Java so that tests can hold our records to them.
 *
 * <p>Follows GitHub {@code digital-services-act/transparency-database}:
 * <ul>
 *   <li>{@code app/Http/Requests/StatementStoreRequest.php} at d78506eec555a2a16b48766233404d80e9f94a12: the rules;</li>
 *   <li>{@code app/Models/Statement.php} at a234487e6e3794fad2456352df54b45aebcda09f: the enum keys;</li>
 *   <li>{@code app/Services/EuropeanCountriesService.php} at d78506eec555a2a16b48766233404d80e9f94a12: countries;</li>
 *   <li>{@code app/Services/EuropeanLanguagesService.php} at d299997cc78719fff53933a2eb7cc02eb80d51c3: languages;</li>
 *   <li>{@code resources/markdown/api-documentation-two.md} at 7c0a571ac7dc080881073b46453d3bff56cec5e8: the docs.</li>
 * </ul>
 * Where it is stricter than the database, it says so: it requires {@code territorial_scope} and end dates on or
 * after the application date (both as the docs say, though the rules do not check them), and it refuses a field the
 * database would drop without a word (one that does not apply, or one it does not know), as our records should send
 * neither. Lengths count characters (code points), as Laravel's {@code max} does for text.
 */
public final class DsaSchema {
    static final Set<String> DECISION_VISIBILITIES = Set.of(
            "DECISION_VISIBILITY_CONTENT_REMOVED",
            "DECISION_VISIBILITY_CONTENT_DISABLED",
            "DECISION_VISIBILITY_CONTENT_DEMOTED",
            "DECISION_VISIBILITY_CONTENT_AGE_RESTRICTED",
            "DECISION_VISIBILITY_CONTENT_INTERACTION_RESTRICTED",
            "DECISION_VISIBILITY_CONTENT_LABELLED",
            "DECISION_VISIBILITY_OTHER");
    static final Set<String> DECISION_MONETARIES = Set.of(
            "DECISION_MONETARY_SUSPENSION",
            "DECISION_MONETARY_TERMINATION",
            "DECISION_MONETARY_OTHER");
    static final Set<String> DECISION_PROVISIONS = Set.of(
            "DECISION_PROVISION_PARTIAL_SUSPENSION",
            "DECISION_PROVISION_TOTAL_SUSPENSION",
            "DECISION_PROVISION_PARTIAL_TERMINATION",
            "DECISION_PROVISION_TOTAL_TERMINATION");
    static final Set<String> DECISION_ACCOUNTS = Set.of(
            "DECISION_ACCOUNT_SUSPENDED",
            "DECISION_ACCOUNT_TERMINATED");
    static final Set<String> ACCOUNT_TYPES = Set.of(
            "ACCOUNT_TYPE_BUSINESS",
            "ACCOUNT_TYPE_PRIVATE");
    static final Set<String> DECISION_GROUNDS = Set.of(
            "DECISION_GROUND_ILLEGAL_CONTENT",
            "DECISION_GROUND_INCOMPATIBLE_CONTENT");
    static final Set<String> YES_NO = Set.of("Yes", "No");
    static final Set<String> AUTOMATED_DECISIONS = Set.of(
            "AUTOMATED_DECISION_FULLY",
            "AUTOMATED_DECISION_PARTIALLY",
            "AUTOMATED_DECISION_NOT_AUTOMATED");
    static final Set<String> SOURCE_TYPES = Set.of(
            "SOURCE_ARTICLE_16",
            "SOURCE_TRUSTED_FLAGGER",
            "SOURCE_TYPE_OTHER_NOTIFICATION",
            "SOURCE_VOLUNTARY");
    static final Set<String> CONTENT_TYPES = Set.of(
            "CONTENT_TYPE_APP",
            "CONTENT_TYPE_AUDIO",
            "CONTENT_TYPE_IMAGE",
            "CONTENT_TYPE_PRODUCT",
            "CONTENT_TYPE_SYNTHETIC_MEDIA",
            "CONTENT_TYPE_TEXT",
            "CONTENT_TYPE_VIDEO",
            "CONTENT_TYPE_OTHER");
    static final Set<String> STATEMENT_CATEGORIES = Set.of(
            "STATEMENT_CATEGORY_ANIMAL_WELFARE",
            "STATEMENT_CATEGORY_CONSUMER_INFORMATION",
            "STATEMENT_CATEGORY_CYBER_VIOLENCE",
            "STATEMENT_CATEGORY_CYBER_VIOLENCE_AGAINST_WOMEN",
            "STATEMENT_CATEGORY_DATA_PROTECTION_AND_PRIVACY_VIOLATIONS",
            "STATEMENT_CATEGORY_ILLEGAL_OR_HARMFUL_SPEECH",
            "STATEMENT_CATEGORY_INTELLECTUAL_PROPERTY_INFRINGEMENTS",
            "STATEMENT_CATEGORY_NEGATIVE_EFFECTS_ON_CIVIC_DISCOURSE_OR_ELECTIONS",
            "STATEMENT_CATEGORY_NOT_SPECIFIED_NOTICE",
            "STATEMENT_CATEGORY_OTHER_VIOLATION_TC",
            "STATEMENT_CATEGORY_PROTECTION_OF_MINORS",
            "STATEMENT_CATEGORY_RISK_FOR_PUBLIC_SECURITY",
            "STATEMENT_CATEGORY_SCAMS_AND_FRAUD",
            "STATEMENT_CATEGORY_SELF_HARM",
            "STATEMENT_CATEGORY_UNSAFE_AND_PROHIBITED_PRODUCTS",
            "STATEMENT_CATEGORY_VIOLENCE");
    /** The KEYWORDS array; KEYWORD_DANGEROUS_TOYS is defined in the model but not in it, so it is refused. */
    static final Set<String> KEYWORDS = Set.of(
            "KEYWORD_ADULT_SEXUAL_MATERIAL",
            "KEYWORD_AGE_SPECIFIC_RESTRICTIONS",
            "KEYWORD_AGE_SPECIFIC_RESTRICTIONS_MINORS",
            "KEYWORD_ANIMAL_HARM",
            "KEYWORD_BIOMETRIC_DATA_BREACH",
            "KEYWORD_BULLYING_AGAINST_GIRLS",
            "KEYWORD_CHILD_SEXUAL_ABUSE_MATERIAL",
            "KEYWORD_CHILD_SEXUAL_ABUSE_MATERIAL_DEEPFAKE",
            "KEYWORD_CONTENT_PROMOTING_EATING_DISORDERS",
            "KEYWORD_COORDINATED_HARM",
            "KEYWORD_COPYRIGHT_INFRINGEMENT",
            "KEYWORD_CYBER_BULLYING_INTIMIDATION",
            "KEYWORD_CYBER_HARASSMENT",
            "KEYWORD_CYBER_HARASSMENT_AGAINST_WOMEN",
            "KEYWORD_CYBER_INCITEMENT",
            "KEYWORD_CYBER_STALKING",
            "KEYWORD_CYBER_STALKING_AGAINST_WOMEN",
            "KEYWORD_DATA_FALSIFICATION",
            "KEYWORD_DEFAMATION",
            "KEYWORD_DESIGN_INFRINGEMENT",
            "KEYWORD_DISCRIMINATION",
            "KEYWORD_FEMALE_GENDERED_DISINFORMATION",
            "KEYWORD_GEOGRAPHIC_INDICATIONS_INFRINGEMENT",
            "KEYWORD_GEOGRAPHICAL_REQUIREMENTS",
            "KEYWORD_GOODS_SERVICES_NOT_PERMITTED",
            "KEYWORD_GROOMING_SEXUAL_ENTICEMENT_MINORS",
            "KEYWORD_HATE_SPEECH",
            "KEYWORD_HIDDEN_ADVERTISEMENT",
            "KEYWORD_HUMAN_EXPLOITATION",
            "KEYWORD_HUMAN_TRAFFICKING",
            "KEYWORD_ILLEGAL_ORGANIZATIONS",
            "KEYWORD_IMPERSONATION_ACCOUNT_HIJACKING",
            "KEYWORD_INAUTHENTIC_ACCOUNTS",
            "KEYWORD_INAUTHENTIC_LISTINGS",
            "KEYWORD_INAUTHENTIC_USER_REVIEWS",
            "KEYWORD_INCITEMENT_AGAINST_WOMEN",
            "KEYWORD_INCITEMENT_VIOLENCE_HATRED",
            "KEYWORD_INSUFFICIENT_INFORMATION_ON_TRADERS",
            "KEYWORD_LANGUAGE_REQUIREMENTS",
            "KEYWORD_MISINFORMATION_DISINFORMATION",
            "KEYWORD_MISLEADING_INFO_CONSUMER_RIGHTS",
            "KEYWORD_MISLEADING_INFO_GOODS_SERVICES",
            "KEYWORD_MISSING_PROCESSING_GROUND",
            "KEYWORD_NON_CONSENSUAL_IMAGE_SHARING",
            "KEYWORD_NON_CONSENSUAL_IMAGE_SHARING_AGAINST_WOMEN",
            "KEYWORD_NON_CONSENSUAL_MATERIAL_DEEPFAKE",
            "KEYWORD_NON_CONSENSUAL_MATERIAL_DEEPFAKE_AGAINST_WOMEN",
            "KEYWORD_NONCOMPLIANCE_PRICING",
            "KEYWORD_NUDITY",
            "KEYWORD_PATENT_INFRINGEMENT",
            "KEYWORD_PHISHING",
            "KEYWORD_PROHIBITED_PRODUCTS",
            "KEYWORD_PYRAMID_SCHEMES",
            "KEYWORD_RIGHT_TO_BE_FORGOTTEN",
            "KEYWORD_RISK_ENVIRONMENTAL_DAMAGE",
            "KEYWORD_RISK_PUBLIC_HEALTH",
            "KEYWORD_SELF_MUTILATION",
            "KEYWORD_STALKING",
            "KEYWORD_SUICIDE",
            "KEYWORD_TERRORIST_CONTENT",
            "KEYWORD_TRADE_SECRET_INFRINGEMENT",
            "KEYWORD_TRADEMARK_INFRINGEMENT",
            "KEYWORD_TRAFFICKING_WOMEN_GIRLS",
            "KEYWORD_UNLAWFUL_SALE_ANIMALS",
            "KEYWORD_UNSAFE_CHALLENGES",
            "KEYWORD_UNSAFE_PRODUCTS",
            "KEYWORD_VIOLATION_EU_LAW",
            "KEYWORD_VIOLATION_NATIONAL_LAW",
            "KEYWORD_OTHER");
    /** EuropeanCountriesService::EUROPEAN_COUNTRY_CODES: the EU and the EEA, Greece as GR. */
    static final Set<String> COUNTRIES = Set.of("AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR",
            "HR", "HU", "IE", "IS", "IT", "LI", "LT", "LU", "LV", "MT", "NL", "NO", "PL", "PT", "RO", "SE", "SI", "SK");
    /** The keys of EuropeanLanguagesService::ALL_LANGUAGES: ISO 639-1 codes in capitals. */
    static final Set<String> LANGUAGES = Set.of("AB", "AA", "AF", "AK", "SQ", "AM", "AR", "AN", "HY", "AS", "AV", "AE",
            "AY", "AZ", "BM", "BA", "EU", "BE", "BN", "BH", "BI", "BS", "BR", "BG", "MY", "CA", "KM", "CH", "CE", "NY",
            "ZH", "CU", "CV", "KW", "CO", "CR", "HR", "CS", "DA", "DV", "NL", "DZ", "EN", "EO", "ET", "EE", "FO", "FJ",
            "FI", "FR", "FF", "GD", "GL", "LG", "KA", "DE", "KI", "EL", "KL", "GN", "GU", "HT", "HA", "HE", "HZ", "HI",
            "HO", "HU", "IS", "IO", "IG", "ID", "IA", "IE", "IU", "IK", "GA", "IT", "JA", "JV", "KN", "KR", "KS", "KK",
            "RW", "KV", "KG", "KO", "KJ", "KU", "KY", "LO", "LA", "LV", "LB", "LI", "LN", "LT", "LU", "MK", "MG", "MS",
            "ML", "MT", "GV", "MI", "MR", "MH", "RO", "MN", "NA", "NV", "ND", "NG", "NE", "SE", "NO", "NB", "NN", "II",
            "OC", "OJ", "OR", "OM", "OS", "PI", "PA", "PS", "FA", "PL", "PT", "QU", "RM", "RN", "RU", "SM", "SG", "SA",
            "SC", "SR", "SN", "SD", "SI", "SK", "SL", "SO", "ST", "NR", "ES", "SU", "SW", "SS", "SV", "TL", "TY", "TG",
            "TA", "TT", "TE", "TH", "BO", "TI", "TO", "TS", "TN", "TR", "TK", "TW", "UG", "UK", "UR", "UZ", "VE", "VI",
            "VO", "WA", "CY", "FY", "WO", "XH", "YI", "YO", "ZA", "ZU");

    /** Texts and their maxima ({@code max:N}). */
    private static final Map<String, Integer> TEXT_LIMITS = Map.ofEntries(
            Map.entry("decision_visibility_other", 500),
            Map.entry("decision_monetary_other", 500),
            Map.entry("category_specification_other", 500),
            Map.entry("decision_ground_reference_url", 500),
            Map.entry("illegal_content_legal_ground", 500),
            Map.entry("illegal_content_explanation", 2000),
            Map.entry("incompatible_content_ground", 500),
            Map.entry("incompatible_content_explanation", 2000),
            Map.entry("content_type_other", 500),
            Map.entry("decision_facts", 5000),
            Map.entry("source_identity", 500),
            Map.entry("puid", 500));
    private static final List<String> DECISIONS =
            List.of("decision_visibility", "decision_monetary", "decision_provision", "decision_account");
    private static final List<String> REQUIRED = List.of("decision_ground", "content_type", "category",
            "territorial_scope", "content_date", "application_date", "decision_facts", "source_type",
            "automated_detection", "automated_decision", "puid");
    private static final List<String> END_DATES = List.of("end_date_account_restriction",
            "end_date_monetary_restriction", "end_date_service_restriction", "end_date_visibility_restriction");
    private static final Set<String> FIELDS = fields();
    private static final Pattern PUID = Pattern.compile("[a-zA-Z0-9_-]+");
    private static final Pattern EAN_13 = Pattern.compile("[0-9]{13}");
    private static final Pattern DATE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");
    private static final DateTimeFormatter Y_M_D =
            DateTimeFormatter.ofPattern("uuuu-MM-dd").withResolverStyle(ResolverStyle.STRICT);
    private static final LocalDate LAST_DATE = LocalDate.of(2038, 1, 1);

    private DsaSchema() {
    }

    /** What the database would refuse or drop in {@code statement}, one line per violation; empty if nothing. */
    public static List<String> violations(JsonNode statement) {
        List<String> violations = new ArrayList<>();
        if (statement == null || !statement.isObject()) {
            violations.add("statement: must be a JSON object");
            return violations;
        }
        new Check(statement, violations).all();
        return violations;
    }

    private record Check(JsonNode statement, List<String> violations) {
        void all() {
            statement.fieldNames().forEachRemaining(name -> {
                if (!FIELDS.contains(name)) {
                    violations.add(name + ": not a field of the database, which would drop it");
                }
            });
            for (String field : REQUIRED) {
                if (!given(field)) {
                    violations.add(field + ": required");
                }
            }
            if (DECISIONS.stream().noneMatch(this::given)) {
                violations.add(String.join("/", DECISIONS) + ": at least one restriction is required");
            }
            enums();
            conditions();
            TEXT_LIMITS.forEach(this::length);
            dates();
            ids();
        }

        private void enums() {
            keys("decision_visibility", DECISION_VISIBILITIES);
            key("decision_monetary", DECISION_MONETARIES);
            key("decision_provision", DECISION_PROVISIONS);
            key("decision_account", DECISION_ACCOUNTS);
            key("account_type", ACCOUNT_TYPES);
            keys("category_specification", KEYWORDS);
            key("decision_ground", DECISION_GROUNDS);
            key("incompatible_content_illegal", YES_NO);
            keys("content_type", CONTENT_TYPES);
            key("category", STATEMENT_CATEGORIES);
            keys("category_addition", STATEMENT_CATEGORIES);
            keys("territorial_scope", COUNTRIES);
            key("content_language", LANGUAGES);
            key("source_type", SOURCE_TYPES);
            key("automated_detection", YES_NO);
            key("automated_decision", AUTOMATED_DECISIONS);
        }

        /** Fields required in some cases, and dropped by the database in the others. */
        private void conditions() {
            boolean illegal = "DECISION_GROUND_ILLEGAL_CONTENT".equals(text("decision_ground"));
            boolean incompatible = "DECISION_GROUND_INCOMPATIBLE_CONTENT".equals(text("decision_ground"));
            onlyIf("illegal_content_legal_ground", illegal, "decision_ground is DECISION_GROUND_ILLEGAL_CONTENT");
            onlyIf("illegal_content_explanation", illegal, "decision_ground is DECISION_GROUND_ILLEGAL_CONTENT");
            onlyIf("incompatible_content_ground", incompatible,
                    "decision_ground is DECISION_GROUND_INCOMPATIBLE_CONTENT");
            onlyIf("incompatible_content_explanation", incompatible,
                    "decision_ground is DECISION_GROUND_INCOMPATIBLE_CONTENT");
            if (given("incompatible_content_illegal") && !incompatible) {
                violations.add("incompatible_content_illegal: only with DECISION_GROUND_INCOMPATIBLE_CONTENT");
            }
            onlyIf("decision_visibility_other", listed("decision_visibility", "DECISION_VISIBILITY_OTHER"),
                    "decision_visibility lists DECISION_VISIBILITY_OTHER");
            onlyIf("decision_monetary_other", "DECISION_MONETARY_OTHER".equals(text("decision_monetary")),
                    "decision_monetary is DECISION_MONETARY_OTHER");
            onlyIf("content_type_other", listed("content_type", "CONTENT_TYPE_OTHER"),
                    "content_type lists CONTENT_TYPE_OTHER");
            if (given("category_specification_other") && !listed("category_specification", "KEYWORD_OTHER")) {
                violations.add("category_specification_other: only with KEYWORD_OTHER in category_specification");
            }
            if (given("source_identity") && "SOURCE_VOLUNTARY".equals(text("source_type"))) {
                violations.add("source_identity: not with SOURCE_VOLUNTARY");
            }
        }

        private void dates() {
            LocalDate application = date("application_date", LocalDate.of(2020, 1, 1));
            date("content_date", LocalDate.of(2000, 1, 1));
            for (String field : END_DATES) {
                LocalDate end = date(field, null);
                if (end != null && application != null && end.isBefore(application)) {
                    violations.add(field + ": before application_date");
                }
            }
        }

        private void ids() {
            if (given("puid") && statement.get("puid").isTextual() && !PUID.matcher(text("puid")).matches()) {
                violations.add("puid: only letters, digits, - and _");
            }
            if (given("decision_ground_reference_url") && !isUrl(text("decision_ground_reference_url"))) {
                violations.add("decision_ground_reference_url: not a URL");
            }
            if (given("content_id")) {
                JsonNode ids = statement.get("content_id");
                if (!ids.isObject()) {
                    violations.add("content_id: must be an object of id type to id");
                } else {
                    ids.fieldNames().forEachRemaining(type -> {
                        if (!type.equals("EAN-13")) {
                            violations.add("content_id: only EAN-13 is accepted, not " + type);
                        }
                    });
                    if (ids.has("EAN-13") && !isEan13(ids.get("EAN-13"))) {
                        violations.add("content_id: EAN-13 must be 13 digits");
                    }
                }
            }
            if (given("content_id_ean") && !isEan13(statement.get("content_id_ean"))) {
                violations.add("content_id_ean: must be 13 digits");
            }
        }

        /** Given as Laravel's {@code required} sees it: present, not null, not blank text, not an empty array. */
        private boolean given(String field) {
            JsonNode value = statement.get(field);
            return value != null && !value.isNull() && !(value.isTextual() && value.textValue().isBlank())
                    && !(value.isArray() && value.isEmpty());
        }

        private String text(String field) {
            JsonNode value = statement.get(field);
            return value != null && value.isTextual() ? value.textValue() : null;
        }

        private void key(String field, Set<String> keys) {
            if (!given(field)) {
                return;
            }
            JsonNode value = statement.get(field);
            if (!value.isTextual()) {
                violations.add(field + ": must be one value, not " + value.getNodeType());
            } else if (!keys.contains(value.textValue())) {
                violations.add(field + ": unknown value " + value.textValue());
            }
        }

        private void keys(String field, Set<String> keys) {
            if (!given(field)) {
                return;
            }
            JsonNode value = statement.get(field);
            if (!value.isArray()) {
                violations.add(field + ": must be an array");
                return;
            }
            for (JsonNode element : value) {
                if (!element.isTextual() || !keys.contains(element.textValue())) {
                    violations.add(field + ": unknown value " + element);
                }
            }
        }

        private boolean listed(String field, String key) {
            JsonNode value = statement.get(field);
            if (value == null || !value.isArray()) {
                return false;
            }
            for (JsonNode element : value) {
                if (key.equals(element.textValue())) {
                    return true;
                }
            }
            return false;
        }

        private void onlyIf(String field, boolean applies, String condition) {
            if (applies && !given(field)) {
                violations.add(field + ": required when " + condition);
            } else if (!applies && given(field)) {
                violations.add(field + ": only when " + condition + "; the database would drop it");
            }
        }

        private void length(String field, int limit) {
            if (!given(field)) {
                return;
            }
            JsonNode value = statement.get(field);
            if (!value.isTextual()) {
                violations.add(field + ": must be text");
            } else if (value.textValue().codePointCount(0, value.textValue().length()) > limit) {
                violations.add(field + ": longer than " + limit + " characters");
            }
        }

        /** The date in {@code field} if the database takes it: Y-m-d, from {@code first} (if any) to 2038-01-01. */
        private LocalDate date(String field, LocalDate first) {
            if (!given(field)) {
                return null;
            }
            String text = text(field);
            LocalDate date;
            try {
                date = text != null && DATE.matcher(text).matches() ? LocalDate.parse(text, Y_M_D) : null;
            } catch (DateTimeParseException e) {
                date = null;
            }
            if (date == null) {
                violations.add(field + ": not a date in the format YYYY-MM-DD");
            } else if (date.isAfter(LAST_DATE)) {
                violations.add(field + ": after " + LAST_DATE + ", the last date accepted");
                return null;
            } else if (first != null && date.isBefore(first)) {
                violations.add(field + ": before " + first + ", the first date accepted");
                return null;
            }
            return date;
        }
    }

    private static boolean isEan13(JsonNode value) {
        return value.isTextual() && EAN_13.matcher(value.textValue()).matches();
    }

    private static boolean isUrl(String text) {
        try {
            URI uri = new URI(text);
            return uri.isAbsolute() && uri.getHost() != null
                    && ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()));
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static Set<String> fields() {
        Set<String> fields = new HashSet<>(TEXT_LIMITS.keySet());
        fields.addAll(DECISIONS);
        fields.addAll(REQUIRED);
        fields.addAll(END_DATES);
        fields.addAll(List.of("account_type", "category_specification", "incompatible_content_illegal",
                "category_addition", "content_language", "content_id", "content_id_ean"));
        return Set.copyOf(fields);
    }
}
