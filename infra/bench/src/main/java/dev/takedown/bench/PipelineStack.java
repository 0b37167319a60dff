package dev.takedown.bench;

import dev.takedown.local.LocalStack;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The whole local stack with the default seed and its webhook receiver, plus the harness's own clients. acme's tier
 * is set to STANDARD (staff setTier), so every notice is measured on the standard lane.
 */
final class PipelineStack implements AutoCloseable {
    final LocalStack stack;
    final DynamoDbClient dynamo;
    final SqsClient sqs;
    final List<String> queueUrls;

    PipelineStack() {
        int receiverPort = Bench.freePort();
        stack = LocalStack.start(LocalStack.Options.forTemplate(Bench.TEMPLATE).withSeed(Bench.seed(receiverPort))
                .withWebhookPort(receiverPort).withParameters(Bench.UNTHROTTLED));
        dynamo = Bench.dynamo(stack.dynamoEndpoint());
        sqs = Bench.sqs(stack.sqsEndpoint());
        queueUrls = List.of(stack.queueUrl("VerificationQueue"), stack.queueUrl("PriorityVerificationQueue"),
                stack.queueUrl("NotificationQueue"));
        pinStandard("acme");
    }

    private void pinStandard(String rightholderId) {
        String event = "{\"operation\": \"setTier\", \"rightholderId\": \"" + rightholderId + "\", \"tier\": \"STANDARD\","
                + " \"staffId\": \"bench\", \"reason\": \"measure the standard lane\"}";
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            stack.lambdaUrl().resolve("/2015-03-31/functions/StaffAdminFunction/invocations"))
                    .POST(HttpRequest.BodyPublishers.ofString(event)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200 || !response.body().contains("\"tier\":\"STANDARD\"")) {
                throw new IllegalStateException("could not pin " + rightholderId + " at STANDARD: " + response.body());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    URI api() {
        return stack.apiUrl();
    }

    int webhooksReceived() {
        return Bench.webhooksReceived(stack.webhookReceiverUrl());
    }

    /** Waits until the notices are completed and every queued message (webhooks too) is handled. */
    void awaitSettled(List<String> noticeIds, long timeoutMillis) {
        Bench.awaitCompleted(dynamo, noticeIds, timeoutMillis);
        Bench.awaitQueuesEmpty(sqs, queueUrls, timeoutMillis);
    }

    /** The item rows of a notice. */
    List<Map<String, AttributeValue>> items(String noticeId) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        dynamo.queryPaginator(r -> r.tableName("NoticesTable")
                        .keyConditionExpression("noticeId = :n AND begins_with(sk, :item)")
                        .expressionAttributeValues(Map.of(":n", AttributeValue.fromS(noticeId), ":item", AttributeValue.fromS("ITEM#"))))
                .items().forEach(items::add);
        return items;
    }

    long actioned(String noticeId) {
        return items(noticeId).stream().filter(i -> i.containsKey("status") && i.get("status").s().equals("ACTIONED")).count();
    }

    @Override
    public void close() {
        stack.close();
    }
}
