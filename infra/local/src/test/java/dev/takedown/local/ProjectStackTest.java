package dev.takedown.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.takedown.aws.DynamoApiKeyStore;
import dev.takedown.aws.DynamoListingStore;
import dev.takedown.aws.DynamoRightStore;
import dev.takedown.core.model.ListingStatus;
import dev.takedown.core.model.Principal;
import dev.takedown.core.text.Hashing;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** The project's own template and seed, run by the local stack. */
class ProjectStackTest {
    @TempDir
    static Path dir;

    private static LocalStack stack;
    private static DynamoDbClient dynamo;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws IOException {
        Path template = Files.writeString(dir.resolve("template.yaml"), ProjectTemplate.text());
        stack = LocalStack.start(LocalStack.Options.forTemplate(template)
                .withSeed(ProjectTemplate.ROOT.resolve("infra/local/seed.json")));
        dynamo = DynamoDbClient.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .endpointOverride(stack.dynamoEndpoint())
                .build();
    }

    @AfterAll
    static void stop() {
        dynamo.close();
        stack.close();
    }

    @Test
    void createsTheTablesWithTheirIndexes() {
        TableDescription notices = dynamo.describeTable(r -> r.tableName(stack.tableName("NoticesTable"))).table();
        assertThat(notices.keySchema()).extracting(k -> k.attributeName()).containsExactly("noticeId", "sk");
        assertThat(notices.globalSecondaryIndexes()).extracting(i -> i.indexName())
                .contains("byRightholder", "pendingDispatch", "needsReview");
        assertThat(dynamo.listTables().tableNames()).contains("RightholdersTable", "ApiKeysTable", "RightsTable",
                "SellersTable", "ListingsTable", "IdempotencyTable", "DeliveriesTable");
    }

    @Test
    void createsTheQueuesWithTheirRedrivePolicy() {
        try (SqsClient sqs = SqsClient.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .endpointOverride(stack.sqsEndpoint())
                .build()) {
            var attributes = sqs.getQueueAttributes(r -> r.queueUrl(stack.queueUrl("VerificationQueue"))
                    .attributeNames(QueueAttributeName.ALL)).attributes();
            assertThat(attributes.get(QueueAttributeName.VISIBILITY_TIMEOUT)).isEqualTo("180");
            assertThat(attributes.get(QueueAttributeName.REDRIVE_POLICY)).contains("VerificationDLQ");
            var notifications = sqs.getQueueAttributes(r -> r.queueUrl(stack.queueUrl("NotificationQueue"))
                    .attributeNames(QueueAttributeName.ALL)).attributes();
            assertThat(notifications.get(QueueAttributeName.VISIBILITY_TIMEOUT)).isEqualTo("720");
            assertThat(notifications.get(QueueAttributeName.REDRIVE_POLICY)).contains("NotificationDLQ").contains("5");
        }
    }

    @Test
    void loadsTheSeed() {
        assertThat(new DynamoApiKeyStore(dynamo, "ApiKeysTable").find(Hashing.sha256Hex(stack.demoApiKey().orElseThrow()))
                .orElseThrow().principal()).isEqualTo(Principal.rightholder("acme"));
        assertThat(new DynamoRightStore(dynamo, "RightsTable").find("tm-acme-us").orElseThrow().authorizedSellers())
                .containsExactly("seller-authorized");
        assertThat(new DynamoListingStore(dynamo, "ListingsTable").find("1007").orElseThrow().status())
                .isEqualTo(ListingStatus.REMOVED);
    }

    @Test
    void answersWithTheTemplatesGatewayResponses() throws Exception {
        HttpResponse<String> unauthorized = get("/v1/notices");
        assertThat(unauthorized.statusCode()).isEqualTo(401);
        assertThat(unauthorized.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(unauthorized.body()).contains("\"title\":\"Unauthorized\"");

        HttpResponse<String> notFound = get("/v1/nothing");
        assertThat(notFound.statusCode()).isEqualTo(404);
        assertThat(notFound.body()).contains("\"title\":\"Not Found\"");
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(stack.apiUrl() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
