package dev.takedown.aws;

import dev.takedown.core.runtime.Parallel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

/**
 * Sends message bodies ten to a request, the requests side by side, retrying the entries SQS refused; throws if
 * some never get through.
 */
final class SqsBatchSender {
    static final int MESSAGES_PER_BATCH = 10;
    /** SQS's limit for a whole batch (and for one message) where queues keep the classic 256 KiB maximum. */
    static final int BYTES_PER_BATCH = 256 * 1024;
    private static final int MAX_ATTEMPTS = 5;

    private final SqsClient sqs;
    private final String queueUrl;

    SqsBatchSender(SqsClient sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    void send(List<String> bodies) {
        List<SendMessageBatchRequestEntry> entries = new ArrayList<>(bodies.size());
        for (String body : bodies) {
            entries.add(SendMessageBatchRequestEntry.builder().id(Integer.toString(entries.size())).messageBody(body).build());
        }
        Parallel.run(batches(entries), this::sendBatch);
    }

    /** Ten messages to a request at most, and no more bytes than SQS takes in one request. */
    static List<List<SendMessageBatchRequestEntry>> batches(List<SendMessageBatchRequestEntry> entries) {
        List<List<SendMessageBatchRequestEntry>> batches = new ArrayList<>();
        List<SendMessageBatchRequestEntry> batch = new ArrayList<>();
        long bytes = 0;
        for (SendMessageBatchRequestEntry entry : entries) {
            long size = entry.messageBody().getBytes(StandardCharsets.UTF_8).length;
            if (!batch.isEmpty() && (batch.size() == MESSAGES_PER_BATCH || bytes + size > BYTES_PER_BATCH)) {
                batches.add(batch);
                batch = new ArrayList<>();
                bytes = 0;
            }
            batch.add(entry);
            bytes += size;
        }
        if (!batch.isEmpty()) {
            batches.add(batch);
        }
        return batches;
    }

    private void sendBatch(List<SendMessageBatchRequestEntry> batch) {
        Backoff.untilNoneLeft(batch, List::isEmpty, request -> {
            SendMessageBatchResponse response = sqs.sendMessageBatch(r -> r.queueUrl(queueUrl).entries(request));
            List<String> failedIds = response.failed().stream().map(BatchResultErrorEntry::id).toList();
            return request.stream().filter(e -> failedIds.contains(e.id())).toList();
        }, MAX_ATTEMPTS, left -> "SQS refused " + left.size() + " messages to " + queueUrl);
    }
}
