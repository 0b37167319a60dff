package dev.takedown.aws;

import dev.takedown.core.ports.VerificationQueue;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Verification work as {@link VerificationMessage}s: several items per message and up to ten messages per request,
 * so a large notice costs few SQS requests. A TRUSTED rightholder's work goes to the priority queue.
 */
public final class SqsVerificationQueue implements VerificationQueue {
    private final SqsBatchSender standard;
    private final SqsBatchSender priority;
    private final int itemsPerMessage;

    public SqsVerificationQueue(SqsClient sqs, String queueUrl, String priorityQueueUrl, int itemsPerMessage) {
        if (itemsPerMessage < 1) {
            throw new IllegalArgumentException("ITEMS_PER_MESSAGE must be at least 1");
        }
        this.standard = new SqsBatchSender(sqs, queueUrl);
        this.priority = new SqsBatchSender(sqs, priorityQueueUrl);
        this.itemsPerMessage = itemsPerMessage;
    }

    @Override
    public void enqueue(String noticeId, List<Integer> itemIndexes, boolean priority) {
        List<String> bodies = new ArrayList<>();
        for (int from = 0; from < itemIndexes.size(); from += itemsPerMessage) {
            bodies.add(new VerificationMessage(noticeId,
                    itemIndexes.subList(from, Math.min(itemIndexes.size(), from + itemsPerMessage))).write());
        }
        (priority ? this.priority : standard).send(bodies);
    }
}
