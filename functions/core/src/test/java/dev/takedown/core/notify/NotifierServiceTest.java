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
import dev.takedown.core.model.WebhookSecrets;
import dev.takedown.core.notify.NotifierService.Next;
import dev.takedown.core.ports.DeliveryStore;
import dev.takedown.core.ports.WebhookClient;
import dev.takedown.core.testing.EmfLines;
import dev.takedown.core.testing.Fixtures;
import dev.takedown.core.testing.InMemoryDeliveryStore;
import dev.takedown.core.testing.InMemoryNoticeStore;
import dev.takedown.core.testing.InMemoryWebhookSecretStore;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class NotifierServiceTest {
    private static final String SECRET = "whsec_37q6Uz0ldqdToYxVSveHPT04dVDAVGHV";
    private static final String OLD_SECRET = "whsec_b2xkLWFjbWUtc2VjcmV0LWtleQ==";
    private static final String SELLER_SECRET = "whsec_c2VsbGVyLXNlY3JldA==";
    private static final String OTHER_SELLER_SECRET = "whsec_b3RoZXItc2VsbGVyLXNlY3JldA==";

    /** Answers each call with the next scripted status, or throws the scripted error; remembers every call. */
    static final class ScriptedClient implements WebhookClient {
        record Call(URI url, InetAddress address, Map<String, String> headers, String body) {
        }

        final List<Call> calls = new ArrayList<>();
        final List<Object> script = new ArrayList<>();

        @Override
        public int post(URI url, InetAddress address, Map<String, String> headers, String body) throws IOException {
            calls.add(new Call(url, address, headers, body));
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
    /** What each host resolves to, one answer per lookup (the last one repeats); hosts not here do not resolve. */
    private final Map<String, List<String>> dns = new HashMap<>();
    private final List<String> lookups = new ArrayList<>();
    private final InMemoryWebhookSecretStore secrets = new InMemoryWebhookSecretStore();
    private final NotifierService service = new NotifierService(notices, id -> Optional.ofNullable(rightholders.get(id)),
            id -> Optional.ofNullable(sellers.get(id)), deliveries, client, new CallbackPolicy(this::resolve, false),
            RetrySchedule.parse("10,60,600,3600"), secrets, Fixtures.clock());

    private List<InetAddress> resolve(String host) throws UnknownHostException {
        List<String> answers = dns.get(host);
        if (answers == null) {
            throw new UnknownHostException(host);
        }
        lookups.add(host);
        return List.of(InetAddress.getByName(answers.size() > 1 ? answers.remove(0) : answers.get(0)));
    }

    @BeforeEach
    void world() {
        dns.put("hooks.acme.example", new ArrayList<>(List.of("93.184.216.34")));
        dns.put("hooks.deals.example", new ArrayList<>(List.of("93.184.216.35")));
        dns.put("hooks.other.example", new ArrayList<>(List.of("93.184.216.36")));
        notices.saveNew(NotifyFixtures.notice(NoticeStatus.COMPLETED), NotifyFixtures.items());
        rightholders.put("acme", new Rightholder("acme", "Acme Brands Inc.", "legal@acme.example",
                "https://hooks.acme.example/takedown"));
        sellers.put("seller-fake", new Seller("seller-fake", "Cheap Deals 4U", "https://hooks.deals.example/"));
        sellers.put("seller-other", new Seller("seller-other", "Other Goods", "https://hooks.other.example/"));
        secrets.with(Target.RIGHTHOLDER, "acme", WebhookSecrets.of(SECRET))
                .with(Target.SELLER, "seller-fake", WebhookSecrets.of(SELLER_SECRET))
                .with(Target.SELLER, "seller-other", WebhookSecrets.of(OTHER_SELLER_SECRET));
    }

    private static NotificationEvent restricted(String sellerId) {
        return restricted(sellerId, NotifyFixtures.NOTICE_ID);
    }

    private static NotificationEvent restricted(String sellerId, String noticeId) {
        return Notifications.listingsRestricted(noticeId, sellerId, List.of(NotifyFixtures.items().get(0)),
                NotifyFixtures.DECIDED_AT);
    }

    /** The signatures of the header that match an HMAC computed here, apart from the signer, with {@code secret}. */
    private static List<String> matching(String secret, ScriptedClient.Call call) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
        String expected = "v1," + Base64.getEncoder().encodeToString(mac.doFinal((call.headers().get("webhook-id") + "."
                + call.headers().get("webhook-timestamp") + "." + call.body()).getBytes(StandardCharsets.UTF_8)));
        return Arrays.stream(call.headers().get("webhook-signature").split(" ")).filter(expected::equals).toList();
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
        assertThat(call.address().getHostAddress()).isEqualTo("93.184.216.34");
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
    void eachRecordedAttemptIsCountedByItsOutcomeAndAReplayOfADeliveredOneIsNot() throws Exception {
        client.script.add(500);
        client.script.add(503);
        EmfLines metrics = EmfLines.invocation(() -> {
            service.deliver(completed(), 1);
            service.deliver(completed(), 5);
            service.deliver(completed(), 1);
            service.deliver(completed(), 1);
        });

        assertThat(metrics.problems()).isEmpty();
        assertThat(metrics.sum("WebhookDeliveries")).isEqualTo(3);
        assertThat(metrics.sum("WebhookDeliveries", "Outcome", "RETRYING")).isEqualTo(1);
        assertThat(metrics.sum("WebhookDeliveries", "Outcome", "FAILED")).isEqualTo(1);
        assertThat(metrics.sum("WebhookDeliveries", "Outcome", "DELIVERED")).isEqualTo(1);
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
        rightholders.put("acme", new Rightholder("acme", "Acme", "legal@acme.example", "http://hooks.acme.example/"));
        NotifierService.Result result = service.deliver(completed(), 1);

        assertThat(result.next()).isEqualTo(Next.DONE);
        assertThat(client.calls).isEmpty();
        assertThat(deliveries.attempts).singleElement().satisfies(a -> {
            assertThat(a.outcome()).isEqualTo(Status.FAILED);
            assertThat(a.error()).isEqualTo("callback URL refused: not https");
        });
    }

    @Test
    void theWebhookGoesToTheAddressVettedWhateverTheHostResolvesToLater() {
        // A rebinding name: public when checked, the metadata address on any later lookup.
        dns.put("hooks.acme.example", new ArrayList<>(List.of("93.184.216.34", "169.254.169.254")));
        assertThat(service.deliver(completed(), 1).next()).isEqualTo(Next.DONE);

        assertThat(client.calls).singleElement()
                .satisfies(call -> assertThat(call.address().getHostAddress()).isEqualTo("93.184.216.34"));
        assertThat(lookups).containsExactly("hooks.acme.example");
    }

    @Test
    void aHostThatDoesNotResolveIsAFailedAttemptRetriedOnSchedule() {
        dns.remove("hooks.acme.example");
        NotifierService.Result result = service.deliver(completed(), 2);

        assertThat(result.next()).isEqualTo(Next.RETRY);
        assertThat(result.retryAfter()).isEqualTo(Duration.ofSeconds(60));
        assertThat(client.calls).isEmpty();
        assertThat(deliveries.attempts).singleElement().satisfies(a -> {
            assertThat(a.outcome()).isEqualTo(Status.RETRYING);
            assertThat(a.httpStatus()).isNull();
            assertThat(a.error()).isEqualTo("callback host not found: hooks.acme.example");
            assertThat(a.nextAttemptAt()).isEqualTo(Fixtures.NOW.plusSeconds(60));
        });

        dns.put("hooks.acme.example", new ArrayList<>(List.of("93.184.216.34")));
        assertThat(service.deliver(completed(), 3).next()).isEqualTo(Next.DONE);
        assertThat(deliveries.attempts).extracting(a -> a.outcome()).containsExactly(Status.RETRYING, Status.DELIVERED);
    }

    @Test
    void aHostStillNotResolvingAtTheLastAttemptGivesUpAndRecordsFailed() {
        dns.remove("hooks.acme.example");
        NotifierService.Result result = service.deliver(completed(), 5);

        assertThat(result.next()).isEqualTo(Next.GIVE_UP);
        assertThat(client.calls).isEmpty();
        assertThat(deliveries.attempts).singleElement().satisfies(a -> {
            assertThat(a.outcome()).isEqualTo(Status.FAILED);
            assertThat(a.error()).isEqualTo("callback host not found: hooks.acme.example");
            assertThat(a.nextAttemptAt()).isNull();
        });
    }

    @Test
    void withoutACallbackUrlNothingIsSentOrRecorded() {
        rightholders.put("acme", new Rightholder("acme", "Acme", "legal@acme.example", null));
        assertThat(service.deliver(completed(), 1).next()).isEqualTo(Next.DONE);
        assertThat(client.calls).isEmpty();
        assertThat(deliveries.attempts).isEmpty();
    }

    @Test
    void aRestrictedListingGoesToItsSellerSignedWithThatSellersOwnSecret() throws Exception {
        NotificationEvent event = restricted("seller-fake");
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
    void eachSellersWebhooksVerifyWithItsSecretAndNotWithAnotherSellers() throws Exception {
        service.deliver(restricted("seller-fake"), 1);
        service.deliver(restricted("seller-other", "ntc_01kb6s8mz0othernotice0000"), 1);

        ScriptedClient.Call fake = client.calls.get(0);
        ScriptedClient.Call other = client.calls.get(1);
        assertThat(matching(SELLER_SECRET, fake)).hasSize(1);
        assertThat(matching(OTHER_SELLER_SECRET, fake)).isEmpty();
        assertThat(matching(OTHER_SELLER_SECRET, other)).hasSize(1);
        assertThat(matching(SELLER_SECRET, other)).isEmpty();
    }

    @Test
    void duringARotationsOverlapTheWebhookCarriesTheNewSignatureThenTheOld() throws Exception {
        secrets.with(Target.RIGHTHOLDER, "acme", new WebhookSecrets(SECRET, OLD_SECRET, Fixtures.NOW.plusSeconds(1)));
        service.deliver(completed(), 1);

        ScriptedClient.Call call = client.calls.get(0);
        String[] signatures = call.headers().get("webhook-signature").split(" ");
        assertThat(signatures).hasSize(2);
        assertThat(matching(SECRET, call)).containsExactly(signatures[0]);
        assertThat(matching(OLD_SECRET, call)).containsExactly(signatures[1]);
    }

    @Test
    void onceTheOverlapIsOverOnlyTheNewSecretSigns() throws Exception {
        secrets.with(Target.RIGHTHOLDER, "acme", new WebhookSecrets(SECRET, OLD_SECRET, Fixtures.NOW));
        service.deliver(completed(), 1);

        ScriptedClient.Call call = client.calls.get(0);
        assertThat(call.headers().get("webhook-signature")).doesNotContain(" ");
        assertThat(matching(SECRET, call)).hasSize(1);
        assertThat(matching(OLD_SECRET, call)).isEmpty();
    }

    @Test
    void aRecipientWithoutASecretIsSentNothingAndTheAttemptFails() {
        sellers.put("seller-new", new Seller("seller-new", "New Seller", "https://hooks.new.example/"));
        assertThat(service.deliver(restricted("seller-new"), 1).next()).isEqualTo(Next.DONE);

        assertThat(client.calls).isEmpty();
        assertThat(deliveries.attempts).singleElement().satisfies(a -> {
            assertThat(a.outcome()).isEqualTo(Status.FAILED);
            assertThat(a.error()).isEqualTo("no webhook secret");
        });
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
