package dev.takedown.core.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.takedown.core.model.NoticeReason;
import dev.takedown.core.model.RightType;
import dev.takedown.core.model.StatementOfReasons;
import dev.takedown.core.model.Statements;
import dev.takedown.core.text.Times;
import java.util.List;

/**
 * The one writer of a statement of reasons as JSON: in full, as sellers get it and staff read it, or as its facts
 * alone, which {@link Statements} words again when read.
 */
public final class StatementJson {
    /** What the facts leave out: the wording, and what the message around them names once. */
    private static final List<String> NOT_FACTS = List.of("restriction", "sellerId", "noticeId", "ground", "howToContest");

    private StatementJson() {
    }

    public static ObjectNode full(StatementOfReasons statement) {
        return Json.object()
                .put("restriction", statement.restriction())
                .put("listingId", statement.listingId())
                .put("listingTitle", statement.listingTitle())
                .put("sellerId", statement.sellerId())
                .put("noticeId", statement.noticeId())
                .put("itemIndex", statement.itemIndex())
                .put("rightId", statement.rightId())
                .put("rightType", statement.rightType() == null ? null : statement.rightType().name())
                .put("registrationNumber", statement.registrationNumber())
                .put("jurisdiction", statement.jurisdiction())
                .put("reasonCode", statement.reasonCode() == null ? null : statement.reasonCode().name())
                .put("rightholderName", statement.rightholderName())
                .put("rightholderEmail", statement.rightholderEmail())
                .put("ground", statement.ground())
                .put("automated", statement.automated())
                .put("decidedAt", statement.decidedAt() == null ? null : Times.format(statement.decidedAt()))
                .put("howToContest", statement.howToContest());
    }

    /** The facts of one statement, for a message that names its notice and seller once. */
    public static ObjectNode facts(StatementOfReasons statement) {
        ObjectNode facts = full(statement);
        facts.remove(NOT_FACTS);
        return facts;
    }

    /** The statement worded again from {@link #facts}. */
    public static StatementOfReasons fromFacts(JsonNode facts, String noticeId, String sellerId) {
        return Statements.of(Json.text(facts, "listingId"), Json.text(facts, "listingTitle"), sellerId, noticeId,
                facts.path("itemIndex").intValue(), Json.text(facts, "rightId"),
                RightType.valueOf(Json.text(facts, "rightType")), Json.text(facts, "registrationNumber"),
                Json.text(facts, "jurisdiction"), NoticeReason.valueOf(Json.text(facts, "reasonCode")),
                Json.text(facts, "rightholderName"), Json.text(facts, "rightholderEmail"),
                facts.path("automated").booleanValue(), Times.parse(Json.text(facts, "decidedAt")));
    }
}
