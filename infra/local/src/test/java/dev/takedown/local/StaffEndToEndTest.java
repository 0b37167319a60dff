package dev.takedown.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.takedown.aws.DynamoListingStore;
import dev.takedown.core.json.Json;
import dev.takedown.core.model.ListingStatus;
import dev.takedown.core.testing.Events;
import dev.takedown.core.testing.NoticeBodies;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The whole stack from template.yaml with the default seed: brand owners over HTTP, platform staff through the
 * Lambda Invoke API, as {@code aws lambda invoke --endpoint-url} reaches StaffReviewerFunction and StaffAdminFunction.
 */
class StaffEndToEndTest {
    private static final String ACME_KEY = LocalStackEndToEndTest.ACME_KEY;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final MovableClock CLOCK = new MovableClock();
    private static LocalStack stack;

    @BeforeAll
    static void start() {
        stack = LocalStack.start(ProjectTemplate.stack(Map.of()).withClock(CLOCK));
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    private static HttpResponse<String> call(String method, String path, String apiKey, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(stack.apiUrl().resolve(path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Authorization", "Bearer " + apiKey);
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode staff(String event) throws Exception {
        return StaffInvocations.invoke(stack, event);
    }

    private static ObjectNode noticeNaming(String... listingIds) {
        ObjectNode body = NoticeBodies.valid();
        var items = body.putArray("items");
        for (String id : listingIds) {
            items.addObject().put("listingId", id);
        }
        return body;
    }

    @Test
    void staffDecideTheItemThatNeedsAPersonAndTheNoticeCompletes() throws Exception {
        HttpResponse<String> accepted = call("POST", "/v1/notices", ACME_KEY, noticeNaming("1001", "1008").toString());
        assertThat(accepted.statusCode()).isEqualTo(202);
        String id = Json.parse(accepted.body()).path("id").asText();
        StaffInvocations.awaitReview(stack, id, 1);
        JsonNode verified = Json.parse(call("GET", "/v1/notices/" + id, ACME_KEY, null).body());
        assertThat(verified.path("items")).extracting(i -> i.path("status").asText()).containsExactly("ACTIONED", "NEEDS_REVIEW");

        String decide = "{\"operation\": \"decideItem\", \"noticeId\": \"" + id + "\", \"index\": 1, \"decision\": \"ACTION\","
                + " \"staffId\": \"staff-jane\", \"note\": \"Counterfeit battery pack.\"}";
        JsonNode decided = staff(decide);
        assertThat(decided.path("item").path("status").asText()).as(decided.toString()).isEqualTo("ACTIONED");
        assertThat(decided.path("item").path("statement").path("automated").asBoolean()).isFalse();
        assertThat(new DynamoListingStore(stack.dynamo(), stack.tableName("ListingsTable")).find("1008").orElseThrow().status())
                .isEqualTo(ListingStatus.REMOVED);
        JsonNode completed = Json.parse(call("GET", "/v1/notices/" + id, ACME_KEY, null).body());
        assertThat(completed.path("status").asText()).isEqualTo("COMPLETED");
        assertThat(completed.path("outcome").asText()).isEqualTo("ALL");
        // The rightholder learns that a person decided, not who.
        assertThat(completed.path("items").get(1).path("decidedBy").asText()).isEqualTo("STAFF");

        JsonNode record = staff("{\"operation\": \"getNotice\", \"noticeId\": \"" + id + "\"}");
        assertThat(record.path("auditTrail")).extracting(e -> e.path("actor").asText() + ":" + e.path("to").asText())
                .containsExactly("AUTO:ACTIONED", "AUTO:NEEDS_REVIEW", "staff-jane:ACTIONED");
        assertThat(record.path("items").get(1).path("note").asText()).isEqualTo("Counterfeit battery pack.");

        assertThat(staff(decide)).isEqualTo(decided);
        assertThat(staff("{\"operation\": \"getNotice\", \"noticeId\": \"" + id + "\"}")).isEqualTo(record);
        assertThat(Json.parse(call("GET", "/v1/notices/" + id, ACME_KEY, null).body())).isEqualTo(completed);
        assertThat(staff("{\"operation\": \"reviewQueue\"}").path("items"))
                .noneMatch(i -> i.path("noticeId").asText().equals(id));
    }

    /**
     * A seller's key authenticates (the notices routes then answer 404: they are not a seller's), the next one
     * issued replaces it, and a revoked key is refused (401) with the very next request.
     */
    @Test
    void aSellersKeyWorksUntilReplacedOrRevoked() throws Exception {
        staff("{\"operation\": \"registerSeller\", \"sellerId\": \"seller-keys\", \"name\": \"Key Test Outlet\","
                + " \"staffId\": \"staff-jane\"}");
        String issue = "{\"operation\": \"issueSellerKey\", \"sellerId\": \"seller-keys\", \"staffId\": \"staff-jane\"}";
        JsonNode first = staff(issue);
        String firstKey = first.path("apiKey").asText();
        assertThat(firstKey).as(first.toString()).startsWith("tdk_");
        assertThat(call("GET", "/v1/notices", firstKey, null).statusCode()).isEqualTo(404);

        JsonNode second = staff(issue);
        assertThat(second.path("revokedKeys").asInt()).isEqualTo(1);
        String secondKey = second.path("apiKey").asText();
        assertThat(call("GET", "/v1/notices", firstKey, null).statusCode()).as("replaced").isEqualTo(401);
        assertThat(call("GET", "/v1/notices", secondKey, null).statusCode()).isEqualTo(404);
        String getSeller = "{\"operation\": \"getSeller\", \"sellerId\": \"seller-keys\"}";
        assertThat(staff(getSeller).path("apiKeys")).singleElement()
                .satisfies(k -> assertThat(k.path("keyPrefix").asText()).isEqualTo(secondKey.substring(0, 8)));

        JsonNode revoked = staff("{\"operation\": \"revokeSellerKey\", \"sellerId\": \"seller-keys\","
                + " \"staffId\": \"staff-jane\", \"reason\": \"Key stolen.\"}");
        assertThat(revoked.path("revokedKeys").asInt()).as(revoked.toString()).isEqualTo(1);
        assertThat(call("GET", "/v1/notices", secondKey, null).statusCode()).as("revoked").isEqualTo(401);
        assertThat(staff(getSeller).path("apiKeys")).isEmpty();
        assertThat(staff("{\"operation\": \"issueSellerKey\", \"sellerId\": \"seller-nobody\", \"staffId\": \"staff-jane\"}")
                .path("error").path("type").asText()).isEqualTo("NotFound");
    }

    @Test
    void aRegisteredRightholderGetsAWorkingKeyThatRotationReplaces() throws Exception {
        JsonNode registered = staff("{\"operation\": \"registerRightholder\", \"id\": \"initech\", \"name\": \"Initech LLC\","
                + " \"email\": \"ip@initech.example\", \"staffId\": \"staff-jane\"}");
        String key = registered.path("apiKey").asText();
        assertThat(key).as(registered.toString()).startsWith("tdk_");
        assertThat(registered.path("webhookSecret").asText()).startsWith("whsec_");
        assertThat(call("GET", "/v1/notices", key, null).statusCode()).isEqualTo(200);
        HttpResponse<String> noRights = call("POST", "/v1/notices", key, noticeNaming("1002").toString());
        assertThat(noRights.statusCode()).as(noRights.body()).isEqualTo(422);

        JsonNode rotated = staff("{\"operation\": \"rotateApiKey\", \"rightholderId\": \"initech\", \"staffId\": \"staff-joe\"}");
        String newKey = rotated.path("apiKey").asText();
        assertThat(rotated.path("revokedKeys").asInt()).isEqualTo(1);
        assertThat(call("GET", "/v1/notices", key, null).statusCode()).isEqualTo(401);
        assertThat(call("GET", "/v1/notices", newKey, null).statusCode()).isEqualTo(200);
    }

    @Test
    void aRevokedRightCanBackNoNewNotice() throws Exception {
        ObjectNode copyright = noticeNaming("1004").put("rightId", "cr-acme-manual").put("reason", "COPYRIGHT");
        JsonNode revoked = staff("{\"operation\": \"setRightStatus\", \"rightId\": \"cr-acme-manual\", \"status\": \"REVOKED\","
                + " \"staffId\": \"staff-jane\", \"reason\": \"Registration cancelled by the copyright office.\"}");
        assertThat(revoked.path("status").asText()).as(revoked.toString()).isEqualTo("REVOKED");

        HttpResponse<String> refused = call("POST", "/v1/notices", ACME_KEY, copyright.toString());
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(Json.parse(refused.body()).path("errors").get(0).path("field").asText()).isEqualTo("rightId");
    }

    @Test
    void trustedIsRefusedToARightholderThatIsNotEligibleAndTheRecordSaysWhatIsMissing() throws Exception {
        JsonNode refused = staff(Events.load("staff-set-tier.json")).path("error");
        assertThat(refused.path("type").asText()).as(refused.toString()).isEqualTo("Conflict");
        assertThat(refused.path("errors").get(0).path("field").asText()).isEqualTo("tier");
        assertThat(refused.path("message").asText()).contains("not eligible for TRUSTED", "more decisions that stand");

        JsonNode acme = staff(Events.load("staff-get-rightholder.json"));
        assertThat(acme.path("tier").asText()).isEqualTo("STANDARD");
        JsonNode eligibility = acme.path("trustedEligibility");
        assertThat(eligibility.path("eligible").asBoolean()).as(acme.toString()).isFalse();
        assertThat(eligibility.path("missing")).isNotEmpty();
        assertThat(acme.path("auditTrail")).isEmpty();
    }

    @Test
    void anUnknownOperationIsAnErrorNamingIt() throws Exception {
        for (String function : List.of(StaffInvocations.REVIEWER, StaffInvocations.ADMIN)) {
            JsonNode error = StaffInvocations.invoke(stack, function, "{\"operation\": \"deleteAllNotices\"}").path("error");
            assertThat(error.path("type").asText()).isEqualTo("UnknownOperation");
            assertThat(error.path("message").asText()).contains("deleteAllNotices");
            assertThat(error.path("errors").get(0).path("field").asText()).isEqualTo("operation");
        }
    }

    @Test
    void eachStaffFunctionRefusesTheOthersOperationsNamingTheRightOneAndChangesNothing() throws Exception {
        String register = "{\"operation\": \"registerRightholder\", \"id\": \"hooli\", \"name\": \"Hooli\","
                + " \"email\": \"ip@hooli.example\", \"staffId\": \"staff-jane\"}";
        JsonNode refused = StaffInvocations.invoke(stack, StaffInvocations.REVIEWER, register).path("error");
        assertThat(refused.path("type").asText()).isEqualTo("WrongFunction");
        assertThat(refused.path("message").asText()).contains("invoke StaffAdminFunction");
        assertThat(staff("{\"operation\": \"getRightholder\", \"rightholderId\": \"hooli\"}").path("error")
                .path("type").asText()).as("nothing registered").isEqualTo("NotFound");

        String rotate = "{\"operation\": \"rotateApiKey\", \"rightholderId\": \"acme\", \"staffId\": \"staff-jane\"}";
        assertThat(StaffInvocations.invoke(stack, StaffInvocations.REVIEWER, rotate).path("error").path("type").asText())
                .isEqualTo("WrongFunction");
        assertThat(call("GET", "/v1/notices", ACME_KEY, null).statusCode()).as("the demo key still works").isEqualTo(200);

        JsonNode wrong = StaffInvocations.invoke(stack, StaffInvocations.ADMIN, "{\"operation\": \"reviewQueue\"}");
        assertThat(wrong.path("error").path("message").asText()).contains("invoke StaffReviewerFunction");
    }

    @Test
    void aKeyStopsWorkingWhenRevokedWhenItExpiresAndWhileItsRightholderIsDeactivated() throws Exception {
        JsonNode registered = staff("{\"operation\": \"registerRightholder\", \"id\": \"umbrella\", \"name\": \"Umbrella\","
                + " \"email\": \"ip@umbrella.example\", \"staffId\": \"staff-jane\", \"expiresInDays\": 2}");
        String key = registered.path("apiKey").asText();
        assertThat(call("GET", "/v1/notices", key, null).statusCode()).as(registered.toString()).isEqualTo(200);

        String reason = "\"staffId\": \"staff-jane\", \"reason\": \"Mandate under review.\"}";
        JsonNode deactivated = staff("{\"operation\": \"deactivateRightholder\", \"rightholderId\": \"umbrella\", " + reason);
        assertThat(deactivated.path("active").asBoolean()).as(deactivated.toString()).isFalse();
        assertThat(call("GET", "/v1/notices", key, null).statusCode()).isEqualTo(401);
        staff("{\"operation\": \"reactivateRightholder\", \"rightholderId\": \"umbrella\", " + reason);
        assertThat(call("GET", "/v1/notices", key, null).statusCode()).isEqualTo(200);

        JsonNode read = staff("{\"operation\": \"getRightholder\", \"rightholderId\": \"umbrella\"}");
        assertThat(read.path("apiKeys")).singleElement().satisfies(k -> {
            assertThat(k.path("expiresAt").asText()).isEqualTo(registered.path("apiKeyExpiresAt").asText());
            assertThat(k.path("keyPrefix").asText()).isEqualTo(key.substring(0, 8));
        });
        CLOCK.advance(Duration.ofDays(2));
        try {
            assertThat(call("GET", "/v1/notices", key, null).statusCode()).as("expired").isEqualTo(401);
            assertThat(staff("{\"operation\": \"getRightholder\", \"rightholderId\": \"umbrella\"}").path("apiKeys")
                    .get(0).path("expired").asBoolean()).isTrue();
        } finally {
            CLOCK.advance(Duration.ofDays(-2));
        }
        assertThat(call("GET", "/v1/notices", key, null).statusCode()).isEqualTo(200);

        JsonNode revoked = staff("{\"operation\": \"revokeApiKey\", \"rightholderId\": \"umbrella\", " + reason);
        assertThat(revoked.path("revokedKeys").asInt()).as(revoked.toString()).isEqualTo(1);
        assertThat(call("GET", "/v1/notices", key, null).statusCode()).isEqualTo(401);
    }
}
