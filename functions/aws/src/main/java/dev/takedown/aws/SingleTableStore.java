package dev.takedown.aws;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** What every store kept in one DynamoDB table holds: the client and the table's name. */
abstract class SingleTableStore {
    final DynamoDbClient dynamo;
    final String table;

    SingleTableStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }
}
