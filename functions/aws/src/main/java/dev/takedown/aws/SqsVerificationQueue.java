package dev.takedown.aws;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.takedown.core.Json;
import dev.takedown.core.ports.DependencyException;
import dev.takedown.core.ports.VerificationQueue;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

/**
 * Verification work as SQS messages {@code {"noticeId": ..., "items": [indexes]}}: several items per
 * message and up to ten messages per request, so a large notice costs few SQS requests.
 */
public final class SqsVerificationQueue implements VerificationQueue {
    static final int MESSAGES_PER_BATCH = 10;
    private static final int MAX_ATTEMPTS = 5;

    private final SqsClient sqs;
    private final String queueUrl;
    private final int itemsPerMessage;

    public SqsVerificationQueue(SqsClient sqs, String queueUrl, int itemsPerMessage) {
        if (itemsPerMessage < 1) {
            throw new IllegalArgumentException("ITEMS_PER_MESSAGE must be at least 1");
        }
        this.sqs = sqs;
        this.queueUrl = queueUrl;
        this.itemsPerMessage = itemsPerMessage;
    }

    @Override
    public void enqueue(String noticeId, List<Integer> itemIndexes) {
        List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
        for (int from = 0; from < itemIndexes.size(); from += itemsPerMessage) {
            List<Integer> chunk = itemIndexes.subList(from, Math.min(itemIndexes.size(), from + itemsPerMessage));
            ObjectNode body = Json.object().put("noticeId", noticeId);
            chunk.forEach(body.putArray("items")::add);
            entries.add(SendMessageBatchRequestEntry.builder()
                    .id(Integer.toString(entries.size()))
                    .messageBody(Json.write(body))
                    .build());
        }
        for (int from = 0; from < entries.size(); from += MESSAGES_PER_BATCH) {
            send(entries.subList(from, Math.min(entries.size(), from + MESSAGES_PER_BATCH)));
        }
    }

    private void send(List<SendMessageBatchRequestEntry> batch) {
        List<SendMessageBatchRequestEntry> pending = batch;
        for (int attempt = 1; !pending.isEmpty(); attempt++) {
            if (attempt > MAX_ATTEMPTS) {
                throw new DependencyException("SQS refused " + pending.size() + " verification messages", null);
            }
            if (attempt > 1) {
                Backoff.sleep(attempt);
            }
            List<SendMessageBatchRequestEntry> request = pending;
            SendMessageBatchResponse response = sqs.sendMessageBatch(r -> r.queueUrl(queueUrl).entries(request));
            List<String> failedIds = response.failed().stream().map(BatchResultErrorEntry::id).toList();
            pending = request.stream().filter(e -> failedIds.contains(e.id())).toList();
        }
    }
}
