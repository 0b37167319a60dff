package dev.takedown.core.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.takedown.core.json.Json;
import dev.takedown.core.model.NoticeReason;
import dev.takedown.core.problem.FieldError;
import dev.takedown.core.problem.Problem;
import dev.takedown.core.problem.ProblemException;
import dev.takedown.core.testing.NoticeBodies;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class SubmissionParserTest {
    private final SubmissionParser parser = new SubmissionParser(1000);

    private Problem problemFor(String body) {
        return ((ProblemException) org.assertj.core.api.Assertions.catchThrowable(() -> parser.parse(body))).problem();
    }

    private Problem problemFor(Consumer<ObjectNode> change) {
        ObjectNode body = NoticeBodies.valid();
        change.accept(body);
        return problemFor(body.toString());
    }

    private static void assertFieldError(Problem problem, int status, String field, String messagePart) {
        assertThat(problem.status()).isEqualTo(status);
        assertThat(problem.type()).startsWith("https://");
        assertThat(problem.errors()).anySatisfy(e -> {
            assertThat(e.field()).isEqualTo(field);
            assertThat(e.message()).contains(messagePart);
        });
    }

    @Test
    void acceptsAValidNotice() {
        Submission submission = parser.parse(NoticeBodies.valid().toString());
        assertThat(submission.rightId()).isEqualTo("tm-acme-us");
        assertThat(submission.reason()).isEqualTo(NoticeReason.COUNTERFEIT);
        assertThat(submission.items()).extracting(Submission.Line::index).containsExactly(0, 1);
        assertThat(submission.items().get(0).url()).isEqualTo("https://market.example/item/1001");
        assertThat(submission.items().get(1).listingId()).isEqualTo("1002");
        assertThat(submission.sender().email()).isEqualTo("legal@acme.example");
        assertThat(submission.evidence()).hasSize(1);
        assertThat(submission.contentHash()).hasSize(64);
    }

    @Test
    void theSameContentHashesTheSameWhateverTheKeyOrderOrSpacing() {
        String compact = NoticeBodies.valid().toString();
        ObjectNode reordered = Json.object();
        var fields = new java.util.ArrayList<>(NoticeBodies.valid().properties());
        java.util.Collections.reverse(fields);
        fields.forEach(e -> reordered.set(e.getKey(), e.getValue()));
        String spaced = reordered.toPrettyString();
        assertThat(parser.parse(spaced).contentHash()).isEqualTo(parser.parse(compact).contentHash());

        ObjectNode changed = NoticeBodies.valid().put("signature", "John Doe");
        assertThat(parser.parse(changed.toString()).contentHash()).isNotEqualTo(parser.parse(compact).contentHash());
    }

    @Test
    void emptyBody() {
        assertFieldError(problemFor(""), 400, "body", "required");
        assertFieldError(problemFor((String) null), 400, "body", "required");
        assertFieldError(problemFor("   \n"), 400, "body", "required");
    }

    @Test
    void bodyThatIsNotJson() {
        assertFieldError(problemFor("{\"rightId\": "), 400, "body", "not valid JSON");
        assertFieldError(problemFor("rightId=tm-acme-us"), 400, "body", "not valid JSON");
        assertFieldError(problemFor("{} {}"), 400, "body", "not valid JSON");
        assertFieldError(problemFor("{\"rightId\":\"a\",\"rightId\":\"b\"}"), 400, "body", "not valid JSON");
    }

    @Test
    void bodyThatIsNotAnObject() {
        assertFieldError(problemFor("[]"), 400, "body", "JSON object");
        assertFieldError(problemFor("\"notice\""), 400, "body", "JSON object");
        assertFieldError(problemFor("null"), 400, "body", "JSON object");
    }

    @Test
    void bodyOverOneMebibyte() {
        ObjectNode body = NoticeBodies.valid();
        body.put("explanation", "x".repeat(SubmissionParser.MAX_BODY_BYTES));
        assertFieldError(problemFor(body.toString()), 413, "body", "at most");
    }

    @Test
    void unknownTopLevelField() {
        assertFieldError(problemFor(b -> b.put("priority", "high")), 400, "priority", "unknown field");
    }

    @Test
    void missingOrFalseDeclarations() {
        assertFieldError(problemFor(b -> b.remove("declarations")), 400, "declarations", "required");
        assertFieldError(problemFor(b -> b.withObjectProperty("declarations").remove("accurate")), 400, "declarations.accurate", "required");
        assertFieldError(problemFor(b -> b.withObjectProperty("declarations").put("goodFaith", false)), 400, "declarations.goodFaith", "must be true");
        assertFieldError(problemFor(b -> b.withObjectProperty("declarations").put("authorized", "true")), 400, "declarations.authorized", "boolean");
        assertFieldError(problemFor(b -> b.withObjectProperty("declarations").put("perjury", true)), 400, "declarations.perjury", "unknown");
    }

    @Test
    void blankSignatureOrSenderName() {
        assertFieldError(problemFor(b -> b.put("signature", "  ")), 400, "signature", "blank");
        assertFieldError(problemFor(b -> b.remove("signature")), 400, "signature", "required");
        assertFieldError(problemFor(b -> b.withObjectProperty("sender").put("name", "")), 400, "sender.name", "blank");
        assertFieldError(problemFor(b -> b.remove("sender")), 400, "sender", "required");
        assertFieldError(problemFor(b -> b.put("sender", "Jane")), 400, "sender", "object");
    }

    @Test
    void invalidEmail() {
        for (String email : new String[] {"legal", "legal@", "@acme.example", "legal@acme", "le gal@acme.example", "legal@@acme.example"}) {
            assertFieldError(problemFor(b -> b.withObjectProperty("sender").put("email", email)), 400, "sender.email", "valid email");
        }
    }

    @Test
    void reasonNotInTheList() {
        assertFieldError(problemFor(b -> b.put("reason", "UGLY")), 400, "reason", "must be one of");
        assertFieldError(problemFor(b -> b.put("reason", "counterfeit")), 400, "reason", "must be one of");
        assertFieldError(problemFor(b -> b.remove("reason")), 400, "reason", "required");
    }

    @Test
    void zeroItemsOrMoreThanTheMaximum() {
        assertFieldError(problemFor(b -> b.putArray("items")), 400, "items", "at least one");
        assertFieldError(problemFor(b -> b.remove("items")), 400, "items", "required");
        assertFieldError(problemFor(b -> b.put("items", "1001")), 400, "items", "array");
        assertFieldError(problemFor(NoticeBodies.withItems(1001).toString()), 413, "items", "at most 1000");
        assertThat(parser.parse(NoticeBodies.withItems(1000).toString()).items()).hasSize(1000);
        assertThat(new SubmissionParser(3).parse(NoticeBodies.withItems(3).toString()).items()).hasSize(3);
        assertFieldError(((ProblemException) org.assertj.core.api.Assertions.catchThrowable(
                () -> new SubmissionParser(3).parse(NoticeBodies.withItems(4).toString()))).problem(), 413, "items", "at most 3");
    }

    @Test
    void itemWithBothOrNeitherOfUrlAndListingId() {
        assertFieldError(problemFor(b -> b.withArray("items").addObject()
                .put("url", "https://market.example/item/9").put("listingId", "9")), 400, "items[2]", "not both");
        assertFieldError(problemFor(b -> b.withArray("items").addObject()), 400, "items[2]", "needs url or listingId");
        assertFieldError(problemFor(b -> b.withArray("items").add("https://market.example/item/9")), 400, "items[2]", "object");
        assertFieldError(problemFor(b -> b.withArray("items").addObject().put("listingId", "9").put("note", "x")),
                400, "items[2].note", "unknown");
        assertFieldError(problemFor(b -> b.withArray("items").addObject().put("listingId", "../etc")),
                400, "items[2].listingId", "listing id");
        assertFieldError(problemFor(b -> b.withArray("items").addObject().put("url", 42)), 400, "items[2].url", "string");
    }

    @Test
    void evidenceChecks() {
        assertFieldError(problemFor(b -> b.withArray("evidence").addObject()
                .put("url", "https://e.example/x").put("sha256", "abc").put("kind", "SCREENSHOT")), 400, "evidence[1].sha256", "64 hexadecimal");
        assertFieldError(problemFor(b -> b.withArray("evidence").addObject()
                .put("url", "https://e.example/x").put("sha256", "g".repeat(64)).put("kind", "SCREENSHOT")), 400, "evidence[1].sha256", "64 hexadecimal");
        assertFieldError(problemFor(b -> b.withArray("evidence").addObject()
                .put("url", "file:///etc/passwd").put("sha256", "a".repeat(64)).put("kind", "PHOTO")), 400, "evidence[1].kind", "must be one of");
        assertFieldError(problemFor(b -> b.withArray("evidence").addObject()
                .put("url", "file:///etc/passwd").put("sha256", "a".repeat(64)).put("kind", "OTHER")), 400, "evidence[1].url", "http(s)");
        assertThat(parser.parse(NoticeBodies.valid().without("evidence").toString()).evidence()).isEmpty();
    }

    @Test
    void stringsOverTheirLimits() {
        assertFieldError(problemFor(b -> b.put("explanation", "x".repeat(5001))), 400, "explanation", "at most 5000");
        assertFieldError(problemFor(b -> b.put("signature", "x".repeat(201))), 400, "signature", "at most 200");
        assertFieldError(problemFor(b -> b.withObjectProperty("sender").put("email", "a".repeat(250) + "@x.example")), 400, "sender.email", "at most 254");
        assertFieldError(problemFor(b -> b.withArray("items").addObject().put("url", "https://market.example/item/" + "1".repeat(2100))),
                400, "items[2].url", "at most 2048");
        assertFieldError(problemFor(b -> b.put("rightId", "r".repeat(201))), 400, "rightId", "at most 200");
    }

    @Test
    void controlCharacters() {
        assertFieldError(problemFor(b -> b.put("signature", "Jane\u0000Doe")), 400, "signature", "control characters");
        assertFieldError(problemFor(b -> b.withObjectProperty("sender").put("name", "Jane\u001bDoe")), 400, "sender.name", "control characters");
        assertFieldError(problemFor(b -> b.put("explanation", "Fake \u202Egnp.exe")), 400, "explanation", "control characters");
        assertFieldError(problemFor(b -> b.put("signature", "Jane\nDoe")), 400, "signature", "control characters");
        assertThat(parser.parse(NoticeBodies.valid().put("explanation", "Line one.\nLine two.\tTabbed.").toString())
                .explanation()).contains("\n");
        assertThat(parser.parse(NoticeBodies.valid().put("signature", "Zoë Ünal 👩‍⚖️").toString()).signature())
                .isEqualTo("Zoë Ünal 👩‍⚖️");
    }

    @Test
    void namesEveryBadFieldAtOnce() {
        Problem problem = problemFor(b -> {
            b.put("reason", "NOPE");
            b.put("signature", "");
            b.withObjectProperty("sender").put("email", "nope");
            b.withObjectProperty("declarations").put("accurate", false);
            b.put("extra", 1);
        });
        assertThat(problem.status()).isEqualTo(400);
        assertThat(problem.errors()).extracting(FieldError::field)
                .contains("reason", "signature", "sender.email", "declarations.accurate", "extra");
        assertThat(problem.detail()).contains("5 field(s)");
    }

    @Test
    void refusesANonPositiveMaximum() {
        assertThatThrownBy(() -> new SubmissionParser(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
