package dev.takedown.core.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.takedown.core.events.Notifications;
import dev.takedown.core.model.DeliveryAttempt.Status;
import dev.takedown.core.model.DeliveryAttempt.Target;
import dev.takedown.core.model.EventType;
import dev.takedown.core.model.NoticeStatus;
import dev.takedown.core.model.NotificationEvent;
import dev.takedown.core.model.Rightholder;
import dev.takedown.core.model.Seller;
import dev.takedown.core.notify.NotifierService.Next;
import dev.takedown.core.ports.DeliveryStore;
import dev.takedown.core.ports.WebhookClient;
import dev.takedown.core.testing.Fixtures;
import dev.takedown.core.testing.InMemoryDeliveryStore;
import dev.takedown.core.testing.InMemoryNoticeStore;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class NotifierServiceTest {
    private static final String SECRET = "whsec_37q6Uz0ldqdToYxVSveHPT04dVDAVGHV";
    private static final String SELLER_SECRET = "whsec_c2VsbGVyLXNlY3JldA==";

    /** Answers each call with the next scripted status, or throws the scripted error; remembers every call. */
    static final class ScriptedClient implements WebhookClient {
        record Call(URI url, Map<String, String> headers, String body) {
        }

        final List<Call> calls = new ArrayList<>();
        final List<Object> script = new ArrayList<>();

        @Override
        public int post(URI url, Map<String, String> headers, String body) throws IOException {
            calls.add(new Call(url, headers, body));
            Object next = script.isEmpty() ? 204 : script.remove(0);
            if (next instanceof IOException e) {
                throw e;
            }
            return (Integer) next;
        }
    }

    private final InMemoryNoticeStore notices = new InMemoryNoticeStore();
    private final InMemoryDeliveryStore deliveries = new InMemoryDeliveryStore();
    private final ScriptedClient client = new ScriptedClient();
    private final Map<String, Rightholder> rightholders = new HashMap<>();
    private final Map<String, Seller> sellers = new HashMap<>();
    private final NotifierService service = new NotifierService(notices, id -> Optional.ofNullable(rightholders.get(id)),
            id -> Optional.ofNullable(sellers.get(id)), deliveries, client,
            new CallbackPolicy(host -> List.of(java.net.InetAddress.getByName("93.184.216.34")), false),
            RetrySchedule.parse("10,60,600,3600"), SELLER_SECRET, Fixtures.clock());

    @BeforeEach
    void world() {
        notices.saveNew(NotifyFixtures.notice(NoticeStatus.COMPLETED), NotifyFixtures.items());
        rightholders.put("acme", new Rightholder("acme", "Acme Brands Inc.", "legal@acme.example",
                "https://hooks.acme.example/takedown", SECRET));
        sellers.put("seller-fake", new Seller("seller-fake", "Cheap Deals 4U", "https://hooks.deals.example/"));
    }

    private static NotificationEvent completed() {
        return Notifications.noticeCompleted(NotifyFixtures.NOTICE_ID, NotifyFixtures.DECIDED_AT);
    }

    @Test
    void aDeliveredWebhookIsSignedAndRecorded() {
        NotificationEvent event = Notifications.itemsDecided(NotifyFixtures.NOTICE_ID,
                List.of(NotifyFixtures.items().get(0), NotifyFixtures.items().get(3)), Set.of(), Fixtures.NOW);
        NotifierService.Result result = service.deliver(event, 1);

        assertThat(result.next()).isEqualTo(Next.DONE);
        ScriptedClient.Call call = client.calls.get(0);
        assertThat(call.url()).isEqualTo(URI.create("https://hooks.acme.example/takedown"));
        assertThat(call.body()).contains("\"type\":\"items.decided\"", "\"index\":0", "\"index\":3").doesNotContain("\"index\":1");
        assertThat(call.headers()).containsEntry("webhook-id", event.id())
                .containsEntry("webhook-timestamp", Long.toString(Fixtures.NOW.getEpochSecond()))
                .containsEntry("webhook-signature", WebhookSigner.signature(SECRET, event.id(),
                        Long.toString(Fixtures.NOW.getEpochSecond()), call.body()));
        assertThat(deliveries.attempts).singleElement().satisfies(a -> {
            assertThat(a.outcome()).isEqualTo(Status.DELIVERED);
            assertThat(a.httpStatus()).isEqualTo(204);
            assertThat(a.target()).isEqualTo(Target.RIGHTHOLDER);
            assertThat(a.targetId()).isEqualTo("acme");
            assertThat(a.attempt()).isEqualTo(1);
            assertThat(a.eventType()).isEqualTo(EventType.ITEMS_DECIDED);
            assertThat(a.nextAttemptAt()).isNull();
        });
    }

    @Test
    void aNon2xxAnswerIsRetriedOnSchedule() {
        client.script.add(500);
        NotifierService.Result result = service.deliver(completed(), 2);

        assertThat(result.next()).isEqualTo(Next.RETRY);
        assertThat(result.retryAfter()).isEqualTo(Duration.ofSeconds(60));
        assertThat(deliveries.attempts).singleElement().satisfies(a -> {
            assertThat(a.outcome()).isEqualTo(Status.RETRYING);
            assertThat(a.httpStatus()).isEqualTo(500);
            assertThat(a.nextAttemptAt()).isEqualTo(Fixtures.NOW.plusSeconds(60));
        });
    }

    @Test
    void aTimeoutIsRetriedAndRecordedAsTheError() {
        client.script.add(new HttpTimeoutException("request timed out"));
        NotifierService.Result result = service.deliver(completed(), 1);

        assertThat(result.next()).isEqualTo(Next.RETRY);
        assertThat(result.retryAfter()).isEqualTo(Duration.ofSeconds(10));
        assertThat(deliveries.attempts.get(0).httpStatus()).isNull();
        assertThat(deliveries.attempts.get(0).error()).contains("HttpTimeoutException");
    }

    @Test
    void theLastAttemptFailingGivesUpAndRecordsFailed() {
        client.script.add(503);
        NotifierService.Result result = service.deliver(completed(), 5);

        assertThat(result.next()).isEqualTo(Next.GIVE_UP);
        assertThat(deliveries.attempts).singleElement().satisfies(a -> {
            assertThat(a.outcome()).isEqualTo(Status.FAILED);
            assertThat(a.nextAttemptAt()).isNull();
        });
    }

    @Test
    void aReplayOfADeliveredEventSendsNothing() {
        service.deliver(completed(), 1);
        NotifierService.Result again = service.deliver(completed(), 1);

        assertThat(again.next()).isEqualTo(Next.DONE);
        assertThat(client.calls).hasSize(1);
        assertThat(deliveries.attempts).hasSize(1);
    }

    @Test
    void aCopyOfTheEventHandledWhileTheFirstIsBeingSentWaitsInsteadOfSendingItAgain() {
        assertThat(deliveries.claim(NotifyFixtures.NOTICE_ID, completed().id(), Fixtures.NOW, Duration.ofSeconds(30)))
                .isEqualTo(DeliveryStore.Claim.CLAIMED);
        NotifierService.Result copy = service.deliver(completed(), 2);

        assertThat(copy.next()).isEqualTo(Next.RETRY);
        assertThat(copy.retryAfter()).isEqualTo(NotifierService.CLAIM_LEASE);
        assertThat(client.calls).isEmpty();
        assertThat(deliveries.attempts).isEmpty();
    }

    @Test
    void aRefusedCallbackUrlIsRecordedAsFailedAndNotRetried() {
        rightholders.put("acme", new Rightholder("acme", "Acme", "legal@acme.example", "http://hooks.acme.example/", SECRET));
        NotifierService.Result result = service.deliver(completed(), 1);

        assertThat(result.next()).isEqualTo(Next.DONE);
        assertThat(client.calls).isEmpty();
        assertThat(deliveries.attempts).singleElement().satisfies(a -> {
            assertThat(a.outcome()).isEqualTo(Status.FAILED);
            assertThat(a.error()).isEqualTo("callback URL refused: not https");
        });
    }

    @Test
    void withoutACallbackUrlNothingIsSentOrRecorded() {
        rightholders.put("acme", new Rightholder("acme", "Acme", "legal@acme.example", null, null));
        assertThat(service.deliver(completed(), 1).next()).isEqualTo(Next.DONE);
        assertThat(client.calls).isEmpty();
        assertThat(deliveries.attempts).isEmpty();
    }

    @Test
    void aRestrictedListingGoesToItsSellerSignedWithThePlatformSecret() {
        NotificationEvent event = Notifications.listingsRestricted(NotifyFixtures.NOTICE_ID, "seller-fake",
                List.of(NotifyFixtures.items().get(0)), NotifyFixtures.DECIDED_AT);
        assertThat(service.deliver(event, 1).next()).isEqualTo(Next.DONE);

        ScriptedClient.Call call = client.calls.get(0);
        assertThat(call.url()).isEqualTo(URI.create("https://hooks.deals.example/"));
        assertThat(call.body()).contains("\"statementOfReasons\"", "\"sellerId\":\"seller-fake\"");
        assertThat(call.headers().get("webhook-signature")).isEqualTo(WebhookSigner.signature(SELLER_SECRET, event.id(),
                call.headers().get("webhook-timestamp"), call.body()));
        assertThat(deliveries.attempts.get(0).target()).isEqualTo(Target.SELLER);
        assertThat(deliveries.rightholderAttempts(NotifyFixtures.NOTICE_ID, null, 10).entries()).isEmpty();
    }

    @Test
    void aSellerWithoutCallbackIsNotSentAnything() {
        sellers.put("seller-fake", new Seller("seller-fake", "Cheap Deals 4U", null));
        NotificationEvent event = Notifications.listingsRestricted(NotifyFixtures.NOTICE_ID, "seller-fake",
                List.of(NotifyFixtures.items().get(0)), NotifyFixtures.DECIDED_AT);
        assertThat(service.deliver(event, 1).next()).isEqualTo(Next.DONE);
        assertThat(client.calls).isEmpty();
    }

    @Test
    void noticeCompletedCountsEveryItemOfTheNotice() {
        service.deliver(completed(), 1);
        assertThat(client.calls.get(0).body()).contains("\"itemCount\":4", "\"ACTIONED\":1", "\"REJECTED\":2");
    }
}
