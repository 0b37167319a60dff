package dev.takedown.aws;

import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The SDK clients a function's adapters call: AWS's ({@link AwsClients#of}), or those of a recorded invocation that
 * priming replays ({@link PrimingReplay}). A client is built when first asked for, so a function loads only the
 * services it calls.
 */
interface Clients {
    DynamoDbClient dynamo();

    SqsClient sqs();

    ApiGatewayClient apiGateway();
}
