package dev.takedown.aws;

import dev.takedown.core.model.NotificationEvent;
import dev.takedown.core.ports.NotificationQueue;
import java.util.List;
import software.amazon.awssdk.services.sqs.SqsClient;

/** Events as {@link NotificationMessage}s, ten to a request. */
public final class SqsNotificationQueue implements NotificationQueue {
    private final SqsBatchSender sender;

    public SqsNotificationQueue(SqsClient sqs, String queueUrl) {
        this.sender = new SqsBatchSender(sqs, queueUrl);
    }

    @Override
    public void publish(List<NotificationEvent> events) {
        sender.send(events.stream().map(NotificationMessage::write).toList());
    }
}
