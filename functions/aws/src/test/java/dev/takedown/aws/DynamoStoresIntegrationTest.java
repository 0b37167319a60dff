package dev.takedown.aws;

import dev.takedown.backends.LocalBackends;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/** The store contract against dynalite and ElasticMQ, with tables and queues made from template.yaml. */
class DynamoStoresIntegrationTest extends StoreContract {
    private static LocalBackends backends;

    @BeforeAll
    static void start() {
        backends = LocalBackends.start(LocalBackends.projectTemplate(), null);
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
