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
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Redress, scripted on the whole local stack and driven by its test clock ({@code POST /local/clock}, which runs every
 * scheduled function after each move, as the deployed schedules would): a COPYRIGHT counter-notice left unanswered is
 * restored after exactly ten business days; a TRADEMARK one answered with legal action stands and its strike is
 * established; an accepted one is restored at once; a withdrawal retracts and withdraws; a rightholder's complaint
 * reversed by staff takes a listing down; a seller's complaint upheld changes nothing but the record; wrong parties and
 * wrong times are refused and change nothing; replays restore nothing twice and send no webhook twice; and the
 * transparency report of the whole scenario, after every replay, equals a recount of the audit trail and the items.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RedressScenarioTest {
    private static final String ACME_KEY = FaultDrills.ACME_KEY;
    private static final String SELLER_KEY = "tdk_scenario_contested_seller_0123456789abcdefg";
    private static final String OTHER_SELLER_KEY = "tdk_scenario_other_seller_0123456789abcdefghijk";
    private static final String SELLER = "seller-contested";
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
        LocalStack.Options options = ProjectTemplate.stack(Map.of()).withClock(CLOCK);
        options = options.withSeed(withSellers(options.seed(), options.webhookPort()));
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

    /** The default seed plus two sellers with API keys and callback URLs. */
    private static Path withSellers(Path seed, int receiverPort) throws Exception {
        ObjectNode root = (ObjectNode) Json.parse(Files.readString(seed));
        ArrayNode sellers = (ArrayNode) root.get("sellers");
        sellers.addObject().put("id", SELLER).put("name", "Contested Goods Ltd").put("apiKey", SELLER_KEY)
                .put("callbackUrl", "http://127.0.0.1:" + receiverPort + "/webhooks/sellers/" + SELLER);
        sellers.addObject().put("id", "seller-other").put("name", "Other Seller").put("apiKey", OTHER_SELLER_KEY);
        Path file = Files.createTempFile("redress-seed", ".json");
        file.toFile().deleteOnExit();
        Files.writeString(file, Json.write(root));
        return file;
    }

    // ------------------------------------------------------------------ helpers

    private static Reply call(String method, String path, String key, String body) throws Exception {
        FaultDrills.Reply reply = FaultDrills.call(stack, method, path, key, body, method.equals("POST")
                ? UUID.randomUUID().toString() : null);
        return new Reply(reply.status(), reply.body());
    }

    private record Reply(int status, JsonNode body) {
    }

    private static JsonNode moveClockTo(Instant to) throws Exception {
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
        listings.put(new Listing(id, SELLER, brand + " goods " + id, brand, ListingStatus.ACTIVE));
        return id;
    }

    private static ListingStatus listingStatus(String id) {
        return listings.find(id).orElseThrow().status();
    }

    private static String submit(String rightId, String reason, String... listingIds) throws Exception {
        ObjectNode body = FaultDrills.noticeNaming(List.of(listingIds)).put("rightId", rightId).put("reason", reason);
        String noticeId = FaultDrills.submit(stack, ACME_KEY, body);
        SUBMITTED.put(noticeId, listingIds.length);
        return noticeId;
    }

    /** The status of every item of every notice of the scenario, by notice. */
    private static Map<String, List<String>> itemStatuses() throws Exception {
        Map<String, List<String>> statuses = new java.util.LinkedHashMap<>();
        for (String noticeId : SUBMITTED.keySet()) {
            statuses.put(noticeId, FaultDrills.get(stack, "/v1/notices/" + noticeId, ACME_KEY).body().path("items")
                    .findValuesAsText("status"));
        }
        return statuses;
    }

    /** Every notice of the scenario and its number of items, for replaying their verification work. */
    private static final Map<String, Integer> SUBMITTED = new java.util.LinkedHashMap<>();

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
    void sweepsAndReplaysRestoreNothingTwiceAndSendNoWebhookTwice() throws Exception {
        Map<String, ListingStatus> before = List.of("cr-1", "tm-1", "tm-2", "tm-3", "plain-3", "plain-5", "tm-6").stream()
                .collect(Collectors.toMap(Function.identity(), RedressScenarioTest::listingStatus));
        Map<String, List<String>> statuses = itemStatuses();
        SqsVerificationQueue verification = new SqsVerificationQueue(stack.sqs(), stack.queueUrl("VerificationQueue"),
                stack.queueUrl("PriorityVerificationQueue"), 25);
        for (int round = 0; round < 2; round++) {
            // Every notice's verification work delivered again, then every scheduled function run.
            for (Map.Entry<String, Integer> notice : SUBMITTED.entrySet()) {
                verification.enqueue(notice.getKey(), java.util.stream.IntStream.range(0, notice.getValue()).boxed()
                        .toList(), false);
            }
            FaultDrills.await("the replayed work", Duration.ofSeconds(30),
                    () -> FaultDrills.drained(stack, "VerificationQueue"));
            moveClockTo(CLOCK.instant().plus(Duration.ofHours(1)));
            assertThat(respond(upheldNotice, LEGAL_ACTION).status()).as("the same answer again").isEqualTo(200);
            assertThat(fileCounterNotice(copyrightNotice, SELLER_KEY).status()).as("the same filing again").isEqualTo(201);
        }
        FaultDrills.await("notifications", Duration.ofSeconds(30), () -> FaultDrills.drained(stack, "NotificationQueue"));

        assertThat(itemStatuses()).isEqualTo(statuses);
        assertThat(List.of("cr-1", "tm-1", "tm-2", "tm-3", "plain-3", "plain-5", "tm-6").stream()
                .collect(Collectors.toMap(Function.identity(), RedressScenarioTest::listingStatus))).isEqualTo(before);
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
    @Order(8)
    void theTransparencyReportEqualsARecountOfTheAuditTrailAndTheItemsAfterEveryReplay() throws Exception {
        Figures.Builder recount = Figures.builder();
        Map<String, Map<Integer, Long>> times = new java.util.TreeMap<>();
        for (String noticeId : SUBMITTED.keySet()) {
            JsonNode record = staff("{\"operation\": \"getNotice\", \"noticeId\": \"" + noticeId + "\"}");
            JsonNode notice = record.path("notice");
            Instant received = Instant.parse(notice.path("receivedAt").asText());
            recount.count(Figures.NOTICES_RECEIVED).count(Figures.NOTICES_RECEIVED + ".reason." + notice.path("reason").asText())
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
            }
        }
        JsonNode seller = staff("{\"operation\": \"getSeller\", \"sellerId\": \"" + SELLER + "\"}");
        for (JsonNode strike : seller.path("strikes")) {
            if (strike.has("voided")) {
                recount.count(Figures.STRIKES_VOIDED);
            } else if (strike.path("state").asText().equals("ESTABLISHED")) {
                recount.count(Figures.STRIKES_ESTABLISHED);
            }
        }
        for (JsonNode change : seller.path("auditTrail")) {
            if (!change.path("to").asText().equals(change.path("from").asText())
                    && Set.of("WARNED", "RESTRICTED", "SUSPENDED").contains(change.path("to").asText())) {
                recount.count(Figures.sellers(change.path("to").asText()));
            }
        }
        Figures counted = recount.build();

        JsonNode report = staff("{\"operation\": \"transparencyReport\", \"from\": \""
                + LocalDate.ofInstant(start, ZoneOffset.UTC) + "\", \"to\": \""
                + LocalDate.ofInstant(CLOCK.instant(), ZoneOffset.UTC) + "\"}");
        assertThat(report.path("error").isMissingNode()).as(report.toString()).isTrue();
        assertThat(counted.get(Figures.NOTICES_RECEIVED)).as("the scenario's notices").isEqualTo(SUBMITTED.size());
        JsonNode notices = report.path("notices");
        assertThat(notices.path("received").asLong()).isEqualTo(counted.get(Figures.NOTICES_RECEIVED));
        assertThat(notices.path("itemsReceived").asLong()).isEqualTo(counted.get(Figures.ITEMS_RECEIVED));
        notices.path("byReason").properties().forEach(reason -> assertThat(reason.getValue().asLong()).as(reason.getKey())
                .isEqualTo(counted.get(Figures.NOTICES_RECEIVED + ".reason." + reason.getKey())));
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
        JsonNode measures = report.path("measures");
        assertThat(measures.path("strikes").path("established").asLong()).as(seller.path("strikes").toString())
                .isEqualTo(counted.get(Figures.STRIKES_ESTABLISHED));
        assertThat(measures.path("strikes").path("voided").asLong()).isEqualTo(counted.get(Figures.STRIKES_VOIDED));
        assertThat(measures.path("sellers").path("warned").asLong()).isEqualTo(counted.get(Figures.sellers("WARNED")));
        assertThat(measures.path("sellers").path("suspended").asLong()).isEqualTo(counted.get(Figures.sellers("SUSPENDED")));
    }
}
