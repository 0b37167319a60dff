package dev.takedown.staff;

import static org.assertj.core.api.Assertions.assertThat;

import dev.takedown.aws.NotificationMessage;
import dev.takedown.core.decisions.DecisionRecorder;
import dev.takedown.core.model.ApiKey;
import dev.takedown.core.model.AuditEvent;
import dev.takedown.core.model.DecisionRule;
import dev.takedown.core.model.ItemReason;
import dev.takedown.core.model.ItemStatus;
import dev.takedown.core.model.Principal;
import dev.takedown.core.model.Seller;
import dev.takedown.core.redress.RedressFollowUp;
import dev.takedown.core.redress.RedressPolicy;
import dev.takedown.core.redress.RedressService;
import dev.takedown.core.staff.ComplaintStaffService;
import dev.takedown.core.staff.ReportStaffService;
import dev.takedown.core.staff.StaffService;
import dev.takedown.core.staff.TrustStaffService;
import dev.takedown.core.staff.WebhookStaffService;
import dev.takedown.core.testing.Fixtures;
import dev.takedown.core.testing.FormatSamples;
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
import dev.takedown.core.transparency.DsaExport;
import dev.takedown.core.trust.SellerStandings;
import dev.takedown.core.trust.TrustPolicy;
import dev.takedown.core.trust.TrustService;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Staff operation results exactly as published: the console and staff scripts read these documents, so their
 * fields, order and formatting change only on purpose. The notice is the sample whose last item waits for review.
 */
class StaffResultsTest {
    // Parts that several published strings share, each written once.
    private static final String ITEM_2_REJECTED =
            "{\"index\":2,\"url\":\"https://other-shop.example/item/77\",\"listingId\":null,"
                    + "\"status\":\"REJECTED\",\"reason\":\"OFF_PLATFORM\",\"duplicateOf\":null,"
                    + "\"duplicateOfNotice\":null,\"decidedBy\":\"AUTO\",\"decidedAt\":\"2026-11-28T15:30:00"
                    + ".000Z\",\"rule\":\"LISTING_URL\",\"note\":null}";
    private static final String ITEM_1_DUPLICATE =
            "{\"index\":1,\"url\":\"https://market.example/item/1002\",\"listingId\":\"1002\","
                    + "\"status\":\"DUPLICATE\",\"reason\":\"DUPLICATE\",\"duplicateOf\":3,"
                    + "\"duplicateOfNotice\":\"ntc_01kb4r2hq0z9y8x7w6v5t4s3r2\",\"decidedBy\":\"AUTO\","
                    + "\"decidedAt\":\"2026-11-28T15:31:07.250Z\",\"rule\":\"DUPLICATE_NOTICE\","
                    + "\"note\":null}";
    private static final String ITEM_3_REJECTED =
            "{\"index\":3,\"url\":\"https://market.example/item/1008\",\"listingId\":\"1008\","
                    + "\"status\":\"REJECTED\",\"reason\":\"NOT_INFRINGING\",\"duplicateOf\":null,"
                    + "\"duplicateOfNotice\":null,\"decidedBy\":\"staff-jane\","
                    + "\"decidedAt\":\"2026-11-28T15:42:00.000Z\",\"rule\":\"STAFF_DECISION\","
                    + "\"note\":\"Honest Tools' own drill; \\\"ACME\\\" only appears in a review quote.\"}";
    private static final String ITEM_0_ACTIONED =
            "{\"index\":0,\"url\":\"https://market.example/item/1001\",\"listingId\":\"1001\","
                    + "\"status\":\"ACTIONED\",\"reason\":null,\"duplicateOf\":null,"
                    + "\"duplicateOfNotice\":null,\"decidedBy\":\"AUTO\",\"decidedAt\":\"2026-11-28T15:31:07"
                    + ".250Z\",\"rule\":\"BRAND_MATCH\",\"note\":null,\"statement\":{\"restriction\":\"The l"
                    + "isting was removed from the marketplace and can no longer be bought.\","
                    + "\"listingId\":\"1001\",\"listingTitle\":\"ACME Rocket Skates\","
                    + "\"sellerId\":\"seller-fake\",\"noticeId\":\"ntc_01kb6s8mz0a1b2c3d4e5f6g7h8\","
                    + "\"itemIndex\":0,\"rightId\":\"tm-acme-us\",\"rightType\":\"TRADEMARK\","
                    + "\"registrationNumber\":\"US-1234567\",\"jurisdiction\":\"US\","
                    + "\"reasonCode\":\"COUNTERFEIT\",\"rightholderName\":\"Acme Brands Inc.\","
                    + "\"rightholderEmail\":\"legal@acme.example\",\"ground\":\"Offer of counterfeit goods b"
                    + "earing a registered trademark without the rightholder's consent. Reported by the righ"
                    + "tholder in a notice under the platform's IP policy (EU Digital Services Act Art. 16)."
                    + "\",\"automated\":true,\"decidedAt\":\"2026-11-28T15:31:07.250Z\","
                    + "\"howToContest\":\"Contest this decision within 6 months with your seller API key: a "
                    + "counter-notice, POST /v1/takedowns/ntc_01kb6s8mz0a1b2c3d4e5f6g7h8/0/counter-notice, or an "
                    + "internal complaint, POST /v1/takedowns/ntc_01kb6s8mz0a1b2c3d4e5f6g7h8/0/complaint. A person"
                    + " reviews every complaint (EU Digital Services Act Art. 20); you may "
                    + "also turn to an out-of-court dispute settlement body or a court.\"}}";
    private static final String ITEM_4_ACTIONED =
            "{\"index\":4,\"url\":\"https://market.example/item/1005\",\"listingId\":\"1005\","
                    + "\"status\":\"ACTIONED\",\"reason\":null,\"duplicateOf\":null,"
                    + "\"duplicateOfNotice\":null,\"decidedBy\":\"staff-jane\","
                    + "\"decidedAt\":\"2026-11-28T15:45:00.000Z\",\"rule\":\"STAFF_DECISION\","
                    + "\"note\":\"The anvil's box carries the ACME mark — counterfeit.\","
                    + "\"statement\":{\"restriction\":\"The listing was removed from the marketplace and can"
                    + " no longer be bought.\",\"listingId\":\"1005\",\"listingTitle\":\"Anvil,"
                    + " 50 kg \\\"as seen on TV\\\"\",\"sellerId\":\"seller-fake\","
                    + "\"noticeId\":\"ntc_01kb6s8mz0a1b2c3d4e5f6g7h8\",\"itemIndex\":4,"
                    + "\"rightId\":\"tm-acme-us\",\"rightType\":\"TRADEMARK\","
                    + "\"registrationNumber\":\"US-1234567\",\"jurisdiction\":\"US\","
                    + "\"reasonCode\":\"COUNTERFEIT\",\"rightholderName\":\"Acme Brands Inc.\","
                    + "\"rightholderEmail\":\"legal@acme.example\",\"ground\":\"Offer of counterfeit goods b"
                    + "earing a registered trademark without the rightholder's consent. Reported by the righ"
                    + "tholder in a notice under the platform's IP policy (EU Digital Services Act Art. 16)."
                    + "\",\"automated\":false,\"decidedAt\":\"2026-11-28T15:45:00.000Z\","
                    + "\"howToContest\":\"Contest this decision within 6 months with your seller API key: a "
                    + "counter-notice, POST /v1/takedowns/ntc_01kb6s8mz0a1b2c3d4e5f6g7h8/4/counter-notice, or an "
                    + "internal complaint, POST /v1/takedowns/ntc_01kb6s8mz0a1b2c3d4e5f6g7h8/4/complaint. A person"
                    + " reviews every complaint (EU Digital Services Act Art. 20); you may "
                    + "also turn to an out-of-court dispute settlement body or a court.\"}}";

    private static final String NOTICE_ID = FormatSamples.NOTICE_ID;
    private static final String GET_NOTICE = "{\"operation\":\"getNotice\",\"noticeId\":\"" + NOTICE_ID + "\"}";
    private static final String REVIEW_QUEUE = "{\"operation\":\"reviewQueue\",\"limit\":20}";
    private static final String DECIDE = "{\"operation\":\"decideItem\",\"noticeId\":\"" + NOTICE_ID + "\",\"index\":4,"
            + "\"decision\":\"ACTION\",\"staffId\":\"staff-jane\","
            + "\"note\":\"The anvil's box carries the ACME mark \u2014 counterfeit.\"}";

    private final InMemoryNoticeStore notices = new InMemoryNoticeStore();
    private final InMemoryListingStore listings = new InMemoryListingStore().with(FormatSamples.SKATES)
            .with(FormatSamples.ANVIL).with(FormatSamples.DRILL);
    private final InMemoryRightholderStore rightholders = new InMemoryRightholderStore().with(FormatSamples.ACME);
    private final InMemoryAuditLog audit = new InMemoryAuditLog();
    private final RecordingNotifications notifications = new RecordingNotifications();
    private final InMemoryTrustStore trustStore = new InMemoryTrustStore(rightholders);
    private final TrustService trust = new TrustService(trustStore, rightholders, notifications, TrustPolicy.DEFAULTS, new InMemoryFiguresStore());
    private final Clock clock = Clock.fixed(Instant.parse("2026-11-28T15:45:00.000Z"), ZoneOffset.UTC);
    private final InMemoryWebhookSecretStore secrets = new InMemoryWebhookSecretStore();
    private final InMemorySellerStore sellers = new InMemorySellerStore();
    private final InMemoryApiKeyStore apiKeys = new InMemoryApiKeyStore();
    private final StaffService staff = new StaffService(notices, new InMemoryRightStore(Fixtures.RIGHTS), rightholders,
            rightholders, sellers, apiKeys, new InMemoryUsagePlans(), secrets, listings, audit,
            new DecisionRecorder(notices, audit, notifications, trust), clock);
    private final TrustStaffService trustStaff = new TrustStaffService(trust,
            new SellerStandings(trustStore, listings, notifications, TrustPolicy.DEFAULTS, new InMemoryFiguresStore()), trustStore, rightholders, clock);
    private final WebhookStaffService webhookStaff = new WebhookStaffService(rightholders, sellers, sellers, secrets, clock);
    private final ComplaintStaffService complaints = new ComplaintStaffService(new RedressService(notices, listings,
            new InMemoryRightStore(Fixtures.RIGHTS), rightholders, trustStore,
            new DecisionRecorder(notices, audit, notifications, trust), new RedressFollowUp(notices, listings, trustStore,
                    audit, notifications, trust, new SellerStandings(trustStore, listings, notifications,
                    TrustPolicy.DEFAULTS, new InMemoryFiguresStore())), RedressPolicy.DEFAULTS, new InMemoryFiguresStore(), clock), notices);
    private final ReportStaffService reports = new ReportStaffService(new InMemoryFiguresStore(),
            new DsaExport(notices, trustStore, false));
    private final StaffHandler handler = new StaffReviewerHandler(staff, trustStaff, webhookStaff, complaints, reports);
    private final StaffHandler admin = new StaffAdminHandler(staff, trustStaff, webhookStaff, complaints, reports);

    /** The sample notice as the verifier and a first staff decision left it, with their audit trail. */
    @BeforeEach
    void itemFourWaitsForReview() {
        notices.saveNew(FormatSamples.notice(), FormatSamples.itemsAwaitingReview());
        Instant auto = FormatSamples.DECIDED_AT;
        audit.append(List.of(
                new AuditEvent(NOTICE_ID, 0, "AUTO", auto, ItemStatus.RECEIVED, ItemStatus.ACTIONED, null,
                        DecisionRule.BRAND_MATCH),
                new AuditEvent(NOTICE_ID, 1, "AUTO", auto, ItemStatus.RECEIVED, ItemStatus.DUPLICATE,
                        ItemReason.DUPLICATE, DecisionRule.DUPLICATE_NOTICE),
                new AuditEvent(NOTICE_ID, 3, "AUTO", auto, ItemStatus.RECEIVED, ItemStatus.NEEDS_REVIEW,
                        ItemReason.BRAND_MISMATCH, DecisionRule.BRAND_MATCH),
                new AuditEvent(NOTICE_ID, 4, "AUTO", auto, ItemStatus.RECEIVED, ItemStatus.NEEDS_REVIEW,
                        ItemReason.BRAND_MISMATCH, DecisionRule.BRAND_MATCH),
                new AuditEvent(NOTICE_ID, 3, "staff-jane", FormatSamples.STAFF_DECIDED_AT, ItemStatus.NEEDS_REVIEW,
                        ItemStatus.REJECTED, ItemReason.NOT_INFRINGING, DecisionRule.STAFF_DECISION)));
    }

    @Test
    void reviewQueueListsTheItemWaiting() throws Exception {
        assertThat(invoke(REVIEW_QUEUE)).isEqualTo(
                "{\"items\":[{\"index\":4,\"url\":\"https://market.example/item/1005\","
                        + "\"listingId\":\"1005\",\"status\":\"NEEDS_REVIEW\",\"reason\":\"BRAND_MISMATCH\","
                        + "\"duplicateOf\":null,\"duplicateOfNotice\":null,\"decidedBy\":\"AUTO\","
                        + "\"decidedAt\":\"2026-11-28T15:31:07.250Z\",\"rule\":\"BRAND_MATCH\",\"note\":null,"
                        + "\"noticeId\":\"ntc_01kb6s8mz0a1b2c3d4e5f6g7h8\",\"reviewFirst\":false}],"
                        + "\"nextCursor\":null}");
    }

    @Test
    void getNoticeShowsEveryItemWithItsStatementAndTheAuditTrail() throws Exception {
        assertThat(invoke(GET_NOTICE)).isEqualTo(
                "{\"notice\":{\"id\":\"ntc_01kb6s8mz0a1b2c3d4e5f6g7h8\",\"rightholderId\":\"acme\","
                        + "\"rightId\":\"tm-acme-us\",\"reason\":\"COUNTERFEIT\",\"explanation\":\"Counterfeit A"
                        + "CME goods — the \\\"ACME\\\" logo is misprinted; vendu à 29,90 €.\","
                        + "\"status\":\"IN_PROGRESS\",\"receivedAt\":\"2026-11-28T15:30:00.000Z\","
                        + "\"itemCount\":5,\"openItemCount\":1,\"outcome\":null,\"completedAt\":null,"
                        + "\"signature\":\"Jane Doe\",\"sender\":{\"name\":\"Jane Doe\","
                        + "\"email\":\"legal@acme.example\"},\"evidence\":[{\"url\":\"https://evidence.acme.exam"
                        + "ple/shots/1001.png\",\"sha256\":\"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15"
                        + "d6c15b0f00a08\",\"kind\":\"SCREENSHOT\"}]},\"items\":["
                        + ITEM_0_ACTIONED
                        + ","
                        + ITEM_1_DUPLICATE
                        + ","
                        + ITEM_2_REJECTED
                        + ","
                        + ITEM_3_REJECTED
                        + ",{\"index\":4,\"url\":\"https://market.example/item/1005\",\"listingId\":\"1005\","
                        + "\"status\":\"NEEDS_REVIEW\",\"reason\":\"BRAND_MISMATCH\",\"duplicateOf\":null,"
                        + "\"duplicateOfNotice\":null,\"decidedBy\":\"AUTO\",\"decidedAt\":\"2026-11-28T15:31:07"
                        + ".250Z\",\"rule\":\"BRAND_MATCH\",\"note\":null}],\"auditTrail\":[{\"itemIndex\":0,"
                        + "\"actor\":\"AUTO\",\"at\":\"2026-11-28T15:31:07.250Z\",\"from\":\"RECEIVED\","
                        + "\"to\":\"ACTIONED\",\"reason\":null,\"rule\":\"BRAND_MATCH\"},{\"itemIndex\":1,"
                        + "\"actor\":\"AUTO\",\"at\":\"2026-11-28T15:31:07.250Z\",\"from\":\"RECEIVED\","
                        + "\"to\":\"DUPLICATE\",\"reason\":\"DUPLICATE\",\"rule\":\"DUPLICATE_NOTICE\"},"
                        + "{\"itemIndex\":3,\"actor\":\"AUTO\",\"at\":\"2026-11-28T15:31:07.250Z\","
                        + "\"from\":\"RECEIVED\",\"to\":\"NEEDS_REVIEW\",\"reason\":\"BRAND_MISMATCH\","
                        + "\"rule\":\"BRAND_MATCH\"},{\"itemIndex\":4,\"actor\":\"AUTO\","
                        + "\"at\":\"2026-11-28T15:31:07.250Z\",\"from\":\"RECEIVED\",\"to\":\"NEEDS_REVIEW\","
                        + "\"reason\":\"BRAND_MISMATCH\",\"rule\":\"BRAND_MATCH\"},{\"itemIndex\":3,"
                        + "\"actor\":\"staff-jane\",\"at\":\"2026-11-28T15:42:00.000Z\","
                        + "\"from\":\"NEEDS_REVIEW\",\"to\":\"REJECTED\",\"reason\":\"NOT_INFRINGING\","
                        + "\"rule\":\"STAFF_DECISION\"}]}");
    }

    private static final String DECIDED =
            "{\"noticeId\":\"ntc_01kb6s8mz0a1b2c3d4e5f6g7h8\",\"noticeStatus\":\"COMPLETED\","
                    + "\"outcome\":\"PARTIAL\",\"item\":"
                    + ITEM_4_ACTIONED
                    + "}";

    /** The answer, the events queued for rightholder and seller, and everything staff read afterwards. */
    @Test
    void decideItemAnswersTheDecisionAndEverythingFollowsFromIt() throws Exception {
        assertThat(invoke(DECIDE)).isEqualTo(DECIDED);
        assertThat(notifications.published).extracting(NotificationMessage::write).containsExactly(
                "{\"id\":\"msg_acc0f4fdb488e1a7f34009fa68f2cc3f\",\"type\":\"items.decided\","
                        + "\"noticeId\":\"ntc_01kb6s8mz0a1b2c3d4e5f6g7h8\",\"items\":[4],"
                        + "\"occurredAt\":\"2026-11-28T15:45:00.000Z\",\"data\":{"
                        + "\"noticeId\":\"ntc_01kb6s8mz0a1b2c3d4e5f6g7h8\",\"items\":[{\"index\":4,"
                        + "\"listingId\":\"1005\",\"url\":\"https://market.example/item/1005\","
                        + "\"status\":\"ACTIONED\",\"reason\":null,\"decidedBy\":\"STAFF\","
                        + "\"decidedAt\":\"2026-11-28T15:45:00.000Z\"}]}}",
                "{\"id\":\"msg_31344cdc74227a7dca6242473f42e739\",\"type\":\"listing.restricted\","
                        + "\"noticeId\":\"ntc_01kb6s8mz0a1b2c3d4e5f6g7h8\",\"items\":[4],"
                        + "\"occurredAt\":\"2026-11-28T15:45:00.000Z\",\"sellerId\":\"seller-fake\",\"data\":{"
                        + "\"sellerId\":\"seller-fake\",\"noticeId\":\"ntc_01kb6s8mz0a1b2c3d4e5f6g7h8\","
                        + "\"listings\":[{\"listingId\":\"1005\",\"listingTitle\":\"Anvil, 50 kg \\\"as seen on "
                        + "TV\\\"\",\"itemIndex\":4,\"rightId\":\"tm-acme-us\",\"rightType\":\"TRADEMARK\","
                        + "\"registrationNumber\":\"US-1234567\",\"jurisdiction\":\"US\","
                        + "\"reasonCode\":\"COUNTERFEIT\",\"rightholderName\":\"Acme Brands Inc.\","
                        + "\"rightholderEmail\":\"legal@acme.example\",\"automated\":false,"
                        + "\"decidedAt\":\"2026-11-28T15:45:00.000Z\"}]}}",
                "{\"id\":\"msg_602cef7ce2f8b1811ec13d7feaa2d134\",\"type\":\"notice.completed\","
                        + "\"noticeId\":\"ntc_01kb6s8mz0a1b2c3d4e5f6g7h8\",\"items\":[],"
                        + "\"occurredAt\":\"2026-11-28T15:45:00.000Z\"}");
        assertThat(invoke(DECIDE)).as("the same request again answers the same").isEqualTo(DECIDED);

        assertThat(invoke(GET_NOTICE)).isEqualTo(
                "{\"notice\":{\"id\":\"ntc_01kb6s8mz0a1b2c3d4e5f6g7h8\",\"rightholderId\":\"acme\","
                        + "\"rightId\":\"tm-acme-us\",\"reason\":\"COUNTERFEIT\",\"explanation\":\"Counterfeit A"
                        + "CME goods — the \\\"ACME\\\" logo is misprinted; vendu à 29,90 €.\","
                        + "\"status\":\"COMPLETED\",\"receivedAt\":\"2026-11-28T15:30:00.000Z\",\"itemCount\":5,"
                        + "\"openItemCount\":0,\"outcome\":\"PARTIAL\",\"completedAt\":\"2026-11-28T15:45:00.000"
                        + "Z\",\"signature\":\"Jane Doe\",\"sender\":{\"name\":\"Jane Doe\","
                        + "\"email\":\"legal@acme.example\"},\"evidence\":[{\"url\":\"https://evidence.acme.exam"
                        + "ple/shots/1001.png\",\"sha256\":\"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15"
                        + "d6c15b0f00a08\",\"kind\":\"SCREENSHOT\"}]},\"items\":["
                        + ITEM_0_ACTIONED
                        + ","
                        + ITEM_1_DUPLICATE
                        + ","
                        + ITEM_2_REJECTED
                        + ","
                        + ITEM_3_REJECTED
                        + ","
                        + ITEM_4_ACTIONED
                        + "],\"auditTrail\":[{\"itemIndex\":0,\"actor\":\"AUTO\",\"at\":\"2026-11-28T15:31:07.25"
                        + "0Z\",\"from\":\"RECEIVED\",\"to\":\"ACTIONED\",\"reason\":null,"
                        + "\"rule\":\"BRAND_MATCH\"},{\"itemIndex\":1,\"actor\":\"AUTO\","
                        + "\"at\":\"2026-11-28T15:31:07.250Z\",\"from\":\"RECEIVED\",\"to\":\"DUPLICATE\","
                        + "\"reason\":\"DUPLICATE\",\"rule\":\"DUPLICATE_NOTICE\"},{\"itemIndex\":3,"
                        + "\"actor\":\"AUTO\",\"at\":\"2026-11-28T15:31:07.250Z\",\"from\":\"RECEIVED\","
                        + "\"to\":\"NEEDS_REVIEW\",\"reason\":\"BRAND_MISMATCH\",\"rule\":\"BRAND_MATCH\"},"
                        + "{\"itemIndex\":4,\"actor\":\"AUTO\",\"at\":\"2026-11-28T15:31:07.250Z\","
                        + "\"from\":\"RECEIVED\",\"to\":\"NEEDS_REVIEW\",\"reason\":\"BRAND_MISMATCH\","
                        + "\"rule\":\"BRAND_MATCH\"},{\"itemIndex\":3,\"actor\":\"staff-jane\","
                        + "\"at\":\"2026-11-28T15:42:00.000Z\",\"from\":\"NEEDS_REVIEW\",\"to\":\"REJECTED\","
                        + "\"reason\":\"NOT_INFRINGING\",\"rule\":\"STAFF_DECISION\"},{\"itemIndex\":4,"
                        + "\"actor\":\"staff-jane\",\"at\":\"2026-11-28T15:45:00.000Z\","
                        + "\"from\":\"NEEDS_REVIEW\",\"to\":\"ACTIONED\",\"reason\":null,"
                        + "\"rule\":\"STAFF_DECISION\"}]}");
        assertThat(invoke(REVIEW_QUEUE)).isEqualTo(
                "{\"items\":[],\"nextCursor\":null}");
        assertThat(invoke("{\"operation\":\"getSeller\",\"sellerId\":\"seller-fake\"}")).isEqualTo(
                "{\"sellerId\":\"seller-fake\",\"standing\":\"GOOD_STANDING\",\"standingSince\":null,"
                        + "\"reinstatedAt\":null,\"establishedStrikes\":0,\"apiKeys\":[],\"strikes\":[{"
                        + "\"strikeId\":\"2026-11-28/acme\",\"rightholderId\":\"acme\",\"day\":\"2026-11-28\","
                        + "\"copyright\":false,\"state\":\"PENDING\",\"establishesAt\":\"2026-12-14T00:00:00.000Z\","
                        + "\"expiresAt\":\"2027-11-28T00:00:00.000Z\",\"items\":["
                        + "\"ntc_01kb6s8mz0a1b2c3d4e5f6g7h8#4\"]}],\"auditTrail\":[]}");
        assertThat(invoke("{\"operation\":\"getRightholder\",\"rightholderId\":\"acme\"}")).isEqualTo(
                "{\"rightholderId\":\"acme\",\"name\":\"Acme Brands Inc.\",\"tier\":\"STANDARD\","
                        + "\"tierSince\":null,\"tierSetBy\":null,\"tierSetByStaff\":false,"
                        + "\"trustedLockoutUntil\":null,\"warnedAt\":null,\"suspendedUntil\":null,"
                        + "\"active\":true,\"deactivated\":null,\"apiKeys\":[],\"record\":{"
                        + "\"from\":\"2026-08-31\",\"to\":\"2026-11-28\",\"decided\":1,\"actioned\":1,"
                        + "\"unfounded\":0,\"reversed\":0,\"confirmed\":1},\"trustedEligibility\":{"
                        + "\"eligible\":false,\"decisionsThatStand\":1,\"confirmed\":1,\"rejected\":0,"
                        + "\"reversed\":0,\"missing\":[\"49 more decisions that stand (takedowns confirmed by staff"
                        + " or past their dispute window, rejections, reversals): 1 of 50\"]},\"auditTrail\":[]}");
    }

    @Test
    void decidingAnItemDecidedAlreadyIsAConflictResult() throws Exception {
        assertThat(invoke("{\"operation\":\"decideItem\",\"noticeId\":\"" + NOTICE_ID + "\",\"index\":3,"
                + "\"decision\":\"REJECT\",\"reasonCode\":\"INSUFFICIENT_EVIDENCE\",\"staffId\":\"staff-joe\"}"))
                .isEqualTo(
                        "{\"error\":{\"type\":\"Conflict\",\"message\":\"Item 3 is REJECTED, not "
                                + "NEEDS_REVIEW: there is nothing left to decide.\",\"errors\":[{"
                                + "\"field\":\"index\",\"message\":\"Item 3 is REJECTED, not NEEDS_REVIEW: there is "
                                + "nothing left to decide.\"}]}}");
    }

    @Test
    void registeringAndRotatingShowTheNewSecretOnceAndNothingElseShowsIt() throws Exception {
        String registered = invoke(admin, "{\"operation\":\"registerRightholder\",\"id\":\"initech\",\"name\":\"Initech LLC\","
                + "\"email\":\"ip@initech.example\",\"staffId\":\"staff-jane\"}");
        assertThat(masked(registered)).isEqualTo("{\"rightholderId\":\"initech\",\"name\":\"Initech LLC\","
                + "\"email\":\"ip@initech.example\",\"callbackUrl\":null,\"apiKey\":\"tdk_…\","
                + "\"apiKeyExpiresAt\":null,\"webhookSecret\":\"whsec_…\"}");
        String seller = invoke(admin, "{\"operation\":\"registerSeller\",\"sellerId\":\"seller-gadgets\","
                + "\"name\":\"Gadget Barn\",\"callbackUrl\":\"https://hooks.gadgetbarn.example/m\","
                + "\"staffId\":\"staff-jane\"}");
        assertThat(masked(seller)).isEqualTo("{\"sellerId\":\"seller-gadgets\",\"name\":\"Gadget Barn\","
                + "\"callbackUrl\":\"https://hooks.gadgetbarn.example/m\",\"webhookSecret\":\"whsec_…\"}");
        String rotated = invoke(admin, "{\"operation\":\"rotateWebhookSecret\",\"sellerId\":\"seller-gadgets\","
                + "\"overlapHours\":48,\"staffId\":\"staff-jane\"}");
        assertThat(masked(rotated)).isEqualTo("{\"sellerId\":\"seller-gadgets\",\"webhookSecret\":\"whsec_…\","
                + "\"previousValidUntil\":\"2026-11-30T15:45:00.000Z\"}");
        assertThat(masked(invoke(admin, "{\"operation\":\"rotateWebhookSecret\",\"rightholderId\":\"initech\","
                + "\"staffId\":\"staff-jane\"}"))).isEqualTo("{\"rightholderId\":\"initech\","
                + "\"webhookSecret\":\"whsec_…\",\"previousValidUntil\":\"2026-11-29T15:45:00.000Z\"}");

        assertThat(invoke("{\"operation\":\"getRightholder\",\"rightholderId\":\"initech\"}")
                + invoke("{\"operation\":\"getSeller\",\"sellerId\":\"seller-gadgets\"}")).doesNotContain("whsec_");
    }

    /** The result with each new secret and key, once checked for its form, shown as its prefix. */
    private static String masked(String result) {
        return result.replaceAll("\"whsec_[A-Za-z0-9+/]{32}\"", "\"whsec_…\"")
                .replaceAll("\"tdk_[A-Za-z0-9_-]{43}\"", "\"tdk_…\"");
    }

    /** A rightholder whose key expires, deactivated: what staff read, and what the admin's changes answer. */
    @Test
    void aRightholdersAccessAndKeysShowWithoutTheKeys() throws Exception {
        apiKeys.issue(ApiKey.issued("tdk_AbCdefghijklmnopqrstuvwxyz0123456789-_ABCDE", Principal.rightholder("acme"),
                Instant.parse("2026-11-01T09:00:00Z"), "staff-joe", Instant.parse("2027-11-01T09:00:00Z")));
        apiKeys.issue(ApiKey.issued("tdk_ZyXwefghijklmnopqrstuvwxyz0123456789-_ABCDE", Principal.rightholder("acme"),
                Instant.parse("2025-11-01T09:00:00Z"), null, Instant.parse("2026-11-01T09:00:00Z")));
        String deactivated = invoke(admin, "{\"operation\":\"deactivateRightholder\",\"rightholderId\":\"acme\","
                + "\"staffId\":\"staff-jane\",\"reason\":\"Mandate ended.\"}");
        assertThat(deactivated).isEqualTo(
                "{\"rightholderId\":\"acme\",\"name\":\"Acme Brands Inc.\",\"tier\":\"STANDARD\","
                        + "\"tierSince\":null,\"tierSetBy\":null,\"tierSetByStaff\":false,"
                        + "\"trustedLockoutUntil\":null,\"warnedAt\":null,\"suspendedUntil\":null,"
                        + "\"active\":false,\"deactivated\":{\"at\":\"2026-11-28T15:45:00.000Z\","
                        + "\"by\":\"staff-jane\",\"reason\":\"Mandate ended.\"},\"apiKeys\":["
                        + "{\"keyPrefix\":\"tdk_ZyXw\",\"issuedAt\":\"2025-11-01T09:00:00.000Z\",\"issuedBy\":null,"
                        + "\"expiresAt\":\"2026-11-01T09:00:00.000Z\",\"expired\":true},"
                        + "{\"keyPrefix\":\"tdk_AbCd\",\"issuedAt\":\"2026-11-01T09:00:00.000Z\","
                        + "\"issuedBy\":\"staff-joe\",\"expiresAt\":\"2027-11-01T09:00:00.000Z\",\"expired\":false}],"
                        + "\"record\":{\"from\":\"2026-08-31\",\"to\":\"2026-11-28\",\"decided\":0,\"actioned\":0,"
                        + "\"unfounded\":0,\"reversed\":0,\"confirmed\":0},\"trustedEligibility\":{\"eligible\":false,"
                        + "\"decisionsThatStand\":0,\"confirmed\":0,\"rejected\":0,\"reversed\":0,\"missing\":[\"50 more "
                        + "decisions that stand (takedowns confirmed by staff or past their dispute window, rejections, "
                        + "reversals): 0 of 50\"]},\"auditTrail\":[]}");
        assertThat(invoke("{\"operation\":\"getRightholder\",\"rightholderId\":\"acme\"}")).isEqualTo(deactivated);
        assertThat(invoke(admin, "{\"operation\":\"revokeApiKey\",\"rightholderId\":\"acme\",\"staffId\":\"staff-jane\","
                + "\"reason\":\"Mandate ended.\"}")).isEqualTo("{\"rightholderId\":\"acme\",\"revokedKeys\":2}");
    }

    /** A seller's key: shown once, as a rightholder's rotation shows one, then only by its prefix; an unknown seller is named. */
    @Test
    void issuingAndRevokingASellersKeyAnswerAsARightholdersRotationAndRevocationDo() throws Exception {
        sellers.with(new Seller("seller-fake", "Cheap Deals 4U", null));
        String event = "{\"operation\":\"issueSellerKey\",\"sellerId\":\"seller-fake\",\"staffId\":\"staff-jane\","
                + "\"expiresAt\":\"2027-06-30T00:00:00Z\"}";
        assertThat(masked(invoke(admin, event))).isEqualTo("{\"sellerId\":\"seller-fake\",\"apiKey\":\"tdk_…\","
                + "\"apiKeyExpiresAt\":\"2027-06-30T00:00:00.000Z\",\"revokedKeys\":0}");
        assertThat(masked(invoke(admin, event))).isEqualTo("{\"sellerId\":\"seller-fake\",\"apiKey\":\"tdk_…\","
                + "\"apiKeyExpiresAt\":\"2027-06-30T00:00:00.000Z\",\"revokedKeys\":1}");
        String seller = invoke("{\"operation\":\"getSeller\",\"sellerId\":\"seller-fake\"}");
        assertThat(seller).isEqualTo("{\"sellerId\":\"seller-fake\",\"standing\":\"GOOD_STANDING\",\"standingSince\":null,"
                + "\"reinstatedAt\":null,\"establishedStrikes\":0,\"apiKeys\":[{\"keyPrefix\":\"" + seller.substring(
                seller.indexOf("tdk_"), seller.indexOf("tdk_") + 8) + "\",\"issuedAt\":\"2026-11-28T15:45:00.000Z\","
                + "\"issuedBy\":\"staff-jane\",\"expiresAt\":\"2027-06-30T00:00:00.000Z\",\"expired\":false}],"
                + "\"strikes\":[],\"auditTrail\":[]}");
        assertThat(invoke(admin, "{\"operation\":\"revokeSellerKey\",\"sellerId\":\"seller-fake\","
                + "\"staffId\":\"staff-jane\",\"reason\":\"Key stolen.\"}"))
                .isEqualTo("{\"sellerId\":\"seller-fake\",\"revokedKeys\":1}");
        assertThat(invoke("{\"operation\":\"getSeller\",\"sellerId\":\"seller-fake\"}")).contains("\"apiKeys\":[],");
        assertThat(invoke(admin, "{\"operation\":\"issueSellerKey\",\"sellerId\":\"seller-nobody\","
                + "\"staffId\":\"staff-jane\"}")).isEqualTo("{\"error\":{\"type\":\"NotFound\","
                + "\"message\":\"No seller seller-nobody exists.\",\"errors\":[{\"field\":\"sellerId\","
                + "\"message\":\"No seller seller-nobody exists.\"}]}}");
    }

    /** A rate plan set names the principal by the field the request used; a bad event names every bad field. */
    @Test
    void settingARatePlanAnswersThePrincipalAndItsPlan() throws Exception {
        sellers.with(new Seller("seller-fake", "Cheap Deals 4U", null));
        assertThat(invoke(admin, "{\"operation\":\"setRatePlan\",\"rightholderId\":\"acme\",\"plan\":\"HIGH_VOLUME\","
                + "\"staffId\":\"staff-jane\",\"reason\":\"Volume contract.\"}"))
                .isEqualTo("{\"rightholderId\":\"acme\",\"plan\":\"HIGH_VOLUME\"}");
        assertThat(invoke(admin, "{\"operation\":\"setRatePlan\",\"sellerId\":\"seller-fake\",\"plan\":\"STANDARD\","
                + "\"staffId\":\"staff-jane\",\"reason\":\"Back to normal.\"}"))
                .isEqualTo("{\"sellerId\":\"seller-fake\",\"plan\":\"STANDARD\"}");
        assertThat(invoke(admin, "{\"operation\":\"setRatePlan\",\"plan\":\"UNLIMITED\",\"staffId\":\"staff-jane\","
                + "\"reason\":\"x\"}")).startsWith("{\"error\":{\"type\":\"InvalidRequest\",")
                .contains("{\"field\":\"rightholderId\",\"message\":\"give rightholderId or sellerId, exactly one of them\"}",
                        "{\"field\":\"plan\",");
    }

    @Test
    void anOperationSentToTheOtherFunctionIsAWrongFunctionResultNamingTheRightOne() throws Exception {
        assertThat(invoke("{\"operation\":\"setTier\"}")).isEqualTo(
                "{\"error\":{\"type\":\"WrongFunction\",\"message\":\"setTier is an admin operation: invoke "
                        + "StaffAdminFunction (stack output StaffAdminFunctionName), not StaffReviewerFunction.\","
                        + "\"errors\":[{\"field\":\"operation\",\"message\":\"invoke StaffAdminFunction\"}]}}");
        assertThat(invoke(admin, REVIEW_QUEUE)).isEqualTo(
                "{\"error\":{\"type\":\"WrongFunction\",\"message\":\"reviewQueue is a reviewer operation: invoke "
                        + "StaffReviewerFunction (stack output StaffReviewerFunctionName), not StaffAdminFunction.\","
                        + "\"errors\":[{\"field\":\"operation\",\"message\":\"invoke StaffReviewerFunction\"}]}}");
    }

    private String invoke(String event) throws Exception {
        return invoke(handler, event);
    }

    private static String invoke(StaffHandler function, String event) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        function.handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out, null);
        return out.toString(StandardCharsets.UTF_8);
    }
}
