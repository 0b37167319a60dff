package dev.takedown.aws.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityRequest;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityResponse;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

/** An SQS client that accepts everything and remembers it, for tests of what a function asks of SQS. */
public final class RecordingSqs implements SqsClient {
    /** Every message body sent, after its queue's URL and a space. */
    public final List<String> sent = new ArrayList<>();
    /** Every visibility change: receipt handle to seconds. */
    public final Map<String, Integer> visibilityChanges = new LinkedHashMap<>();

    @Override
    public synchronized SendMessageBatchResponse sendMessageBatch(SendMessageBatchRequest request) {
        request.entries().forEach(e -> sent.add(request.queueUrl() + " " + e.messageBody()));
        return SendMessageBatchResponse.builder().build();
    }

    @Override
    public synchronized ChangeMessageVisibilityResponse changeMessageVisibility(ChangeMessageVisibilityRequest request) {
        visibilityChanges.put(request.receiptHandle(), request.visibilityTimeout());
        return ChangeMessageVisibilityResponse.builder().build();
    }

    @Override
    public String serviceName() {
        return "sqs";
    }

    @Override
    public void close() {
    }
}
