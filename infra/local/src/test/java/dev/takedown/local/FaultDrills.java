package dev.takedown.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.takedown.aws.DynamoListingStore;
import dev.takedown.core.json.Json;
import dev.takedown.core.model.Listing;
import dev.takedown.core.model.ListingStatus;
import dev.takedown.core.testing.NoticeBodies;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** What the fault drills share: calling the API, making listings to name, waiting for the pipeline. */
final class FaultDrills {
    static final String ACME_KEY = LocalStackEndToEndTest.ACME_KEY;
    static final String GLOBEX_KEY = LocalStackEndToEndTest.GLOBEX_KEY;
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    record Reply(int status, JsonNode body) {
    }

    private FaultDrills() {
    }

    static Reply call(LocalStack stack, String method, String path, String key, String body, String idempotencyKey)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(stack.apiUrl().resolve(path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + key)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(response.statusCode(), response.body().isEmpty() ? Json.object() : Json.parse(response.body()));
    }

    static Reply get(LocalStack stack, String path, String key) throws IOException, InterruptedException {
        return call(stack, "GET", path, key, null, null);
    }

    /** Submits a notice and returns its id, sending it again under the same Idempotency-Key after a 5xx. */
    static String submit(LocalStack stack, String key, ObjectNode body) throws Exception {
        String idempotencyKey = UUID.randomUUID().toString();
        Reply reply = call(stack, "POST", "/v1/notices", key, body.toString(), idempotencyKey);
        for (int retry = 0; retry < 5 && reply.status() >= 500; retry++) {
            Thread.sleep(500);
            reply = call(stack, "POST", "/v1/notices", key, body.toString(), idempotencyKey);
        }
        assertThat(reply.status()).as(reply.body().toString()).isEqualTo(202);
        return reply.body().path("id").asText();
    }

    /** A valid notice under right tm-acme-us naming these listings, in this order. */
    static ObjectNode noticeNaming(List<String> listingIds) {
        ObjectNode body = NoticeBodies.valid();
        var items = body.putArray("items");
        listingIds.forEach(id -> items.addObject().put("listingId", id));
        return body;
    }

    /** An active ACME listing by a seller the rightholder has not authorised: verification takes it down. */
    static Listing counterfeit(String id, String sellerId) {
        return new Listing(id, sellerId, "ACME Rocket Skates " + id, "ACME", ListingStatus.ACTIVE);
    }

    static DynamoListingStore listings(LocalStack stack) {
        return new DynamoListingStore(stack.dynamo(), stack.tableName("ListingsTable"));
    }

    static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waiting for " + what).isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    static JsonNode awaitNotice(LocalStack stack, String noticeId, String key, Duration timeout,
                                Predicate<JsonNode> until) throws Exception {
        JsonNode[] last = {Json.object()};
        await("notice " + noticeId, timeout, () -> {
            try {
                Reply reply = get(stack, "/v1/notices/" + noticeId, key);
                last[0] = reply.body();
                return reply.status() == 200 && until.test(reply.body());
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        });
        return last[0];
    }

    /** Whether nothing is waiting in, or being processed from, the queue. */
    static boolean drained(LocalStack stack, String queue) {
        return stack.sqs().getQueueAttributes(r -> r.queueUrl(stack.queueUrl(queue)).attributeNames(
                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes().values().stream()
                .allMatch("0"::equals);
    }

    /** The notification queue's visibility timeout is fixed in the template; drills shorten it on ElasticMQ. */
    static void setVisibilityTimeout(LocalStack stack, String queue, Duration timeout) {
        stack.sqs().setQueueAttributes(r -> r.queueUrl(stack.queueUrl(queue)).attributes(
                Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, Long.toString(timeout.toSeconds()))));
    }
}
