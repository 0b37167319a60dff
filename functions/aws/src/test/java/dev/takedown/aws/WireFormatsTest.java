package dev.takedown.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.takedown.aws.testing.RecordingSqs;
import dev.takedown.core.events.Notifications;
import dev.takedown.core.events.WebhookBodies;
import dev.takedown.core.model.EventType;
import dev.takedown.core.model.Listing;
import dev.takedown.core.model.ListingStatus;
import dev.takedown.core.model.NoticeItem;
import dev.takedown.core.model.NotificationEvent;
import dev.takedown.core.model.RightholderTrust;
import dev.takedown.core.model.Tier;
import dev.takedown.core.model.TrustChange;
import dev.takedown.core.model.TrustCounts;
import dev.takedown.core.testing.Fixtures;
import dev.takedown.core.testing.FormatSamples;
import dev.takedown.core.testing.InMemoryFiguresStore;
import dev.takedown.core.testing.InMemoryListingStore;
import dev.takedown.core.testing.InMemoryRightholderStore;
import dev.takedown.core.testing.InMemoryTrustStore;
import dev.takedown.core.testing.RecordingNotifications;
import dev.takedown.core.trust.SellerStandings;
import dev.takedown.core.trust.TrustPolicy;
import dev.takedown.core.trust.TrustService;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Queued messages and webhook bodies are exactly as published. Receivers de-duplicate on the event id, verify the
 * signature over the body as sent and may compare bodies as text; a message queued by one release is read by the
 * next. So these strings are the published formats, compared whole, and change only on purpose.
 */
class WireFormatsTest {
    // Parts that several published strings share, each written once.
    private static final String RIGHTHOLDER_WARNED_DATA =
            "{\"rightholderId\":\"acme\",\"warnedAt\":\"2026-11-20T06:00:00.000Z\","
                    + "\"suspensionDueAt\":\"2026-11-27T06:00:00.000Z\",\"reason\":\"more than 50% of decide"
                    + "d items unfounded; suspended in 7 days if still so\",\"record\":{\"windowDays\":90,"
                    + "\"decided\":24,\"actioned\":9,\"unfounded\":15,\"reversed\":1,\"confirmed\":8}}";
    private static final String RIGHTHOLDER_SUSPENSION_LIFTED_DATA =
            "{\"rightholderId\":\"acme\",\"from\":\"SUSPENDED\",\"to\":\"STANDARD\","
                    + "\"changedAt\":\"2026-11-28T10:15:00.000Z\",\"changedBy\":\"STAFF\","
                    + "\"reason\":\"Appeal upheld: the \\\"unfounded\\\" notices named resold genuine goods."
                    + "\",\"suspendedUntil\":null,\"record\":{\"windowDays\":90,\"decided\":24,"
                    + "\"actioned\":9,\"unfounded\":15,\"reversed\":1,\"confirmed\":8}}";
    private static final String RIGHTHOLDER_SUSPENDED_DATA =
            "{\"rightholderId\":\"acme\",\"from\":\"STANDARD\",\"to\":\"SUSPENDED\","
                    + "\"changedAt\":\"2026-11-27T06:00:00.000Z\",\"changedBy\":\"AUTO\","
                    + "\"reason\":\"still over the abuse bar 7 days after the warning: more than 50% of deci"
                    + "ded items unfounded\",\"suspendedUntil\":\"2026-12-27T06:00:00.000Z\","
                    + "\"record\":{\"windowDays\":90,\"decided\":24,\"actioned\":9,\"unfounded\":15,"
                    + "\"reversed\":1,\"confirmed\":8}}";
    private static final String ITEMS_DECIDED_DATA =
            "{\"noticeId\":\"ntc_01kb6s8mz0a1b2c3d4e5f6g7h8\",\"items\":[{\"index\":0,"
                    + "\"listingId\":\"1001\",\"url\":\"https://market.example/item/1001\","
                    + "\"status\":\"ACTIONED\",\"reason\":null,\"decidedBy\":\"AUTO\","
                    + "\"decidedAt\":\"2026-11-28T15:31:07.250Z\"},{\"index\":1,\"listingId\":\"1002\","
                    + "\"url\":\"https://market.example/item/1002\",\"status\":\"DUPLICATE\","
                    + "\"reason\":\"DUPLICATE\",\"decidedBy\":\"AUTO\",\"decidedAt\":\"2026-11-28T15:31:07.2"
                    + "50Z\",\"duplicateOf\":3,\"duplicateOfNotice\":\"ntc_01kb4r2hq0z9y8x7w6v5t4s3r2\"},"
                    + "{\"index\":2,\"listingId\":null,\"url\":\"https://other-shop.example/item/77\","
                    + "\"status\":\"REJECTED\",\"reason\":\"OFF_PLATFORM\",\"decidedBy\":\"AUTO\","
                    + "\"decidedAt\":\"2026-11-28T15:30:00.000Z\"},{\"index\":3,\"listingId\":\"1008\","
                    + "\"url\":\"https://market.example/item/1008\",\"status\":\"REJECTED\","
                    + "\"reason\":\"NOT_INFRINGING\",\"decidedBy\":\"STAFF\","
                    + "\"decidedAt\":\"2026-11-28T15:42:00.000Z\"}]}";
    private static final String SELLER_SUSPENDED_DATA =
            "{\"sellerId\":\"seller-fake\",\"from\":\"GOOD_STANDING\",\"to\":\"SUSPENDED\","
                    + "\"changedAt\":\"2026-11-28T15:30:00.000Z\",\"establishedStrikes\":5,"
                    + "\"listingsRemoved\":[\"1001\",\"1005\"],\"listingsRestored\":[],"
                    + "\"statementOfReasons\":{\"restriction\":\"The seller account is suspended: every acti"
                    + "ve listing (2) was removed and no listing can be bought.\","
                    + "\"ground\":\"Repeat infringement: 5 established strikes within 365 days,"
                    + " at or over the suspension threshold of 5 (the platform's repeat-infringer policy,"
                    + " 17 U.S.C. 512(i)).\",\"facts\":\"Each strike is the takedowns of one rightholder's n"
                    + "otices on one day whose dispute window closed without a successful counter-notice.\","
                    + "\"automated\":true,\"decidedAt\":\"2026-11-28T15:30:00.000Z\","
                    + "\"howToContest\":\"Contest the suspension or any strike by an internal complaint with"
                    + "in 6 months; a person reviews every complaint (EU Digital Services Act Art. 20),"
                    + " and a voided strike no longer counts. You may also turn to an out-of-court dispute s"
                    + "ettlement body or a court.\"}}";

    private static final String NOTICE_ID = FormatSamples.NOTICE_ID;
    private static final String NOTIFICATIONS_URL = "https://sqs.local/notifications";

    // --- Events about the notice, as the deciding functions make them.

    private static final String NOTICE_RECEIVED_MESSAGE =
            "{\"id\":\"msg_8447f276c470091fcdc13c444e229bf9\",\"type\":\"notice.received\","
                    + "\"noticeId\":\"ntc_01kb6s8mz0a1b2c3d4e5f6g7h8\",\"items\":[],"
                    + "\"occurredAt\":\"2026-11-28T15:30:00.000Z\"}";
    private static final String NOTICE_RECEIVED_WEBHOOK =
            "{\"type\":\"notice.received\",\"timestamp\":\"2026-11-28T15:30:00.000Z\",\"data\":{"
                    + "\"noticeId\":\"ntc_01kb6s8mz0a1b2c3d4e5f6g7h8\",\"status\":\"IN_PROGRESS\","
                    + "\"receivedAt\":\"2026-11-28T15:30:00.000Z\",\"itemCount\":5,\"openItemCount\":1}}";

    @Test
    void noticeReceivedIsQueuedAndSentAsPublished() throws Exception {
        assertPublished(Notifications.noticeReceived(NOTICE_ID, FormatSamples.RECEIVED_AT),
                NOTICE_RECEIVED_MESSAGE, NOTICE_RECEIVED_WEBHOOK);
    }

    private static final String ITEMS_DECIDED_MESSAGE =
            "{\"id\":\"msg_8afc569d9d47f71770ae0725bf7e6df7\",\"type\":\"items.decided\","
                    + "\"noticeId\":\"ntc_01kb6s8mz0a1b2c3d4e5f6g7h8\",\"items\":[0,1,2,3],"
                    + "\"occurredAt\":\"2026-11-28T15:42:00.000Z\",\"data\":"
                    + ITEMS_DECIDED_DATA
                    + "}";
    private static final String ITEMS_DECIDED_WEBHOOK =
            "{\"type\":\"items.decided\",\"timestamp\":\"2026-11-28T15:42:00.000Z\",\"data\":"
                    + ITEMS_DECIDED_DATA
                    + "}";

    /** Every kind of decided item, given out of order: the event lists them by index. */
    @Test
    void itemsDecidedIsQueuedAndSentAsPublished() throws Exception {
        assertPublished(itemsDecided(), ITEMS_DECIDED_MESSAGE, ITEMS_DECIDED_WEBHOOK);
    }

    /** A duplicate of another rightholder's notice: which notice, and where in it, is not the recipient's to know. */
    @Test
    void itemsDecidedNamesNoOtherRightholdersNotice() throws Exception {
        NotificationEvent event = Notifications.itemsDecided(NOTICE_ID, List.of(FormatSamples.items().get(1)),
                Set.of(), FormatSamples.DECIDED_AT);
        NotificationEvent read = NotificationMessage.read(NotificationMessage.write(event));
        assertThat(WebhookBodies.body(read, FormatSamples.notice(), FormatSamples::completedItems)).isEqualTo(
                "{\"type\":\"items.decided\",\"timestamp\":\"2026-11-28T15:31:07.250Z\",\"data\":{"
                        + "\"noticeId\":\"ntc_01kb6s8mz0a1b2c3d4e5f6g7h8\",\"items\":[{\"index\":1,"
                        + "\"listingId\":\"1002\",\"url\":\"https://market.example/item/1002\","
                        + "\"status\":\"DUPLICATE\",\"reason\":\"DUPLICATE\",\"decidedBy\":\"AUTO\","
                        + "\"decidedAt\":\"2026-11-28T15:31:07.250Z\",\"subjectOfAnotherNotice\":true}]}}");
    }

    private static final String LISTING_RESTRICTED_MESSAGE =
            "{\"id\":\"msg_5d91875c0e5b88ccca039d03b5b5aec9\",\"type\":\"listing.restricted\","
                    + "\"noticeId\":\"ntc_01kb6s8mz0a1b2c3d4e5f6g7h8\",\"items\":[0],"
                    + "\"occurredAt\":\"2026-11-28T15:31:07.250Z\",\"sellerId\":\"seller-fake\",\"data\":{"
                    + "\"sellerId\":\"seller-fake\",\"noticeId\":\"ntc_01kb6s8mz0a1b2c3d4e5f6g7h8\",\"listings\":[{"
                    + "\"listingId\":\"1001\",\"listingTitle\":\"ACME Rocket Skates\",\"itemIndex\":0,"
                    + "\"rightId\":\"tm-acme-us\",\"rightType\":\"TRADEMARK\",\"registrationNumber\":\"US-1234567\","
                    + "\"jurisdiction\":\"US\",\"reasonCode\":\"COUNTERFEIT\",\"rightholderName\":\"Acme Brands "
                    + "Inc.\",\"rightholderEmail\":\"legal@acme.example\",\"automated\":true,"
                    + "\"decidedAt\":\"2026-11-28T15:31:07.250Z\"}]}}";
    /** The statement of reasons in full, worded again from the facts the message carries. */
    private static final String LISTING_RESTRICTED_WEBHOOK =
            "{\"type\":\"listing.restricted\",\"timestamp\":\"2026-11-28T15:31:07.250Z\",\"data\":{"
                    + "\"sellerId\":\"seller-fake\",\"noticeId\":\"ntc_01kb6s8mz0a1b2c3d4e5f6g7h8\",\"listings\":[{"
                    + "\"listingId\":\"1001\",\"statementOfReasons\":{\"restriction\":\"The listing was removed "
                    + "from the marketplace and can no longer be bought.\",\"listingId\":\"1001\","
                    + "\"listingTitle\":\"ACME Rocket Skates\",\"sellerId\":\"seller-fake\","
                    + "\"noticeId\":\"ntc_01kb6s8mz0a1b2c3d4e5f6g7h8\",\"itemIndex\":0,\"rightId\":\"tm-acme-us\","
                    + "\"rightType\":\"TRADEMARK\",\"registrationNumber\":\"US-1234567\",\"jurisdiction\":\"US\","
                    + "\"reasonCode\":\"COUNTERFEIT\",\"rightholderName\":\"Acme Brands Inc.\","
                    + "\"rightholderEmail\":\"legal@acme.example\",\"ground\":\"Offer of counterfeit goods bearing "
                    + "a registered trademark without the rightholder's consent. Reported by the rightholder in a "
                    + "notice under the platform's IP policy (EU Digital Services Act Art. 16).\","
                    + "\"automated\":true,\"decidedAt\":\"2026-11-28T15:31:07.250Z\",\"howToContest\":\"Contest "
                    + "this decision within 6 months with your seller API key: a counter-notice, POST /v1/takedowns/"
                    + "ntc_01kb6s8mz0a1b2c3d4e5f6g7h8/0/counter-notice, or an internal complaint, POST /v1/takedowns/"
                    + "ntc_01kb6s8mz0a1b2c3d4e5f6g7h8/0/complaint. A person reviews every complaint (EU Digital "
                    + "Services Act Art. 20); you may also turn to an out-of-court dispute settlement body or a "
                    + "court.\"}}]}}";

    @Test
    void listingRestrictedIsQueuedAndSentAsPublished() throws Exception {
        assertPublished(listingRestricted(), LISTING_RESTRICTED_MESSAGE, LISTING_RESTRICTED_WEBHOOK);
    }

    private static final String NOTICE_COMPLETED_MESSAGE =
            "{\"id\":\"msg_602cef7ce2f8b1811ec13d7feaa2d134\",\"type\":\"notice.completed\","
                    + "\"noticeId\":\"ntc_01kb6s8mz0a1b2c3d4e5f6g7h8\",\"items\":[],"
                    + "\"occurredAt\":\"2026-11-28T16:05:30.000Z\"}";
    private static final String NOTICE_COMPLETED_WEBHOOK =
            "{\"type\":\"notice.completed\",\"timestamp\":\"2026-11-28T16:05:30.000Z\",\"data\":{"
                    + "\"noticeId\":\"ntc_01kb6s8mz0a1b2c3d4e5f6g7h8\",\"status\":\"COMPLETED\","
                    + "\"outcome\":\"PARTIAL\",\"completedAt\":\"2026-11-28T16:05:30.000Z\",\"itemCount\":5,"
                    + "\"itemsByStatus\":{\"RECEIVED\":0,\"VERIFYING\":0,\"NEEDS_REVIEW\":0,\"ACTIONED\":1,"
                    + "\"REJECTED\":2,\"DUPLICATE\":1,\"NOT_FOUND\":1,\"ALREADY_REMOVED\":0,"
                    + "\"COUNTER_NOTICED\":0,\"RESTORED\":0,\"RETRACTED\":0,\"WITHDRAWN\":0}}}";

    @Test
    void noticeCompletedIsQueuedAndSentAsPublished() throws Exception {
        assertPublished(Notifications.noticeCompleted(NOTICE_ID, FormatSamples.COMPLETED_AT),
                NOTICE_COMPLETED_MESSAGE, NOTICE_COMPLETED_WEBHOOK);
    }

    // --- Events about the rightholder, as the trust service raises them.

    private static final String RIGHTHOLDER_WARNED_MESSAGE =
            "{\"id\":\"msg_07ecd8184c1ce32aa1afd22970e3ccf8\",\"type\":\"rightholder.warned\","
                    + "\"noticeId\":null,\"items\":[],\"occurredAt\":\"2026-11-20T06:00:00.000Z\","
                    + "\"rightholderId\":\"acme\",\"data\":"
                    + RIGHTHOLDER_WARNED_DATA
                    + "}";
    private static final String RIGHTHOLDER_WARNED_WEBHOOK =
            "{\"type\":\"rightholder.warned\",\"timestamp\":\"2026-11-20T06:00:00.000Z\",\"data\":"
                    + RIGHTHOLDER_WARNED_DATA
                    + "}";
    private static final String RIGHTHOLDER_SUSPENDED_MESSAGE =
            "{\"id\":\"msg_5b07f25696578f5cc9c6b17b77ac1559\",\"type\":\"rightholder.tier_changed"
                    + "\",\"noticeId\":null,\"items\":[],\"occurredAt\":\"2026-11-27T06:00:00.000Z\","
                    + "\"rightholderId\":\"acme\",\"data\":"
                    + RIGHTHOLDER_SUSPENDED_DATA
                    + "}";
    private static final String RIGHTHOLDER_SUSPENDED_WEBHOOK =
            "{\"type\":\"rightholder.tier_changed\",\"timestamp\":\"2026-11-27T06:00:00.000Z\","
                    + "\"data\":"
                    + RIGHTHOLDER_SUSPENDED_DATA
                    + "}";
    private static final String RIGHTHOLDER_SUSPENSION_LIFTED_MESSAGE =
            "{\"id\":\"msg_e9876a74225416661e90a5e7b9eb1a1a\",\"type\":\"rightholder.tier_changed"
                    + "\",\"noticeId\":null,\"items\":[],\"occurredAt\":\"2026-11-28T10:15:00.000Z\","
                    + "\"rightholderId\":\"acme\",\"data\":"
                    + RIGHTHOLDER_SUSPENSION_LIFTED_DATA
                    + "}";
    private static final String RIGHTHOLDER_SUSPENSION_LIFTED_WEBHOOK =
            "{\"type\":\"rightholder.tier_changed\",\"timestamp\":\"2026-11-28T10:15:00.000Z\","
                    + "\"data\":"
                    + RIGHTHOLDER_SUSPENSION_LIFTED_DATA
                    + "}";

    /** Warned and then suspended by the rules, the suspension lifted by staff: one event each. */
    @Test
    void rightholderWarnedAndTierChangedAreQueuedAndSentAsPublished() throws Exception {
        List<NotificationEvent> events = trustChanges();
        assertThat(events).hasSize(3);
        assertPublished(events.get(0), RIGHTHOLDER_WARNED_MESSAGE, RIGHTHOLDER_WARNED_WEBHOOK);
        assertPublished(events.get(1), RIGHTHOLDER_SUSPENDED_MESSAGE, RIGHTHOLDER_SUSPENDED_WEBHOOK);
        assertPublished(events.get(2), RIGHTHOLDER_SUSPENSION_LIFTED_MESSAGE, RIGHTHOLDER_SUSPENSION_LIFTED_WEBHOOK);
    }

    // --- Events about the seller, as its standing follows its strikes.

    private static final String SELLER_SUSPENDED_MESSAGE =
            "{\"id\":\"msg_a4aa1dcdd0fe06f15a10cf324594fb1b\",\"type\":\"seller.status_changed\","
                    + "\"noticeId\":null,\"items\":[],\"occurredAt\":\"2026-11-28T15:30:00.000Z\","
                    + "\"sellerId\":\"seller-fake\",\"data\":"
                    + SELLER_SUSPENDED_DATA
                    + "}";
    /** A suspension carries the statement of reasons the seller is owed. */
    private static final String SELLER_SUSPENDED_WEBHOOK =
            "{\"type\":\"seller.status_changed\",\"timestamp\":\"2026-11-28T15:30:00.000Z\","
                    + "\"data\":"
                    + SELLER_SUSPENDED_DATA
                    + "}";
    private static final String SELLER_REINSTATED_MESSAGE =
            "{\"id\":\"msg_809b5ca50992a84e9747fa94194a8400\",\"type\":\"seller.status_changed\","
                    + "\"noticeId\":null,\"items\":[],\"occurredAt\":\"2026-11-28T17:30:00.000Z\","
                    + "\"sellerId\":\"seller-fake\",\"data\":{\"sellerId\":\"seller-fake\",\"from\":\"SUSPENDED\","
                    + "\"to\":\"RESTRICTED\",\"changedAt\":\"2026-11-28T17:30:00.000Z\",\"establishedStrikes\":5,"
                    + "\"listingsRemoved\":[],\"listingsRestored\":[\"1001\",\"1005\"]}}";
    private static final String SELLER_REINSTATED_WEBHOOK =
            "{\"type\":\"seller.status_changed\",\"timestamp\":\"2026-11-28T17:30:00.000Z\",\"data\":{"
                    + "\"sellerId\":\"seller-fake\",\"from\":\"SUSPENDED\",\"to\":\"RESTRICTED\","
                    + "\"changedAt\":\"2026-11-28T17:30:00.000Z\",\"establishedStrikes\":5,\"listingsRemoved\":[],"
                    + "\"listingsRestored\":[\"1001\",\"1005\"]}}";

    /** Five established strikes suspend the seller; staff reinstate it and its listings come back. */
    @Test
    void sellerStatusChangedIsQueuedAndSentAsPublished() throws Exception {
        List<NotificationEvent> events = standingChanges();
        assertThat(events).hasSize(2);
        assertPublished(events.get(0), SELLER_SUSPENDED_MESSAGE, SELLER_SUSPENDED_WEBHOOK);
        assertPublished(events.get(1), SELLER_REINSTATED_MESSAGE, SELLER_REINSTATED_WEBHOOK);
    }

    // --- What the queues are sent.

    @Test
    void theNotificationQueueSendsEachEventAsItsMessage() {
        RecordingSqs sqs = new RecordingSqs();
        List<NotificationEvent> events = new ArrayList<>();
        events.add(Notifications.noticeReceived(NOTICE_ID, FormatSamples.RECEIVED_AT));
        events.add(itemsDecided());
        events.add(listingRestricted());
        events.add(Notifications.noticeCompleted(NOTICE_ID, FormatSamples.COMPLETED_AT));
        events.addAll(trustChanges());
        events.addAll(standingChanges());

        new SqsNotificationQueue(sqs, NOTIFICATIONS_URL).publish(events);

        assertThat(sqs.sent).containsExactlyElementsOf(Stream.of(NOTICE_RECEIVED_MESSAGE, ITEMS_DECIDED_MESSAGE,
                        LISTING_RESTRICTED_MESSAGE, NOTICE_COMPLETED_MESSAGE, RIGHTHOLDER_WARNED_MESSAGE,
                        RIGHTHOLDER_SUSPENDED_MESSAGE, RIGHTHOLDER_SUSPENSION_LIFTED_MESSAGE, SELLER_SUSPENDED_MESSAGE,
                        SELLER_REINSTATED_MESSAGE)
                .map(message -> NOTIFICATIONS_URL + " " + message).toList());
    }

    /** Three items to a message here; a TRUSTED rightholder's work goes to the priority queue. */
    @Test
    void verificationWorkIsQueuedAsPublished() {
        RecordingSqs sqs = new RecordingSqs();
        SqsVerificationQueue queue = new SqsVerificationQueue(sqs, "https://sqs.local/verification",
                "https://sqs.local/verification-priority", 3);

        queue.enqueue(NOTICE_ID, List.of(0, 1, 3, 4), false);
        queue.enqueue(NOTICE_ID, List.of(4), true);

        assertThat(sqs.sent).containsExactly(
                "https://sqs.local/verification {\"noticeId\":\"ntc_01kb6s8mz0a1b2c3d4e5f6g7h8\","
                        + "\"items\":[0,1,3]}",
                "https://sqs.local/verification {\"noticeId\":\"ntc_01kb6s8mz0a1b2c3d4e5f6g7h8\","
                        + "\"items\":[4]}",
                "https://sqs.local/verification-priority {\"noticeId\":\"ntc_01kb6s8mz0a1b2c3d4e5f6g7h8\","
                        + "\"items\":[4]}");
        assertThat(new VerificationMessage(NOTICE_ID, List.of(0, 1, 3)).write())
                .isEqualTo(
                        "{\"noticeId\":\"ntc_01kb6s8mz0a1b2c3d4e5f6g7h8\",\"items\":[0,1,3]}");
    }

    /**
     * The event as queued, and the webhook body the notifier sends for it after reading the message back;
     * {@code notice.*} bodies are rendered from the notice as stored.
     */
    private static void assertPublished(NotificationEvent event, String message, String webhook) throws Exception {
        String queued = NotificationMessage.write(event);
        assertThat(queued).isEqualTo(message);
        NotificationEvent read = NotificationMessage.read(queued);
        boolean completed = read.type() == EventType.NOTICE_COMPLETED;
        String body = WebhookBodies.body(read, completed ? FormatSamples.completedNotice() : FormatSamples.notice(),
                FormatSamples::completedItems);
        assertThat(body).isEqualTo(webhook);
    }

    /** The duplicate's earlier notice is acme's own, so the webhook names it. */
    private static NotificationEvent itemsDecided() {
        List<NoticeItem> items = FormatSamples.items();
        return Notifications.itemsDecided(NOTICE_ID, List.of(items.get(3), items.get(0), items.get(2), items.get(1)),
                Set.of(FormatSamples.EARLIER_NOTICE_ID), FormatSamples.STAFF_DECIDED_AT);
    }

    private static NotificationEvent listingRestricted() {
        return Notifications.listingsRestricted(NOTICE_ID, "seller-fake", List.of(FormatSamples.items().get(0)),
                FormatSamples.DECIDED_AT);
    }

    /** The events TrustService raises as it applies three changes of acme's trust, in turn. */
    private static List<NotificationEvent> trustChanges() {
        InMemoryRightholderStore rightholders = new InMemoryRightholderStore().with(FormatSamples.ACME);
        RecordingNotifications notifications = new RecordingNotifications();
        TrustService trust = new TrustService(new InMemoryTrustStore(rightholders), rightholders, notifications,
                TrustPolicy.DEFAULTS, new InMemoryFiguresStore());
        Instant warnedAt = Instant.parse("2026-11-20T06:00:00.000Z");
        Instant suspendedAt = Instant.parse("2026-11-27T06:00:00.000Z");
        Instant liftedAt = Instant.parse("2026-11-28T10:15:00.000Z");
        TrustCounts counts = new TrustCounts(24, 9, 15, 1, 8);
        RightholderTrust v0 = RightholderTrust.INITIAL;
        RightholderTrust v1 = v0.next(Tier.STANDARD, null, null, false, null, warnedAt, null);
        RightholderTrust v2 = v1.next(Tier.SUSPENDED, suspendedAt, "AUTO", false, null, null,
                suspendedAt.plus(Duration.ofDays(30)));
        RightholderTrust v3 = v2.next(Tier.STANDARD, liftedAt, "staff-jane", true, null, null, null);
        assertThat(trust.apply("acme", new TrustChange(TrustChange.Kind.WARNED, v0, v1, "AUTO", warnedAt,
                "more than 50% of decided items unfounded; suspended in 7 days if still so", counts))).isTrue();
        assertThat(trust.apply("acme", new TrustChange(TrustChange.Kind.SUSPENDED, v1, v2, "AUTO", suspendedAt,
                "still over the abuse bar 7 days after the warning: more than 50% of decided items unfounded",
                counts))).isTrue();
        assertThat(trust.apply("acme", new TrustChange(TrustChange.Kind.SUSPENSION_LIFTED, v2, v3, "staff-jane",
                liftedAt, "Appeal upheld: the \"unfounded\" notices named resold genuine goods.", counts))).isTrue();
        return notifications.published;
    }

    /** The events SellerStandings raises as seller-fake is suspended by five established strikes, then reinstated. */
    private static List<NotificationEvent> standingChanges() {
        InMemoryTrustStore store = new InMemoryTrustStore(new InMemoryRightholderStore());
        // 1011 was taken down by a notice before: the suspension neither removes nor restores it.
        InMemoryListingStore listings = new InMemoryListingStore().with(FormatSamples.SKATES).with(FormatSamples.ANVIL)
                .with(new Listing("1011", "seller-fake", "ACME Giant Magnet", "ACME", ListingStatus.REMOVED));
        RecordingNotifications notifications = new RecordingNotifications();
        SellerStandings standings = new SellerStandings(store, listings, notifications, TrustPolicy.DEFAULTS, new InMemoryFiguresStore());
        for (int day = 1; day <= 5; day++) {
            LocalDate on = LocalDate.parse("2026-09-0" + day);
            store.addStrikeItems("seller-fake", "acme", on, false, List.of(NOTICE_ID + "#" + day),
                    on.plusDays(16).atStartOfDay().toInstant(ZoneOffset.UTC));
        }
        standings.review("seller-fake", "AUTO", "strikes established or expired", Fixtures.NOW, false);
        standings.review("seller-fake", "staff-jane", "Reinstated after review of the seller's invoices",
                Fixtures.NOW.plus(Duration.ofHours(2)), true);
        return notifications.published;
    }
}
