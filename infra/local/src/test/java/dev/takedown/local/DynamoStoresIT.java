package dev.takedown.local;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.localstack.LocalStackContainer;
import org.testcontainers.utility.DockerImageName;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/** The same store contract against LocalStack; skipped, not failed, where no Docker engine runs. */
@Testcontainers(disabledWithoutDocker = true)
class DynamoStoresIT extends DynamoStoreContract {
    private static final DockerImageName IMAGE = DockerImageName.parse("localstack/localstack:4.14.0");

    private static LocalStackContainer localstack;
    private static DynamoDbClient dynamo;
    private static SqsClient sqs;
    private static Map<String, String> queueUrls;

    @BeforeAll
    static void start() {
        localstack = new LocalStackContainer(IMAGE).withServices("dynamodb", "sqs");
        localstack.start();
        URI endpoint = localstack.getEndpoint();
        var credentials = StaticCredentialsProvider.create(
                AwsBasicCredentials.create(localstack.getAccessKey(), localstack.getSecretKey()));
        Region region = Region.of(localstack.getRegion());
        dynamo = DynamoDbClient.builder().endpointOverride(endpoint).region(region).credentialsProvider(credentials)
                .httpClient(UrlConnectionHttpClient.create()).build();
        sqs = SqsClient.builder().endpointOverride(endpoint).region(region).credentialsProvider(credentials)
                .httpClient(UrlConnectionHttpClient.create()).build();
        Template template = ProjectTemplate.load(Map.of());
        Provisioner.createTables(dynamo, template.tables());
        queueUrls = Provisioner.createQueues(sqs, template.queues());
    }

    @AfterAll
    static void stop() {
        if (localstack != null) {
            localstack.stop();
        }
    }

    @Override
    DynamoDbClient dynamo() {
        return dynamo;
    }

    @Override
    SqsClient sqs() {
        return sqs;
    }

    @Override
    String table(String logicalId) {
        return logicalId;
    }

    @Override
    String queueUrl(String logicalId) {
        return queueUrls.get(logicalId);
    }
}
