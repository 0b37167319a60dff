package dev.takedown.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.takedown.aws.DynamoAuditLog;
import dev.takedown.aws.DynamoListingStore;
import dev.takedown.aws.SqsVerificationQueue;
import dev.takedown.core.json.Json;
import dev.takedown.core.model.AuditEvent;
import dev.takedown.core.model.ListingStatus;
import dev.takedown.core.testing.NoticeBodies;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * A notice goes the whole way through the local stack: submitted over HTTP, each item verified by the
 * verifier consuming VerificationQueue, listings taken down, decisions and audit trail recorded. The queues'
 * visibility timeout is one second here so that failing work reaches its dead-letter queue within the test.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class VerificationEndToEndTest {
    private static final String KEY = LocalStackEndToEndTest.ACME_KEY;
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static LocalStack stack;
    private static String noticeId;

    @BeforeAll
    static void start() {
        stack = LocalStack.start(ProjectTemplate.stack(Map.of("VerificationVisibilityTimeout", "1")));
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    static JsonNode send(String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(stack.apiUrl().resolve(path))
                .header("Authorization", "Bearer " + KEY)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isLessThan(300);
        return Json.parse(response.body());
    }

    static String submit(String... listingIds) throws Exception {
        ObjectNode body = NoticeBodies.valid();
        var items = body.putArray("items");
        for (String id : listingIds) {
            items.addObject().put("listingId", id);
        }
        return send("POST", "/v1/notices", body.toString()).path("id").asText();
    }

    static JsonNode await(String id, Predicate<JsonNode> until) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        JsonNode notice = send("GET", "/v1/notices/" + id, null);
        while (!until.test(notice) && System.nanoTime() < deadline) {
            Thread.sleep(100);
            notice = send("GET", "/v1/notices/" + id, null);
        }
        assertThat(until.test(notice)).as(notice.toString()).isTrue();
        return notice;
    }

    static List<String> statuses(JsonNode notice) {
        return notice.path("items").findValuesAsText("status");
    }

    @Test
    @Order(1)
    void eachItemEndsWithItsOwnDecision() throws Exception {
        noticeId = submit("1001", "9999", "1007", "1006", "1008", "1005");
        JsonNode notice = await(noticeId, n -> n.path("openItemCount").asInt() == 1);

        assertThat(statuses(notice)).containsExactly("ACTIONED", "NOT_FOUND", "ALREADY_REMOVED", "REJECTED", "NEEDS_REVIEW",
                "ACTIONED");
        assertThat(notice.path("items").get(3).path("reason").asText()).isEqualTo("AUTHORIZED_SELLER");
        assertThat(notice.path("items").get(4).path("reason").asText()).isEqualTo("BRAND_MISMATCH");
        assertThat(notice.path("items").get(0).path("rule").asText()).isEqualTo("BRAND_MATCH");
        assertThat(notice.path("status").asText()).isEqualTo("IN_PROGRESS");

        DynamoListingStore listings = new DynamoListingStore(stack.dynamo(), stack.tableName("ListingsTable"));
        assertThat(listings.find("1001").orElseThrow().status()).isEqualTo(ListingStatus.REMOVED);
        assertThat(listings.find("1001").orElseThrow().removedBy(noticeId, 0)).isTrue();
        assertThat(listings.find("1008").orElseThrow().status()).isEqualTo(ListingStatus.ACTIVE);

        List<AuditEvent> trail = new DynamoAuditLog(stack.dynamo(), stack.tableName("AuditTable")).forNotice(noticeId);
        assertThat(trail).hasSize(6).allSatisfy(e -> {
            assertThat(e.actor()).isEqualTo("AUTO");
            assertThat(e.from().name()).isEqualTo("RECEIVED");
        });
    }

    @Test
    @Order(2)
    void aLaterNoticeForAListingStillUnderReviewIsADuplicateAndABirdSeedListingThatOnlyRefersToTheMarkWaits()
            throws Exception {
        // 1010: "ACME-compatible bird seed, 5 kg", brand "Honest Feeds": it names ACME to say what it fits.
        String later = submit("1008", "1010");
        JsonNode notice = await(later, n -> statuses(n).equals(List.of("DUPLICATE", "NEEDS_REVIEW")));

        JsonNode duplicate = notice.path("items").get(0);
        assertThat(duplicate.path("duplicateOfNotice").asText()).isEqualTo(noticeId);
        assertThat(duplicate.path("duplicateOf").asInt()).isEqualTo(4);
        JsonNode birdSeed = notice.path("items").get(1);
        assertThat(birdSeed.path("reason").asText()).isEqualTo("REFERENTIAL_USE");
        assertThat(birdSeed.path("rule").asText()).isEqualTo("REFERENTIAL_USE");
        assertThat(new DynamoListingStore(stack.dynamo(), stack.tableName("ListingsTable")).find("1010").orElseThrow()
                .status()).as("not taken down").isEqualTo(ListingStatus.ACTIVE);

        JsonNode rejected = StaffInvocations.invoke(stack, "{\"operation\": \"decideItem\", \"noticeId\": \"" + later
                + "\", \"index\": 1, \"decision\": \"REJECT\", \"reasonCode\": \"REFERENTIAL_USE\","
                + " \"staffId\": \"staff-e2e\"}");
        assertThat(rejected.path("item").path("reason").asText()).as(rejected.toString()).isEqualTo("REFERENTIAL_USE");
        JsonNode completed = await(later, n -> n.path("status").asText().equals("COMPLETED"));
        assertThat(completed.path("outcome").asText()).isEqualTo("NONE");
        assertThat(completed.path("completedAt").asText()).isNotEmpty();
    }

    @Test
    @Order(3)
    void replayingEveryVerificationMessageChangesNothing() throws Exception {
        JsonNode before = send("GET", "/v1/notices/" + noticeId, null);
        DynamoAuditLog audit = new DynamoAuditLog(stack.dynamo(), stack.tableName("AuditTable"));
        int events = audit.forNotice(noticeId).size();

        new SqsVerificationQueue(stack.sqs(), stack.queueUrl("VerificationQueue"), stack.queueUrl("PriorityVerificationQueue"), 2)
                .enqueue(noticeId, List.of(0, 1, 2, 3, 4, 5), false);
        awaitQueueDrained("VerificationQueue");

        JsonNode after = send("GET", "/v1/notices/" + noticeId, null);
        assertThat(after.path("items")).isEqualTo(before.path("items"));
        assertThat(after.path("openItemCount")).isEqualTo(before.path("openItemCount"));
        assertThat(audit.forNotice(noticeId)).hasSize(events);
        assertThat(new DynamoListingStore(stack.dynamo(), stack.tableName("ListingsTable")).find("1001").orElseThrow()
                .removedBy(noticeId, 0)).isTrue();
    }

    @Test
    @Order(4)
    void poisonWorkEndsInTheDeadLetterQueue() throws Exception {
        String poison = Json.object().put("noticeId", "ntc_" + "0".repeat(26)).set("items", Json.array().add(0)).toString();
        stack.sqs().sendMessage(r -> r.queueUrl(stack.queueUrl("VerificationQueue")).messageBody(poison));

        String dlq = stack.queueUrl("VerificationDLQ");
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        List<String> dead = List.of();
        while (dead.isEmpty() && System.nanoTime() < deadline) {
            dead = stack.sqs().receiveMessage(r -> r.queueUrl(dlq).waitTimeSeconds(1)).messages().stream()
                    .map(m -> m.body()).toList();
        }
        assertThat(dead).containsExactly(poison);
    }

    @Test
    @Order(5)
    void staffDecideTheItemUnderReviewAndTheNoticeCompletes() throws Exception {
        JsonNode result = StaffInvocations.invoke(stack, "{\"operation\": \"decideItem\", \"noticeId\": \"" + noticeId
                + "\", \"index\": 4, \"decision\": \"ACTION\", \"staffId\": \"staff-e2e\"}");
        assertThat(result.has("error")).as(result.toString()).isFalse();

        JsonNode notice = await(noticeId, n -> n.path("status").asText().equals("COMPLETED"));
        JsonNode reviewed = notice.path("items").get(4);
        assertThat(reviewed.path("status").asText()).isEqualTo("ACTIONED");
        assertThat(reviewed.path("decidedBy").asText()).as("as the rightholder reads it").isEqualTo("STAFF");
        assertThat(reviewed.path("rule").asText()).isEqualTo("STAFF_DECISION");
        // Three actioned (two automatically, one by staff) of four actionable (plus the authorized seller's).
        assertThat(notice.path("outcome").asText()).isEqualTo("PARTIAL");
        assertThat(new DynamoListingStore(stack.dynamo(), stack.tableName("ListingsTable")).find("1008").orElseThrow()
                .removedBy(noticeId, 4)).isTrue();
        assertThat(new DynamoAuditLog(stack.dynamo(), stack.tableName("AuditTable")).forNotice(noticeId))
                .anySatisfy(e -> {
                    assertThat(e.actor()).isEqualTo("staff-e2e");
                    assertThat(e.from().name()).isEqualTo("NEEDS_REVIEW");
                    assertThat(e.to().name()).isEqualTo("ACTIONED");
                });
    }

    @Test
    @Order(6)
    void theRightholderAndTheSellerWereToldWithSignedWebhooks() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        List<WebhookReceiver.Receipt> receipts = stack.webhookReceipts();
        while (receipts.stream().noneMatch(r -> r.type().equals("listing.restricted")) && System.nanoTime() < deadline) {
            Thread.sleep(100);
            receipts = stack.webhookReceipts();
        }
        assertThat(receipts).isNotEmpty().allSatisfy(r -> assertThat(r.signatureOk()).as(r.toString()).isTrue());
        assertThat(receipts).filteredOn(r -> r.recipient().equals("acme")).extracting(WebhookReceiver.Receipt::type)
                .contains("notice.received", "items.decided", "notice.completed");
        // Of the sellers whose listings were removed, only seller-honest (listing 1008) has a callback URL.
        assertThat(receipts).filteredOn(r -> r.type().equals("listing.restricted"))
                .extracting(WebhookReceiver.Receipt::recipient).containsOnly("sellers/seller-honest");
    }

    private static void awaitQueueDrained(String queue) throws InterruptedException {
        String url = stack.queueUrl(queue);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            Map<QueueAttributeName, String> attributes = stack.sqs().getQueueAttributes(r -> r.queueUrl(url).attributeNames(
                    QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                    QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
            if (attributes.values().stream().allMatch("0"::equals)) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError(queue + " did not drain");
    }
}
