package dev.takedown.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.takedown.local.ApiDef.GatewayResponseDef;
import dev.takedown.local.FunctionDef.ApiEvent;
import dev.takedown.local.TableDef.IndexDef;
import dev.takedown.local.TableDef.KeyElement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplateTest {
    private final Template template = ProjectTemplate.load(Map.of());

    @Test
    void readsParametersWithDefaultsAndOverrides() {
        assertThat(template.parameters()).containsEntry("StageName", "prod").containsEntry("MaxItems", "1000");
        Template overridden = ProjectTemplate.load(Map.of("StageName", "dev"));
        assertThat(overridden.parameters()).containsEntry("StageName", "dev");
        assertThat(overridden.api().orElseThrow().stageName()).isEqualTo("dev");
    }

    /** The cursor signing key has no default: a deployment must set one; each local run makes up its own. */
    @Test
    void aSecretWithoutADefaultIsMadeUpAfreshForEachLocalRun() {
        String key = template.parameters().get("CursorSigningKey");
        assertThat(key).hasSizeGreaterThanOrEqualTo(32).isNotEqualTo(ProjectTemplate.load(Map.of())
                .parameters().get("CursorSigningKey"));
        assertThat(ProjectTemplate.load(Map.of("CursorSigningKey", "k".repeat(40))).parameters())
                .containsEntry("CursorSigningKey", "k".repeat(40));
        assertThat(ProjectTemplate.text()).doesNotContain(key);
    }

    /** So that every request body reaches the functions as the client's bytes, which they decode strictly. */
    @Test
    void theApiTakesEveryMediaTypeAsBinary() {
        assertThat(template.api().orElseThrow().binaryMediaTypes()).containsExactly("*/*");
    }

    /**
     * Every method needs the authorizer's usage key; each rate plan's usage plan has the plan's parameters, and is
     * the one where the admin function puts principals' keys and where the plan's shared key (the one the authorizer
     * names for a principal without a key of its own) is.
     */
    @Test
    void eachRatePlansUsageKeysMeterOnItsUsagePlan() {
        Template small = ProjectTemplate.load(Map.of("StandardPlanRateLimit", "2", "StandardPlanBurstLimit", "5",
                "HighVolumePlanRateLimit", "20", "HighVolumePlanBurstLimit", "50"));
        ApiDef api = small.api().orElseThrow();
        assertThat(api.apiKeyRequired()).isTrue();
        References references = new References(small.resourceTypes(), small.parameters(), queue -> queue);
        Map<String, Intrinsic> authorizer = small.function("AuthorizerFunction").environment();
        Map<String, Intrinsic> admin = small.function("StaffAdminFunction").environment();
        String standard = references.resolve(admin.get("STANDARD_USAGE_PLAN_ID"), "standard");
        String highVolume = references.resolve(admin.get("HIGH_VOLUME_USAGE_PLAN_ID"), "high");
        assertThat(api.usagePlans()).containsExactlyInAnyOrderEntriesOf(Map.of(
                standard, new RateLimiter.Throttle(2, 5), highVolume, new RateLimiter.Throttle(20, 50)));
        assertThat(api.apiKeys()).extracting(ApiDef.ApiKeyDef::value, ApiDef.ApiKeyDef::usagePlanId)
                .containsExactlyInAnyOrder(
                        tuple(references.resolve(authorizer.get("STANDARD_PLAN_USAGE_KEY"), "standard"), standard),
                        tuple(references.resolve(authorizer.get("HIGH_VOLUME_PLAN_USAGE_KEY"), "high"), highVolume));
        assertThat(api.gatewayResponses().get("THROTTLED").headers()).containsEntry("RateLimit-Policy",
                "5;w=1;rate=2;plan=STANDARD, 50;w=1;rate=20;plan=HIGH_VOLUME");
    }

    @Test
    void rejectsUnknownOrDisallowedParameterValues() {
        assertThatThrownBy(() -> ProjectTemplate.load(Map.of("NoSuchParameter", "x")))
                .isInstanceOf(TemplateException.class).hasMessageContaining("NoSuchParameter");
        assertThatThrownBy(() -> ProjectTemplate.load(Map.of("LogLevel", "LOUD")))
                .isInstanceOf(TemplateException.class).hasMessageContaining("LogLevel").hasMessageContaining("LOUD");
    }

    @Test
    void readsTablesWithKeysAndIndexes() {
        assertThat(template.tables()).extracting(TableDef::logicalId).contains("RightholdersTable", "ApiKeysTable",
                "RightsTable", "SellersTable", "ListingsTable", "NoticesTable", "IdempotencyTable");
        TableDef notices = template.table("NoticesTable").orElseThrow();
        assertThat(notices.keySchema()).containsExactly(new KeyElement("noticeId", "HASH"), new KeyElement("sk", "RANGE"));
        assertThat(notices.attributeTypes()).containsEntry("dispatchState", "S").containsEntry("noticeId", "S");
        assertThat(notices.globalSecondaryIndexes()).extracting(IndexDef::indexName)
                .startsWith("byRightholder", "pendingDispatch");
        IndexDef pending = notices.globalSecondaryIndexes().get(1);
        assertThat(pending.keySchema()).containsExactly(new KeyElement("dispatchState", "HASH"),
                new KeyElement("receivedKey", "RANGE"));
        assertThat(pending.projectionType()).isEqualTo("KEYS_ONLY");
    }

    @Test
    void readsQueuesWithRedrivePolicies() {
        QueueDef verification = template.queues().stream()
                .filter(q -> q.logicalId().equals("VerificationQueue")).findFirst().orElseThrow();
        assertThat(verification).isEqualTo(new QueueDef("VerificationQueue", 180, "VerificationDLQ", 5));
        assertThat(template.queues()).contains(new QueueDef("VerificationDLQ", null, null, null));
    }

    @Test
    void readsFunctionsWithGlobalsApplied() {
        FunctionDef authorizer = template.function("AuthorizerFunction");
        assertThat(authorizer.handlerClass()).isEqualTo("dev.takedown.authorizer.AuthorizerHandler");
        assertThat(authorizer.handlerMethod()).isEqualTo("handleRequest");
        assertThat(authorizer.codeUri()).isEqualTo("functions/authorizer/target/authorizer.jar");
        assertThat(authorizer.timeoutSeconds()).isEqualTo(5);
        assertThat(authorizer.memorySizeMb()).isEqualTo(512);
        assertThat(template.function("IntakeFunction").memorySizeMb()).isEqualTo(1024);
        assertThat(authorizer.environment()).containsEntry("API_KEYS_TABLE", new Intrinsic.Ref("ApiKeysTable"))
                .containsKey("JAVA_TOOL_OPTIONS");
    }

    @Test
    void resolvesEnvironmentToLocalNames() {
        References references = new References(template.resourceTypes(), template.parameters(),
                queue -> "http://127.0.0.1:9324/000000000000/" + queue);
        Map<String, Intrinsic> environment = template.function("IntakeFunction").environment();
        assertThat(references.resolve(environment.get("NOTICES_TABLE"), "test")).isEqualTo("NoticesTable");
        assertThat(references.resolve(environment.get("VERIFICATION_QUEUE_URL"), "test"))
                .isEqualTo("http://127.0.0.1:9324/000000000000/VerificationQueue");
        assertThat(references.resolve(environment.get("MAX_ITEMS"), "test")).isEqualTo("1000");
        assertThat(references.resolve(environment.get("JAVA_TOOL_OPTIONS"), "test")).startsWith("-XX:");
        assertThat(references.resolve(new Intrinsic.GetAtt("VerificationQueue", "Arn"), "test"))
                .isEqualTo("arn:aws:sqs:us-east-1:000000000000:VerificationQueue");
        assertThat(references.resolve(new Intrinsic.Sub("${NoticesTable.Arn}/index/*"), "test"))
                .isEqualTo("arn:aws:dynamodb:us-east-1:000000000000:table/NoticesTable/index/*");
    }

    @Test
    void readsEvents() {
        FunctionDef intake = template.function("IntakeFunction");
        assertThat(intake.apiEvents()).contains(new ApiEvent("GetNotice", "/v1/notices/{id}", "GET", null),
                new ApiEvent("NoticeItemsOtherMethods", "/v1/notices/{id}/items", "ANY", null),
                new ApiEvent("GetOpenApiDocument", "/openapi.json", "GET", "NONE"));
        assertThat(intake.apiEvents()).hasSize(13);
        FunctionDef dispatcher = template.function("DispatcherFunction");
        assertThat(dispatcher.scheduleEvents()).singleElement()
                .satisfies(s -> assertThat(s.rate()).isEqualTo(Duration.ofMinutes(1)));
        assertThat(dispatcher.apiEvents()).isEmpty();
        FunctionDef notifier = template.function("NotifierFunction");
        assertThat(notifier.sqsEvents()).singleElement().satisfies(e -> {
            assertThat(e.queue()).isEqualTo("NotificationQueue");
            assertThat(e.batchSize()).isEqualTo(10);
            assertThat(e.reportBatchItemFailures()).isTrue();
        });
    }

    /** The sam local endpoints are AWS::NoValue, so unset, unless their parameters name them. */
    @Test
    void aVariableOfNoValueIsNotSet() {
        assertThat(template.function("AuthorizerFunction").environment())
                .doesNotContainKeys("AWS_ENDPOINT_URL_DYNAMODB", "AWS_ENDPOINT_URL_SQS");

        Template local = ProjectTemplate.load(Map.of("DynamoDbEndpointUrl", "http://127.0.0.1:8000"));
        assertThat(local.function("AuthorizerFunction").environment().get("AWS_ENDPOINT_URL_DYNAMODB"))
                .isEqualTo(new Intrinsic.Ref("DynamoDbEndpointUrl"));
        assertThat(local.function("AuthorizerFunction").environment()).doesNotContainKey("AWS_ENDPOINT_URL_SQS");
    }

    @Test
    void readsTheApiWithItsAuthorizerAndGatewayResponses() {
        ApiDef api = template.api().orElseThrow();
        assertThat(api.stageName()).isEqualTo("prod");
        assertThat(api.defaultAuthorizer()).isEqualTo("ApiKeyAuthorizer");
        ApiDef.AuthorizerDef authorizer = api.authorizers().get("ApiKeyAuthorizer");
        assertThat(authorizer.functionId()).isEqualTo("AuthorizerFunction");
        assertThat(authorizer.identityHeaders()).containsExactly("Authorization");
        assertThat(authorizer.reauthorizeEverySeconds()).isZero();
        GatewayResponseDef unauthorized = api.gatewayResponses().get("UNAUTHORIZED");
        assertThat(unauthorized.statusCode()).isEqualTo(401);
        assertThat(unauthorized.headers()).containsEntry("Content-Type", "application/problem+json")
                .containsEntry("WWW-Authenticate", "Bearer");
        assertThat(unauthorized.jsonTemplate()).contains("\"status\":401");
        assertThat(api.gatewayResponses()).containsKeys("ACCESS_DENIED", "MISSING_AUTHENTICATION_TOKEN",
                "REQUEST_TOO_LARGE");
    }

    @Test
    void readsSqsEvents() {
        Template withConsumer = Template.parse("""
                Resources:
                  Work:
                    Type: AWS::SQS::Queue
                  Consumer:
                    Type: AWS::Serverless::Function
                    Properties:
                      Handler: example.Consumer::handleRequest
                      Events:
                        FromWork:
                          Type: SQS
                          Properties:
                            Queue:
                              Fn::GetAtt: [Work, Arn]
                            BatchSize: 5
                            FunctionResponseTypes: [ReportBatchItemFailures]
                """, "test.yaml", Map.of());
        assertThat(withConsumer.function("Consumer").sqsEvents())
                .containsExactly(new FunctionDef.SqsEvent("FromWork", "Work", 5, true));
    }

    @Test
    void failsLoudlyOnWhatItCannotRun() {
        assertRejected("""
                Resources:
                  Fn:
                    Type: AWS::Serverless::Function
                    Properties:
                      Handler: example.Fn::handleRequest
                      Events:
                        Http:
                          Type: HttpApi
                """, "Fn.Events.Http", "HttpApi");
        assertRejected("""
                Resources:
                  Fn:
                    Type: AWS::Serverless::Function
                    Properties:
                      Handler: example.Fn::handleRequest
                      Environment:
                        Variables:
                          TOPIC:
                            Ref: Topic
                  Topic:
                    Type: AWS::SNS::Topic
                """, "Fn.Environment.TOPIC", "AWS::SNS::Topic");
        assertRejected("""
                Resources:
                  Fn:
                    Type: AWS::Serverless::Function
                    Properties:
                      Handler: example.Fn::handleRequest
                      Events:
                        Nightly:
                          Type: Schedule
                          Properties:
                            Schedule: cron(0 3 * * ? *)
                """, "Fn.Events.Nightly", "cron(0 3 * * ? *)");
        assertRejected("""
                Resources:
                  Fn:
                    Type: AWS::Serverless::Function
                    Properties:
                      Handler: example.Fn::handleRequest
                      Environment:
                        Variables:
                          TABLE: !Ref Table
                """, "!Ref", "long form");
        assertRejected("""
                Resources:
                  Q:
                    Type: AWS::SQS::Queue
                    Properties:
                      RedrivePolicy:
                        deadLetterTargetArn:
                          Fn::GetAtt: [Missing, Arn]
                        maxReceiveCount: 3
                """, "Q.RedrivePolicy.deadLetterTargetArn", "Fn::GetAtt");
    }

    /** The OpenAPI version decides only which stages SAM deploys; other API globals would change what is served. */
    @Test
    void takesTheOpenApiVersionFromApiGlobalsAndRefusesOtherApiGlobals() {
        String api = """
                Resources:
                  Api:
                    Type: AWS::Serverless::Api
                    Properties:
                      StageName: v1
                """;
        assertThat(Template.parse("""
                Globals:
                  Api:
                    OpenApiVersion: "3.0.1"
                """ + api, "test.yaml", Map.of()).api().orElseThrow().stageName()).isEqualTo("v1");
        assertRejected("""
                Globals:
                  Api:
                    OpenApiVersion: "3.0.1"
                    Cors: "'*'"
                """ + api, "Globals.Api.Cors", "not supported");
    }

    private static void assertRejected(String yaml, String... messageParts) {
        assertThatThrownBy(() -> Template.parse(yaml, "test.yaml", Map.of()))
                .isInstanceOf(TemplateException.class)
                .hasMessageStartingWith("test.yaml: ")
                .hasMessageContainingAll(messageParts);
    }

    @Test
    void listsEveryResourceType() {
        assertThat(template.resourceTypes()).containsEntry("VerificationDLQDepthAlarm", "AWS::CloudWatch::Alarm")
                .containsEntry("TakedownApi", Template.API);
        assertThat(List.copyOf(template.functions())).extracting(FunctionDef::logicalId)
                .contains("AuthorizerFunction", "IntakeFunction", "DispatcherFunction", "VerifierFunction", "NotifierFunction");
    }

    @Test
    void conditionsDecideWhichResourcesExistAndWhichBranchOfFnIfApplies() {
        References local = new References(template.resourceTypes(), template.parameters(), queue -> queue);
        assertThat(template.table("ListingsTable")).isPresent();
        assertThat(local.resolve(template.function("VerifierFunction").environment().get("LISTINGS_TABLE"), "test"))
                .isEqualTo("ListingsTable");

        Template external = ProjectTemplate.load(Map.of("ListingsTableName", "marketplace-listings"));
        assertThat(external.table("ListingsTable")).isEmpty();
        References references = new References(external.resourceTypes(), external.parameters(), queue -> queue);
        assertThat(references.resolve(external.function("VerifierFunction").environment().get("LISTINGS_TABLE"), "test"))
                .isEqualTo("marketplace-listings");
    }
}
