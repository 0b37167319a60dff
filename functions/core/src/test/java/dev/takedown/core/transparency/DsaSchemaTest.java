package dev.takedown.core.transparency;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.takedown.core.json.Json;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The validator the records are held to does catch each kind of break of the database's rules. */
class DsaSchemaTest {
    @Test
    void aStatementAsTheDatabaseDocumentsItPasses() {
        assertThat(DsaSchema.violations(valid())).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"decision_ground", "content_type", "category", "territorial_scope", "content_date",
            "application_date", "decision_facts", "source_type", "automated_detection", "automated_decision", "puid"})
    void aMissingRequiredFieldIsCaught(String field) {
        ObjectNode statement = valid();
        statement.remove(field);

        assertThat(DsaSchema.violations(statement)).contains(field + ": required");
    }

    @Test
    void blankTextAndAnEmptyArrayCountAsMissing() {
        ObjectNode statement = valid();
        statement.put("decision_facts", "  ");
        statement.set("content_type", Json.array());

        assertThat(DsaSchema.violations(statement)).contains("decision_facts: required", "content_type: required");
    }

    @Test
    void aStatementThatRestrictsNothingIsCaught() {
        ObjectNode statement = valid();
        statement.remove("decision_visibility");

        assertThat(DsaSchema.violations(statement)).singleElement().asString().contains("at least one restriction");
    }

    @Test
    void unknownEnumValuesAreCaughtAmongThemTheLabelInsteadOfTheKeyAndKeysOfTheOldSchema() {
        ObjectNode statement = valid();
        statement.put("category", "STATEMENT_CATEGORY_UNSAFE_AND_ILLEGAL_PRODUCTS");
        statement.set("category_specification", Json.array().add("KEYWORD_DANGEROUS_TOYS"));
        statement.put("source_type", "Notice submitted in accordance with Article 16 DSA");
        statement.put("automated_detection", "YES");
        statement.set("territorial_scope", Json.array().add("DE").add("EL"));

        assertThat(DsaSchema.violations(statement)).containsExactlyInAnyOrder(
                "category: unknown value STATEMENT_CATEGORY_UNSAFE_AND_ILLEGAL_PRODUCTS",
                "category_specification: unknown value \"KEYWORD_DANGEROUS_TOYS\"",
                "source_type: unknown value Notice submitted in accordance with Article 16 DSA",
                "automated_detection: unknown value YES",
                "territorial_scope: unknown value \"EL\"");
    }

    @Test
    void anArrayWhereTheDatabaseTakesOneValueAndOneValueWhereItTakesAnArrayAreCaught() {
        ObjectNode statement = valid();
        statement.set("category", Json.array().add("STATEMENT_CATEGORY_INTELLECTUAL_PROPERTY_INFRINGEMENTS"));
        statement.put("content_type", "CONTENT_TYPE_PRODUCT");

        assertThat(DsaSchema.violations(statement)).containsExactlyInAnyOrder("category: must be one value, not ARRAY",
                "content_type: must be an array");
    }

    @Test
    void overLongTextsAreCaughtCountingCharactersNotUtf16Units() {
        ObjectNode statement = valid();
        statement.put("illegal_content_legal_ground", "x".repeat(501));
        statement.put("illegal_content_explanation", "x".repeat(2001));
        statement.put("decision_facts", "\uD83D\uDD28".repeat(5000));

        assertThat(DsaSchema.violations(statement)).containsExactlyInAnyOrder(
                "illegal_content_legal_ground: longer than 500 characters",
                "illegal_content_explanation: longer than 2000 characters");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-11-28T15:30:00Z", "28/11/2026", "2026-2-3", "2026-02-30", "2026-11-28-15", ""})
    void aDateNotInTheFormatYmdIsCaught(String date) {
        ObjectNode statement = valid();
        statement.put("application_date", date);

        assertThat(DsaSchema.violations(statement)).singleElement().asString().startsWith("application_date: ");
    }

    @Test
    void datesOutsideTheDatabasesRangesAreCaught() {
        ObjectNode statement = valid();
        statement.put("content_date", "1999-12-31");
        statement.put("application_date", "2019-12-31");
        statement.put("end_date_visibility_restriction", "2038-01-02");

        assertThat(DsaSchema.violations(statement)).containsExactlyInAnyOrder(
                "content_date: before 2000-01-01, the first date accepted",
                "application_date: before 2020-01-01, the first date accepted",
                "end_date_visibility_restriction: after 2038-01-01, the last date accepted");
    }

    @Test
    void anEndDateBeforeTheDecisionIsCaught() {
        ObjectNode statement = valid();
        statement.put("end_date_account_restriction", "2026-11-27");

        assertThat(DsaSchema.violations(statement))
                .containsExactly("end_date_account_restriction: before application_date");
    }

    @ParameterizedTest
    @ValueSource(strings = {"takedown ntc_1 2", "takedown/ntc_1/2", "takedown.ntc_1", "tākedown", "puid\n"})
    void aPuidWithCharactersOutsideTheRuleIsCaught(String puid) {
        ObjectNode statement = valid();
        statement.put("puid", puid);

        assertThat(DsaSchema.violations(statement)).containsExactly("puid: only letters, digits, - and _");
    }

    @Test
    void anOverLongPuidIsCaught() {
        ObjectNode statement = valid();
        statement.put("puid", "p".repeat(501));

        assertThat(DsaSchema.violations(statement)).containsExactly("puid: longer than 500 characters");
    }

    @Test
    void theIllegalContentFieldsAreRequiredForAnIllegalContentGround() {
        ObjectNode statement = valid();
        statement.remove(List.of("illegal_content_legal_ground", "illegal_content_explanation"));

        assertThat(DsaSchema.violations(statement)).containsExactlyInAnyOrder(
                "illegal_content_legal_ground: required when decision_ground is DECISION_GROUND_ILLEGAL_CONTENT",
                "illegal_content_explanation: required when decision_ground is DECISION_GROUND_ILLEGAL_CONTENT");
    }

    @Test
    void theIncompatibleContentFieldsAreRequiredForATermsGroundAndTheIllegalOnesThenDropped() {
        ObjectNode statement = valid();
        statement.put("decision_ground", "DECISION_GROUND_INCOMPATIBLE_CONTENT");

        assertThat(DsaSchema.violations(statement)).containsExactlyInAnyOrder(
                "incompatible_content_ground: required when decision_ground is DECISION_GROUND_INCOMPATIBLE_CONTENT",
                "incompatible_content_explanation: required when decision_ground is"
                        + " DECISION_GROUND_INCOMPATIBLE_CONTENT",
                "illegal_content_legal_ground: only when decision_ground is DECISION_GROUND_ILLEGAL_CONTENT;"
                        + " the database would drop it",
                "illegal_content_explanation: only when decision_ground is DECISION_GROUND_ILLEGAL_CONTENT;"
                        + " the database would drop it");
    }

    @Test
    void anOtherChoiceNeedsItsTextAndTheTextNeedsTheOtherChoice() {
        ObjectNode statement = valid();
        statement.set("decision_visibility", Json.array().add("DECISION_VISIBILITY_OTHER"));
        statement.put("content_type_other", "A listing");
        statement.put("source_identity", "ACME Corp");
        statement.put("source_type", "SOURCE_VOLUNTARY");

        assertThat(DsaSchema.violations(statement)).containsExactlyInAnyOrder(
                "decision_visibility_other: required when decision_visibility lists DECISION_VISIBILITY_OTHER",
                "content_type_other: only when content_type lists CONTENT_TYPE_OTHER; the database would drop it",
                "source_identity: not with SOURCE_VOLUNTARY");
    }

    @Test
    void aFieldTheDatabaseDoesNotKnowAndABadProductIdOrUrlAreCaught() {
        ObjectNode statement = valid();
        statement.put("decision_fact", "typo");
        statement.set("content_id", Json.object().put("EAN-13", "123"));
        statement.put("decision_ground_reference_url", "not a url");
        statement.put("content_language", "en");

        assertThat(DsaSchema.violations(statement)).containsExactlyInAnyOrder(
                "decision_fact: not a field of the database, which would drop it",
                "content_id: EAN-13 must be 13 digits",
                "decision_ground_reference_url: not a URL",
                "content_language: unknown value en");
    }

    @Test
    void theOptionalFieldsPassWhenRight() {
        ObjectNode statement = valid();
        statement.set("content_id", Json.object().put("EAN-13", "4006381333931"));
        statement.put("decision_ground_reference_url", "https://marketplace.example/ip-policy");
        statement.put("content_language", "EN");
        statement.put("decision_account", "DECISION_ACCOUNT_SUSPENDED");
        statement.put("account_type", "ACCOUNT_TYPE_BUSINESS");
        statement.put("end_date_account_restriction", "2026-12-28");
        statement.set("category_addition", Json.array().add("STATEMENT_CATEGORY_UNSAFE_AND_PROHIBITED_PRODUCTS"));

        assertThat(DsaSchema.violations(statement)).isEmpty();
    }

    /** The API documentation's example of a statement, moved to the v2 keys and to this marketplace. */
    private static ObjectNode valid() {
        ObjectNode statement = Json.object();
        statement.set("decision_visibility", Json.array().add("DECISION_VISIBILITY_CONTENT_REMOVED"));
        statement.put("decision_ground", "DECISION_GROUND_ILLEGAL_CONTENT");
        statement.put("illegal_content_legal_ground", "Trademark infringement");
        statement.put("illegal_content_explanation", "Counterfeit goods bearing the mark");
        statement.put("category", "STATEMENT_CATEGORY_INTELLECTUAL_PROPERTY_INFRINGEMENTS");
        statement.set("category_specification", Json.array().add("KEYWORD_TRADEMARK_INFRINGEMENT"));
        statement.set("content_type", Json.array().add("CONTENT_TYPE_PRODUCT"));
        statement.set("territorial_scope", Json.array().add("DE").add("GR").add("NO"));
        statement.put("content_date", "2026-11-27");
        statement.put("application_date", "2026-11-28");
        statement.put("decision_facts", "Listing lst-42 was removed.");
        statement.put("source_type", "SOURCE_ARTICLE_16");
        statement.put("automated_detection", "No");
        statement.put("automated_decision", "AUTOMATED_DECISION_FULLY");
        statement.put("puid", "takedown-ntc_01m8hce360369d51mbg1ezhrg6-2");
        return statement;
    }
}
