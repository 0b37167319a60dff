package dev.takedown.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.takedown.core.intake.SubmissionParser;
import dev.takedown.core.json.Json;
import dev.takedown.core.problem.ProblemException;
import dev.takedown.core.redress.RedressRequests;
import dev.takedown.core.testing.NoticeBodies;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The document's request schemas refuse what the API refuses for its shape, and admit what it admits: for every
 * request body the API takes, generated bodies (a valid one, changed in up to three ways, seeded so that a failure
 * names its seed with {@code -Dschema.seed=}) get the same verdict from the route's schema and from the parser
 * behind the route. What no schema can say is left out: a filing day in the future, control characters.
 */
class OpenApiRequestSchemaTest {
    private static final String[] NOTICE_FIELDS = {"rightId", "reason", "explanation", "items", "sender",
            "declarations", "signature"};
    private static final String[] NOTICE_DECLARATIONS = {"goodFaith", "accurate", "authorized"};
    private static final String[] COUNTER_NOTICE_FIELDS = {"grounds", "statement", "contact", "declarations",
            "signature"};
    private static final String[] COUNTER_NOTICE_DECLARATIONS = {"goodFaith", "underPenaltyOfPerjury",
            "consentToJurisdiction"};
    private static final String[] CONTACT_FIELDS = {"name", "email", "address", "phone"};
    private static final String[] LEGAL_ACTION_FIELDS = {"court", "caseNumber", "filedOn"};
    /** Later than any filing day generated, so that none is refused for being in the future. */
    private static final LocalDate TODAY = LocalDate.of(2030, 1, 1);

    private static final OpenApiContract CONTRACT = new OpenApiContract(OpenApiDriftTest.document());
    private static final SubmissionParser NOTICES = new SubmissionParser(1000);

    /** A request body of the API: the route's schema, a valid body, the ways to change it, and the parser. */
    record Body(String name, String schema, Supplier<ObjectNode> valid, List<BiConsumer<ObjectNode, Random>> changes,
                Consumer<String> parser) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Body> bodies() {
        return Stream.of(
                new Body("notice", requestSchema("/v1/notices"), NoticeBodies::valid, noticeChanges(),
                        NOTICES::parse),
                new Body("counter-notice", requestSchema("/v1/takedowns/{noticeId}/{index}/counter-notice"),
                        OpenApiRequestSchemaTest::counterNotice, counterNoticeChanges(),
                        RedressRequests::counterNotice),
                new Body("seller's complaint", requestSchema("/v1/takedowns/{noticeId}/{index}/complaint"),
                        OpenApiRequestSchemaTest::complaint, complaintChanges(), RedressRequests::complaint),
                new Body("rightholder's complaint", requestSchema("/v1/notices/{id}/items/{index}/complaint"),
                        OpenApiRequestSchemaTest::complaint, complaintChanges(), RedressRequests::complaint),
                new Body("counter-notice response",
                        requestSchema("/v1/notices/{id}/items/{index}/counter-notice-response"),
                        OpenApiRequestSchemaTest::legalAction, responseChanges(),
                        body -> RedressRequests.response(body, TODAY)),
                new Body("withdrawal", requestSchema("/v1/notices/{id}/withdrawal"),
                        OpenApiRequestSchemaTest::withdrawal, withdrawalChanges(), RedressRequests::withdrawal));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bodies")
    void theSchemaAndTheApiGiveEveryGeneratedBodyTheSameVerdict(Body kind) {
        long seed = Long.getLong("schema.seed", System.nanoTime());
        Random random = new Random(seed);
        List<String> disagreements = new ArrayList<>();
        int admitted = 0;
        for (int i = 0; i < 400; i++) {
            ObjectNode body = kind.valid().get();
            int changes = random.nextInt(4);
            for (int c = 0; c < changes; c++) {
                kind.changes().get(random.nextInt(kind.changes().size())).accept(body, random);
            }
            List<String> violations = CONTRACT.validate(kind.name(), kind.schema(), body.toString());
            boolean byApi = admits(kind, body.toString());
            admitted += byApi ? 1 : 0;
            if (violations.isEmpty() != byApi) {
                disagreements.add((byApi ? "the API admits, the schema refuses: " : "the schema admits, the API refuses: ")
                        + body + " " + violations);
            }
        }

        assertThat(disagreements).as(kind + ", seed " + seed).isEmpty();
        assertThat(admitted).as(kind + ", seed " + seed + ": valid bodies among those generated").isGreaterThan(40);
    }

    @Test
    void aWithdrawalWithoutABodyIsAdmittedAndTheDocumentSaysItMayHaveNone() {
        assertThat(admits(bodies().filter(body -> body.name().equals("withdrawal")).findFirst().orElseThrow(), ""))
                .isTrue();
        assertThat(OpenApiDriftTest.document().at("/paths/~1v1~1notices~1{id}~1withdrawal/post/requestBody/required")
                .asBoolean()).isFalse();
    }

    @Test
    void aSchemaThatAdmitsWhatTheApiRefusesIsFound() {
        ObjectNode document = (ObjectNode) OpenApiDriftTest.document();
        ((ObjectNode) document.at("/components/schemas/NoticeDeclarations/properties/goodFaith")).remove("const");
        ((ObjectNode) document.at("/components/schemas/Withdrawal/properties/items")).remove("minItems");
        OpenApiContract loose = new OpenApiContract(document);
        ObjectNode notice = NoticeBodies.valid();
        part(notice, "declarations", NoticeBodies::valid).put("goodFaith", false);
        Body noticeBody = bodies().filter(body -> body.name().equals("notice")).findFirst().orElseThrow();
        Body withdrawal = bodies().filter(body -> body.name().equals("withdrawal")).findFirst().orElseThrow();
        String noItems = "{\"items\": []}";

        assertThat(loose.validate("notice", noticeBody.schema(), notice.toString())).isEmpty();
        assertThat(admits(noticeBody, notice.toString())).isFalse();
        assertThat(loose.validate("withdrawal", withdrawal.schema(), noItems)).isEmpty();
        assertThat(admits(withdrawal, noItems)).isFalse();
    }

    /** Whether the route's parser admits the body's shape: it refuses a bad one with a 400. */
    private static boolean admits(Body kind, String body) {
        try {
            kind.parser().accept(body);
            return true;
        } catch (ProblemException e) {
            assertThat(e.problem().status()).as(kind + ": " + body).isEqualTo(400);
            return false;
        }
    }

    /** The pointer to the JSON schema of the POST body of {@code path}. */
    private static String requestSchema(String path) {
        return "/paths/" + path.replace("~", "~0").replace("/", "~1")
                + "/post/requestBody/content/application~1json/schema";
    }

    // ---------------------------------------------------------------- valid bodies

    private static ObjectNode counterNotice() {
        ObjectNode body = Json.object()
                .put("grounds", "GENUINE_GOODS")
                .put("statement", "These skates were bought from ACME's authorised distributor; the invoice is attached.");
        body.putArray("evidence").add(evidenceEntry());
        body.putObject("contact").put("name", "Sam Seller").put("email", "sam@cheapdeals.example")
                .put("address", "12 Market Street, Springfield, US").put("phone", "+1 555 0100");
        body.putObject("declarations").put("goodFaith", true).put("underPenaltyOfPerjury", true)
                .put("consentToJurisdiction", true);
        return body.put("signature", "Sam Seller");
    }

    private static ObjectNode complaint() {
        ObjectNode body = Json.object().put("explanation", "The listing shows our own brand's skates, not ACME's.");
        body.putArray("evidence").add(evidenceEntry());
        return body;
    }

    private static ObjectNode legalAction() {
        return Json.object().put("response", "LEGAL_ACTION")
                .put("court", "U.S. District Court for the Northern District of California")
                .put("caseNumber", "3:26-cv-04512").put("filedOn", "2026-11-29");
    }

    private static ObjectNode withdrawal() {
        ObjectNode body = Json.object();
        body.putArray("items").add(0).add(4);
        return body.put("reason", "Settled with the seller.");
    }

    private static ObjectNode evidenceEntry() {
        return Json.object().put("url", "https://files.cheapdeals.example/invoices/2026-0412.pdf")
                .put("sha256", "3a7bd3e2360a3d29eea436fcfb7e44c735d117c42d1c1835420b6b9942dd4f1b")
                .put("kind", "DOCUMENT");
    }

    // ---------------------------------------------------------------- changes: most make a body bad, some keep it valid

    private static List<BiConsumer<ObjectNode, Random>> noticeChanges() {
        List<BiConsumer<ObjectNode, Random>> changes = new ArrayList<>(List.of(
                (body, random) -> body.remove(pick(NOTICE_FIELDS, random)),
                (body, random) -> body.put(pick(NOTICE_FIELDS, random), 42),
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
                (body, random) -> part(body, "declarations", NoticeBodies::valid).put(pick(NOTICE_DECLARATIONS, random), false),
                (body, random) -> part(body, "declarations", NoticeBodies::valid).put(pick(NOTICE_DECLARATIONS, random), "true"),
                (body, random) -> part(body, "declarations", NoticeBodies::valid).put("informed", true),
                (body, random) -> body.put("reason", "KNOCKOFF"),
                (body, random) -> body.put("reason", "counterfeit"),
                (body, random) -> body.put("reason", " COUNTERFEIT"),
                (body, random) -> body.put("reason", pick(new String[] {"TRADEMARK", "COPYRIGHT", "DESIGN",
                        "PATENT"}, random)),
                (body, random) -> body.put("signature", "   "),
                (body, random) -> body.put("explanation", "x".repeat(4990 + random.nextInt(20))),
                (body, random) -> part(body, "sender", NoticeBodies::valid).put("name", "n".repeat(195 + random.nextInt(10))),
                (body, random) -> part(body, "sender", NoticeBodies::valid).put("email", "not-an-email"),
                (body, random) -> part(body, "sender", NoticeBodies::valid).put("email", "legal@acme"),
                (body, random) -> part(body, "sender", NoticeBodies::valid).put("email", "legal@acme.example "),
                (body, random) -> part(body, "sender", NoticeBodies::valid).put("phone", "+1 555 0100"),
                (body, random) -> part(body, "sender", NoticeBodies::valid).remove("email"),
                (body, random) -> body.put("rightId", "-tm-acme"),
                (body, random) -> body.put("rightId", "tm:acme.us_" + random.nextInt(100))));
        changes.addAll(evidenceChanges(NoticeBodies.valid().path("evidence").path(0)::deepCopy));
        return changes;
    }

    private static List<BiConsumer<ObjectNode, Random>> counterNoticeChanges() {
        List<BiConsumer<ObjectNode, Random>> changes = new ArrayList<>(List.of(
                (body, random) -> body.remove(pick(COUNTER_NOTICE_FIELDS, random)),
                (body, random) -> body.put(pick(COUNTER_NOTICE_FIELDS, random), 42),
                (body, random) -> body.putNull(pick(COUNTER_NOTICE_FIELDS, random)),
                (body, random) -> body.put("priority", "HIGH"),
                (body, random) -> body.put("grounds", pick(new String[] {"MISTAKE_OR_MISIDENTIFICATION",
                        "AUTHORIZED_SELLER", "NOT_INFRINGING", "FAIR_USE", "genuine_goods", "GENUINE_GOODS "},
                        random)),
                (body, random) -> body.put("statement", pick(new String[] {"   ",
                        "Bought from ACME.\n\tInvoice attached."}, random)),
                (body, random) -> body.put("statement", "s".repeat(4990 + random.nextInt(20))),
                (body, random) -> body.put("signature", "s".repeat(195 + random.nextInt(10))),
                (body, random) -> body.put("signature", " "),
                (body, random) -> contact(body).remove(pick(CONTACT_FIELDS, random)),
                (body, random) -> contact(body).put(pick(CONTACT_FIELDS, random), 42),
                (body, random) -> contact(body).put(pick(CONTACT_FIELDS, random), "  "),
                (body, random) -> contact(body).put("fax", "+1 555 0199"),
                (body, random) -> contact(body).put("name", "n".repeat(195 + random.nextInt(10))),
                (body, random) -> contact(body).put("email", pick(new String[] {"sam@cheapdeals", "sam",
                        " sam@cheapdeals.example", "sam.seller+takedowns@cheapdeals.example"}, random)),
                (body, random) -> contact(body).put("address", "a".repeat(995 + random.nextInt(10))),
                (body, random) -> contact(body).put("address", "12 Market Street\nSpringfield, US"),
                (body, random) -> contact(body).put("phone", "5".repeat(60 + random.nextInt(10))),
                (body, random) -> body.put("contact", "Sam Seller, sam@cheapdeals.example"),
                (body, random) -> declarations(body).put(pick(COUNTER_NOTICE_DECLARATIONS, random), false),
                (body, random) -> declarations(body).put(pick(COUNTER_NOTICE_DECLARATIONS, random), "true"),
                (body, random) -> declarations(body).remove(pick(COUNTER_NOTICE_DECLARATIONS, random)),
                (body, random) -> declarations(body).put("accurate", true)));
        changes.addAll(evidenceChanges(OpenApiRequestSchemaTest::evidenceEntry));
        return changes;
    }

    private static List<BiConsumer<ObjectNode, Random>> complaintChanges() {
        List<BiConsumer<ObjectNode, Random>> changes = new ArrayList<>(List.of(
                (body, random) -> body.remove("explanation"),
                (body, random) -> body.put("explanation", 42),
                (body, random) -> body.putNull("explanation"),
                (body, random) -> body.put("explanation", pick(new String[] {"", " \n ",
                        "Our own brand.\r\nPhotos attached."}, random)),
                (body, random) -> body.put("explanation", "e".repeat(4990 + random.nextInt(20))),
                (body, random) -> body.put("reason", "REVERSE")));
        changes.addAll(evidenceChanges(OpenApiRequestSchemaTest::evidenceEntry));
        return changes;
    }

    private static List<BiConsumer<ObjectNode, Random>> responseChanges() {
        return List.of(
                (body, random) -> body.put("response", pick(new String[] {"ACCEPT", "MAYBE", "accept",
                        " LEGAL_ACTION", "LEGAL_ACTION"}, random)),
                (body, random) -> body.put("response", 42),
                (body, random) -> body.remove("response"),
                (body, random) -> {
                    body.removeAll();
                    body.put("response", "ACCEPT");
                },
                (body, random) -> body.remove(pick(LEGAL_ACTION_FIELDS, random)),
                (body, random) -> body.putNull(pick(LEGAL_ACTION_FIELDS, random)),
                (body, random) -> body.put(pick(LEGAL_ACTION_FIELDS, random), 42),
                (body, random) -> body.put(pick(LEGAL_ACTION_FIELDS, random), "   "),
                (body, random) -> body.put("court", "c".repeat(195 + random.nextInt(10))),
                (body, random) -> body.put("caseNumber", "n".repeat(195 + random.nextInt(10))),
                (body, random) -> body.put("filedOn", LocalDate.of(2020, 1, 1).plusDays(random.nextInt(2500))
                        .toString()),
                (body, random) -> body.put("filedOn", pick(new String[] {"2026-02-30", "2026-1-5", "yesterday",
                        " 2026-11-28", "2026-11-28T10:00:00Z", "20261128", "2026-13-01"}, random)),
                (body, random) -> body.put("note", "Filed this morning."));
    }

    private static List<BiConsumer<ObjectNode, Random>> withdrawalChanges() {
        return List.of(
                (body, random) -> body.remove(pick(new String[] {"items", "reason"}, random)),
                (body, random) -> body.putNull(pick(new String[] {"items", "reason"}, random)),
                (body, random) -> body.putArray("items"),
                (body, random) -> {
                    ArrayNode items = body.putArray("items");
                    int count = 1 + random.nextInt(3);
                    for (int i = 0; i < count; i++) {
                        items.add(random.nextInt(8) - 2);
                    }
                },
                (body, random) -> body.putArray("items").add(1).add(1),
                (body, random) -> body.putArray("items").add(2).add(1.5),
                (body, random) -> body.putArray("items").add(2L + Integer.MAX_VALUE),
                (body, random) -> body.putArray("items").add("3"),
                (body, random) -> body.put("items", "all"),
                (body, random) -> body.put("items", 3),
                (body, random) -> {
                    ArrayNode items = body.putArray("items");
                    int count = 9999 + random.nextInt(3);
                    for (int i = 0; i < count; i++) {
                        items.add(i);
                    }
                },
                (body, random) -> body.put("reason", pick(new String[] {"", "   ", "Settled.\nSee the agreement.",
                        "Settled."}, random)),
                (body, random) -> body.put("reason", "r".repeat(4990 + random.nextInt(20))),
                (body, random) -> body.put("reason", 42),
                (body, random) -> body.put("note", "Settled."),
                (body, random) -> body.removeAll());
    }

    /** Changes to the {@code evidence} of a body whose entries look like {@code entry}. */
    private static List<BiConsumer<ObjectNode, Random>> evidenceChanges(Supplier<JsonNode> entry) {
        return List.of(
                (body, random) -> evidence(body, entry).put("sha256", "abc"),
                (body, random) -> evidence(body, entry).put("sha256",
                        "9F86D081884C7D659A2FEAA0C55AD015A3BF4F1B2B0B822CD15D6C15B0F00A08"),
                (body, random) -> evidence(body, entry).put("sha256",
                        " 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"),
                (body, random) -> evidence(body, entry).put("kind", pick(new String[] {"PHOTO", "TEST_BUY",
                        "CERTIFICATE", "screenshot"}, random)),
                (body, random) -> evidence(body, entry).remove(pick(new String[] {"url", "sha256", "kind"}, random)),
                (body, random) -> evidence(body, entry).put("size", 1024),
                (body, random) -> evidence(body, entry).put("url", pick(new String[] {"not a url",
                        "ftp://files.example/invoice.pdf", "https://files.example/r\u00e9sum\u00e9.pdf",
                        " https://files.example/invoice.pdf", "HTTPS://FILES.EXAMPLE/INVOICE.PDF",
                        "http://files.example/invoice.pdf?copy=1", "https://", "   "}, random)),
                (body, random) -> evidence(body, entry).put("url", "https://files.example/"
                        + "p".repeat(2020 + random.nextInt(10))),
                (body, random) -> body.remove("evidence"),
                (body, random) -> body.putNull("evidence"),
                (body, random) -> body.put("evidence", "none"),
                (body, random) -> body.putArray("evidence").add("https://files.example/invoice.pdf"),
                (body, random) -> {
                    ArrayNode evidence = body.putArray("evidence");
                    int count = 49 + random.nextInt(3);
                    for (int i = 0; i < count; i++) {
                        evidence.add(entry.get());
                    }
                });
    }

    private static String pick(String[] values, Random random) {
        return values[random.nextInt(values.length)];
    }

    /** The body's object {@code name}, put back as the valid body has it when a change removed it. */
    private static ObjectNode part(ObjectNode body, String name, Supplier<ObjectNode> valid) {
        if (!body.path(name).isObject()) {
            body.set(name, valid.get().path(name).deepCopy());
        }
        return (ObjectNode) body.path(name);
    }

    private static ObjectNode declarations(ObjectNode body) {
        return part(body, "declarations", OpenApiRequestSchemaTest::counterNotice);
    }

    private static ObjectNode contact(ObjectNode body) {
        if (!body.path("contact").isObject()) {
            body.set("contact", counterNotice().path("contact").deepCopy());
        }
        return (ObjectNode) body.path("contact");
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

    private static ObjectNode evidence(ObjectNode body, Supplier<JsonNode> entry) {
        if (!body.path("evidence").path(0).isObject()) {
            body.putArray("evidence").add(entry.get());
        }
        return (ObjectNode) body.path("evidence").path(0);
    }
}
