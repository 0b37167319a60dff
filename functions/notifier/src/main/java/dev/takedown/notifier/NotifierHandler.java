package dev.takedown.notifier;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.takedown.aws.AwsClients;
import dev.takedown.aws.DynamoDeliveryStore;
import dev.takedown.aws.DynamoNoticeStore;
import dev.takedown.aws.DynamoRightholderStore;
import dev.takedown.aws.DynamoSellerStore;
import dev.takedown.aws.HttpWebhookClient;
import dev.takedown.aws.SqsNotificationQueue;
import dev.takedown.aws.SqsRedelivery;
import dev.takedown.aws.StreamJson;
import dev.takedown.core.json.Json;
import dev.takedown.core.model.NotificationEvent;
import dev.takedown.core.notify.CallbackPolicy;
import dev.takedown.core.notify.NotifierService;
import dev.takedown.core.notify.RetrySchedule;
import dev.takedown.core.ports.HostResolver;
import dev.takedown.core.runtime.Env;
import dev.takedown.core.runtime.Log;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * SQS-triggered: one webhook per message. A message to retry is kept invisible for its backoff delay and
 * reported as a batch item failure; the last failed attempt is reported at once, so the queue's redrive policy
 * moves it to the dead-letter queue.
 */
public final class NotifierHandler implements RequestStreamHandler {
    private final NotifierService notifier;
    private final SqsRedelivery redelivery;

    public NotifierHandler() {
        this(System.getenv());
    }

    public NotifierHandler(Map<String, String> environment) {
        this(new Env(environment));
    }

    private NotifierHandler(Env env) {
        this(notifier(env), new SqsRedelivery(AwsClients.sqs(env), env.require("NOTIFICATION_QUEUE_URL")));
    }

    public NotifierHandler(NotifierService notifier, SqsRedelivery redelivery) {
        this.notifier = notifier;
        this.redelivery = redelivery;
    }

    private static NotifierService notifier(Env env) {
        var dynamo = AwsClients.dynamo(env);
        return new NotifierService(
                new DynamoNoticeStore(dynamo, env.require("NOTICES_TABLE")),
                new DynamoRightholderStore(dynamo, env.require("RIGHTHOLDERS_TABLE")),
                new DynamoSellerStore(dynamo, env.require("SELLERS_TABLE")),
                new DynamoDeliveryStore(dynamo, env.require("DELIVERIES_TABLE")),
                new HttpWebhookClient(Duration.ofSeconds(env.integer("WEBHOOK_TIMEOUT_SECONDS", 10))),
                new CallbackPolicy(HostResolver.SYSTEM, env.flag("ALLOW_PRIVATE_CALLBACKS")),
                RetrySchedule.parse(env.require("WEBHOOK_RETRY_SCHEDULE")),
                env.require("SELLER_WEBHOOK_SECRET"),
                Clock.systemUTC());
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        ObjectNode response = Json.object();
        ArrayNode failures = response.putArray("batchItemFailures");
        for (JsonNode record : StreamJson.read(input).path("Records")) {
            String messageId = record.path("messageId").asText();
            if (!handle(record, messageId)) {
                failures.addObject().put("itemIdentifier", messageId);
            }
        }
        StreamJson.write(output, response);
    }

    /** Whether the message is done with; a failure here never touches the other messages of the batch. */
    private boolean handle(JsonNode record, String messageId) {
        try {
            NotificationEvent event = SqsNotificationQueue.fromJson(Json.parse(record.path("body").asText()));
            int attempt = record.path("attributes").path("ApproximateReceiveCount").asInt(1);
            NotifierService.Result result = notifier.deliver(event, attempt);
            String receiptHandle = record.path("receiptHandle").asText();
            return switch (result.next()) {
                case DONE -> true;
                case RETRY -> {
                    redelivery.redeliverAfter(receiptHandle, result.retryAfter());
                    yield false;
                }
                case GIVE_UP -> {
                    // Visible again at once: the next receive passes maxReceiveCount and moves it to the DLQ.
                    redelivery.redeliverAfter(receiptHandle, Duration.ZERO);
                    yield false;
                }
            };
        } catch (IOException | RuntimeException e) {
            Log.error("notification message failed", e, "messageId", messageId);
            return false;
        }
    }
}
