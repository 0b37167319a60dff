package dev.takedown.aws;

import dev.takedown.core.Parallel;
import dev.takedown.core.ports.DependencyException;
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
        List<List<SendMessageBatchRequestEntry>> batches = new ArrayList<>();
        for (int from = 0; from < entries.size(); from += MESSAGES_PER_BATCH) {
            batches.add(entries.subList(from, Math.min(entries.size(), from + MESSAGES_PER_BATCH)));
        }
        Parallel.run(batches, this::sendBatch);
    }

    private void sendBatch(List<SendMessageBatchRequestEntry> batch) {
        List<SendMessageBatchRequestEntry> pending = batch;
        for (int attempt = 1; !pending.isEmpty(); attempt++) {
            if (attempt > MAX_ATTEMPTS) {
                throw new DependencyException("SQS refused " + pending.size() + " messages to " + queueUrl, null);
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
