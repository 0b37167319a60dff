package dev.takedown.staff;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.takedown.core.decisions.DecisionRecorder;
import dev.takedown.core.json.Json;
import dev.takedown.core.model.DecisionRule;
import dev.takedown.core.model.DeliveryAttempt.Target;
import dev.takedown.core.model.EventType;
import dev.takedown.core.model.Figures;
import dev.takedown.core.model.ItemStatus;
import dev.takedown.core.model.Listing;
import dev.takedown.core.model.ListingStatus;
import dev.takedown.core.model.Notice;
import dev.takedown.core.model.NoticeItem;
import dev.takedown.core.model.NoticeReason;
import dev.takedown.core.model.NoticeStatus;
import dev.takedown.core.model.Principal;
import dev.takedown.core.model.Progress;
import dev.takedown.core.model.Rightholder;
import dev.takedown.core.model.Seller;
import dev.takedown.core.model.Sender;
import dev.takedown.core.model.TrustCounts;
import dev.takedown.core.model.WebhookSecrets;
import dev.takedown.core.redress.RedressFollowUp;
import dev.takedown.core.redress.RedressPolicy;
import dev.takedown.core.redress.RedressRequests;
import dev.takedown.core.redress.RedressService;
import dev.takedown.core.staff.ComplaintStaffService;
import dev.takedown.core.staff.ReportStaffService;
import dev.takedown.core.staff.StaffRequests.Operation;
import dev.takedown.core.staff.StaffRequests.Role;
import dev.takedown.core.staff.StaffService;
import dev.takedown.core.staff.TrustStaffService;
import dev.takedown.core.staff.WebhookStaffService;
import dev.takedown.core.testing.Events;
import dev.takedown.core.testing.Fixtures;
import dev.takedown.core.testing.InMemoryApiKeyStore;
import dev.takedown.core.testing.InMemoryAuditLog;
import dev.takedown.core.testing.InMemoryFiguresStore;
import dev.takedown.core.testing.InMemoryListingStore;
import dev.takedown.core.testing.InMemoryNoticeStore;
import dev.takedown.core.testing.InMemoryRightStore;
import dev.takedown.core.testing.InMemoryRightholderStore;
import dev.takedown.core.testing.InMemorySellerStore;
import dev.takedown.core.testing.InMemoryTrustStore;
import dev.takedown.core.testing.InMemoryUsagePlans;
import dev.takedown.core.testing.InMemoryWebhookSecretStore;
import dev.takedown.core.testing.RecordingNotifications;
import dev.takedown.core.text.Hashing;
import dev.takedown.core.transparency.DsaExport;
import dev.takedown.core.transparency.DsaSchema;
import dev.takedown.core.trust.SellerStandings;
import dev.takedown.core.trust.TrustPolicy;
import dev.takedown.core.trust.TrustService;
import dev.takedown.core.verify.VerificationService;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every sample event in events/staff-*.json, run through the function its operation belongs to against the
 * in-memory stores.
 */
class StaffHandlerTest {
    private final InMemoryFiguresStore figures = new InMemoryFiguresStore();
    private final InMemoryNoticeStore notices = new InMemoryNoticeStore();
    private final InMemoryListingStore listings = new InMemoryListingStore()
            .with(new Listing("1001", "seller-fake", "ACME Rocket Skates", "ACME", ListingStatus.ACTIVE))
            .with(new Listing("1008", "seller-honest", "Cordless drill, 18 V", "Honest Tools", ListingStatus.ACTIVE));
    private final InMemoryRightStore rights = new InMemoryRightStore(Fixtures.RIGHTS);
    private final InMemoryRightholderStore rightholders = new InMemoryRightholderStore()
            .with(new Rightholder("acme", "Acme Brands Inc.", "legal@acme.example", null));
    private final InMemoryApiKeyStore apiKeys = new InMemoryApiKeyStore();
    private final InMemorySellerStore sellers = new InMemorySellerStore();
    private final InMemoryWebhookSecretStore secrets = new InMemoryWebhookSecretStore()
            .with(Target.RIGHTHOLDER, "acme", WebhookSecrets.of("whsec_37q6Uz0ldqdToYxVSveHPT04dVDAVGHV"));
    private final InMemoryAuditLog audit = new InMemoryAuditLog();
    private final RecordingNotifications notifications = new RecordingNotifications();
    private final InMemoryTrustStore trustStore = new InMemoryTrustStore(rightholders);
    private final TrustService trust = new TrustService(trustStore, rightholders, notifications, TrustPolicy.DEFAULTS, new InMemoryFiguresStore());
    private final DecisionRecorder recorder = new DecisionRecorder(notices, audit, notifications, trust);
    private final Clock staffClock = Clock.offset(Fixtures.clock(), Duration.ofMinutes(10));
    private final StaffService staffService = new StaffService(notices, rights, rightholders, rightholders, sellers,
            apiKeys, new InMemoryUsagePlans(), secrets, listings, audit, recorder, staffClock);
    private final TrustStaffService trustStaffService = new TrustStaffService(trust,
            new SellerStandings(trustStore, listings, notifications, TrustPolicy.DEFAULTS, new InMemoryFiguresStore()), trustStore, rightholders,
            staffClock);
    private final WebhookStaffService webhookStaffService = new WebhookStaffService(rightholders, sellers, sellers,
            secrets, staffClock);
    private final RedressService redress = new RedressService(notices, listings, rights, rightholders, trustStore,
            recorder, new RedressFollowUp(notices, listings, trustStore, audit, notifications, trust,
                    new SellerStandings(trustStore, listings, notifications, TrustPolicy.DEFAULTS, new InMemoryFiguresStore())),
            RedressPolicy.DEFAULTS, figures, staffClock);
    private final ComplaintStaffService complaints = new ComplaintStaffService(redress, notices);
    private final ReportStaffService reports = new ReportStaffService(figures, new DsaExport(notices, trustStore, false));
    private final StaffHandler reviewer = new StaffReviewerHandler(staffService, trustStaffService, webhookStaffService,
            complaints, reports);
    private final StaffHandler admin = new StaffAdminHandler(staffService, trustStaffService, webhookStaffService,
            complaints, reports);
    private String noticeId;

    /** The notice the sample events name: 1001 actioned by the verifier, 1008 waiting for review. */
    @BeforeEach
    void aNoticeWaitsForReview() throws Exception {
        noticeId = Json.parse(Events.load("staff-decide-item.json")).path("noticeId").asText();
        notices.saveNew(new Notice(noticeId, "acme", "tm-acme-us", NoticeReason.COUNTERFEIT, "Counterfeit ACME goods.",
                new Sender("Jane Doe", "legal@acme.example"), "Jane Doe", List.of(), NoticeStatus.RECEIVED, Fixtures.NOW,
                2, Progress.start(2), null, null, false), List.of(NoticeItem.open(0, null, "1001"), NoticeItem.open(1, null, "1008")));
        new VerificationService(notices, rights, rightholders, listings, recorder, Fixtures.clock())
                .verify(noticeId, List.of(0, 1));
    }

    /** Through the function that serves the event's operation (the reviewer's for events naming none). */
    private JsonNode invoke(String event) throws Exception {
        String operation = event.strip().startsWith("{") && event.strip().endsWith("}")
                ? Json.parse(event).path("operation").asText() : "";
        boolean isAdmin = Arrays.stream(Operation.values())
                .anyMatch(o -> o.name().equals(operation) && o.role() == Role.ADMIN);
        return invoke(isAdmin ? admin : reviewer, event);
    }

    private static JsonNode invoke(StaffHandler handler, String event) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out, null);
        return Json.parse(out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void everySampleEventIsServedByItsOperationsFunctionOnlyAndTheOtherNamesIt() throws Exception {
        List<Path> samples;
        try (var files = Files.list(Events.projectRoot().resolve("events"))) {
            samples = files.filter(f -> f.getFileName().toString().startsWith("staff-")).sorted().toList();
        }
        assertThat(samples).hasSize(Operation.values().length);
        Set<Operation> covered = EnumSet.noneOf(Operation.class);
        for (Path sample : samples) {
            String event = Files.readString(sample);
            Operation operation = Operation.valueOf(Json.parse(event).path("operation").asText());
            covered.add(operation);
            StaffHandler wrong = operation.role() == Role.ADMIN ? reviewer : admin;
            String right = operation.role() == Role.ADMIN ? "StaffAdminFunction" : "StaffReviewerFunction";

            var keysBefore = apiKeys.hashes();
            JsonNode refused = invoke(wrong, event).path("error");
            assertThat(apiKeys.hashes()).as("refused: nothing changed").isEqualTo(keysBefore);
            assertThat(refused.path("type").asText()).as(sample.toString()).isEqualTo("WrongFunction");
            assertThat(refused.path("message").asText()).contains(operation.name(), "invoke " + right,
                    "stack output " + right + "Name");
            assertThat(refused.path("errors").get(0).path("field").asText()).isEqualTo("operation");
            assertThat(invoke(event).path("error").path("type").asText()).as(sample.toString())
                    .isNotIn("WrongFunction", "InvalidRequest", "UnknownOperation");
        }
        assertThat(covered).as("a sample per operation").containsExactlyInAnyOrder(Operation.values());
    }

    @Test
    void theRevokeApiKeyEventRevokesEveryKeyOfTheRightholder() throws Exception {
        invoke(Events.load("staff-rotate-api-key.json"));
        JsonNode result = invoke(Events.load("staff-revoke-api-key.json"));
        assertThat(result.path("rightholderId").asText()).isEqualTo("acme");
        assertThat(result.path("revokedKeys").asInt()).isEqualTo(1);
        assertThat(apiKeys.hashes()).isEmpty();
    }

    @Test
    void theSellerKeyEventsIssueAKeyForTheSellerAndRevokeIt() throws Exception {
        sellers.with(new Seller("seller-fake", "Cheap Deals 4U", null));
        JsonNode issued = invoke(Events.load("staff-issue-seller-key.json"));
        assertThat(issued.path("sellerId").asText()).as(issued.toString()).isEqualTo("seller-fake");
        assertThat(apiKeys.hashes().get(Hashing.sha256Hex(issued.path("apiKey").asText())).principal())
                .isEqualTo(Principal.seller("seller-fake"));

        JsonNode revoked = invoke(Events.load("staff-revoke-seller-key.json"));
        assertThat(revoked.path("revokedKeys").asInt()).isEqualTo(1);
        assertThat(apiKeys.hashes()).isEmpty();
    }

    @Test
    void theDeactivateAndReactivateEventsShowInGetRightholder() throws Exception {
        JsonNode rotated = invoke(Events.load("staff-rotate-api-key.json"));
        JsonNode deactivated = invoke(Events.load("staff-deactivate-rightholder.json"));
        assertThat(deactivated.path("active").asBoolean()).isFalse();
        assertThat(deactivated.path("deactivated").path("by").asText()).isEqualTo("staff-jane");
        assertThat(deactivated.path("deactivated").path("reason").asText()).startsWith("Agency mandate ended");
        JsonNode read = invoke(Events.load("staff-get-rightholder.json"));
        assertThat(read.path("active").asBoolean()).isFalse();
        assertThat(read.path("apiKeys")).singleElement().satisfies(key -> {
            assertThat(key.path("keyPrefix").asText()).isEqualTo(rotated.path("apiKey").asText().substring(0, 8));
            assertThat(key.path("expiresAt").asText()).isEqualTo(rotated.path("apiKeyExpiresAt").asText());
            assertThat(key.path("expired").asBoolean()).isFalse();
        });
        assertThat(read.toString()).doesNotContain(rotated.path("apiKey").asText(),
                Hashing.sha256Hex(rotated.path("apiKey").asText()));

        assertThat(invoke(Events.load("staff-reactivate-rightholder.json")).path("active").asBoolean()).isTrue();
        assertThat(invoke(Events.load("staff-reactivate-rightholder.json")).path("error").path("type").asText())
                .isEqualTo("Conflict");
    }

    @Test
    void theComplaintEventsListTheSellersComplaintAndDecideIt() throws Exception {
        redress.fileSellerComplaint("seller-fake", noticeId, 0,
                RedressRequests.complaint("{\"explanation\": \"I bought these from an ACME distributor.\"}"));

        JsonNode queue = invoke(Events.load("staff-complaint-queue.json"));
        assertThat(queue.path("items")).singleElement().satisfies(item -> {
            assertThat(item.path("noticeId").asText()).isEqualTo(noticeId);
            assertThat(item.path("complaints").get(0).path("from").asText()).isEqualTo("SELLER");
        });
        JsonNode decided = invoke(Events.load("staff-decide-complaint.json"));
        assertThat(decided.path("item").path("status").asText()).as(decided.toString()).isEqualTo("ACTIONED");
        assertThat(decided.path("item").path("complaints").get(0).path("decision").path("decidedBy").asText())
                .isEqualTo("staff-jane");
        assertThat(invoke(Events.load("staff-complaint-queue.json")).path("items")).isEmpty();
        assertThat(invoke(Events.load("staff-decide-complaint.json").replace("UPHOLD", "REVERSE")).path("error")
                .path("type").asText()).as("decided already").isEqualTo("Conflict");
    }

    @Test
    void theReviewQueueEventListsTheItemWaiting() throws Exception {
        JsonNode result = invoke(Events.load("staff-review-queue.json"));
        assertThat(result.path("items")).singleElement().satisfies(item -> {
            assertThat(item.path("noticeId").asText()).isEqualTo(noticeId);
            assertThat(item.path("index").asInt()).isEqualTo(1);
            assertThat(item.path("reason").asText()).isEqualTo("BRAND_MISMATCH");
        });
        assertThat(result.path("nextCursor").isNull()).isTrue();
    }

    @Test
    void theDecideItemEventTakesTheListingDownAndAReplayAnswersTheSame() throws Exception {
        JsonNode result = invoke(Events.load("staff-decide-item.json"));
        assertThat(result.path("noticeStatus").asText()).isEqualTo("COMPLETED");
        assertThat(result.path("outcome").asText()).isEqualTo("ALL");
        assertThat(result.path("item").path("status").asText()).isEqualTo("ACTIONED");
        assertThat(result.path("item").path("decidedBy").asText()).isEqualTo("staff-jane");
        assertThat(result.path("item").path("statement").path("automated").asBoolean()).isFalse();
        assertThat(listings.removedBy("1008")).isEqualTo(noticeId + "#1");

        assertThat(invoke(Events.load("staff-decide-item.json"))).isEqualTo(result);
    }

    @Test
    void theSetRightStatusEventVerifiesTheRight() throws Exception {
        JsonNode result = invoke(Events.load("staff-set-right-status.json"));
        assertThat(result.path("rightId").asText()).isEqualTo("tm-acme-eu");
        assertThat(result.path("status").asText()).isEqualTo("VERIFIED");
    }

    @Test
    void theRegisterRightholderEventReturnsTheKeyAndSecretOnce() throws Exception {
        JsonNode result = invoke(Events.load("staff-register-rightholder.json"));
        assertThat(result.path("rightholderId").asText()).isEqualTo("initech");
        assertThat(result.path("apiKey").asText()).startsWith("tdk_");
        assertThat(result.path("webhookSecret").asText()).startsWith("whsec_");

        JsonNode again = invoke(Events.load("staff-register-rightholder.json"));
        assertThat(again.path("error").path("type").asText()).isEqualTo("Conflict");
        assertThat(again.path("error").path("errors").get(0).path("field").asText()).isEqualTo("id");
    }

    @Test
    void theRegisterSellerEventReturnsTheSellersOwnSecretOnce() throws Exception {
        JsonNode result = invoke(Events.load("staff-register-seller.json"));
        assertThat(result.path("sellerId").asText()).isEqualTo("seller-gadgets");
        assertThat(result.path("callbackUrl").asText()).isEqualTo("https://hooks.gadgetbarn.example/marketplace");
        assertThat(secrets.find(Target.SELLER, "seller-gadgets"))
                .contains(WebhookSecrets.of(result.path("webhookSecret").asText()));

        JsonNode again = invoke(Events.load("staff-register-seller.json"));
        assertThat(again.path("error").path("type").asText()).isEqualTo("Conflict");
        assertThat(again.toString()).doesNotContain("whsec_");
    }

    @Test
    void noSecretReachesTheLogs() throws Exception {
        PrintStream stdout = System.out;
        ByteArrayOutputStream logged = new ByteArrayOutputStream();
        System.setOut(new PrintStream(logged, true, StandardCharsets.UTF_8));
        try {
            invoke(Events.load("staff-register-rightholder.json"));
            invoke(Events.load("staff-register-seller.json"));
            invoke(Events.load("staff-rotate-webhook-secret.json"));
            invoke(Events.load("staff-register-seller.json"));
        } finally {
            System.setOut(stdout);
        }
        assertThat(logged.toString(StandardCharsets.UTF_8)).contains("webhook secret rotated by staff")
                .doesNotContain("whsec_");
    }

    @Test
    void theRotateWebhookSecretEventReturnsTheNewSecretAndTheEndOfTheOverlap() throws Exception {
        JsonNode result = invoke(Events.load("staff-rotate-webhook-secret.json"));
        String secret = result.path("webhookSecret").asText();
        assertThat(result.path("rightholderId").asText()).isEqualTo("acme");
        assertThat(result.path("previousValidUntil").asText()).isEqualTo("2026-11-29T15:40:00.000Z");
        assertThat(secrets.find(Target.RIGHTHOLDER, "acme").orElseThrow().signingAt(Fixtures.NOW))
                .containsExactly(secret, "whsec_37q6Uz0ldqdToYxVSveHPT04dVDAVGHV");
        assertThat(invoke(Events.load("staff-get-rightholder.json")).toString()).doesNotContain("whsec_");
    }

    @Test
    void theRotateApiKeyEventIssuesANewKey() throws Exception {
        JsonNode result = invoke(Events.load("staff-rotate-api-key.json"));
        assertThat(result.path("rightholderId").asText()).isEqualTo("acme");
        assertThat(result.path("apiKey").asText()).startsWith("tdk_");
        assertThat(result.path("apiKeyExpiresAt").asText()).as("a year after the staff clock")
                .isEqualTo("2027-11-28T15:40:00.000Z");
        assertThat(apiKeys.hashes()).hasSize(1);
    }

    @Test
    void theGetNoticeEventShowsItemsAndTheAuditTrail() throws Exception {
        invoke(Events.load("staff-decide-item.json"));
        JsonNode result = invoke(Events.load("staff-get-notice.json"));
        assertThat(result.path("notice").path("id").asText()).isEqualTo(noticeId);
        assertThat(result.path("notice").path("rightholderId").asText()).isEqualTo("acme");
        assertThat(result.path("items")).extracting(i -> i.path("status").asText()).containsExactly("ACTIONED", "ACTIONED");
        assertThat(result.path("items").get(1).path("note").asText()).contains("counterfeit ACME battery pack");
        assertThat(result.path("auditTrail")).extracting(e -> e.path("actor").asText())
                .containsExactly("AUTO", "AUTO", "staff-jane");
    }

    @Test
    void theTransparencyReportEventSumsThePeriodsFiguresAsJsonOrCsv() throws Exception {
        String actioned = Figures.itemDecided(Figures.DecidedBy.AUTOMATED, ItemStatus.ACTIONED, DecisionRule.BRAND_MATCH);
        figures.add("acme", LocalDate.parse("2026-11-01"), Figures.builder().count(Figures.NOTICES_RECEIVED)
                .add(actioned, 2).build());
        figures.add("acme", LocalDate.parse("2026-11-30"), Figures.builder().count(Figures.NOTICES_RECEIVED).build());
        figures.add("acme", LocalDate.parse("2026-12-01"), Figures.builder().count(Figures.NOTICES_RECEIVED).build());

        JsonNode report = invoke(Events.load("staff-transparency-report.json"));
        assertThat(report.path("from").asText()).isEqualTo("2026-11-01");
        assertThat(report.path("to").asText()).isEqualTo("2026-11-30");
        assertThat(report.path("notices").path("received").asLong()).isEqualTo(2);
        assertThat(report.path("dsa").path("art15_1_b_actionsTaken").asLong()).isEqualTo(2);

        JsonNode csv = invoke("{\"operation\": \"transparencyReport\", \"from\": \"2026-12-01\", \"to\": \"2026-12-01\","
                + " \"format\": \"csv\"}");
        assertThat(csv.path("format").asText()).isEqualTo("csv");
        assertThat(csv.path("csv").asText()).startsWith("section,figure,value\r\n").contains("notices,received,1\r\n");

        JsonNode backwards = invoke("{\"operation\": \"transparencyReport\", \"from\": \"2026-12-01\", \"to\": \"2026-11-01\"}");
        assertThat(backwards.path("error").path("type").asText()).isEqualTo("InvalidRequest");
        assertThat(backwards.path("error").path("errors").get(0).path("field").asText()).isEqualTo("to");
        JsonNode tooLong = invoke("{\"operation\": \"transparencyReport\", \"from\": \"2025-01-01\", \"to\": \"2026-02-30\"}");
        assertThat(tooLong.path("error").path("errors").findValuesAsText("field")).containsExactly("to");
    }

    @Test
    void theStatementsOfReasonsEventGivesTheDatabasesRecordOfEachTakedownPageByPage() throws Exception {
        JsonNode page = invoke(Events.load("staff-statements-of-reasons.json"));

        assertThat(page.path("error").isMissingNode()).as(page.toString()).isTrue();
        assertThat(page.path("statements")).hasSize(1);
        JsonNode record = page.path("statements").get(0);
        assertThat(DsaSchema.violations(record)).isEmpty();
        assertThat(record.path("puid").asText()).isEqualTo("takedown-" + noticeId + "-0");
        assertThat(record.path("decision_visibility").get(0).asText()).isEqualTo("DECISION_VISIBILITY_CONTENT_REMOVED");
        assertThat(record.path("source_type").asText()).isEqualTo("SOURCE_ARTICLE_16");
        assertThat(record.path("automated_decision").asText()).isEqualTo("AUTOMATED_DECISION_FULLY");
        assertThat(record.path("application_date").asText()).isEqualTo("2026-11-28");
        assertThat(page.path("nextCursor").isNull()).isTrue();

        // Staff take the item waiting for review down too: two records, one a page.
        invoke(Events.load("staff-decide-item.json"));
        JsonNode first = invoke("{\"operation\": \"statementsOfReasons\", \"from\": \"2026-11-28\", \"to\": \"2026-11-28\","
                + " \"limit\": 1}");
        JsonNode second = invoke("{\"operation\": \"statementsOfReasons\", \"from\": \"2026-11-28\", \"to\": \"2026-11-28\","
                + " \"limit\": 1, \"cursor\": \"" + first.path("nextCursor").asText() + "\"}");
        assertThat(List.of(first, second)).flatExtracting(p -> p.path("statements").findValuesAsText("puid"))
                .containsExactly("takedown-" + noticeId + "-0", "takedown-" + noticeId + "-1");
        assertThat(second.path("statements").get(0).path("automated_decision").asText())
                .isEqualTo("AUTOMATED_DECISION_NOT_AUTOMATED");
        assertThat(DsaSchema.violations(second.path("statements").get(0))).isEmpty();
        assertThat(second.path("nextCursor").isNull()).as(second.toString()).isTrue();

        JsonNode otherDays = invoke("{\"operation\": \"statementsOfReasons\", \"from\": \"2026-11-29\", \"to\": \"2026-12-31\"}");
        assertThat(otherDays.path("statements")).isEmpty();
        JsonNode badCursor = invoke("{\"operation\": \"statementsOfReasons\", \"from\": \"2026-11-01\", \"to\": \"2026-11-30\","
                + " \"cursor\": \"x.nonsense\"}");
        assertThat(badCursor.path("error").path("errors").findValuesAsText("field")).containsExactly("cursor");
        JsonNode tooLong = invoke("{\"operation\": \"statementsOfReasons\", \"from\": \"2025-01-01\", \"to\": \"2026-11-30\"}");
        assertThat(tooLong.path("error").path("errors").findValuesAsText("field")).containsExactly("to");
    }

    @Test
    void anUnknownOperationOrABadEventIsAnErrorResultNamingIt() throws Exception {
        JsonNode unknown = invoke("{\"operation\": \"dropTables\"}");
        assertThat(unknown.path("error").path("type").asText()).isEqualTo("UnknownOperation");
        assertThat(unknown.path("error").path("message").asText()).contains("dropTables");
        assertThat(unknown.path("error").path("errors").get(0).path("field").asText()).isEqualTo("operation");

        JsonNode notJson = invoke("{\"operation\": ");
        assertThat(notJson.path("error").path("type").asText()).isEqualTo("InvalidRequest");

        JsonNode bad = invoke("{\"operation\": \"decideItem\", \"index\": 1, \"decision\": \"ACTION\"}");
        assertThat(bad.path("error").path("errors")).extracting(e -> e.path("field").asText())
                .containsExactlyInAnyOrder("noticeId", "staffId");
        assertThat(listings.removedBy("1008")).isNull();
    }

    @Test
    void theGetRightholderEventShowsTierRecordAndTrail() throws Exception {
        JsonNode result = invoke(Events.load("staff-get-rightholder.json"));
        assertThat(result.path("rightholderId").asText()).isEqualTo("acme");
        assertThat(result.path("tier").asText()).isEqualTo("STANDARD");
        assertThat(result.path("record").path("decided").asLong()).as("1001 actioned by the verifier").isEqualTo(1);
        assertThat(result.path("record").path("actioned").asLong()).isEqualTo(1);
        assertThat(result.path("auditTrail").isArray()).isTrue();
    }

    @Test
    void theSetTierEventGrantsTrustedToAnEligibleRightholderWithStaffIdAndReasonAndTellsIt() throws Exception {
        JsonNode refused = invoke(Events.load("staff-set-tier.json"));
        assertThat(refused.path("error").path("type").asText()).isEqualTo("Conflict");
        assertThat(refused.path("error").path("errors").get(0).path("field").asText()).isEqualTo("tier");
        assertThat(refused.path("error").path("message").asText()).contains("not eligible for TRUSTED");
        assertThat(notifications.ofType(EventType.RIGHTHOLDER_TIER_CHANGED)).isEmpty();

        trustStore.addCounts("acme", LocalDate.ofInstant(staffClock.instant(), ZoneOffset.UTC).minusDays(1),
                new TrustCounts(50, 50, 0, 0, 50));
        JsonNode result = invoke(Events.load("staff-set-tier.json"));
        assertThat(result.path("trustedEligibility").path("eligible").asBoolean()).isTrue();
        assertThat(result.path("tier").asText()).isEqualTo("TRUSTED");
        assertThat(result.path("tierSetBy").asText()).isEqualTo("staff-jane");
        assertThat(result.path("tierSetByStaff").asBoolean()).isTrue();
        assertThat(result.path("auditTrail")).singleElement().satisfies(e -> {
            assertThat(e.path("kind").asText()).isEqualTo("TIER_SET");
            assertThat(e.path("actor").asText()).isEqualTo("staff-jane");
            assertThat(e.path("reason").asText()).contains("Brand protection programme");
        });
        assertThat(notifications.ofType(EventType.RIGHTHOLDER_TIER_CHANGED)).hasSize(1);
    }

    @Test
    void theLiftSuspensionEventIsRefusedForARightholderThatIsNotSuspended() throws Exception {
        JsonNode result = invoke(Events.load("staff-lift-suspension.json"));
        assertThat(result.path("error").path("type").asText()).isEqualTo("Conflict");
        assertThat(result.path("error").path("message").asText()).contains("not SUSPENDED");
    }

    @Test
    void theGetSellerEventShowsTheStrikeWithItsState() throws Exception {
        JsonNode result = invoke(Events.load("staff-get-seller.json"));
        assertThat(result.path("standing").asText()).isEqualTo("GOOD_STANDING");
        assertThat(result.path("strikes")).singleElement().satisfies(strike -> {
            assertThat(strike.path("strikeId").asText()).isEqualTo("2026-11-28/acme");
            assertThat(strike.path("state").asText()).as("its dispute window is open").isEqualTo("PENDING");
            assertThat(strike.path("items")).extracting(JsonNode::asText).containsExactly(noticeId + "#0");
        });
    }

    @Test
    void theVoidStrikeEventVoidsItOnceAndNeedsAReason() throws Exception {
        JsonNode result = invoke(Events.load("staff-void-strike.json"));
        assertThat(result.path("strikes").get(0).path("state").asText()).isEqualTo("VOIDED");
        assertThat(result.path("strikes").get(0).path("voided").path("by").asText()).isEqualTo("staff-jane");
        assertThat(result.path("auditTrail")).extracting(e -> e.path("kind").asText()).contains("STRIKE_VOIDED");
        assertThat(invoke(Events.load("staff-void-strike.json")).path("error").path("type").asText()).isEqualTo("Conflict");

        JsonNode noReason = invoke(Events.load("staff-void-strike.json").replace("\"reason\"", "\"ignored\""));
        assertThat(noReason.path("error").path("type").asText()).isEqualTo("InvalidRequest");
    }

    @Test
    void theReinstateSellerEventIsRefusedForASellerThatIsNotSuspended() throws Exception {
        JsonNode result = invoke(Events.load("staff-reinstate-seller.json"));
        assertThat(result.path("error").path("type").asText()).isEqualTo("Conflict");
        assertThat(result.path("error").path("message").asText()).contains("GOOD_STANDING");
    }

    /** A cursor no page handed out is the request's fault, for either queue: answered, not a failed invocation. */
    @Test
    void aCursorNoPageHandedOutIsRefusedByBothQueues() throws Exception {
        for (String operation : List.of("reviewQueue", "complaintQueue")) {
            JsonNode result = invoke("{\"operation\": \"" + operation + "\", \"cursor\": \"forged\"}");
            assertThat(result.path("error").path("type").asText()).as(operation).isEqualTo("InvalidRequest");
            assertThat(result.path("error").path("errors").get(0).path("field").asText()).isEqualTo("cursor");
        }
    }
}
