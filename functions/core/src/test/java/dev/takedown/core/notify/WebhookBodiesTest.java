package dev.takedown.core.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.takedown.core.events.Notifications;
import dev.takedown.core.events.WebhookBodies;
import dev.takedown.core.json.Json;
import dev.takedown.core.model.Notice;
import dev.takedown.core.model.NoticeItem;
import dev.takedown.core.model.NoticeStatus;
import dev.takedown.core.model.NotificationEvent;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Webhook bodies as rendered from the events the deciding functions queue. */
class WebhookBodiesTest {
    private static final Instant AT = Instant.parse("2026-11-28T15:32:00.000Z");
    /** The notice that one of NotifyFixtures' items duplicates. */
    private static final String EARLIER_NOTICE = "ntc_01jc0000000000000000000000";

    @Test
    void noticeReceivedSaysWhatWasReceived() throws Exception {
        JsonNode body = Json.parse(body(Notifications.noticeReceived(NotifyFixtures.NOTICE_ID, AT), NotifyFixtures.notice(NoticeStatus.RECEIVED),
                List.of()));
        assertThat(body.path("type").asText()).isEqualTo("notice.received");
        assertThat(body.path("timestamp").asText()).isEqualTo("2026-11-28T15:32:00.000Z");
        JsonNode data = body.path("data");
        assertThat(data.path("noticeId").asText()).isEqualTo(NotifyFixtures.NOTICE_ID);
        assertThat(data.path("status").asText()).isEqualTo("RECEIVED");
        assertThat(data.path("receivedAt").asText()).isEqualTo("2026-11-28T15:30:00.000Z");
        assertThat(data.path("itemCount").asInt()).isEqualTo(4);
        assertThat(data.path("openItemCount").asInt()).isZero();
    }

    @Test
    void itemsDecidedCarriesEachDecision() throws Exception {
        JsonNode body = Json.parse(body(Notifications.itemsDecided(NotifyFixtures.NOTICE_ID, NotifyFixtures.items(),
                Set.of(EARLIER_NOTICE), AT), null, List.of()));
        assertThat(body.path("type").asText()).isEqualTo("items.decided");
        JsonNode items = body.path("data").path("items");
        assertThat(items).hasSize(4);
        assertThat(items.get(0).path("status").asText()).isEqualTo("ACTIONED");
        assertThat(items.get(0).path("listingId").asText()).isEqualTo("1001");
        assertThat(items.get(0).path("url").asText()).isEqualTo("https://market.example/item/1001");
        assertThat(items.get(0).path("decidedBy").asText()).isEqualTo("AUTO");
        assertThat(items.get(0).path("decidedAt").asText()).isEqualTo("2026-11-28T15:31:00.000Z");
        assertThat(items.get(0).has("duplicateOf")).isFalse();
        assertThat(items.get(1).path("duplicateOf").asInt()).isEqualTo(3);
        assertThat(items.get(1).path("duplicateOfNotice").asText()).isEqualTo(EARLIER_NOTICE);
        assertThat(items.get(1).has("subjectOfAnotherNotice")).isFalse();
        assertThat(items.get(3).path("reason").asText()).isEqualTo("AUTHORIZED_SELLER");
    }

    @Test
    void itemsDecidedNamesNoOtherRightholdersNoticeNorAnyStaffMember() throws Exception {
        JsonNode items = Json.parse(body(Notifications.itemsDecided(NotifyFixtures.NOTICE_ID, NotifyFixtures.items(),
                Set.of(), AT), null, List.of())).path("data").path("items");
        assertThat(items.get(1).path("status").asText()).isEqualTo("DUPLICATE");
        assertThat(items.get(1).path("subjectOfAnotherNotice").asBoolean()).isTrue();
        assertThat(items.get(1).has("duplicateOf")).isFalse();
        assertThat(items.get(1).has("duplicateOfNotice")).isFalse();
        assertThat(items.get(3).path("decidedBy").asText()).isEqualTo("STAFF");
        assertThat(items.toString()).doesNotContain(EARLIER_NOTICE).doesNotContain("staff-42");
    }

    @Test
    void noticeCompletedCountsItemsPerStatus() throws Exception {
        JsonNode data = Json.parse(body(Notifications.noticeCompleted(NotifyFixtures.NOTICE_ID, AT),
                NotifyFixtures.notice(NoticeStatus.COMPLETED), NotifyFixtures.items())).path("data");
        assertThat(data.path("status").asText()).isEqualTo("COMPLETED");
        assertThat(data.path("itemCount").asInt()).isEqualTo(4);
        assertThat(data.path("itemsByStatus").path("ACTIONED").asInt()).isEqualTo(1);
        assertThat(data.path("itemsByStatus").path("REJECTED").asInt()).isEqualTo(2);
        assertThat(data.path("itemsByStatus").path("DUPLICATE").asInt()).isEqualTo(1);
        assertThat(data.path("itemsByStatus").path("NEEDS_REVIEW").asInt()).isZero();
    }

    @Test
    void listingRestrictedCarriesTheWholeStatementOfReasonsOfEachListing() throws Exception {
        NoticeItem actioned = NotifyFixtures.items().get(0);
        NotificationEvent event = Notifications.listingsRestricted(NotifyFixtures.NOTICE_ID, "seller-fake",
                List.of(actioned, actioned), AT);
        assertThat(event.data()).as("facts only").doesNotContain("howToContest", "ground");
        JsonNode body = Json.parse(body(event, null, List.of()));
        assertThat(body.path("type").asText()).isEqualTo("listing.restricted");
        assertThat(body.path("timestamp").asText()).isEqualTo("2026-11-28T15:32:00.000Z");
        JsonNode data = body.path("data");
        assertThat(data.path("sellerId").asText()).isEqualTo("seller-fake");
        assertThat(data.path("noticeId").asText()).isEqualTo(NotifyFixtures.NOTICE_ID);
        assertThat(data.path("listings")).hasSize(2);
        assertThat(data.path("listings").get(0).path("listingId").asText()).isEqualTo("1001");
        JsonNode statement = data.path("listings").get(0).path("statementOfReasons");
        assertThat(statement.path("sellerId").asText()).isEqualTo("seller-fake");
        assertThat(statement.path("reasonCode").asText()).isEqualTo("COUNTERFEIT");
        assertThat(statement.path("rightholderName").asText()).isEqualTo("Acme Brands Inc.");
        assertThat(statement.path("automated").asBoolean()).isTrue();
        assertThat(statement.path("howToContest").asText()).startsWith("Contest this decision within 6 months")
                .contains(NotifyFixtures.NOTICE_ID);
        assertThat(statement.size()).isEqualTo(17);
    }

    private static String body(NotificationEvent event, Notice notice, List<NoticeItem> allItems) {
        return WebhookBodies.body(event, notice, () -> allItems);
    }
}
