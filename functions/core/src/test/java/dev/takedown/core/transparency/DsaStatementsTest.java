package dev.takedown.core.transparency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.takedown.core.json.Json;
import dev.takedown.core.model.NoticeReason;
import dev.takedown.core.model.RightType;
import dev.takedown.core.model.StatementOfReasons;
import dev.takedown.core.model.Statements;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class DsaStatementsTest {
    private static final String NOTICE_ID = "ntc_01m8hce360369d51mbg1ezhrg6";
    /** 23:30 UTC: the day in Berlin is already the next one, so a wrong time zone shows. */
    private static final Instant DECIDED_AT = Instant.parse("2026-11-28T23:30:00.000Z");
    private static final LocalDate REPORTED_ON = LocalDate.parse("2026-11-27");
    private static final String PUID = DsaStatements.takedownPuid(NOTICE_ID, 2);

    @ParameterizedTest
    @EnumSource(RightType.class)
    void aTakedownForEveryTypeOfRightIsARecordTheDatabaseTakesWithThatRightsKeyword(RightType type) {
        ObjectNode json = DsaStatements.forTakedown(statement(type, "ACME anvil", true), REPORTED_ON, false, false,
                PUID).toJson();

        assertThat(DsaSchema.violations(json)).isEmpty();
        assertThat(texts(json.get("category_specification"))).containsExactly(switch (type) {
            case TRADEMARK -> "KEYWORD_TRADEMARK_INFRINGEMENT";
            case COPYRIGHT -> "KEYWORD_COPYRIGHT_INFRINGEMENT";
            case DESIGN -> "KEYWORD_DESIGN_INFRINGEMENT";
            case PATENT -> "KEYWORD_PATENT_INFRINGEMENT";
        });
        assertThat(json.get("category").asText()).isEqualTo("STATEMENT_CATEGORY_INTELLECTUAL_PROPERTY_INFRINGEMENTS");
        assertThat(json.get("illegal_content_legal_ground").asText()).contains(type.name().toLowerCase());
    }

    @Test
    void aTakedownRemovesAProductListingEverywhereOnTheDaysItWasReportedAndDecided() {
        ObjectNode json = DsaStatements.forTakedown(statement(RightType.TRADEMARK, "ACME anvil", true), REPORTED_ON,
                false, false, PUID).toJson();

        assertThat(texts(json.get("decision_visibility"))).containsExactly("DECISION_VISIBILITY_CONTENT_REMOVED");
        assertThat(json.get("decision_ground").asText()).isEqualTo("DECISION_GROUND_ILLEGAL_CONTENT");
        assertThat(texts(json.get("content_type"))).containsExactly("CONTENT_TYPE_PRODUCT");
        assertThat(texts(json.get("territorial_scope"))).hasSize(30).contains("DE", "GR", "IS", "LI", "NO")
                .doesNotContain("EL");
        assertThat(json.get("content_date").asText()).isEqualTo("2026-11-27");
        assertThat(json.get("application_date").asText()).isEqualTo("2026-11-28");
        assertThat(json.get("puid").asText()).isEqualTo("takedown-" + NOTICE_ID + "-2");
        assertThat(json.has("content_id")).isFalse();
        assertThat(json.has("decision_ground_reference_url")).isFalse();
    }

    @Test
    void theFactsNameTheListingNoticeRightAndRightholderButNotTheContactsAddress() {
        String facts = DsaStatements.forTakedown(statement(RightType.TRADEMARK, "ACME anvil", true), REPORTED_ON,
                false, false, PUID).decisionFacts();

        assertThat(facts).contains("lst-42", "ACME anvil", NOTICE_ID, "item 2", "tm-acme-eu", "EU-018000001",
                "ACME Corp");
        assertThat(Json.write(DsaStatements.forTakedown(statement(RightType.TRADEMARK, "ACME anvil", true),
                REPORTED_ON, false, false, PUID).toJson())).doesNotContain("legal@acme.example", "seller-7");
    }

    @Test
    void theSourceIsATrustedFlaggerOnlyWhenTheNoticeCameFromOne() {
        StatementOfReasons statement = statement(RightType.TRADEMARK, "ACME anvil", true);

        ObjectNode trusted = DsaStatements.forTakedown(statement, REPORTED_ON, false, true, PUID).toJson();
        ObjectNode ordinary = DsaStatements.forTakedown(statement, REPORTED_ON, false, false, PUID).toJson();

        assertThat(trusted.get("source_type").asText()).isEqualTo("SOURCE_TRUSTED_FLAGGER");
        assertThat(ordinary.get("source_type").asText()).isEqualTo("SOURCE_ARTICLE_16");
        assertThat(DsaSchema.violations(trusted)).isEmpty();
    }

    @Test
    void anAutomatedDecisionAndAStaffDecisionAreToldApart() {
        ObjectNode automated = DsaStatements.forTakedown(statement(RightType.TRADEMARK, "ACME anvil", true),
                REPORTED_ON, true, false, PUID).toJson();
        ObjectNode staff = DsaStatements.forTakedown(statement(RightType.COPYRIGHT, "ACME manual", false),
                REPORTED_ON, false, false, PUID).toJson();

        assertThat(automated.get("automated_decision").asText()).isEqualTo("AUTOMATED_DECISION_FULLY");
        assertThat(automated.get("automated_detection").asText()).isEqualTo("Yes");
        assertThat(automated.get("decision_facts").asText()).contains("decided it automatically");
        assertThat(staff.get("automated_decision").asText()).isEqualTo("AUTOMATED_DECISION_NOT_AUTOMATED");
        assertThat(staff.get("automated_detection").asText()).isEqualTo("No");
        assertThat(staff.get("decision_facts").asText()).contains("A member of staff decided it");
        assertThat(DsaSchema.violations(automated)).isEmpty();
        assertThat(DsaSchema.violations(staff)).isEmpty();
    }

    @Test
    void overLongTextsAreCutToTheDatabasesLimitsAndTheRecordStaysValid() {
        // An emoji is two UTF-16 units: a cut by units, not characters, would leave half of one at some limit.
        String longTitle = "ACME \uD83D\uDD28 ".repeat(2000);
        StatementOfReasons statement = statement(RightType.TRADEMARK, longTitle, true);
        StatementOfReasons longGround = new StatementOfReasons(statement.restriction(), statement.listingId(),
                longTitle, statement.sellerId(), statement.noticeId(), statement.itemIndex(), statement.rightId(),
                statement.rightType(), "R".repeat(600), statement.jurisdiction(), statement.reasonCode(),
                "ACME Corp ".repeat(600), statement.rightholderEmail(), "\uD83D\uDD28".repeat(3000), true,
                statement.decidedAt(), statement.howToContest());

        ObjectNode json = DsaStatements.forTakedown(longGround, REPORTED_ON, false, false, PUID).toJson();

        assertThat(DsaSchema.violations(json)).isEmpty();
        assertThat(characters(json, "illegal_content_explanation")).isEqualTo(2000);
        assertThat(characters(json, "illegal_content_legal_ground")).isEqualTo(500);
        assertThat(characters(json, "decision_facts")).isEqualTo(5000);
        for (String field : List.of("illegal_content_explanation", "illegal_content_legal_ground", "decision_facts")) {
            String text = json.get(field).asText();
            assertThat(text).endsWith("…");
            // A half of an emoji left alone reads as a code point in the surrogate range.
            assertThat(text.codePoints()).as(field).noneMatch(c -> c >= Character.MIN_SURROGATE
                    && c <= Character.MAX_SURROGATE);
        }
        // The title is cut on its own, so the facts after it still fit.
        assertThat(DsaStatements.forTakedown(statement, REPORTED_ON, false, false, PUID).decisionFacts())
                .contains(NOTICE_ID, "tm-acme-eu");
    }

    @Test
    void aCutNeverSplitsACharacter() {
        String text = "a" + "\uD83D\uDD28".repeat(10);

        String cut = DsaStatement.fit(text, 5);

        assertThat(cut).isEqualTo("a\uD83D\uDD28\uD83D\uDD28\uD83D\uDD28…");
        assertThat(DsaStatement.fit("short", 5)).isEqualTo("short");
    }

    @Test
    void anIndefiniteSuspensionIsAnAccountRestrictionTheDatabaseTakes() {
        Instant suspendedAt = Instant.parse("2026-11-28T15:30:00.000Z");
        String puid = DsaStatements.suspensionPuid("sel_01m8hce360369d51mbg1ezhrg6", 4);

        ObjectNode json = DsaStatements.forSuspension(suspendedAt,
                "Three established strikes: notices ntc_1, ntc_2 and ntc_3.", true, puid).toJson();

        assertThat(DsaSchema.violations(json)).isEmpty();
        assertThat(json.get("decision_account").asText()).isEqualTo("DECISION_ACCOUNT_SUSPENDED");
        assertThat(json.get("account_type").asText()).isEqualTo("ACCOUNT_TYPE_BUSINESS");
        assertThat(json.has("decision_visibility")).isFalse();
        assertThat(json.has("end_date_account_restriction")).isFalse();
        assertThat(json.has("category_specification")).isFalse();
        assertThat(json.get("source_type").asText()).isEqualTo("SOURCE_VOLUNTARY");
        assertThat(json.get("automated_decision").asText()).isEqualTo("AUTOMATED_DECISION_FULLY");
        assertThat(json.get("application_date").asText()).isEqualTo("2026-11-28");
        assertThat(json.get("puid").asText()).isEqualTo("suspension-sel__01m8hce360369d51mbg1ezhrg6-4");
    }

    @Test
    void sellerIdsThatDifferOnlyInCharactersAPuidCannotHoldGetDifferentPuids() {
        List<String> puids = List.of("a.b", "a:b", "a_b", "a_db", "a__b").stream()
                .map(seller -> DsaStatements.suspensionPuid(seller, 1)).toList();

        assertThat(puids).doesNotHaveDuplicates().allMatch(DsaStatement.PUID.asMatchPredicate());
        assertThatThrownBy(() -> DsaStatements.suspensionPuid("a b", 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aPuidOutsideTheDatabasesRuleOrMissingFactsAreRefusedRatherThanSent() {
        Instant at = Instant.parse("2026-11-28T15:30:00.000Z");

        assertThatThrownBy(() -> DsaStatements.takedownPuid("not a notice", 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DsaStatements.forSuspension(at, "facts", true, "suspension/7"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("puid");
        assertThatThrownBy(() -> DsaStatements.forSuspension(at, " ", true, "suspension-7"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("decision_facts");
    }

    private static StatementOfReasons statement(RightType type, String title, boolean automated) {
        NoticeReason reason = switch (type) {
            case TRADEMARK -> NoticeReason.COUNTERFEIT;
            case COPYRIGHT -> NoticeReason.COPYRIGHT;
            case DESIGN -> NoticeReason.DESIGN;
            case PATENT -> NoticeReason.PATENT;
        };
        return Statements.of("lst-42", title, "seller-7", NOTICE_ID, 2, "tm-acme-eu", type, "EU-018000001", "EU",
                reason, "ACME Corp", "legal@acme.example", automated, DECIDED_AT);
    }

    private static List<String> texts(JsonNode array) {
        assertThat(array.isArray()).isTrue();
        return java.util.stream.StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }

    private static int characters(JsonNode json, String field) {
        String text = json.get(field).asText();
        return text.codePointCount(0, text.length());
    }
}
