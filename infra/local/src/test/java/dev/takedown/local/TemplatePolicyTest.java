package dev.takedown.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.takedown.aws.DynamoNoticeStore;
import dev.takedown.aws.DynamoRightholderStore;
import dev.takedown.aws.DynamoTrustStore;
import dev.takedown.aws.SqsNotificationQueue;
import dev.takedown.core.events.Notifications;
import dev.takedown.core.json.Json;
import dev.takedown.core.model.Complaint;
import dev.takedown.core.model.Ids;
import dev.takedown.core.model.NoticeItem;
import dev.takedown.core.model.Party;
import dev.takedown.core.model.Rightholder;
import dev.takedown.core.model.SellerStanding;
import dev.takedown.core.model.TrustCounts;
import dev.takedown.core.testing.Events;
import dev.takedown.core.trust.StrikeRules;
import dev.takedown.core.trust.TrustPolicy;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Runs every function through the local stack, records each AWS call it makes, and checks that the
 * function's policies in template.yaml allow that action on that table, index or queue.
 */
class TemplatePolicyTest {
    private static final String SECRETS = "WebhookSecretsTable";
    private static final Set<String> READS = Set.of("dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:Query",
            "dynamodb:Scan", "dynamodb:PartiQLSelect", "dynamodb:GetRecords", "dynamodb:ExportTableToPointInTime");
    private static LocalStack stack;
    private static JsonNode template;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        template = new ObjectMapper(new YAMLFactory()).readTree(Files.readString(Events.projectRoot().resolve("template.yaml")));
        stack = LocalStack.start(ProjectTemplate.stack(Map.of("DispatchGraceSeconds", "0")));
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    private static int send(String method, String path, String key, String body, String idempotencyKey) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(stack.apiUrl().resolve(path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Authorization", "Bearer " + key);
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    @Test
    void everyAwsCallAFunctionMakesIsAllowedByItsPolicies() throws Exception {
        String key = LocalStackEndToEndTest.ACME_KEY;
        String body = LocalStackEndToEndTest.notice().toString();
        assertThat(send("POST", "/v1/notices", key, body, "policy-check")).isEqualTo(202);
        assertThat(send("POST", "/v1/notices", key, body, "policy-check")).isEqualTo(202);
        assertThat(send("POST", "/v1/notices", key, "{}", "policy-check-bad")).isEqualTo(400);
        assertThat(send("GET", "/v1/notices?limit=5", key, null, null)).isEqualTo(200);
        assertThat(send("GET", "/v1/notices/ntc_00000000000000000000000000/items", key, null, null)).isEqualTo(404);
        assertThat(send("GET", "/v1/reports/summary?from=2026-01-01&to=2026-12-31", key, null, null)).isEqualTo(200);
        assertThat(send("GET", "/v1/notices", "tdk_unknown_0000000000000000000000", null, null)).isEqualTo(401);
        assertThat(send("GET", "/v1/notices", LocalStackEndToEndTest.SELLER_FAKE_KEY, null, null)).isEqualTo(404);
        String queueUrl = stack.queueUrl("VerificationQueue");
        var attributes = stack.sqs().getQueueAttributes(r -> r.queueUrl(queueUrl)
                .attributeNamesWithStrings("VisibilityTimeout", "RedrivePolicy")).attributesAsStrings();
        stack.sqs().deleteQueue(r -> r.queueUrl(queueUrl));
        try {
            assertThat(send("POST", "/v1/notices", key, body, null)).isEqualTo(202);
        } finally {
            stack.sqs().createQueue(r -> r.queueName("VerificationQueue").attributesWithStrings(attributes));
        }
        stack.runSchedulesNow();
        notifyAboutANotice(key);
        redressRoutesAndSweep(key);
        reviewWidget(key);
        everyStaffOperation(key);
        trustReviewAndStaffTrustOperations();

        List<AwsCallRecorder.Call> calls = AwsCallRecorder.calls();
        assertThat(calls).extracting(AwsCallRecorder.Call::function).contains("AuthorizerFunction", "IntakeFunction",
                "DispatcherFunction", "VerifierFunction", "NotifierFunction", "StaffReviewerFunction", "StaffAdminFunction",
                "TrustReviewFunction", "RedressFunction", "RedressSweepFunction", "ReviewWidgetFunction");
        List<String> denied = new ArrayList<>();
        Set<String> distinct = new TreeSet<>();
        for (AwsCallRecorder.Call call : calls) {
            if (distinct.add(call.toString()) && !allowed(call)) {
                denied.add(call.function() + " calls " + call.action() + " on " + call.resource());
            }
        }
        assertThat(denied).as("calls the template's policies do not allow").isEmpty();

        List<AwsCallRecorder.Call> apiGateway = calls.stream().filter(c -> c.action().startsWith("apigateway:")).toList();
        assertThat(apiGateway).extracting(AwsCallRecorder.Call::function).containsOnly("StaffAdminFunction");
        assertThat(apiGateway).as("principals' own API Gateway keys made, and moved between usage plans")
                .extracting(AwsCallRecorder.Call::action).contains("apigateway:POST", "apigateway:DELETE");
        assertThat(calls).filteredOn(c -> c.resource().equals(SECRETS) && READS.contains(c.action()))
                .extracting(AwsCallRecorder.Call::function).containsOnly("NotifierFunction");
        assertThat(calls).filteredOn(c -> c.resource().equals(SECRETS) && c.function().equals("StaffAdminFunction"))
                .extracting(AwsCallRecorder.Call::action).contains("dynamodb:PutItem", "dynamodb:UpdateItem");
        assertThat(stack.dynamo().scan(r -> r.tableName(stack.tableName("RightholdersTable"))).items())
                .as("no secret left on the rightholders' rows, which other functions read")
                .allSatisfy(row -> assertThat(row.values()).noneMatch(v -> v.s() != null && v.s().startsWith("whsec_")));
    }

    /**
     * Webhook secrets are in their own table, which only the notifier's policies let it read: the staff admin function
     * may write there, but with no read action and no write answering the item it replaced, and no function has a
     * policy that reaches the table otherwise (a wildcard, a managed policy or a SAM policy template).
     */
    @Test
    void onlyTheNotifierMayReadWebhookSecrets() {
        List<String> readers = new ArrayList<>();
        template.path("Resources").properties().forEach(resource -> {
            JsonNode properties = resource.getValue().path("Properties");
            if (!resource.getValue().path("Type").asText().equals("AWS::Serverless::Function")) {
                return;
            }
            String function = resource.getKey();
            for (JsonNode policy : properties.path("Policies")) {
                assertThat(policy.isObject() && policy.size() == 1 && policy.has("Statement"))
                        .as(function + ": only inline statements, whose reach this test can see").isTrue();
                for (JsonNode statement : policy.path("Statement")) {
                    if (!reachesSecrets(statement.path("Resource"))) {
                        continue;
                    }
                    List<String> actions = new ArrayList<>();
                    (statement.path("Action").isArray() ? statement.path("Action") : List.of(statement.path("Action")))
                            .forEach(a -> actions.add(a.asText()));
                    if (actions.stream().anyMatch(a -> READS.contains(a) || a.contains("*"))) {
                        readers.add(function);
                    } else {
                        assertThat(actions).as(function + " writes secrets").isSubsetOf("dynamodb:PutItem",
                                "dynamodb:UpdateItem");
                        assertThat(statement.path("Condition").path("StringEqualsIfExists").path("dynamodb:ReturnValues")
                                .asText()).as(function + "'s writes never answer the item they replaced").isEqualTo("NONE");
                    }
                }
            }
            // Both staff functions share one wiring, so both are told; only the admin's policies let it write.
            boolean named = properties.path("Environment").path("Variables").has("WEBHOOK_SECRETS_TABLE");
            assertThat(named).as(function + " is told where the secrets are")
                    .isEqualTo(function.equals("NotifierFunction") || function.startsWith("Staff"));
        });
        assertThat(readers).containsExactly("NotifierFunction");
    }

    /**
     * Only the admin function reaches API Gateway: it makes keys and puts them on and takes them off this API's usage
     * plans, and can do nothing else there (read or delete a key, touch another usage plan, change the API).
     */
    @Test
    void onlyTheAdminFunctionReachesApiGatewayAndOnlyThisApisUsagePlanKeys() {
        List<String> reaching = new ArrayList<>();
        template.path("Resources").properties().forEach(resource -> {
            String policies = resource.getValue().path("Properties").path("Policies").toString();
            if (resource.getValue().path("Type").asText().equals("AWS::Serverless::Function")
                    && policies.contains("apigateway")) {
                reaching.add(resource.getKey());
            }
        });
        assertThat(reaching).containsExactly("StaffAdminFunction");
        String admin = "StaffAdminFunction";
        assertThat(Stream.of(
                new AwsCallRecorder.Call(admin, "apigateway:POST", "/apikeys"),
                new AwsCallRecorder.Call(admin, "apigateway:POST", "/usageplans/StandardUsagePlan/keys"),
                new AwsCallRecorder.Call(admin, "apigateway:POST", "/usageplans/HighVolumeUsagePlan/keys"),
                new AwsCallRecorder.Call(admin, "apigateway:DELETE", "/usageplans/StandardUsagePlan/keys/k1"),
                new AwsCallRecorder.Call(admin, "apigateway:DELETE", "/usageplans/HighVolumeUsagePlan/keys/k1")))
                .allMatch(TemplatePolicyTest::allowed);
        assertThat(Stream.of(
                new AwsCallRecorder.Call(admin, "apigateway:GET", "/apikeys"),
                new AwsCallRecorder.Call(admin, "apigateway:GET", "/apikeys/k1"),
                new AwsCallRecorder.Call(admin, "apigateway:DELETE", "/apikeys/k1"),
                new AwsCallRecorder.Call(admin, "apigateway:PATCH", "/apikeys/k1"),
                new AwsCallRecorder.Call(admin, "apigateway:POST", "/usageplans/anotherStacksPlan/keys"),
                new AwsCallRecorder.Call(admin, "apigateway:DELETE", "/usageplans/anotherStacksPlan/keys/k1"),
                new AwsCallRecorder.Call(admin, "apigateway:PATCH", "/usageplans/StandardUsagePlan"),
                new AwsCallRecorder.Call(admin, "apigateway:DELETE", "/usageplans/StandardUsagePlan"),
                new AwsCallRecorder.Call(admin, "apigateway:POST", "/usageplans"),
                new AwsCallRecorder.Call(admin, "apigateway:POST", "/restapis"),
                new AwsCallRecorder.Call(admin, "apigateway:PATCH", "/restapis/api1/stages/prod")))
                .noneMatch(TemplatePolicyTest::allowed);
    }

    /** Whether a statement's resources include the secrets table: named, or matched by a wildcard. */
    private static boolean reachesSecrets(JsonNode resources) {
        for (JsonNode resource : resources.isArray() ? resources : List.of(resources)) {
            String text = resource.toString();
            if (text.contains(SECRETS) || text.contains("\"*\"") || text.contains("table/*")) {
                return true;
            }
        }
        return false;
    }

    /** What each staff role must not be able to do through its function, whatever its code would try. */
    @Test
    void theStaffFunctionsAreSplitByPrivilege() {
        List<AwsCallRecorder.Call> reviewerMustNot = Stream.of("dynamodb:PutItem", "dynamodb:UpdateItem",
                "dynamodb:DeleteItem", "dynamodb:BatchWriteItem").flatMap(action -> Stream.of(
                        new AwsCallRecorder.Call("StaffReviewerFunction", action, "ApiKeysTable"),
                        new AwsCallRecorder.Call("StaffReviewerFunction", action, "RightsTable"))).toList();
        assertThat(reviewerMustNot).noneMatch(TemplatePolicyTest::allowed);
        // A complaint a reviewer decides can change the seller's standing (an UpdateItem of its row), as one decided
        // through the redress API can; registering or removing a seller is the admin's.
        assertThat(Stream.of("dynamodb:PutItem", "dynamodb:DeleteItem", "dynamodb:BatchWriteItem")
                .map(action -> new AwsCallRecorder.Call("StaffReviewerFunction", action, "SellersTable")))
                .noneMatch(TemplatePolicyTest::allowed);
        assertThat(allowed(new AwsCallRecorder.Call("StaffReviewerFunction", "dynamodb:PutItem", "RightholdersTable")))
                .as("registration").isFalse();
        List<AwsCallRecorder.Call> adminMustNot = Stream.of("dynamodb:GetItem", "dynamodb:Query", "dynamodb:PutItem",
                "dynamodb:UpdateItem").flatMap(action -> Stream.of(
                        new AwsCallRecorder.Call("StaffAdminFunction", action, "NoticesTable"),
                        new AwsCallRecorder.Call("StaffAdminFunction", action, "AuditTable"))).toList();
        assertThat(adminMustNot).noneMatch(TemplatePolicyTest::allowed);
        assertThat(allowed(new AwsCallRecorder.Call("AuthorizerFunction", "dynamodb:GetItem", "RightholdersTable")))
                .as("the authorizer reads the keys table only").isFalse();
    }

    /** The redress functions reach neither keys, rights, webhook secrets nor deliveries, whatever their code tried. */
    @Test
    void theRedressFunctionsReachNoKeysRightsSecretsOrDeliveries() {
        List<AwsCallRecorder.Call> mustNot = Stream.of("RedressFunction", "RedressSweepFunction").flatMap(function ->
                Stream.of("ApiKeysTable", "RightsTable", SECRETS, "DeliveriesTable").flatMap(table ->
                        Stream.of("dynamodb:GetItem", "dynamodb:Query", "dynamodb:PutItem", "dynamodb:UpdateItem")
                                .map(action -> new AwsCallRecorder.Call(function, action, table)))).toList();
        assertThat(mustNot).noneMatch(TemplatePolicyTest::allowed);
        assertThat(allowed(new AwsCallRecorder.Call("RedressSweepFunction", "dynamodb:PutItem", "IdempotencyTable")))
                .as("only the API takes Idempotency-Keys").isFalse();
    }

    /**
     * Events of each kind the rightholder hears about, for a stored notice, to a callback that answers 401 (the
     * API itself), so the notifier reads, records and postpones a retry; then the deliveries route.
     */
    private static void notifyAboutANotice(String key) throws Exception {
        String noticeId = stack.dynamo().scan(r -> r.tableName(stack.tableName("NoticesTable"))
                .filterExpression("sk = :n").expressionAttributeValues(Map.of(":n", AttributeValue.fromS("#NOTICE"))))
                .items().get(0).get("noticeId").s();
        new DynamoRightholderStore(stack.dynamo(), stack.tableName("RightholdersTable")).put(new Rightholder("acme",
                "Acme Brands Inc.", "legal@acme.example", stack.apiUrl() + "/webhooks/acme"));
        Instant now = Instant.now();
        new SqsNotificationQueue(stack.sqs(), stack.queueUrl("NotificationQueue")).publish(List.of(
                Notifications.noticeReceived(noticeId, now),
                Notifications.itemsDecided(noticeId, Stream.of(0, 1).map(i -> NoticeItem.open(i, null, "L" + i)).toList(),
                        Set.of(), now),
                Notifications.noticeCompleted(noticeId, now)));
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (AwsCallRecorder.calls().stream().filter(c -> c.action().equals("sqs:ChangeMessageVisibility")).count() < 3
                && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(send("GET", "/v1/notices/" + noticeId + "/deliveries", key, null, null)).isEqualTo(200);
    }

    /**
     * seller-fake contests a takedown of acme's and acme answers with legal action; acme withdraws another of its
     * takedowns; both items are then put on the redress schedule, so that the sweep does their whole follow-up.
     * The seller's requests reach RedressFunction as the authorizer hands on a seller's key.
     */
    private static void redressRoutesAndSweep(String key) throws Exception {
        JsonNode takedowns = Json.object();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (takedowns.path("takedowns").size() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(100);
            takedowns = Json.parse(sellerRequest("redress-list-takedowns.json", null, 0).path("body").asText());
        }
        JsonNode contested = takedowns.path("takedowns").get(0);
        JsonNode withdrawn = takedowns.path("takedowns").get(1);
        String noticeId = contested.path("noticeId").asText();
        int index = contested.path("index").asInt();
        assertThat(sellerRequest("redress-file-counter-notice.json", noticeId, index).path("statusCode").asInt())
                .isEqualTo(201);
        String response = Json.parse(Events.load("redress-respond-to-counter-notice.json")).path("body").asText();
        assertThat(send("POST", "/v1/notices/" + noticeId + "/items/" + index + "/counter-notice-response", key,
                response, "policy-response")).isEqualTo(200);
        assertThat(send("POST", "/v1/notices/" + withdrawn.path("noticeId").asText() + "/withdrawal", key,
                "{\"items\": [" + withdrawn.path("index").asInt() + "]}", null)).isEqualTo(200);

        DynamoNoticeStore notices = new DynamoNoticeStore(stack.dynamo(), stack.tableName("NoticesTable"));
        Instant due = Instant.now().minusSeconds(1);
        notices.scheduleRedress(noticeId, index, due);
        notices.scheduleRedress(withdrawn.path("noticeId").asText(), withdrawn.path("index").asInt(), due);
        stack.runSchedulesNow();
    }

    /** A sample event of the seller routes, on the takedown named, with the authorizer's context for seller-fake. */
    private static JsonNode sellerRequest(String sample, String noticeId, int index) throws Exception {
        ObjectNode event = (ObjectNode) Json.parse(Events.load(sample));
        if (noticeId != null) {
            String path = event.path("path").asText().replaceAll(Ids.NOTICE_ID_REGEX + "/0", noticeId + "/" + index);
            event.put("path", path);
            event.withObjectProperty("pathParameters").put("noticeId", noticeId).put("index", Integer.toString(index));
        }
        return StaffInvocations.invoke(stack, "RedressFunction", event.toString());
    }

    /** Every staff operation through the Lambda Invoke API, on a notice whose listing 1008 waits for review. */
    private static void everyStaffOperation(String key) throws Exception {
        var notice = LocalStackEndToEndTest.notice();
        notice.putArray("items").addObject().put("listingId", "1008");
        HttpResponse<String> accepted = HTTP.send(HttpRequest.newBuilder(stack.apiUrl().resolve("/v1/notices"))
                .POST(HttpRequest.BodyPublishers.ofString(notice.toString())).header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
        String noticeId = Json.parse(accepted.body()).path("id").asText();
        StaffInvocations.awaitReview(stack, noticeId, 0);
        List<String> events = List.of(
                "{\"operation\": \"decideItem\", \"noticeId\": \"" + noticeId + "\", \"index\": 0, \"decision\": \"ACTION\", \"staffId\": \"staff-policy\"}",
                "{\"operation\": \"getNotice\", \"noticeId\": \"" + noticeId + "\"}",
                Events.load("staff-set-right-status.json"),
                Events.load("staff-register-rightholder.json"),
                Events.load("staff-rotate-api-key.json"),
                Events.load("staff-register-seller.json"),
                Events.load("staff-rotate-webhook-secret.json"),
                "{\"operation\": \"rotateWebhookSecret\", \"sellerId\": \"seller-gadgets\", \"staffId\": \"staff-policy\"}",
                Events.load("staff-deactivate-rightholder.json"),
                Events.load("staff-get-rightholder.json"),
                Events.load("staff-reactivate-rightholder.json"),
                Events.load("staff-revoke-api-key.json"),
                Events.load("staff-issue-seller-key.json"),
                Events.load("staff-revoke-seller-key.json"),
                Events.load("staff-set-rate-plan.json"),
                Events.load("staff-set-rate-plan.json").replace("HIGH_VOLUME", "STANDARD"),
                Events.load("staff-transparency-report.json"),
                // Today's: the takedown decided above and the sellers suspended today.
                "{\"operation\": \"statementsOfReasons\", \"from\": \"" + LocalDate.now(ZoneOffset.UTC) + "\", \"to\": \""
                        + LocalDate.now(ZoneOffset.UTC) + "\"}");
        for (String event : events) {
            assertThat(StaffInvocations.invoke(stack, event).has("error")).as(event).isFalse();
        }
        // The seller complains about that takedown; staff list the complaints and reverse it (the listing comes back).
        DynamoNoticeStore notices = new DynamoNoticeStore(stack.dynamo(), stack.tableName("NoticesTable"));
        NoticeItem actioned = notices.itemsAt(noticeId, List.of(0)).get(0);
        assertThat(notices.recordRedress(noticeId, actioned, actioned.redressed(actioned.status(), actioned.redress()
                .withComplaint(new Complaint(Party.SELLER, "Genuine.", List.of(), Instant.now(), null))), null)).isTrue();
        for (String event : List.of(Events.load("staff-complaint-queue.json"), "{\"operation\": \"decideComplaint\","
                + " \"noticeId\": \"" + noticeId + "\", \"index\": 0, \"from\": \"SELLER\", \"decision\": \"REVERSE\","
                + " \"staffId\": \"staff-policy\", \"reason\": \"Genuine after all.\"}")) {
            assertThat(StaffInvocations.invoke(stack, event).has("error")).as(event).isFalse();
        }
    }

    /**
     * The review widget as the dashboard drives it: the queue, an item actioned with its Action button's event, then
     * the seller's complaint about that takedown upheld with its Uphold button's.
     */
    private static void reviewWidget(String key) throws Exception {
        var notice = LocalStackEndToEndTest.notice();
        notice.putArray("items").addObject().put("listingId", "1010");
        HttpResponse<String> accepted = HTTP.send(HttpRequest.newBuilder(stack.apiUrl().resolve("/v1/notices"))
                .POST(HttpRequest.BodyPublishers.ofString(notice.toString())).header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
        String noticeId = Json.parse(accepted.body()).path("id").asText();
        StaffInvocations.awaitReview(stack, noticeId, 0);
        String widget = "ReviewWidgetFunction";
        assertThat(StaffInvocations.invoke(stack, widget, Events.load("review-widget-load.json")).asText())
                .contains(noticeId);
        String decide = "{\"action\": \"decideItem\", \"noticeId\": \"" + noticeId + "\", \"index\": 0,"
                + " \"decision\": \"ACTION\", \"widgetContext\": {\"params\": {\"queue\": \"review\"}, \"forms\": {\"all\":"
                + " {\"reviewer\": \"policy\", \"reason:" + noticeId + ":0\": \"Counterfeit.\"}}}}";
        assertThat(StaffInvocations.invoke(stack, widget, decide).asText()).contains("is now ACTIONED");
        DynamoNoticeStore notices = new DynamoNoticeStore(stack.dynamo(), stack.tableName("NoticesTable"));
        NoticeItem actioned = notices.itemsAt(noticeId, List.of(0)).get(0);
        assertThat(notices.recordRedress(noticeId, actioned, actioned.redressed(actioned.status(), actioned.redress()
                .withComplaint(new Complaint(Party.SELLER, "Genuine.", List.of(), Instant.now(), null))), null)).isTrue();
        String uphold = "{\"action\": \"decideComplaint\", \"noticeId\": \"" + noticeId + "\", \"index\": 0,"
                + " \"from\": \"SELLER\", \"decision\": \"UPHOLD\", \"widgetContext\": {\"params\": {\"queue\":"
                + " \"complaints\"}, \"forms\": {\"all\": {\"reviewer\": \"policy\", \"reason:" + noticeId
                + ":0:SELLER\": \"The test buy was counterfeit.\"}}}}";
        assertThat(StaffInvocations.invoke(stack, widget, uphold).asText()).contains("is now ACTIONED");
    }

    /**
     * Five strikes of seller-fake whose windows have closed, so the scheduled review suspends it (its listings
     * taken down); then every staff trust operation, reinstatement (listings put back) included.
     */
    private static void trustReviewAndStaffTrustOperations() throws Exception {
        DynamoTrustStore trust = new DynamoTrustStore(stack.dynamo(), stack.tableName("TrustTable"),
                stack.tableName("RightholdersTable"), stack.tableName("SellersTable"));
        LocalDate longAgo = LocalDate.now(ZoneOffset.UTC).minusDays(60);
        for (int i = 0; i < 5; i++) {
            trust.addStrikeItems("seller-fake", "rh-" + i, longAgo, false, List.of("ntc_policy#" + i),
                    StrikeRules.windowCloses(longAgo, false, TrustPolicy.DEFAULTS));
        }
        stack.runSchedulesNow();
        assertThat(trust.sellerState("seller-fake").standing()).isEqualTo(SellerStanding.SUSPENDED);
        // A record that makes acme eligible, so that staff may grant it TRUSTED.
        trust.addCounts("acme", LocalDate.now(ZoneOffset.UTC), new TrustCounts(50, 50, 0, 0, 50));
        List<String> events = List.of(
                Events.load("staff-get-rightholder.json"),
                Events.load("staff-set-tier.json"),
                Events.load("staff-set-tier.json").replace("\"TRUSTED\"", "\"STANDARD\""),
                Events.load("staff-get-seller.json"),
                Events.load("staff-reinstate-seller.json"),
                Events.load("staff-void-strike.json").replace("2026-11-28/acme", longAgo + "/rh-0"));
        for (String event : events) {
            assertThat(StaffInvocations.invoke(stack, event).has("error")).as(event).isFalse();
        }
        assertThat(StaffInvocations.invoke(stack, Events.load("staff-lift-suspension.json")).path("error")
                .path("type").asText()).isEqualTo("Conflict");
    }

    /** Whether one of the function's Allow statements names the action and covers the resource. */
    private static boolean allowed(AwsCallRecorder.Call call) {
        JsonNode policies = template.path("Resources").path(call.function()).path("Properties").path("Policies");
        for (JsonNode policy : policies) {
            for (JsonNode statement : policy.path("Statement")) {
                if (statement.path("Effect").asText().equals("Allow") && contains(statement.path("Action"), call.action())
                        && covers(statement.path("Resource"), call.resource())) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean contains(JsonNode actions, String action) {
        if (actions.isTextual()) {
            return actions.asText().equals(action);
        }
        for (JsonNode candidate : actions) {
            if (candidate.asText().equals(action)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Resources are written as Fn::GetAtt [X, Arn], Fn::Sub "${X.Arn}/index/*" or Fn::Sub "${X.Arn}/index/name";
     * local names are logical ids.
     */
    private static boolean covers(JsonNode resources, String resource) {
        if (!resources.isArray()) {
            return coversOne(resources, resource);
        }
        for (JsonNode candidate : resources) {
            if (coversOne(candidate, resource)) {
                return true;
            }
        }
        return false;
    }

    private static boolean coversOne(JsonNode candidate, String resource) {
        JsonNode choice = candidate.path("Fn::If");
        if (choice.isArray() && choice.size() == 3) {
            return coversOne(choice.get(1), resource) || coversOne(choice.get(2), resource);
        }
        JsonNode getAtt = candidate.path("Fn::GetAtt");
        if (getAtt.isArray() && getAtt.get(1).asText().equals("Arn")) {
            return getAtt.get(0).asText().equals(resource);
        }
        String sub = candidate.path("Fn::Sub").asText(null);
        if (sub != null && sub.matches("\\$\\{(\\w+)\\.Arn}/index/\\*")) {
            String table = sub.substring(2, sub.indexOf('.'));
            return resource.startsWith(table + "/index/");
        }
        if (sub != null && sub.matches("\\$\\{(\\w+)\\.Arn}/index/\\w+")) {
            return resource.equals(sub.substring(2, sub.indexOf('.')) + sub.substring(sub.indexOf('}') + 1));
        }
        if (sub != null && sub.startsWith(API_GATEWAY_ARN)) {
            return resource.matches(apiGatewayPattern(sub.substring(API_GATEWAY_ARN.length())));
        }
        return false;
    }

    private static final String API_GATEWAY_ARN = "arn:${AWS::Partition}:apigateway:${AWS::Region}::";

    /** An API Gateway resource path as a pattern: a usage plan named by its logical id (its local id), * any text. */
    private static String apiGatewayPattern(String path) {
        StringBuilder pattern = new StringBuilder();
        Matcher reference = Pattern.compile("\\$\\{(\\w+)}|\\*").matcher(path);
        int at = 0;
        while (reference.find()) {
            pattern.append(Pattern.quote(path.substring(at, reference.start())))
                    .append(reference.group(1) != null ? Pattern.quote(reference.group(1)) : ".*");
            at = reference.end();
        }
        return pattern.append(Pattern.quote(path.substring(at))).toString();
    }
}
