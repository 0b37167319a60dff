package dev.takedown.notifier;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.takedown.aws.Adapters;
import dev.takedown.aws.LambdaInvocation;
import dev.takedown.aws.HttpWebhookClient;
import dev.takedown.aws.NotificationMessage;
import dev.takedown.aws.Priming;
import dev.takedown.aws.SqsBatch;
import dev.takedown.aws.SqsRedelivery;
import dev.takedown.core.notify.CallbackPolicy;
import dev.takedown.core.notify.NotifierService;
import dev.takedown.core.notify.RetrySchedule;
import dev.takedown.core.notify.WebhookSigner;
import dev.takedown.core.ports.HostResolver;
import dev.takedown.core.ports.WebhookClient;
import dev.takedown.core.runtime.Env;
import dev.takedown.core.runtime.Log;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * SQS-triggered: one webhook per message. A message to retry is kept invisible for its backoff delay and
 * reported as a batch item failure; the last failed attempt is reported at once, so the queue's redrive policy
 * moves it to the dead-letter queue.
 */
public final class NotifierHandler implements RequestStreamHandler {
    /** items.decided for a rightholder that does not exist: read, its body written, and nobody to send it to. */
    private static final String PRIMING_MESSAGE = """
            {"id": "%1$s", "type": "items.decided", "noticeId": "%2$s", "items": [0],
             "occurredAt": "2026-01-01T00:00:00.000Z", "rightholderId": "%1$s",
             "data": {"noticeId": "%2$s", "items": [{"index": 0, "listingId": "%1$s", "status": "ACTIONED",
                      "reason": null, "decidedBy": "AUTO", "decidedAt": "2026-01-01T00:00:00.000Z"}]}}
            """.formatted(Priming.ABSENT_ID, Priming.ABSENT_NOTICE_ID);

    /** A throwaway secret of the issued form (fixed: nothing random is made before a snapshot that restores share). */
    private static final String PRIMING_SECRET = WebhookSigner.SECRET_PREFIX + Base64.getEncoder().encodeToString(new byte[24]);

    private final NotifierService notifier;
    private final SqsRedelivery redelivery;

    public NotifierHandler() {
        this(System.getenv(), Clock.systemUTC(), Priming.SNAPSTART);
    }

    /**
     * As Lambda builds it: primed before a SnapStart snapshot by a message about a rightholder that does not exist
     * (read, its body written, nothing sent) and a body signed with a throwaway secret; then its recorded sample
     * invocation, a webhook delivered, replayed ({@link Priming#replay}).
     */
    public NotifierHandler(Map<String, String> environment, Clock clock, org.crac.Context<org.crac.Resource> checkpoints) {
        this(environment, clock);
        Priming.register(checkpoints, "NotifierFunction",
                () -> Priming.invokeBatch(this, Priming.sqsEvent(PRIMING_MESSAGE)),
                () -> WebhookSigner.headers(List.of(PRIMING_SECRET), Priming.ABSENT_ID, Instant.EPOCH, PRIMING_MESSAGE),
                // Webhooks answered without being sent, so the recording's callback address passes as any would.
                Priming.replay("NotifierFunction", environment, replay -> new NotifierHandler(
                        notifier(replay.adapters(), replay.clock(), replay.webhooks(), new CallbackPolicy(replay.hosts(), true)),
                        replay.adapters().notificationRedelivery())));
    }

    public NotifierHandler(Map<String, String> environment) {
        this(environment, Clock.systemUTC());
    }

    /** With a clock of the caller's, as the local stack's scenario tests use. */
    public NotifierHandler(Map<String, String> environment, Clock clock) {
        this(new Adapters(new Env(environment)), clock);
    }

    private NotifierHandler(Adapters adapters, Clock clock) {
        this(notifier(adapters, clock,
                new HttpWebhookClient(Duration.ofSeconds(adapters.env().integer("WEBHOOK_TIMEOUT_SECONDS", 10))),
                new CallbackPolicy(HostResolver.SYSTEM, adapters.env().flag("ALLOW_PRIVATE_CALLBACKS"))),
                adapters.notificationRedelivery());
    }

    public NotifierHandler(NotifierService notifier, SqsRedelivery redelivery) {
        this.notifier = notifier;
        this.redelivery = redelivery;
    }

    private static NotifierService notifier(Adapters adapters, Clock clock, WebhookClient webhooks,
                                            CallbackPolicy callbacks) {
        Env env = adapters.env();
        return new NotifierService(
                adapters.notices(),
                adapters.rightholders(),
                adapters.sellers(),
                adapters.deliveries(),
                webhooks,
                callbacks,
                RetrySchedule.parse(env.require("WEBHOOK_RETRY_SCHEDULE")),
                adapters.webhookSecrets(),
                clock);
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        LambdaInvocation.run(context, () -> SqsBatch.handle(input, output, false, this::handle));
    }

    /** Whether the message is done with; a failure here never touches the other messages of the batch. */
    private boolean handle(SqsBatch.Message message) {
        try {
            NotifierService.Result result = notifier.deliver(NotificationMessage.read(message.body()),
                    message.receiveCount());
            return switch (result.next()) {
                case DONE -> true;
                case RETRY -> {
                    redelivery.redeliverAfter(message.receiptHandle(), result.retryAfter());
                    yield false;
                }
                case GIVE_UP -> {
                    // Visible again at once: the next receive passes maxReceiveCount and moves it to the DLQ.
                    redelivery.redeliverAfter(message.receiptHandle(), Duration.ZERO);
                    yield false;
                }
            };
        } catch (IOException | RuntimeException e) {
            Log.error("notification message failed", e, "messageId", message.messageId());
            return false;
        }
    }
}
