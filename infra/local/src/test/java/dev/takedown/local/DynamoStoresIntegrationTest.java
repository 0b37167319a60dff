package dev.takedown.local;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/** The store contract against dynalite and ElasticMQ, with the tables and queues of template.yaml. */
class DynamoStoresIntegrationTest extends DynamoStoreContract {
    private static LocalStack backends;

    @BeforeAll
    static void start() {
        backends = LocalStack.start(LocalStack.Options.forTemplate(ProjectTemplate.FILE));
    }

    @AfterAll
    static void stop() {
        backends.close();
    }

    @Override
    DynamoDbClient dynamo() {
        return backends.dynamo();
    }

    @Override
    SqsClient sqs() {
        return backends.sqs();
    }

    @Override
    String table(String logicalId) {
        return backends.tableName(logicalId);
    }

    @Override
    String queueUrl(String logicalId) {
        return backends.queueUrl(logicalId);
    }
}
