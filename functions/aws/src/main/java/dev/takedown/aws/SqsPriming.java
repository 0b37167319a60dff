package dev.takedown.aws;

import dev.takedown.core.runtime.Env;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The SQS calls a function makes, prepared for {@link Priming} and never sent: no message is sent, received, deleted
 * or made visible. Apart from {@link Priming} so that functions without SQS never load its client.
 */
public final class SqsPriming {
    private SqsPriming() {
    }

    /** A batch sent to, and a visibility change on, the queue the variable names. */
    public static void unsentCalls(Env env, String queueUrlVariable) {
        SqsClient sqs = AwsClients.unsentSqs(env);
        String queueUrl = env.require(queueUrlVariable);
        Priming.unsent(() -> sqs.sendMessageBatch(r -> r.queueUrl(queueUrl)
                .entries(e -> e.id("0").messageBody("{}").delaySeconds(0))));
        Priming.unsent(() -> sqs.changeMessageVisibility(r -> r.queueUrl(queueUrl).receiptHandle(Priming.ABSENT_ID)
                .visibilityTimeout(0)));
    }
}
