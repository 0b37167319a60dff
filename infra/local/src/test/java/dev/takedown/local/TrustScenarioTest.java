package dev.takedown.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.takedown.aws.DynamoListingStore;
import dev.takedown.aws.SqsVerificationQueue;
import dev.takedown.core.json.Json;
import dev.takedown.core.model.Listing;
import dev.takedown.core.model.ListingStatus;
import dev.takedown.core.testing.Events;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Trust and penalties, scripted on the whole local stack with the default thresholds and a clock the test moves
 * on: a rightholder becomes eligible for TRUSTED once its takedowns' dispute windows close, stays STANDARD until
 * staff grant it, then its items overtake a standing standard backlog and, when they need a person, head the review
 * queue; a seller collects strikes over five days and goes WARNED, RESTRICTED, SUSPENDED as their dispute windows
 * close, losing its listings; an abusive sender is warned, suspended (403) and let back in when the suspension ends;
 * TRUSTED is lost again when the record runs out, and strikes expire. The scheduled review runs on demand, as
 * {@code aws lambda invoke} would run it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TrustScenarioTest {
    private static final String ACME_KEY = FaultDrills.ACME_KEY;
    private static final String GLOBEX_KEY = FaultDrills.GLOBEX_KEY;
    private static final String UMBRELLA_KEY = "tdk_demo_umbrella_0123456789abcdefghijklmnopqrs";
    private static final MovableClock CLOCK = new MovableClock();
    private static LocalStack stack;
    private static DynamoListingStore listings;
    private static Instant start;

    @BeforeAll
    static void start() throws Exception {
        LocalStack.Options options = ProjectTemplate.stack(Map.of()).withClock(CLOCK);
        options = options.withSeed(withScenarioParties(options.seed(), options.webhookPort()));
        stack = LocalStack.start(options);
        listings = FaultDrills.listings(stack);
        start = Instant.now().truncatedTo(ChronoUnit.DAYS).plus(Duration.ofHours(10));
        CLOCK.set(start);
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    /** The default seed plus an abusive sender (umbrella, whose right authorizes seller-licensee) and the sellers. */
    private static Path withScenarioParties(Path seed, int receiverPort) throws Exception {
        ObjectNode root = (ObjectNode) Json.parse(Files.readString(seed));
        ((ArrayNode) root.get("rightholders")).addObject()
                .put("id", "umbrella").put("name", "Umbrella Corp").put("email", "ip@umbrella.example")
                .put("apiKey", UMBRELLA_KEY)
                .put("callbackUrl", "http://127.0.0.1:" + receiverPort + "/webhooks/umbrella")
                .put("webhookSecret", "whsec_dW1icmVsbGEtc2NlbmFyaW8tc2VjcmV0");
        ObjectNode right = ((ArrayNode) root.get("rights")).addObject()
                .put("id", "tm-umbrella").put("rightholderId", "umbrella").put("type", "TRADEMARK")
                .put("mark", "UMBRELLA").put("registrationNumber", "US-9990001").put("jurisdiction", "US")
                .put("status", "VERIFIED").put("validUntil", "2035-12-31");
        right.putArray("authorizedSellers").add("seller-licensee");
        ArrayNode sellers = (ArrayNode) root.get("sellers");
        sellers.addObject().put("id", "seller-repeat").put("name", "Repeat Offender Ltd")
                .put("callbackUrl", "http://127.0.0.1:" + receiverPort + "/webhooks/sellers/seller-repeat");
        for (String id : List.of("seller-bulk", "seller-backlog", "seller-licensee")) {
            sellers.addObject().put("id", id).put("name", id);
        }
        Path file = Files.createTempFile("trust-seed", ".json");
        file.toFile().deleteOnExit();
        Files.writeString(file, Json.write(root));
        return file;
    }

    private static List<String> makeListings(String prefix, int count, String sellerId, String brand) {
        List<String> ids = IntStream.range(0, count).mapToObj(i -> prefix + i).toList();
        ids.parallelStream().forEach(id -> listings.put(new Listing(id, sellerId, brand + " goods " + id, brand,
                ListingStatus.ACTIVE)));
        return ids;
    }

    private static ObjectNode notice(String rightId, List<String> listingIds) {
        ObjectNode body = FaultDrills.noticeNaming(listingIds);
        body.put("rightId", rightId);
        return body;
    }

    private static JsonNode awaitCompleted(String noticeId, String key) throws Exception {
        return FaultDrills.awaitNotice(stack, noticeId, key, Duration.ofSeconds(90),
                n -> "COMPLETED".equals(n.path("status").asText()));
    }

    private static JsonNode staff(String event) throws Exception {
        return StaffInvocations.invoke(stack, event);
    }

    private static JsonNode rightholder(String id) throws Exception {
        return staff("{\"operation\": \"getRightholder\", \"rightholderId\": \"" + id + "\"}");
    }

    private static JsonNode seller(String id) throws Exception {
        return staff("{\"operation\": \"getSeller\", \"sellerId\": \"" + id + "\"}");
    }

    /** Where the rightholder of {@code key} stands, as it reads it in its own summary of today. */
    private static JsonNode ownTrust(String key) throws Exception {
        LocalDate today = LocalDate.ofInstant(CLOCK.instant(), ZoneOffset.UTC);
        return FaultDrills.get(stack, "/v1/reports/summary?from=" + today + "&to=" + today, key).body().path("trust");
    }

    private static void awaitWebhook(String type, String recipient) throws Exception {
        FaultDrills.await(type + " to " + recipient, Duration.ofSeconds(30), () -> stack.webhookReceipts().stream()
                .anyMatch(r -> r.type().equals(type) && r.recipient().equals(recipient) && r.signatureOk()));
    }

    private static long webhooks(String type, String recipient) {
        return stack.webhookReceipts().stream().filter(r -> r.type().equals(type) && r.recipient().equals(recipient)).count();
    }

    @Test
    @Order(1)
    void aRightholderBecomesEligibleStaysStandardUntilStaffGrantTrustedThenItsItemsGoFirst() throws Exception {
        String record = FaultDrills.submit(stack, ACME_KEY, notice("tm-acme-us", makeListings("bulk-", 50, "seller-bulk", "ACME")));
        assertThat(awaitCompleted(record, ACME_KEY).path("outcome").asText()).isEqualTo("ALL");
        JsonNode acme = rightholder("acme");
        assertThat(acme.path("tier").asText()).as("the rules never grant TRUSTED").isEqualTo("STANDARD");
        assertThat(acme.path("record").path("decided").asLong()).isEqualTo(50);
        assertThat(acme.path("trustedEligibility").path("eligible").asBoolean())
                .as("50 automatic takedowns whose dispute windows are open").isFalse();
        assertThat(acme.path("trustedEligibility").path("confirmed").asLong()).isZero();

        // Every verification message of that notice delivered again: nothing is counted twice.
        new SqsVerificationQueue(stack.sqs(), stack.queueUrl("VerificationQueue"), stack.queueUrl("PriorityVerificationQueue"),
                25).enqueue(record, IntStream.range(0, 50).boxed().toList(), false);
        FaultDrills.await("the replayed work", Duration.ofSeconds(30), () -> FaultDrills.drained(stack, "VerificationQueue"));
        assertThat(rightholder("acme").path("record").path("decided").asLong()).isEqualTo(50);
        assertThat(seller("seller-bulk").path("strikes")).as("one strike for the day").hasSize(1);

        // A 15-day dispute window closes at the end of the 15th day after the takedowns: they stood unchallenged.
        CLOCK.set(LocalDate.ofInstant(start, ZoneOffset.UTC).plusDays(16).atStartOfDay().toInstant(ZoneOffset.UTC)
                .plus(Duration.ofHours(10)));
        stack.runSchedulesNow();
        JsonNode eligible = rightholder("acme");
        assertThat(eligible.path("trustedEligibility").path("eligible").asBoolean()).as(eligible.toString()).isTrue();
        assertThat(eligible.path("trustedEligibility").path("confirmed").asLong()).isEqualTo(50);
        assertThat(eligible.path("tier").asText()).as("eligible, not yet TRUSTED").isEqualTo("STANDARD");
        assertThat(eligible.path("auditTrail")).isEmpty();
        assertThat(webhooks("rightholder.tier_changed", "acme")).isZero();
        JsonNode own = ownTrust(ACME_KEY);
        assertThat(own.path("eligible").asBoolean()).as("acme reads what staff read: " + own).isTrue();
        assertThat(own.path("record").path("confirmed").asLong()).isEqualTo(50);
        assertThat(own.path("tier").asText()).isEqualTo("STANDARD");

        JsonNode granted = staff(Events.load("staff-set-tier.json"));
        assertThat(granted.path("tier").asText()).as(granted.toString()).isEqualTo("TRUSTED");
        assertThat(granted.path("auditTrail")).extracting(e -> e.path("kind").asText()).containsExactly("TIER_SET");
        awaitWebhook("rightholder.tier_changed", "acme");
        JsonNode ownGranted = ownTrust(ACME_KEY);
        assertThat(ownGranted.path("tier").asText()).isEqualTo("TRUSTED");
        assertThat(ownGranted.path("eligible").asBoolean()).as("its record keeps TRUSTED").isTrue();
        assertThat(ownGranted.toString()).doesNotContain("staff-");

        // A standard sender's item waits for a person first.
        listings.put(new Listing("plain-g", "seller-backlog", "Rocket skates", "Generic", ListingStatus.ACTIVE));
        String standardReview = FaultDrills.submit(stack, GLOBEX_KEY, notice("tm-globex", List.of("plain-g")));
        StaffInvocations.awaitReview(stack, standardReview, 0);

        List<List<String>> backlogListings = List.of(makeListings("backlog-a-", 1000, "seller-backlog", "GLOBEX"),
                makeListings("backlog-b-", 1000, "seller-backlog", "GLOBEX"));
        // No ACME mark on plain-1: TRUSTED keeps the mark check, so a person looks at it.
        listings.put(new Listing("plain-1", "seller-bulk", "Rocket skates", "Generic", ListingStatus.ACTIVE));
        List<String> marked = makeListings("trusted-", 1, "seller-bulk", "ACME");
        List<String> backlog = new ArrayList<>();
        for (List<String> ids : backlogListings) {
            backlog.add(FaultDrills.submit(stack, GLOBEX_KEY, notice("tm-globex", ids)));
        }
        String trusted = FaultDrills.submit(stack, ACME_KEY, notice("tm-acme-us", List.of("plain-1", marked.get(0))));

        JsonNode done = FaultDrills.awaitNotice(stack, trusted, ACME_KEY, Duration.ofSeconds(90),
                n -> n.path("openItemCount").asInt() == 1 && n.path("items").findValuesAsText("status").stream()
                        .noneMatch(status -> status.equals("RECEIVED") || status.equals("VERIFYING")));
        long standardStillOpen = 0;
        for (String id : backlog) {
            standardStillOpen += FaultDrills.get(stack, "/v1/notices/" + id, GLOBEX_KEY).body().path("openItemCount").asLong();
        }
        assertThat(standardStillOpen).as("standard items still waiting when the trusted ones were decided").isPositive();
        assertThat(done.path("items").findValuesAsText("status")).containsExactly("NEEDS_REVIEW", "ACTIONED");
        assertThat(done.path("items").get(0).path("reason").asText()).isEqualTo("BRAND_MISMATCH");
        assertThat(done.path("items").get(1).path("rule").asText()).isEqualTo("BRAND_MATCH");

        JsonNode queue = staff("{\"operation\": \"reviewQueue\", \"limit\": 100}").path("items");
        assertThat(queue.get(0).path("noticeId").asText()).as("the TRUSTED sender's item heads the queue").isEqualTo(trusted);
        assertThat(queue.get(0).path("reviewFirst").asBoolean()).isTrue();
        assertThat(queue).extracting(i -> i.path("noticeId").asText()).containsSubsequence(trusted, standardReview);
        assertThat(queue).filteredOn(i -> i.path("noticeId").asText().equals(standardReview))
                .singleElement().satisfies(i -> assertThat(i.path("reviewFirst").asBoolean()).isFalse());

        for (String id : List.of(trusted, standardReview)) {
            JsonNode rejected = staff("{\"operation\": \"decideItem\", \"noticeId\": \"" + id + "\", \"index\": 0,"
                    + " \"decision\": \"REJECT\", \"reasonCode\": \"BRAND_MISMATCH\", \"staffId\": \"staff-jane\"}");
            assertThat(rejected.path("item").path("status").asText()).as(rejected.toString()).isEqualTo("REJECTED");
        }
        for (String id : backlog) {
            awaitCompleted(id, GLOBEX_KEY);
        }
        assertThat(rightholder("acme").path("tier").asText()).as("51 decisions that stand, 50 confirmed takedowns")
                .isEqualTo("TRUSTED");
    }

    @Test
    @Order(2)
    void aSellerGoesWarnedRestrictedSuspendedAsItsStrikesAreEstablished() throws Exception {
        List<String> named = makeListings("repeat-", 5, "seller-repeat", "ACME");
        List<String> shop = makeListings("repeat-shop-", 3, "seller-repeat", "Generic");
        LocalDate firstDay = LocalDate.ofInstant(CLOCK.instant(), ZoneOffset.UTC);
        for (int day = 0; day < 5; day++) {
            CLOCK.set(firstDay.plusDays(day).atStartOfDay().toInstant(ZoneOffset.UTC).plus(Duration.ofHours(10)));
            String id = FaultDrills.submit(stack, ACME_KEY, notice("tm-acme-us", List.of(named.get(day))));
            awaitCompleted(id, ACME_KEY);
        }
        JsonNode pending = seller("seller-repeat");
        assertThat(pending.path("standing").asText()).isEqualTo("GOOD_STANDING");
        assertThat(pending.path("strikes")).hasSize(5).allSatisfy(s -> assertThat(s.path("state").asText()).isEqualTo("PENDING"));

        // A 15-day dispute window closes at the end of the 15th day after the takedown.
        Instant firstCloses = firstDay.plusDays(16).atStartOfDay().toInstant(ZoneOffset.UTC);
        CLOCK.set(firstCloses.minusSeconds(60));
        stack.runSchedulesNow();
        assertThat(seller("seller-repeat").path("standing").asText()).isEqualTo("GOOD_STANDING");

        CLOCK.set(firstCloses.plus(Duration.ofMinutes(1)));
        stack.runSchedulesNow();
        assertThat(seller("seller-repeat").path("standing").asText()).isEqualTo("WARNED");

        CLOCK.set(firstCloses.plus(Duration.ofDays(2)).plus(Duration.ofMinutes(1)));
        stack.runSchedulesNow();
        assertThat(seller("seller-repeat").path("standing").asText()).isEqualTo("RESTRICTED");
        assertThat(shop).allSatisfy(id -> assertThat(listings.find(id).orElseThrow().active()).isTrue());

        CLOCK.set(firstCloses.plus(Duration.ofDays(4)).plus(Duration.ofMinutes(1)));
        stack.runSchedulesNow();
        JsonNode suspended = seller("seller-repeat");
        assertThat(suspended.path("standing").asText()).isEqualTo("SUSPENDED");
        assertThat(suspended.path("establishedStrikes").asInt()).isEqualTo(5);
        assertThat(shop).allSatisfy(id -> {
            Listing listing = listings.find(id).orElseThrow();
            assertThat(listing.status()).isEqualTo(ListingStatus.REMOVED);
            assertThat(listing.removedBySuspension()).isTrue();
        });
        assertThat(suspended.path("auditTrail")).extracting(e -> e.path("to").asText())
                .containsExactly("WARNED", "RESTRICTED", "SUSPENDED");
        FaultDrills.await("three seller.status_changed webhooks", Duration.ofSeconds(30),
                () -> webhooks("seller.status_changed", "sellers/seller-repeat") == 3);

        stack.runSchedulesNow();
        assertThat(seller("seller-repeat").path("auditTrail")).as("nothing changes twice").hasSize(3);

        String voided = suspended.path("strikes").get(0).path("strikeId").asText();
        JsonNode afterVoid = staff(Events.load("staff-void-strike.json").replace("2026-11-28/acme", voided)
                .replace("seller-fake", "seller-repeat"));
        assertThat(afterVoid.path("standing").asText()).as("four strikes left").isEqualTo("RESTRICTED");
        assertThat(shop).allSatisfy(id -> assertThat(listings.find(id).orElseThrow().active()).isTrue());
    }

    @Test
    @Order(3)
    void anAbusiveSenderIsWarnedThenRefusedThenLetBackInWhenItsSuspensionEnds() throws Exception {
        List<String> licensed = makeListings("licensed-", 20, "seller-licensee", "UMBRELLA");
        String bogus = FaultDrills.submit(stack, UMBRELLA_KEY, notice("tm-umbrella", licensed));
        awaitCompleted(bogus, UMBRELLA_KEY);
        JsonNode warned = rightholder("umbrella");
        assertThat(warned.path("record").path("unfounded").asLong()).as("all 20 name an authorized seller").isEqualTo(20);
        assertThat(warned.path("warnedAt").isTextual()).isTrue();
        assertThat(warned.path("tier").asText()).isEqualTo("STANDARD");
        awaitWebhook("rightholder.warned", "umbrella");

        List<String> more = makeListings("umbrella-fake-", 2, "seller-bulk", "UMBRELLA");
        assertThat(FaultDrills.call(stack, "POST", "/v1/notices", UMBRELLA_KEY,
                notice("tm-umbrella", List.of(more.get(0))).toString(), null).status())
                .as("still allowed while warned").isEqualTo(202);

        CLOCK.advance(Duration.ofDays(7));
        stack.runSchedulesNow();
        JsonNode suspended = rightholder("umbrella");
        assertThat(suspended.path("tier").asText()).isEqualTo("SUSPENDED");
        awaitWebhook("rightholder.tier_changed", "umbrella");

        FaultDrills.Reply refused = FaultDrills.call(stack, "POST", "/v1/notices", UMBRELLA_KEY,
                notice("tm-umbrella", List.of(more.get(1))).toString(), null);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.body().path("type").asText()).endsWith("/notifier-suspended");
        assertThat(refused.body().path("suspendedUntil").asText()).isEqualTo(suspended.path("suspendedUntil").asText());
        FaultDrills.Reply list = FaultDrills.get(stack, "/v1/notices", UMBRELLA_KEY);
        assertThat(list.status()).as("reads still work").isEqualTo(200);
        assertThat(list.body().path("notices")).as("nothing stored").hasSize(2);

        CLOCK.set(Instant.parse(suspended.path("suspendedUntil").asText()).plusSeconds(1));
        assertThat(FaultDrills.call(stack, "POST", "/v1/notices", UMBRELLA_KEY,
                notice("tm-umbrella", List.of(more.get(1))).toString(), null).status()).isEqualTo(202);
        stack.runSchedulesNow();
        assertThat(rightholder("umbrella").path("auditTrail")).extracting(e -> e.path("kind").asText())
                .startsWith("WARNED", "SUSPENDED", "SUSPENSION_ENDED");
    }

    @Test
    @Order(4)
    void trustedIsLostWhenTheRecordNoLongerMeetsTheBar() throws Exception {
        CLOCK.advance(Duration.ofDays(91));
        stack.runSchedulesNow();
        JsonNode acme = rightholder("acme");
        assertThat(acme.path("record").path("decided").asLong()).as("nothing left in the window").isZero();
        assertThat(acme.path("tier").asText()).isEqualTo("STANDARD");
        assertThat(acme.path("trustedLockoutUntil").isTextual()).isTrue();
        assertThat(acme.path("auditTrail")).extracting(e -> e.path("kind").asText())
                .containsExactly("TIER_SET", "TRUSTED_LOST");
        assertThat(acme.path("auditTrail").get(1).path("actor").asText()).as("granted by staff, lost by the rules")
                .isEqualTo("AUTO");
        assertThat(acme.path("trustedEligibility").path("missing").toString()).contains("not eligible before");
        assertThat(ownTrust(ACME_KEY).path("missing")).as("what acme reads").isEqualTo(acme.path("trustedEligibility")
                .path("missing"));
    }

    @Test
    @Order(5)
    void strikesExpireAfter365DaysAndTheSellerIsInGoodStandingAgain() throws Exception {
        CLOCK.advance(Duration.ofDays(365));
        stack.runSchedulesNow();
        JsonNode repeat = seller("seller-repeat");
        assertThat(repeat.path("standing").asText()).isEqualTo("GOOD_STANDING");
        assertThat(repeat.path("strikes")).extracting(s -> s.path("state").asText())
                .containsOnly("EXPIRED", "VOIDED");
    }
}
