package dev.takedown.local;

import static dev.takedown.local.FaultDrills.ACME_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.takedown.core.model.Listing;
import dev.takedown.core.model.ListingStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;

/**
 * A fifth of the DynamoDB calls that functions make are throttled: the same notice, over fresh copies of the same
 * listings, ends exactly as it does without throttling.
 */
class FaultDrillThrottlingTest {
    private static final double THROTTLED_SHARE = 0.2;
    private static final Duration SETTLE = Duration.ofSeconds(60);

    private static LocalStack stack;

    @BeforeAll
    static void start() {
        stack = LocalStack.start(ProjectTemplate.stack(Map.of("VerificationVisibilityTimeout", "2")));
    }

    @AfterAll
    static void stop() {
        FaultInjector.clear();
        if (stack != null) {
            stack.close();
        }
    }

    /** Throttles a seeded-random share of attempts and counts the calls that the SDK then retried. */
    static final class Throttling implements FaultInjector.Fault {
        private final Random random = new Random(20);
        private final Set<ExecutionAttributes> throttled = Collections.synchronizedSet(
                Collections.newSetFromMap(new IdentityHashMap<>()));
        final AtomicInteger attempts = new AtomicInteger();
        final AtomicInteger injected = new AtomicInteger();
        final AtomicInteger retriedBySdk = new AtomicInteger();

        @Override
        public void beforeAttempt(String function, String service, String operation, ExecutionAttributes attributes) {
            if (!"DynamoDb".equals(service)) {
                return;
            }
            attempts.incrementAndGet();
            if (throttled.contains(attributes)) {
                retriedBySdk.incrementAndGet();
            }
            boolean throttle;
            synchronized (random) {
                throttle = random.nextDouble() < THROTTLED_SHARE;
            }
            if (throttle) {
                throttled.add(attributes);
                injected.incrementAndGet();
                throw ProvisionedThroughputExceededException.builder()
                        .message("The level of configured provisioned throughput for the table was exceeded.")
                        .statusCode(400)
                        .awsErrorDetails(AwsErrorDetails.builder().serviceName("DynamoDb")
                                .errorCode("ProvisionedThroughputExceededException").build())
                        .build();
            }
        }
    }

    @Test
    void throttledRunEndsLikeAnUnthrottledOne() throws Exception {
        Map<String, Object> calm = run("calm");
        Throttling throttling = new Throttling();
        FaultInjector.install(throttling);
        Map<String, Object> throttled;
        try {
            throttled = run("throttled");
        } finally {
            FaultInjector.clear();
        }
        assertThat(throttling.injected.get()).as("throttled attempts").isGreaterThanOrEqualTo(10);
        assertThat((double) throttling.injected.get() / throttling.attempts.get()).as("share of attempts throttled")
                .isBetween(THROTTLED_SHARE / 2, THROTTLED_SHARE * 2);
        // The SDK retries a 400 only when it counts it as throttling.
        assertThat(throttling.retriedBySdk.get()).as("throttled calls the SDK retried").isGreaterThan(0);
        assertThat(throttled).isEqualTo(calm);
    }

    /**
     * Submits the drill's notice over listings of their own named after {@code run}; returns, once the notice is
     * complete, every item's decision and listing state and the notice's outcome, free of ids and times.
     */
    private static Map<String, Object> run(String run) throws Exception {
        List<String> named = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            Listing listing = FaultDrills.counterfeit(run + "-fake-" + i, i % 2 == 0 ? "seller-fake" : "seller-honest");
            FaultDrills.listings(stack).put(listing);
            named.add(listing.id());
        }
        FaultDrills.listings(stack).put(new Listing(run + "-authorized", "seller-authorized", "ACME anvil", "ACME",
                ListingStatus.ACTIVE));
        FaultDrills.listings(stack).put(new Listing(run + "-gone", "seller-fake", "ACME magnet", "ACME",
                ListingStatus.REMOVED));
        named.addAll(List.of(run + "-authorized", run + "-gone", run + "-missing", run + "-fake-0"));

        String noticeId = FaultDrills.submit(stack, ACME_KEY, FaultDrills.noticeNaming(named));
        JsonNode notice = FaultDrills.awaitNotice(stack, noticeId, ACME_KEY, SETTLE,
                n -> n.path("status").asText().equals("COMPLETED"));

        Map<String, Object> state = new LinkedHashMap<>();
        state.put("status", notice.path("status").asText());
        state.put("outcome", notice.path("outcome").asText());
        state.put("openItemCount", notice.path("openItemCount").asInt());
        for (JsonNode item : notice.path("items")) {
            String listingId = item.path("listingId").asText();
            String listingState = FaultDrills.listings(stack).find(listingId)
                    .map(l -> l.status() + (l.removedBy(noticeId, item.path("index").asInt()) ? " by this item" : ""))
                    .orElse("absent");
            state.put("item " + item.path("index").asInt(), List.of(listingId.substring(run.length()),
                    item.path("status").asText(), item.path("reason").asText(), item.path("rule").asText(), listingState));
        }
        return state;
    }
}
