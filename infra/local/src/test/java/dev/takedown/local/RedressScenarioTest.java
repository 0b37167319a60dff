package dev.takedown.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.takedown.aws.DynamoListingStore;
import dev.takedown.aws.SqsVerificationQueue;
import dev.takedown.core.json.Json;
import dev.takedown.core.model.Figures;
import dev.takedown.core.model.Listing;
import dev.takedown.core.model.ListingStatus;
import dev.takedown.core.model.TimeBuckets;
import dev.takedown.core.transparency.DsaSchema;
import dev.takedown.core.transparency.TransparencyReport;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A mixed workload of redress and measures, scripted on the whole local stack with the default thresholds and driven
 * by its test clock ({@code POST /local/clock}, which runs every scheduled function after each move, as the deployed
 * schedules would). Redress: a COPYRIGHT counter-notice left unanswered is restored after exactly ten business days; a
 * TRADEMARK one answered with legal action stands and its strike is established; an accepted one is restored at once;
 * a withdrawal retracts and withdraws; a rightholder's complaint reversed by staff takes a listing down; a seller's
 * complaint upheld changes nothing but the record; wrong parties and wrong times are refused and change nothing.
 * Measures: globex builds a record of 50 takedowns that stand while umbrella's 20 notices against its own licensee
 * get it warned; a repeat infringer collects strikes on five days, contests one takedown, and is suspended when staff
 * uphold it after its dispute window closed, then staff void another, established strike; umbrella is suspended for
 * unfounded notices and refused; globex, eligible now, is granted TRUSTED by staff and sends a notice as a trusted
 * sender. Then every verification message is delivered again and every scheduled function run again: nothing is
 * restored twice, no webhook sent twice. Last, the transparency report of the whole workload equals a recount of the
 * notices' audit trails and items and of the sellers' and rightholders' records, and its statements of reasons are one
 * record the DSA Transparency Database takes for each takedown and each seller suspension.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RedressScenarioTest {
    private static final String ACME_KEY = FaultDrills.ACME_KEY;
    private static final String SELLER_KEY = "tdk_scenario_contested_seller_0123456789abcdefg";
    private static final String OTHER_SELLER_KEY = "tdk_scenario_other_seller_0123456789abcdefghijk";
    private static final String GLOBEX_KEY = FaultDrills.GLOBEX_KEY;
    private static final String UMBRELLA_KEY = "tdk_scenario_umbrella_sender_0123456789abcdefgh";
    private static final String REPEAT_KEY = "tdk_scenario_repeat_seller_0123456789abcdefghij";
    private static final String SELLER = "seller-contested";
    /** The repeat infringer: five strikes of acme's notices on five days. */
    private static final String REPEAT = "seller-repeat";
    /** Whose GLOBEX listings globex's notices take down. */
    private static final String BULK = "seller-bulk";
    /** Authorized by umbrella's right: umbrella's notices against it are unfounded. */
    private static final String LICENSEE = "seller-licensee";
    private static final List<String> SELLERS = List.of(SELLER, "seller-other", REPEAT, BULK, LICENSEE);
    private static final List<String> RIGHTHOLDERS = List.of("acme", "globex", "umbrella");
    /** Whom the webhook receiver names for the seller's webhooks. */
    private static final String SELLER_RECIPIENT = "sellers/" + SELLER;
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final MovableClock CLOCK = new MovableClock();
    private static LocalStack stack;
    private static DynamoListingStore listings;
    /** A Monday, 10:00 UTC. */
    private static Instant start;

    @BeforeAll
    static void start() throws Exception {
        // Staff grant TRUSTED to Art. 22 trusted flaggers only here, so the statements of reasons name them as such.
        LocalStack.Options options = ProjectTemplate.stack(Map.of("TrustedTierIsTrustedFlagger", "true")).withClock(CLOCK);
        options = options.withSeed(withParties(options.seed(), options.webhookPort()));
        stack = LocalStack.start(options);
        listings = FaultDrills.listings(stack);
        start = LocalDate.now(ZoneOffset.UTC).plusDays(1).with(TemporalAdjusters.next(DayOfWeek.MONDAY))
                .atStartOfDay().toInstant(ZoneOffset.UTC).plus(Duration.ofHours(10));
        CLOCK.set(start);
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    /**
     * The default seed (acme, globex) plus a third rightholder, umbrella, whose right authorizes seller-licensee, and
     * the scenario's sellers, those who act with API keys and callback URLs.
     */
    private static Path withParties(Path seed, int receiverPort) throws Exception {
        ObjectNode root = (ObjectNode) Json.parse(Files.readString(seed));
        ((ArrayNode) root.get("rightholders")).addObject()
                .put("id", "umbrella").put("name", "Umbrella Corp").put("email", "ip@umbrella.example")
                .put("apiKey", UMBRELLA_KEY)
                .put("callbackUrl", "http://127.0.0.1:" + receiverPort + "/webhooks/umbrella");
        ((ArrayNode) root.get("rights")).addObject()
                .put("id", "tm-umbrella").put("rightholderId", "umbrella").put("type", "TRADEMARK")
                .put("mark", "UMBRELLA").put("registrationNumber", "US-9990001").put("jurisdiction", "US")
                .put("status", "VERIFIED").put("validUntil", "2035-12-31")
                .putArray("authorizedSellers").add(LICENSEE);
        ArrayNode sellers = (ArrayNode) root.get("sellers");
        sellers.addObject().put("id", SELLER).put("name", "Contested Goods Ltd").put("apiKey", SELLER_KEY)
                .put("callbackUrl", "http://127.0.0.1:" + receiverPort + "/webhooks/sellers/" + SELLER);
        sellers.addObject().put("id", "seller-other").put("name", "Other Seller").put("apiKey", OTHER_SELLER_KEY);
        sellers.addObject().put("id", REPEAT).put("name", "Repeat Offender Ltd").put("apiKey", REPEAT_KEY)
                .put("callbackUrl", "http://127.0.0.1:" + receiverPort + "/webhooks/sellers/" + REPEAT);
        sellers.addObject().put("id", BULK).put("name", "Bulk Imports");
        sellers.addObject().put("id", LICENSEE).put("name", "Umbrella Licensee");
        for (JsonNode right : root.get("rights")) {
            RIGHT_TYPES.put(right.path("id").asText(), right.path("type").asText());
        }
        Path file = Files.createTempFile("redress-seed", ".json");
        file.toFile().deleteOnExit();
        Files.writeString(file, Json.write(root));
        return file;
    }

    /** Every right of the seed and its type, as the seed declares it. */
    private static final Map<String, String> RIGHT_TYPES = new java.util.HashMap<>();

    // ------------------------------------------------------------------ helpers

    private static Reply call(String method, String path, String key, String body) throws Exception {
        FaultDrills.Reply reply = FaultDrills.call(stack, method, path, key, body, method.equals("POST")
                ? UUID.randomUUID().toString() : null);
        return new Reply(reply.status(), reply.body());
    }

    private record Reply(int status, JsonNode body) {
    }

    /**
     * Moves the clock once the webhooks in flight are delivered: each is signed with the time it was sent, and a
     * receiver refuses one more than five minutes off its own clock (the receiver would count it twice).
     */
    private static JsonNode moveClockTo(Instant to) throws Exception {
        FaultDrills.await("webhooks in flight", Duration.ofSeconds(30), () -> FaultDrills.drained(stack, "NotificationQueue"));
        HttpResponse<String> moved = HTTP.send(HttpRequest.newBuilder(stack.lambdaUrl().resolve(TestClockApi.PATH))
                .POST(HttpRequest.BodyPublishers.ofString("{\"to\": \"" + to + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(moved.statusCode()).as(moved.body()).isEqualTo(200);
        return Json.parse(moved.body());
    }

    private static JsonNode staff(String event) throws Exception {
        return StaffInvocations.invoke(stack, event);
    }

    private static String listing(String id, String brand) {
        return listing(id, SELLER, brand);
    }

    private static String listing(String id, String sellerId, String brand) {
        listings.put(new Listing(id, sellerId, brand + " goods " + id, brand, ListingStatus.ACTIVE));
        LISTINGS.add(id);
        return id;
    }

    /** {@code count} new listings of the seller, {@code prefix0} on. */
    private static List<String> listings(String prefix, int count, String sellerId, String brand) {
        List<String> ids = java.util.stream.IntStream.range(0, count).mapToObj(i -> prefix + i).toList();
        ids.parallelStream().forEach(id -> listings.put(new Listing(id, sellerId, brand + " goods " + id, brand,
                ListingStatus.ACTIVE)));
        LISTINGS.addAll(ids);
        return ids;
    }

    /** Every listing of the scenario, in the order made. */
    private static final List<String> LISTINGS = new java.util.concurrent.CopyOnWriteArrayList<>();

    private static ListingStatus listingStatus(String id) {
        return listings.find(id).orElseThrow().status();
    }

    private static String submit(String rightId, String reason, String... listingIds) throws Exception {
        return submit(ACME_KEY, rightId, reason, List.of(listingIds));
    }

    private static String submit(String key, String rightId, String reason, List<String> listingIds) throws Exception {
        ObjectNode body = FaultDrills.noticeNaming(listingIds).put("rightId", rightId).put("reason", reason);
        String noticeId = FaultDrills.submit(stack, key, body);
        SUBMITTED.put(noticeId, new Submitted(key, listingIds.size()));
        return noticeId;
    }

    /** The status of every item of every notice of the scenario, by notice. */
    private static Map<String, List<String>> itemStatuses() throws Exception {
        Map<String, List<String>> statuses = new java.util.LinkedHashMap<>();
        for (Map.Entry<String, Submitted> notice : SUBMITTED.entrySet()) {
            statuses.put(notice.getKey(), FaultDrills.get(stack, "/v1/notices/" + notice.getKey(), notice.getValue().key())
                    .body().path("items").findValuesAsText("status"));
        }
        return statuses;
    }

    /** A notice of the scenario: its sender's key and its number of items, for replaying its verification work. */
    private record Submitted(String key, int items) {
    }

    /** Every notice of the scenario, in the order sent. */
    private static final Map<String, Submitted> SUBMITTED = new java.util.LinkedHashMap<>();

    private static JsonNode awaitCompleted(String noticeId, String key) throws Exception {
        return FaultDrills.awaitNotice(stack, noticeId, key, Duration.ofSeconds(60),
                n -> "COMPLETED".equals(n.path("status").asText()));
    }

    private static JsonNode rightholder(String id) throws Exception {
        return staff("{\"operation\": \"getRightholder\", \"rightholderId\": \"" + id + "\"}");
    }

    private static JsonNode seller(String id) throws Exception {
        return staff("{\"operation\": \"getSeller\", \"sellerId\": \"" + id + "\"}");
    }

    private static Map<String, ListingStatus> listingStatuses() {
        return listings.findAll(LISTINGS).values().stream().collect(Collectors.toMap(Listing::id, Listing::status));
    }

    private static JsonNode item(String noticeId, int index) throws Exception {
        return FaultDrills.get(stack, "/v1/notices/" + noticeId, ACME_KEY).body().path("items").get(index);
    }

    private static JsonNode awaitItem(String noticeId, int index, String status) throws Exception {
        return FaultDrills.awaitNotice(stack, noticeId, ACME_KEY, Duration.ofSeconds(60),
                n -> status.equals(n.path("items").get(index).path("status").asText())).path("items").get(index);
    }

    /** A TRADEMARK takedown of a new ACME listing of the seller, decided by the verifier. */
    private static String actioned(String listingId) throws Exception {
        String noticeId = submit("tm-acme-us", "COUNTERFEIT", listing(listingId, "ACME"));
        awaitItem(noticeId, 0, "ACTIONED");
        return noticeId;
    }

    private static String counterNotice(String statement) {
        return Json.write(Json.object().put("grounds", "GENUINE_GOODS").put("statement", statement)
                .put("signature", "Casey Contested")
                .<ObjectNode>set("contact", Json.object().put("name", "Casey Contested")
                        .put("email", "casey@contested.example").put("address", "1 Market St, Springfield")
                        .put("phone", "+1 555 0100"))
                .set("declarations", Json.object().put("goodFaith", true).put("underPenaltyOfPerjury", true)
                        .put("consentToJurisdiction", true)));
    }

    private static Reply fileCounterNotice(String noticeId, String key) throws Exception {
        return call("POST", "/v1/takedowns/" + noticeId + "/0/counter-notice", key,
                counterNotice("The goods are genuine; here is the invoice."));
    }

    private static Reply respond(String noticeId, String body) throws Exception {
        return call("POST", "/v1/notices/" + noticeId + "/items/0/counter-notice-response", ACME_KEY, body);
    }

    private static final String LEGAL_ACTION = "{\"response\": \"LEGAL_ACTION\", \"court\": \"N.D. Cal.\","
            + " \"caseNumber\": \"5:26-cv-01234\", \"filedOn\": \"2020-01-02\"}";

    private static JsonNode takedown(String noticeId) throws Exception {
        Reply reply = call("GET", "/v1/takedowns/" + noticeId + "/0", SELLER_KEY, null);
        assertThat(reply.status()).as(reply.body().toString()).isEqualTo(200);
        return reply.body();
    }

    private static JsonNode strikeOf(String noticeId) throws Exception {
        for (JsonNode strike : staff("{\"operation\": \"getSeller\", \"sellerId\": \"" + SELLER + "\"}").path("strikes")) {
            for (JsonNode item : strike.path("items")) {
                if (item.asText().startsWith(noticeId + "#")) {
                    return strike;
                }
            }
        }
        throw new AssertionError("no strike names " + noticeId);
    }

    /** Waits for one more webhook of this type to this recipient than {@code seen}. */
    private static void awaitWebhook(String type, String recipient, long seen) throws Exception {
        FaultDrills.await(type + " to " + recipient, Duration.ofSeconds(30), () -> receipts(type, recipient) > seen);
    }

    private static long receipts(String type, String recipient) {
        return stack.webhookReceipts().stream().filter(r -> r.type().equals(type) && r.recipient().equals(recipient)
                && r.signatureOk()).count();
    }

    /** The transparency report from the first day of the scenario to today. */
    private static JsonNode report() throws Exception {
        JsonNode report = staff("{\"operation\": \"transparencyReport\", \"from\": \"" + LocalDate.ofInstant(start, ZoneOffset.UTC)
                + "\", \"to\": \"" + LocalDate.ofInstant(CLOCK.instant(), ZoneOffset.UTC) + "\"}");
        assertThat(report.path("error").isMissingNode()).as(report.toString()).isTrue();
        return report;
    }

    private static String setTier(String rightholderId) {
        return "{\"operation\": \"setTier\", \"rightholderId\": \"" + rightholderId + "\", \"tier\": \"TRUSTED\","
                + " \"staffId\": \"staff-jane\", \"reason\": \"Brand protection programme; record checked.\"}";
    }

    /** The kinds of change in the rightholder's trust trail, in order. */
    private static List<String> trailOf(String rightholderId) {
        try {
            return rightholder(rightholderId).path("auditTrail").findValuesAsText("kind");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    // ------------------------------------------------------------------ the scenario

    private static String copyrightNotice;
    private static String upheldNotice;
    private static String complainedNotice;

    @Test
    @Order(1)
    void aCopyrightCounterNoticeLeftUnansweredIsRestoredAfterExactlyTenBusinessDays() throws Exception {
        copyrightNotice = submit("cr-acme-manual", "COPYRIGHT", listing("cr-1", "Generic"));
        StaffInvocations.awaitReview(stack, copyrightNotice, 0);
        staff("{\"operation\": \"decideItem\", \"noticeId\": \"" + copyrightNotice + "\", \"index\": 0,"
                + " \"decision\": \"ACTION\", \"staffId\": \"staff-jane\", \"note\": \"Scanned copy of the manual.\"}");
        assertThat(listingStatus("cr-1")).isEqualTo(ListingStatus.REMOVED);

        Reply filed = fileCounterNotice(copyrightNotice, SELLER_KEY);
        assertThat(filed.status()).as(filed.body().toString()).isEqualTo(201);
        assertThat(filed.body().path("status").asText()).isEqualTo("COUNTER_NOTICED");
        // Filed on a Monday: the 10th business day after it is the Monday two weeks on; the answer is due by its end.
        Instant respondBy = start.truncatedTo(java.time.temporal.ChronoUnit.DAYS).plus(Duration.ofDays(15));
        assertThat(filed.body().path("counterNotice").path("respondBy").asText()).isEqualTo(
                dev.takedown.core.text.Times.format(respondBy));
        awaitWebhook("counter_notice.filed", "acme", 0);

        // The end of the 9th business day: still down.
        JsonNode moved = moveClockTo(respondBy.minus(Duration.ofDays(3)).plus(Duration.ofMinutes(30)));
        assertThat(moved.path("scheduledFunctionsRun")).extracting(JsonNode::asText).contains("RedressSweepFunction");
        assertThat(takedown(copyrightNotice).path("status").asText()).isEqualTo("COUNTER_NOTICED");
        assertThat(listingStatus("cr-1")).isEqualTo(ListingStatus.REMOVED);

        moveClockTo(respondBy.plus(Duration.ofMinutes(30)));
        JsonNode restored = takedown(copyrightNotice);
        assertThat(restored.path("status").asText()).isEqualTo("RESTORED");
        assertThat(restored.path("counterNotice").path("outcome").asText()).isEqualTo("UNANSWERED");
        assertThat(listingStatus("cr-1")).isEqualTo(ListingStatus.ACTIVE);
        JsonNode strike = strikeOf(copyrightNotice);
        assertThat(strike.path("state").asText()).as(strike.toString()).isEqualTo("VOIDED");
        JsonNode seller = staff("{\"operation\": \"getSeller\", \"sellerId\": \"" + SELLER + "\"}");
        assertThat(seller.path("standing").asText()).as(seller.toString()).isEqualTo("GOOD_STANDING");
        assertThat(staff("{\"operation\": \"getRightholder\", \"rightholderId\": \"acme\"}").path("record")
                .path("reversed").asLong()).isEqualTo(1);
        awaitWebhook("item.restored", "acme", 0);
        awaitWebhook("listing.reinstated", SELLER_RECIPIENT, 0);

        Reply late = respond(copyrightNotice, LEGAL_ACTION);
        assertThat(late.status()).as("a late response").isEqualTo(409);
        assertThat(takedown(copyrightNotice).path("status").asText()).isEqualTo("RESTORED");
    }

    @Test
    @Order(2)
    void aTrademarkCounterNoticeAnsweredWithLegalActionStaysDownAndItsStrikeIsEstablishedAfterTheAnswer()
            throws Exception {
        upheldNotice = actioned("tm-1");
        Reply filed = fileCounterNotice(upheldNotice, SELLER_KEY);
        assertThat(filed.status()).as(filed.body().toString()).isEqualTo(201);
        assertThat(fileCounterNotice(upheldNotice, SELLER_KEY).status()).as("the same filing again").isEqualTo(201);
        Reply second = call("POST", "/v1/takedowns/" + upheldNotice + "/0/counter-notice", SELLER_KEY,
                counterNotice("A second, different counter-notice."));
        assertThat(second.status()).as("a second counter-notice").isEqualTo(409);
        assertThat(fileCounterNotice(upheldNotice, OTHER_SELLER_KEY).status()).as("another seller's takedown")
                .isEqualTo(404);
        assertThat(fileCounterNotice(upheldNotice, ACME_KEY).status()).as("a rightholder key on a seller route")
                .isEqualTo(404);
        assertThat(call("GET", "/v1/takedowns", ACME_KEY, null).status()).isEqualTo(404);

        Reply answered = respond(upheldNotice, LEGAL_ACTION);
        assertThat(answered.status()).as(answered.body().toString()).isEqualTo(200);
        assertThat(answered.body().path("status").asText()).isEqualTo("ACTIONED");
        assertThat(answered.body().path("counterNotice").path("outcome").asText()).isEqualTo("UPHELD");
        awaitWebhook("counter_notice.upheld", SELLER_RECIPIENT, 0);
        assertThat(strikeOf(upheldNotice).path("state").asText()).isEqualTo("PENDING");

        // The takedown's 15-day dispute window closes: the strike counts.
        moveClockTo(CLOCK.instant().plus(Duration.ofDays(16)));
        assertThat(listingStatus("tm-1")).isEqualTo(ListingStatus.REMOVED);
        assertThat(strikeOf(upheldNotice).path("state").asText()).isEqualTo("ESTABLISHED");
        assertThat(staff("{\"operation\": \"getSeller\", \"sellerId\": \"" + SELLER + "\"}").path("standing").asText())
                .isEqualTo("WARNED");
    }

    @Test
    @Order(3)
    void anAcceptedCounterNoticeIsRestoredAtOnce() throws Exception {
        String noticeId = actioned("tm-2");
        assertThat(fileCounterNotice(noticeId, SELLER_KEY).status()).isEqualTo(201);
        long reinstatedBefore = receipts("listing.reinstated", SELLER_RECIPIENT);

        Reply accepted = respond(noticeId, "{\"response\": \"ACCEPT\"}");

        assertThat(accepted.status()).as(accepted.body().toString()).isEqualTo(200);
        assertThat(accepted.body().path("status").asText()).isEqualTo("RESTORED");
        assertThat(listingStatus("tm-2")).isEqualTo(ListingStatus.ACTIVE);
        awaitWebhook("listing.reinstated", SELLER_RECIPIENT, reinstatedBefore);
    }

    @Test
    @Order(4)
    void aWithdrawalLeavesNoItemVerifiedAfterItAndRestoresTheActionedOnes() throws Exception {
        String noticeId = submit("tm-acme-us", "COUNTERFEIT", listing("tm-3", "ACME"), listing("plain-3", "Generic"));
        awaitItem(noticeId, 1, "NEEDS_REVIEW");
        awaitItem(noticeId, 0, "ACTIONED");

        Reply withdrawn = call("POST", "/v1/notices/" + noticeId + "/withdrawal", ACME_KEY,
                "{\"reason\": \"Settled with the seller.\"}");
        assertThat(withdrawn.status()).as(withdrawn.body().toString()).isEqualTo(200);
        assertThat(withdrawn.body().path("status").asText()).isEqualTo("COMPLETED");

        // The verification work of both items, delivered again after the withdrawal, decides nothing.
        new SqsVerificationQueue(stack.sqs(), stack.queueUrl("VerificationQueue"),
                stack.queueUrl("PriorityVerificationQueue"), 25).enqueue(noticeId, List.of(0, 1), false);
        FaultDrills.await("the replayed work", Duration.ofSeconds(30), () -> FaultDrills.drained(stack, "VerificationQueue"));
        assertThat(item(noticeId, 0).path("status").asText()).isEqualTo("RETRACTED");
        assertThat(item(noticeId, 1).path("status").asText()).isEqualTo("WITHDRAWN");
        assertThat(listingStatus("tm-3")).isEqualTo(ListingStatus.ACTIVE);
        assertThat(listingStatus("plain-3")).isEqualTo(ListingStatus.ACTIVE);
    }

    @Test
    @Order(5)
    void aRightholderComplaintAgainstAStaffRejectionReversedByStaffTakesTheListingDown() throws Exception {
        String noticeId = submit("tm-acme-us", "COUNTERFEIT", listing("plain-5", "Generic"));
        StaffInvocations.awaitReview(stack, noticeId, 0);
        staff("{\"operation\": \"decideItem\", \"noticeId\": \"" + noticeId + "\", \"index\": 0, \"decision\": \"REJECT\","
                + " \"reasonCode\": \"NOT_INFRINGING\", \"staffId\": \"staff-jane\", \"note\": \"No mark visible.\"}");
        assertThat(call("POST", "/v1/takedowns/" + noticeId + "/0/complaint", SELLER_KEY,
                "{\"explanation\": \"Not mine to complain about.\"}").status()).as("not a takedown").isEqualTo(404);

        Reply complained = call("POST", "/v1/notices/" + noticeId + "/items/0/complaint", ACME_KEY,
                "{\"explanation\": \"The second photo shows our mark on the box.\"}");
        assertThat(complained.status()).as(complained.body().toString()).isEqualTo(201);
        JsonNode queue = staff("{\"operation\": \"complaintQueue\", \"limit\": 50}");
        assertThat(queue.path("items")).anySatisfy(i -> assertThat(i.path("noticeId").asText()).isEqualTo(noticeId));

        long restrictedBefore = receipts("listing.restricted", SELLER_RECIPIENT);
        JsonNode decided = staff("{\"operation\": \"decideComplaint\", \"noticeId\": \"" + noticeId + "\", \"index\": 0,"
                + " \"from\": \"RIGHTHOLDER\", \"decision\": \"REVERSE\", \"staffId\": \"staff-joe\","
                + " \"reason\": \"The mark is on the box.\"}");
        assertThat(decided.path("item").path("status").asText()).as(decided.toString()).isEqualTo("ACTIONED");
        assertThat(listingStatus("plain-5")).isEqualTo(ListingStatus.REMOVED);
        assertThat(item(noticeId, 0).path("status").asText()).isEqualTo("ACTIONED");
        awaitWebhook("complaint.decided", "acme", 0);
        awaitWebhook("listing.restricted", SELLER_RECIPIENT, restrictedBefore);
    }

    @Test
    @Order(6)
    void aSellerComplaintUpheldByStaffChangesNothingButTheRecord() throws Exception {
        String noticeId = actioned("tm-6");
        complainedNotice = noticeId;
        assertThat(call("POST", "/v1/notices/" + noticeId + "/items/0/complaint", ACME_KEY,
                "{\"explanation\": \"Not rejected.\"}").status()).as("a complaint on an actioned item").isEqualTo(409);
        Reply complained = call("POST", "/v1/takedowns/" + noticeId + "/0/complaint", SELLER_KEY,
                "{\"explanation\": \"I bought these from an ACME distributor.\"}");
        assertThat(complained.status()).as(complained.body().toString()).isEqualTo(201);

        JsonNode decided = staff("{\"operation\": \"decideComplaint\", \"noticeId\": \"" + noticeId + "\", \"index\": 0,"
                + " \"from\": \"SELLER\", \"decision\": \"UPHOLD\", \"staffId\": \"staff-jane\","
                + " \"reason\": \"The invoice is not from an ACME distributor.\"}");

        assertThat(decided.path("item").path("status").asText()).as(decided.toString()).isEqualTo("ACTIONED");
        assertThat(listingStatus("tm-6")).isEqualTo(ListingStatus.REMOVED);
        JsonNode takedown = takedown(noticeId);
        assertThat(takedown.path("status").asText()).isEqualTo("ACTIONED");
        assertThat(takedown.path("complaint").path("decision").path("outcome").asText()).isEqualTo("UPHOLD");
        awaitWebhook("complaint.decided", SELLER_RECIPIENT, 0);

        Reply onRestored = call("POST", "/v1/takedowns/" + copyrightNotice + "/0/complaint", SELLER_KEY,
                "{\"explanation\": \"Too late.\"}");
        assertThat(onRestored.status()).as("a complaint on a restored takedown").isEqualTo(409);
    }

    @Test
    @Order(7)
    void oneSenderBuildsARecordOfTakedownsThatStandAndAnotherIsWarnedForNoticesAgainstItsOwnLicensee() throws Exception {
        String record = submit(GLOBEX_KEY, "tm-globex", "COUNTERFEIT", listings("globex-", 50, BULK, "GLOBEX"));
        assertThat(awaitCompleted(record, GLOBEX_KEY).path("outcome").asText()).isEqualTo("ALL");
        JsonNode globex = rightholder("globex");
        assertThat(globex.path("record").path("decided").asLong()).isEqualTo(50);
        assertThat(globex.path("trustedEligibility").path("eligible").asBoolean())
                .as("50 takedowns whose dispute windows are open").isFalse();
        JsonNode refused = staff(setTier("globex"));
        assertThat(refused.path("error").path("type").asText()).as(refused.toString()).isEqualTo("Conflict");

        String unfounded = submit(UMBRELLA_KEY, "tm-umbrella", "COUNTERFEIT", listings("licensed-", 20, LICENSEE,
                "UMBRELLA"));
        assertThat(awaitCompleted(unfounded, UMBRELLA_KEY).path("items").findValuesAsText("status"))
                .as("every one names a seller its right authorizes").hasSize(20).containsOnly("REJECTED");
        FaultDrills.await("umbrella warned", Duration.ofSeconds(30), () -> trailOf("umbrella").contains("WARNED"));
        assertThat(rightholder("umbrella").path("record").path("unfounded").asLong()).isEqualTo(20);
    }

    @Test
    @Order(8)
    void aRepeatInfringerIsSuspendedWhenStaffUpholdTheTakedownItContestedPastItsWindowThenAStrikeIsVoided()
            throws Exception {
        List<String> shop = List.of(listing("repeat-shop-0", REPEAT, "Generic"), listing("repeat-shop-1", REPEAT, "Generic"));
        LocalDate firstDay = LocalDate.ofInstant(CLOCK.instant(), ZoneOffset.UTC);
        List<String> takedowns = new java.util.ArrayList<>();
        for (int day = 0; day < 5; day++) {
            moveClockTo(firstDay.plusDays(day).atStartOfDay().toInstant(ZoneOffset.UTC).plus(Duration.ofHours(10)));
            String noticeId = submit(ACME_KEY, "tm-acme-us", "COUNTERFEIT", List.of(listing("repeat-" + day, REPEAT, "ACME")));
            awaitItem(noticeId, 0, "ACTIONED");
            takedowns.add(noticeId);
        }
        String contested = takedowns.get(0);
        Reply complained = call("POST", "/v1/takedowns/" + contested + "/0/complaint", REPEAT_KEY,
                "{\"explanation\": \"These came from an ACME clearance sale.\"}");
        assertThat(complained.status()).as(complained.body().toString()).isEqualTo(201);

        // Past the last takedown's dispute window: four strikes count; the contested one is held back.
        moveClockTo(firstDay.plusDays(4 + 16).atStartOfDay().toInstant(ZoneOffset.UTC).plus(Duration.ofHours(10)));
        JsonNode restricted = seller(REPEAT);
        assertThat(restricted.path("standing").asText()).as(restricted.toString()).isEqualTo("RESTRICTED");
        assertThat(restricted.path("establishedStrikes").asInt()).isEqualTo(4);
        assertThat(shop).allSatisfy(id -> assertThat(listingStatus(id)).isEqualTo(ListingStatus.ACTIVE));
        long established = report().path("measures").path("strikes").path("established").asLong();

        JsonNode upheld = staff("{\"operation\": \"decideComplaint\", \"noticeId\": \"" + contested + "\", \"index\": 0,"
                + " \"from\": \"SELLER\", \"decision\": \"UPHOLD\", \"staffId\": \"staff-joe\","
                + " \"reason\": \"ACME sold no clearance stock.\"}");
        assertThat(upheld.path("item").path("status").asText()).as(upheld.toString()).isEqualTo("ACTIONED");
        JsonNode suspended = seller(REPEAT);
        assertThat(suspended.path("standing").asText()).as("its window closed while contested: the fifth strike counts now")
                .isEqualTo("SUSPENDED");
        assertThat(suspended.path("establishedStrikes").asInt()).isEqualTo(5);
        assertThat(report().path("measures").path("strikes").path("established").asLong())
                .as("counted when the dispute that held it back ended").isEqualTo(established + 1);
        assertThat(shop).allSatisfy(id -> assertThat(listingStatus(id)).isEqualTo(ListingStatus.REMOVED));

        // On appeal, staff void a strike established days ago: RESTRICTED again, the shop back.
        JsonNode voided = staff("{\"operation\": \"voidStrike\", \"sellerId\": \"" + REPEAT + "\", \"strikeId\": \""
                + firstDay.plusDays(1) + "/acme\", \"staffId\": \"staff-jane\","
                + " \"reason\": \"The listing was a parody, not a counterfeit.\"}");
        assertThat(voided.path("standing").asText()).as(voided.toString()).isEqualTo("RESTRICTED");
        assertThat(shop).allSatisfy(id -> assertThat(listingStatus(id)).isEqualTo(ListingStatus.ACTIVE));
        assertThat(voided.path("auditTrail")).filteredOn(e -> e.path("kind").asText().equals("STANDING_CHANGED"))
                .extracting(e -> e.path("to").asText()).containsExactly("RESTRICTED", "SUSPENDED", "RESTRICTED");
    }

    @Test
    @Order(9)
    void anAbusiveSenderIsSuspendedAndAnEligibleOneIsGrantedTrustedByStaffAndSendsAsATrustedSender() throws Exception {
        assertThat(rightholder("umbrella").path("tier").asText()).as("still over the bar a week after the warning")
                .isEqualTo("SUSPENDED");
        FaultDrills.Reply refused = FaultDrills.call(stack, "POST", "/v1/notices", UMBRELLA_KEY,
                FaultDrills.noticeNaming(List.of(listing("umbrella-refused", BULK, "UMBRELLA"))).put("rightId", "tm-umbrella")
                        .toString(), null);
        assertThat(refused.status()).as(refused.body().toString()).isEqualTo(403);
        assertThat(refused.body().path("type").asText()).endsWith("/notifier-suspended");

        JsonNode eligible = rightholder("globex");
        assertThat(eligible.path("trustedEligibility").path("eligible").asBoolean()).as(eligible.toString()).isTrue();
        assertThat(eligible.path("tier").asText()).isEqualTo("STANDARD");
        JsonNode granted = staff(setTier("globex"));
        assertThat(granted.path("tier").asText()).as(granted.toString()).isEqualTo("TRUSTED");

        String trusted = submit(GLOBEX_KEY, "tm-globex", "COUNTERFEIT", listings("trusted-", 2, BULK, "GLOBEX"));
        assertThat(awaitCompleted(trusted, GLOBEX_KEY).path("items").findValuesAsText("status"))
                .containsExactly("ACTIONED", "ACTIONED");
    }

    @Test
    @Order(10)
    void sweepsAndReplaysRestoreNothingTwiceAndSendNoWebhookTwice() throws Exception {
        Map<String, ListingStatus> before = listingStatuses();
        Map<String, List<String>> statuses = itemStatuses();
        SqsVerificationQueue verification = new SqsVerificationQueue(stack.sqs(), stack.queueUrl("VerificationQueue"),
                stack.queueUrl("PriorityVerificationQueue"), 25);
        for (int round = 0; round < 2; round++) {
            // Every notice's verification work delivered again, then every scheduled function run.
            for (Map.Entry<String, Submitted> notice : SUBMITTED.entrySet()) {
                verification.enqueue(notice.getKey(), java.util.stream.IntStream.range(0, notice.getValue().items())
                        .boxed().toList(), false);
            }
            FaultDrills.await("the replayed work", Duration.ofSeconds(30),
                    () -> FaultDrills.drained(stack, "VerificationQueue"));
            moveClockTo(CLOCK.instant().plus(Duration.ofHours(1)));
            assertThat(respond(upheldNotice, LEGAL_ACTION).status()).as("the same answer again").isEqualTo(200);
            assertThat(fileCounterNotice(copyrightNotice, SELLER_KEY).status()).as("the same filing again").isEqualTo(201);
        }
        FaultDrills.await("notifications", Duration.ofSeconds(30), () -> FaultDrills.drained(stack, "NotificationQueue"));

        assertThat(itemStatuses()).isEqualTo(statuses);
        assertThat(listingStatuses()).isEqualTo(before);
        assertThat(staff("{\"operation\": \"getRightholder\", \"rightholderId\": \"acme\"}").path("record")
                .path("reversed").asLong()).as("cr-1, tm-2 and tm-3 each once").isEqualTo(3);
        Map<String, Long> byId = stack.webhookReceipts().stream()
                .collect(Collectors.groupingBy(r -> r.recipient() + " " + r.webhookId(), Collectors.counting()));
        assertThat(byId).allSatisfy((id, count) -> assertThat(count).as(id).isEqualTo(1L));

        // Six months after the last takedown, contesting it is too late.
        moveClockTo(CLOCK.instant().plus(Duration.ofDays(184)));
        Reply tooLate = fileCounterNotice(complainedNotice, SELLER_KEY);
        assertThat(tooLate.status()).as(tooLate.body().toString()).isEqualTo(422);
        assertThat(takedown(complainedNotice).path("status").asText()).isEqualTo("ACTIONED");
    }

    @Test
    @Order(11)
    void theTransparencyReportEqualsARecountOfTheAuditTrailAndTheItemsAfterEveryReplay() throws Exception {
        Instant now = CLOCK.instant();
        Map<String, JsonNode> trustTrails = new java.util.HashMap<>();
        for (String rightholderId : RIGHTHOLDERS) {
            trustTrails.put(rightholderId, rightholder(rightholderId).path("auditTrail"));
        }
        Figures.Builder recount = Figures.builder();
        Map<String, Map<Integer, Long>> times = new java.util.TreeMap<>();
        // Every takedown, by seller and by the strike it lands on: its notice's rightholder and the UTC day it was made.
        Map<String, Map<String, List<JsonNode>>> strikeTakedowns = new java.util.HashMap<>();
        for (String noticeId : SUBMITTED.keySet()) {
            JsonNode record = staff("{\"operation\": \"getNotice\", \"noticeId\": \"" + noticeId + "\"}");
            JsonNode notice = record.path("notice");
            Instant received = Instant.parse(notice.path("receivedAt").asText());
            String rightholderId = notice.path("rightholderId").asText();
            recount.count(Figures.NOTICES_RECEIVED).count(Figures.NOTICES_RECEIVED + ".reason." + notice.path("reason").asText())
                    .count(Figures.NOTICES_RECEIVED + ".rightType." + RIGHT_TYPES.get(notice.path("rightId").asText()))
                    .count(Figures.NOTICES_RECEIVED + ".sender."
                            + (tierAt(trustTrails.get(rightholderId), received).equals("TRUSTED") ? "TRUSTED" : "STANDARD"))
                    .add(Figures.ITEMS_RECEIVED, record.path("items").size());
            for (JsonNode event : record.path("auditTrail")) {
                String from = event.path("from").asText();
                String to = event.path("to").asText();
                boolean wasOpen = Set.of("RECEIVED", "VERIFYING", "NEEDS_REVIEW").contains(from);
                if (wasOpen && Set.of("ACTIONED", "REJECTED", "DUPLICATE", "NOT_FOUND", "ALREADY_REMOVED").contains(to)) {
                    String by = event.path("actor").asText().equals("AUTO") ? "AUTOMATED" : "STAFF";
                    recount.count(Figures.ITEMS_DECIDED + "." + by + "." + to + "." + event.path("rule").asText());
                    times.computeIfAbsent(by, k -> new java.util.TreeMap<>()).merge(TimeBuckets.of(
                            Duration.between(received, Instant.parse(event.path("at").asText()))), 1L, Long::sum);
                } else if (wasOpen && to.equals("WITHDRAWN")) {
                    recount.count(Figures.ITEMS_WITHDRAWN);
                } else if (to.equals("RETRACTED")) {
                    recount.count(Figures.ITEMS_RETRACTED);
                }
            }
            for (JsonNode item : record.path("items")) {
                JsonNode counterNotice = item.path("counterNotice");
                if (!counterNotice.isMissingNode()) {
                    recount.count(Figures.COUNTER_NOTICES_FILED);
                    switch (counterNotice.path("outcome").asText()) {
                        case "UPHELD" -> recount.count(Figures.COUNTER_NOTICES_UPHELD);
                        case "ACCEPTED" -> recount.count(Figures.counterNoticesRestored(Figures.Restoration.ACCEPTED));
                        case "UNANSWERED" -> recount.count(Figures.counterNoticesRestored(Figures.Restoration.UNANSWERED));
                        default -> { }
                    }
                }
                for (JsonNode complaint : item.path("complaints")) {
                    recount.count(Figures.complaintsFiled(complaint.path("from").asText()));
                    if (complaint.has("decision")) {
                        recount.count(Figures.complaintsDecided(complaint.path("from").asText(),
                                complaint.path("decision").path("outcome").asText()));
                    }
                }
                if (item.has("statement")) {
                    strikeTakedowns.computeIfAbsent(item.path("statement").path("sellerId").asText(),
                            k -> new java.util.HashMap<>()).computeIfAbsent(LocalDate.ofInstant(Instant.parse(
                                    item.path("decidedAt").asText()), ZoneOffset.UTC) + "/" + rightholderId,
                            k -> new java.util.ArrayList<>()).add(item);
                }
            }
        }
        for (String sellerId : SELLERS) {
            JsonNode seller = seller(sellerId);
            Map<String, List<JsonNode>> takedowns = strikeTakedowns.getOrDefault(sellerId, Map.of());
            assertThat(seller.path("strikes").findValuesAsText("strikeId")).as(sellerId + ": a strike for each"
                    + " rightholder and day of its takedowns").containsExactlyInAnyOrderElementsOf(takedowns.keySet());
            for (JsonNode strike : seller.path("strikes")) {
                if (wasEstablished(strike, takedowns.get(strike.path("strikeId").asText()), now)) {
                    recount.count(Figures.STRIKES_ESTABLISHED);
                }
                if (strike.has("voided")) {
                    recount.count(Figures.STRIKES_VOIDED);
                }
            }
            for (JsonNode change : seller.path("auditTrail")) {
                if (Set.of("STANDING_CHANGED", "REINSTATED").contains(change.path("kind").asText())
                        && !change.path("to").asText().equals(change.path("from").asText())) {
                    recount.count(Figures.sellers(change.path("to").asText()));
                }
            }
        }
        for (JsonNode trail : trustTrails.values()) {
            for (JsonNode change : trail) {
                if (Set.of("WARNED", "SUSPENDED").contains(change.path("kind").asText())) {
                    recount.count(Figures.senders(change.path("kind").asText()));
                }
            }
        }
        Figures counted = recount.build();

        JsonNode report = report();
        LocalDate from = LocalDate.parse(report.path("from").asText());
        LocalDate to = LocalDate.parse(report.path("to").asText());
        assertThat(counted.get(Figures.NOTICES_RECEIVED)).as("the scenario's notices").isEqualTo(SUBMITTED.size());
        // Whole sections, as the report lays the recount out.
        JsonNode recounted = Json.parse(Json.write(TransparencyReport.json(from, to, counted)));
        assertThat(report.path("notices")).as("received, by reason, right type and sender tier")
                .isEqualTo(recounted.path("notices"));
        assertThat(report.path("measures")).as("strikes, sellers' and senders' measures")
                .isEqualTo(recounted.path("measures"));
        JsonNode notices = report.path("notices");
        assertThat(notices.path("bySender").path("trusted").asLong()).as("globex, once TRUSTED").isEqualTo(1);
        assertThat(notices.path("bySender").path("standard").asLong()).isEqualTo(SUBMITTED.size() - 1);
        assertThat(notices.path("byRightType").path("COPYRIGHT").asLong()).isEqualTo(1);
        JsonNode measures = report.path("measures");
        assertThat(measures.path("strikes").path("established").asLong()).isPositive();
        assertThat(measures.path("strikes").path("voided").asLong())
                .as("by the rules: cr-1's, and tm-2's when it held only tm-2; by staff: the repeat infringer's").isEqualTo(3);
        assertThat(measures.path("sellers").path("suspended").asLong()).isEqualTo(1);
        assertThat(measures.path("senders").path("warned").asLong()).isEqualTo(1);
        assertThat(measures.path("senders").path("suspended").asLong()).isEqualTo(1);
        JsonNode decisions = report.path("decisions");
        assertThat(decisions.path("itemsDecided").asLong()).isEqualTo(counted.sum(Figures.ITEMS_DECIDED)).isPositive();
        for (String status : List.of("ACTIONED", "REJECTED", "DUPLICATE", "NOT_FOUND", "ALREADY_REMOVED")) {
            assertThat(decisions.path("byOutcome").path(status).asLong()).as(status).isEqualTo(
                    counted.sum(Figures.ITEMS_DECIDED + ".AUTOMATED." + status)
                            + counted.sum(Figures.ITEMS_DECIDED + ".STAFF." + status));
        }
        assertThat(decisions.path("automated").path("items").asLong())
                .isEqualTo(counted.sum(Figures.ITEMS_DECIDED + ".AUTOMATED"));
        assertThat(decisions.path("staff").path("items").asLong()).isEqualTo(counted.sum(Figures.ITEMS_DECIDED + ".STAFF"))
                .isPositive();
        for (String by : List.of("AUTOMATED", "STAFF")) {
            JsonNode part = decisions.path(by.equals("AUTOMATED") ? "automated" : "staff");
            assertThat(part.path("medianTimeToDecisionSeconds").decimalValue().doubleValue()).as(by + " median")
                    .isEqualTo(TimeBuckets.quantile(times.get(by), 0.5).toMillis() / 1000.0);
            assertThat(part.path("p90TimeToDecisionSeconds").decimalValue().doubleValue()).as(by + " 90th percentile")
                    .isEqualTo(TimeBuckets.quantile(times.get(by), 0.9).toMillis() / 1000.0);
        }
        JsonNode counterNotices = report.path("redress").path("counterNotices");
        assertThat(counterNotices.path("filed").asLong()).isEqualTo(counted.get(Figures.COUNTER_NOTICES_FILED)).isPositive();
        assertThat(counterNotices.path("upheld").asLong()).isEqualTo(counted.get(Figures.COUNTER_NOTICES_UPHELD));
        assertThat(counterNotices.path("restored").path("accepted").asLong())
                .isEqualTo(counted.get(Figures.counterNoticesRestored(Figures.Restoration.ACCEPTED)));
        assertThat(counterNotices.path("restored").path("unanswered").asLong()).as("restored by silence")
                .isEqualTo(counted.get(Figures.counterNoticesRestored(Figures.Restoration.UNANSWERED))).isPositive();
        JsonNode complaints = report.path("redress").path("complaints");
        assertThat(complaints.path("filed").path("byRightholders").asLong())
                .isEqualTo(counted.get(Figures.complaintsFiled("RIGHTHOLDER")));
        assertThat(complaints.path("filed").path("bySellers").asLong()).isEqualTo(counted.get(Figures.complaintsFiled("SELLER")));
        assertThat(complaints.path("decided").path("rightholders").path("reversed").asLong()).as("a complaint reversed")
                .isEqualTo(counted.get(Figures.complaintsDecided("RIGHTHOLDER", "REVERSE"))).isPositive();
        assertThat(complaints.path("decided").path("sellers").path("upheld").asLong())
                .isEqualTo(counted.get(Figures.complaintsDecided("SELLER", "UPHOLD")));
        JsonNode withdrawals = report.path("redress").path("withdrawals");
        assertThat(withdrawals.path("itemsWithdrawn").asLong()).isEqualTo(counted.get(Figures.ITEMS_WITHDRAWN)).isPositive();
        assertThat(withdrawals.path("itemsRetracted").asLong()).isEqualTo(counted.get(Figures.ITEMS_RETRACTED)).isPositive();
    }

    @Test
    @Order(12)
    void theStatementsOfReasonsAreOneValidRecordPerTakedownAndPerSellerSuspensionAfterEveryReplay() throws Exception {
        // Every item that ever took a listing down carries its statement, with the sender's tier when it was sent.
        Map<String, String> sourceByTakedown = new java.util.TreeMap<>();
        for (String noticeId : SUBMITTED.keySet()) {
            JsonNode record = staff("{\"operation\": \"getNotice\", \"noticeId\": \"" + noticeId + "\"}");
            JsonNode notice = record.path("notice");
            boolean trusted = tierAt(rightholder(notice.path("rightholderId").asText()).path("auditTrail"),
                    Instant.parse(notice.path("receivedAt").asText())).equals("TRUSTED");
            for (JsonNode item : record.path("items")) {
                if (item.has("statement")) {
                    sourceByTakedown.put("takedown-" + noticeId + "-" + item.path("index").asInt(),
                            trusted ? "SOURCE_TRUSTED_FLAGGER" : "SOURCE_ARTICLE_16");
                }
            }
        }
        List<String> suspended = new java.util.ArrayList<>();
        for (String sellerId : SELLERS) {
            for (JsonNode change : seller(sellerId).path("auditTrail")) {
                if (change.path("to").asText().equals("SUSPENDED") && !change.path("from").asText().equals("SUSPENDED")) {
                    suspended.add(sellerId);
                }
            }
        }

        List<JsonNode> records = new java.util.ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = staff("{\"operation\": \"statementsOfReasons\", \"from\": \""
                    + LocalDate.ofInstant(start, ZoneOffset.UTC) + "\", \"to\": \""
                    + LocalDate.ofInstant(CLOCK.instant(), ZoneOffset.UTC) + "\", \"limit\": 7"
                    + (cursor == null ? "" : ", \"cursor\": \"" + cursor + "\"") + "}");
            assertThat(page.path("error").isMissingNode()).as(page.toString()).isTrue();
            assertThat(page.path("statements")).isNotEmpty();
            page.path("statements").forEach(records::add);
            cursor = page.path("nextCursor").isNull() ? null : page.path("nextCursor").asText();
        } while (cursor != null);

        assertThat(records).allSatisfy(r -> assertThat(DsaSchema.violations(r)).as(r.toString()).isEmpty());
        assertThat(records).extracting(r -> r.path("puid").asText()).doesNotHaveDuplicates();
        assertThat(records.stream().filter(r -> r.path("puid").asText().startsWith("takedown-"))
                .collect(Collectors.toMap(r -> r.path("puid").asText(), r -> r.path("source_type").asText())))
                .isEqualTo(sourceByTakedown);
        assertThat(sourceByTakedown).containsValue("SOURCE_TRUSTED_FLAGGER");
        List<JsonNode> suspensions = records.stream().filter(r -> r.path("puid").asText().startsWith("suspension-"))
                .toList();
        assertThat(suspensions).extracting(r -> r.path("puid").asText().replaceAll("^suspension-(.*)-\\d+$", "$1"))
                .containsExactlyInAnyOrderElementsOf(suspended).contains(REPEAT);
        assertThat(suspensions).allSatisfy(r -> assertThat(r.path("decision_account").asText())
                .isEqualTo("DECISION_ACCOUNT_SUSPENDED"));
        assertThat(records).hasSize(sourceByTakedown.size() + suspended.size());
    }

    /** The tier the rightholder's trust trail gives it at {@code at}: STANDARD until a change says otherwise. */
    private static String tierAt(JsonNode trail, Instant at) {
        String tier = "STANDARD";
        for (JsonNode change : trail) {
            if (!Instant.parse(change.path("at").asText()).isAfter(at)) {
                // "TRUSTED (set by staff)", "STANDARD, warned 2026-...", "SUSPENDED, until 2026-..."
                tier = change.path("to").asText().split("[ ,]")[0];
            }
        }
        return tier;
    }

    /**
     * Whether the strike was ever established, from its takedowns as their items record them: at some moment from the
     * close of its dispute window on, before it was voided, every takedown in it reversed, or it expired, none of its
     * takedowns was contested (an open counter-notice or seller's complaint). A strike established and voided later
     * was established all the same.
     */
    private static boolean wasEstablished(JsonNode strike, List<JsonNode> takedowns, Instant now) {
        Instant end = earlier(now, Instant.parse(strike.path("expiresAt").asText()));
        if (strike.has("voided")) {
            end = earlier(end, Instant.parse(strike.path("voided").path("at").asText()));
        }
        if (takedowns.stream().allMatch(t -> t.has("restoration"))) {
            end = earlier(end, takedowns.stream().map(t -> Instant.parse(t.path("restoration").path("restoredAt").asText()))
                    .max(Instant::compareTo).orElseThrow());
        }
        List<Instant[]> contested = new java.util.ArrayList<>();
        for (JsonNode takedown : takedowns) {
            JsonNode counterNotice = takedown.path("counterNotice");
            if (!counterNotice.isMissingNode()) {
                contested.add(new Instant[] {Instant.parse(counterNotice.path("filedAt").asText()),
                        counterNotice.path("closedAt").isTextual() ? Instant.parse(counterNotice.path("closedAt").asText())
                                : Instant.MAX});
            }
            for (JsonNode complaint : takedown.path("complaints")) {
                if (complaint.path("from").asText().equals("SELLER")) {
                    contested.add(new Instant[] {Instant.parse(complaint.path("filedAt").asText()),
                            complaint.has("decision") ? Instant.parse(complaint.path("decision").path("decidedAt").asText())
                                    : Instant.MAX});
                }
            }
        }
        Instant uncontested = Instant.parse(strike.path("establishesAt").asText());
        for (boolean moved = true; moved; ) {
            moved = false;
            for (Instant[] dispute : contested) {
                if (!uncontested.isBefore(dispute[0]) && uncontested.isBefore(dispute[1])) {
                    uncontested = dispute[1];
                    moved = true;
                }
            }
        }
        return uncontested.isBefore(end);
    }

    private static Instant earlier(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
