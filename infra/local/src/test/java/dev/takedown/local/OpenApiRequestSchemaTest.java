package dev.takedown.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.takedown.core.intake.SubmissionParser;
import dev.takedown.core.problem.ProblemException;
import dev.takedown.core.testing.NoticeBodies;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;

/**
 * The document's notice schema refuses what the API refuses for its shape, and admits what it admits: generated
 * bodies (a valid notice, changed in up to three ways, seeded so that a failure names its seed with
 * {@code -Dschema.seed=}) get the same verdict from the schema and from the intake's parser.
 */
class OpenApiRequestSchemaTest {
    private static final String NOTICE = "/components/schemas/NoticeSubmission";
    private static final String[] REQUIRED = {"rightId", "reason", "explanation", "items", "sender", "declarations",
            "signature"};
    private static final String[] DECLARATIONS = {"goodFaith", "accurate", "authorized"};

    private final OpenApiContract contract = new OpenApiContract(OpenApiDriftTest.document());
    private final SubmissionParser parser = new SubmissionParser(1000);

    /** Each change to a body; most make it bad, some keep it valid in another way. */
    private static final List<BiConsumer<ObjectNode, Random>> CHANGES = List.of(
            (body, random) -> body.remove(REQUIRED[random.nextInt(REQUIRED.length)]),
            (body, random) -> body.put(REQUIRED[random.nextInt(REQUIRED.length)], 42),
            (body, random) -> body.put("priority", "HIGH"),
            (body, random) -> body.putArray("items"),
            (body, random) -> firstItem(body).put("listingId", "1001").put("url",
                    "https://market.example/item/1001"),
            (body, random) -> items(body).addObject(),
            (body, random) -> items(body).add("https://market.example/item/1003"),
            (body, random) -> items(body).addObject().put("listingId", "bad id!"),
            (body, random) -> items(body).addObject().put("listingId", "L-" + random.nextInt(1000)),
            (body, random) -> items(body).addObject().put("url", "https://market.example/item/"
                    + random.nextInt(1000)),
            (body, random) -> part(body, "declarations").put(DECLARATIONS[random.nextInt(3)], false),
            (body, random) -> part(body, "declarations").put(DECLARATIONS[random.nextInt(3)], "true"),
            (body, random) -> part(body, "declarations").put("informed", true),
            (body, random) -> body.put("reason", "KNOCKOFF"),
            (body, random) -> body.put("reason", "counterfeit"),
            (body, random) -> body.put("reason", List.of("TRADEMARK", "COPYRIGHT", "DESIGN", "PATENT")
                    .get(random.nextInt(4))),
            (body, random) -> body.put("signature", "   "),
            (body, random) -> body.put("explanation", "x".repeat(4990 + random.nextInt(20))),
            (body, random) -> part(body, "sender").put("name", "n".repeat(195 + random.nextInt(10))),
            (body, random) -> part(body, "sender").put("email", "not-an-email"),
            (body, random) -> part(body, "sender").put("email", "legal@acme"),
            (body, random) -> part(body, "sender").put("phone", "+1 555 0100"),
            (body, random) -> part(body, "sender").remove("email"),
            (body, random) -> body.put("rightId", "-tm-acme"),
            (body, random) -> body.put("rightId", "tm:acme.us_" + random.nextInt(100)),
            (body, random) -> evidence(body).put("sha256", "abc"),
            (body, random) -> evidence(body).put("sha256", "9F86D081884C7D659A2FEAA0C55AD015A3BF4F1B2B0B822CD15D6C15B0F00A08"),
            (body, random) -> evidence(body).put("kind", "PHOTO"),
            (body, random) -> evidence(body).remove("kind"),
            (body, random) -> evidence(body).put("size", 1024),
            (body, random) -> body.remove("evidence"),
            (body, random) -> body.putNull("evidence"),
            (body, random) -> body.put("evidence", "none"),
            (body, random) -> {
                ArrayNode evidence = body.putArray("evidence");
                int count = 49 + random.nextInt(3);
                for (int i = 0; i < count; i++) {
                    evidence.add(NoticeBodies.valid().path("evidence").path(0).deepCopy());
                }
            });

    @Test
    void theSchemaAndTheApiGiveEveryGeneratedBodyTheSameVerdict() {
        long seed = Long.getLong("schema.seed", System.nanoTime());
        Random random = new Random(seed);
        List<String> disagreements = new ArrayList<>();
        int admitted = 0;
        for (int i = 0; i < 400; i++) {
            ObjectNode body = NoticeBodies.valid();
            int changes = random.nextInt(4);
            for (int c = 0; c < changes; c++) {
                CHANGES.get(random.nextInt(CHANGES.size())).accept(body, random);
            }
            boolean bySchema = contract.validate("notice", NOTICE, body.toString()).isEmpty();
            boolean byApi = admits(body.toString());
            admitted += byApi ? 1 : 0;
            if (bySchema != byApi) {
                disagreements.add((byApi ? "the API admits, the schema refuses: " : "the schema admits, the API refuses: ")
                        + body + " " + contract.validate("notice", NOTICE, body.toString()));
            }
        }

        assertThat(disagreements).as("seed " + seed).isEmpty();
        assertThat(admitted).as("seed " + seed + ": valid bodies among those generated").isGreaterThan(40);
    }

    @Test
    void aSchemaThatAdmitsWhatTheApiRefusesIsFound() {
        ObjectNode document = (ObjectNode) OpenApiDriftTest.document();
        ((ObjectNode) document.at("/components/schemas/NoticeDeclarations/properties/goodFaith")).remove("const");
        OpenApiContract loose = new OpenApiContract(document);
        ObjectNode body = NoticeBodies.valid();
        part(body, "declarations").put("goodFaith", false);

        assertThat(loose.validate("notice", NOTICE, body.toString())).isEmpty();
        assertThat(admits(body.toString())).isFalse();
    }

    /** Whether the intake admits the body's shape: its parser refuses a bad one with a 400. */
    private boolean admits(String body) {
        try {
            parser.parse(body);
            return true;
        } catch (ProblemException e) {
            assertThat(e.problem().status()).isEqualTo(400);
            return false;
        }
    }

    /** The body's object {@code name}, put back as the valid notice has it when a change removed it. */
    private static ObjectNode part(ObjectNode body, String name) {
        if (!body.path(name).isObject()) {
            body.set(name, NoticeBodies.valid().path(name).deepCopy());
        }
        return (ObjectNode) body.path(name);
    }

    private static ArrayNode items(ObjectNode body) {
        if (!body.path("items").isArray()) {
            body.set("items", NoticeBodies.valid().path("items").deepCopy());
        }
        return (ArrayNode) body.path("items");
    }

    private static ObjectNode firstItem(ObjectNode body) {
        ArrayNode items = items(body);
        if (!items.path(0).isObject()) {
            items.insertObject(0).put("listingId", "1001");
        }
        return (ObjectNode) items.path(0);
    }

    private static ObjectNode evidence(ObjectNode body) {
        if (!body.path("evidence").path(0).isObject()) {
            body.set("evidence", NoticeBodies.valid().path("evidence").deepCopy());
        }
        return (ObjectNode) body.path("evidence").path(0);
    }
}
