package dev.takedown.aws;

import dev.takedown.core.runtime.Env;
import dev.takedown.core.trust.TrustPolicy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Every store and queue a function uses, built from the function's environment, so each table and queue is named by
 * one variable read in one place. A function reads only the variables of the adapters it asks for, which keeps
 * template.yaml's environment per function exact; the SDK clients behind them are shared ({@link AwsClients}).
 */
public final class Adapters {
    private final Env env;

    public Adapters(Env env) {
        this.env = env;
    }

    public Env env() {
        return env;
    }

    public DynamoNoticeStore notices() {
        return new DynamoNoticeStore(dynamo(), env.require("NOTICES_TABLE"));
    }

    public DynamoRightStore rights() {
        return new DynamoRightStore(dynamo(), env.require("RIGHTS_TABLE"));
    }

    public DynamoRightholderStore rightholders() {
        return new DynamoRightholderStore(dynamo(), env.require("RIGHTHOLDERS_TABLE"));
    }

    public DynamoSellerStore sellers() {
        return new DynamoSellerStore(dynamo(), env.require("SELLERS_TABLE"));
    }

    public DynamoListingStore listings() {
        return new DynamoListingStore(dynamo(), env.require("LISTINGS_TABLE"));
    }

    public DynamoAuditLog audit() {
        return new DynamoAuditLog(dynamo(), env.require("AUDIT_TABLE"));
    }

    public DynamoApiKeyStore apiKeys() {
        return new DynamoApiKeyStore(dynamo(), env.require("API_KEYS_TABLE"));
    }

    public DynamoIdempotencyStore idempotency() {
        return new DynamoIdempotencyStore(dynamo(), env.require("IDEMPOTENCY_TABLE"));
    }

    public DynamoDeliveryStore deliveries() {
        return new DynamoDeliveryStore(dynamo(), env.require("DELIVERIES_TABLE"));
    }

    public DynamoTrustStore trust() {
        return new DynamoTrustStore(dynamo(), env.require("TRUST_TABLE"), env.require("RIGHTHOLDERS_TABLE"),
                env.require("SELLERS_TABLE"));
    }

    /** Only functions that use SQS carry its client in their jar; the others never call the queue methods. */
    public SqsVerificationQueue verificationQueue() {
        return new SqsVerificationQueue(AwsClients.sqs(env), env.require("VERIFICATION_QUEUE_URL"),
                env.require("PRIORITY_VERIFICATION_QUEUE_URL"), env.integer("ITEMS_PER_MESSAGE", 25));
    }

    public SqsNotificationQueue notificationQueue() {
        return new SqsNotificationQueue(AwsClients.sqs(env), env.require("NOTIFICATION_QUEUE_URL"));
    }

    /** Backoff for NotificationQueue's messages, which the notifier consumes. */
    public SqsRedelivery notificationRedelivery() {
        return new SqsRedelivery(AwsClients.sqs(env), env.require("NOTIFICATION_QUEUE_URL"));
    }

    public TrustPolicy trustPolicy() {
        return TrustPolicy.from(env);
    }

    private DynamoDbClient dynamo() {
        return AwsClients.dynamo(env);
    }
}
