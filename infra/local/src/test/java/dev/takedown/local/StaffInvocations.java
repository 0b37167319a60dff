package dev.takedown.local;

import com.fasterxml.jackson.databind.JsonNode;
import dev.takedown.core.json.Json;
import dev.takedown.core.staff.StaffRequests.Operation;
import dev.takedown.core.staff.StaffRequests.Role;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Invokes the staff functions through the local stack's Lambda Invoke API, as {@code aws lambda invoke} does: each
 * event goes to the function that serves its operation, unless a test names the function.
 */
final class StaffInvocations {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private StaffInvocations() {
    }

    static final String REVIEWER = "StaffReviewerFunction";
    static final String ADMIN = "StaffAdminFunction";

    static JsonNode invoke(LocalStack stack, String event) throws Exception {
        return invoke(stack, functionFor(event), event);
    }

    /** The function serving the event's operation: README's table, as the operations declare it. */
    static String functionFor(String event) throws Exception {
        Operation operation = Operation.valueOf(Json.parse(event).path("operation").asText());
        return operation.role() == Role.ADMIN ? ADMIN : REVIEWER;
    }

    static JsonNode invoke(LocalStack stack, String function, String event) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(stack.lambdaUrl().resolve("/2015-03-31/functions/" + function
                        + "/invocations"))
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(event))
                .build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200 || response.headers().firstValue("X-Amz-Function-Error").isPresent()) {
            throw new AssertionError(function + " failed: " + response.statusCode() + " " + response.body());
        }
        return Json.parse(response.body());
    }

    /** Waits until the verifier has put the item in the review queue. */
    static void awaitReview(LocalStack stack, String noticeId, int index) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            for (JsonNode item : invoke(stack, "{\"operation\": \"reviewQueue\", \"limit\": 100}").path("items")) {
                if (item.path("noticeId").asText().equals(noticeId) && item.path("index").asInt() == index) {
                    return;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("item " + index + " of " + noticeId + " never reached the review queue");
    }
}
