package dev.takedown.aws;

import dev.takedown.core.ports.NotificationQueue;
import dev.takedown.core.ports.TrustStore;
import dev.takedown.core.runtime.Env;
import dev.takedown.core.trust.TrustPolicy;
import dev.takedown.core.trust.TrustService;

/** The adapters several functions build from the same environment variables. */
public final class Wiring {
    private Wiring() {
    }

    public static SqsVerificationQueue verificationQueue(Env env) {
        return new SqsVerificationQueue(AwsClients.sqs(env), env.require("VERIFICATION_QUEUE_URL"),
                env.require("PRIORITY_VERIFICATION_QUEUE_URL"), env.integer("ITEMS_PER_MESSAGE", 25));
    }

    public static SqsNotificationQueue notificationQueue(Env env) {
        return new SqsNotificationQueue(AwsClients.sqs(env), env.require("NOTIFICATION_QUEUE_URL"));
    }

    public static DynamoTrustStore trustStore(Env env) {
        return new DynamoTrustStore(AwsClients.dynamo(env), env.require("TRUST_TABLE"),
                env.require("RIGHTHOLDERS_TABLE"), env.require("SELLERS_TABLE"));
    }

    public static TrustService trustService(Env env, TrustStore store, NotificationQueue notifications) {
        return new TrustService(store, new DynamoRightholderStore(AwsClients.dynamo(env),
                env.require("RIGHTHOLDERS_TABLE")), notifications, TrustPolicy.from(env));
    }
}
