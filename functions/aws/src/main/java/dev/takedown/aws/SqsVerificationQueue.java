package dev.takedown.aws;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.takedown.core.Json;
import dev.takedown.core.ports.VerificationQueue;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Verification work as SQS messages {@code {"noticeId": ..., "items": [indexes]}}: several items per
 * message and up to ten messages per request, so a large notice costs few SQS requests.
 */
public final class SqsVerificationQueue implements VerificationQueue {
    private final SqsBatchSender sender;
    private final int itemsPerMessage;

    public SqsVerificationQueue(SqsClient sqs, String queueUrl, int itemsPerMessage) {
        if (itemsPerMessage < 1) {
            throw new IllegalArgumentException("ITEMS_PER_MESSAGE must be at least 1");
        }
        this.sender = new SqsBatchSender(sqs, queueUrl);
        this.itemsPerMessage = itemsPerMessage;
    }

    @Override
    public void enqueue(String noticeId, List<Integer> itemIndexes) {
        List<String> bodies = new ArrayList<>();
        for (int from = 0; from < itemIndexes.size(); from += itemsPerMessage) {
            ObjectNode body = Json.object().put("noticeId", noticeId);
            itemIndexes.subList(from, Math.min(itemIndexes.size(), from + itemsPerMessage)).forEach(body.putArray("items")::add);
            bodies.add(Json.write(body));
        }
        sender.send(bodies);
    }
}
