package dev.takedown.local;

/** An {@code AWS::SQS::Queue}; {@code deadLetterQueue} is null when it has no redrive policy. */
record QueueDef(String logicalId, Integer visibilityTimeoutSeconds, String deadLetterQueue, Integer maxReceiveCount) {
}
