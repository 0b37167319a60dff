package dev.takedown.aws;

import java.time.Duration;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Backoff for a message reported as failed: it stays invisible for the delay before SQS hands it out again.
 * SQS allows at most 12 hours.
 */
public final class SqsRedelivery {
    static final Duration MAX_DELAY = Duration.ofHours(12);

    private final SqsClient sqs;
    private final String queueUrl;

    public SqsRedelivery(SqsClient sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    public void redeliverAfter(String receiptHandle, Duration delay) {
        int seconds = (int) Math.min(Math.max(delay.toSeconds(), 0), MAX_DELAY.toSeconds());
        sqs.changeMessageVisibility(r -> r.queueUrl(queueUrl).receiptHandle(receiptHandle).visibilityTimeout(seconds));
    }
}
