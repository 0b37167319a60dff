package dev.takedown.dispatcher;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.takedown.aws.Adapters;
import dev.takedown.aws.LambdaInvocation;
import dev.takedown.aws.Priming;
import dev.takedown.aws.StreamJson;
import dev.takedown.core.intake.DispatchService;
import dev.takedown.core.json.Json;
import dev.takedown.core.runtime.Env;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * Scheduled every minute: queues again the verification work that intake could not confirm on the queue, and reports
 * the review backlog (ReviewBacklog, ReviewBacklogOldestAge).
 */
public final class DispatcherHandler implements RequestStreamHandler {
    private final DispatchService dispatch;

    public DispatcherHandler() {
        this(System.getenv(), Clock.systemUTC(), Priming.SNAPSTART);
    }

    /**
     * As Lambda builds it: primed before a SnapStart snapshot by its query for unconfirmed notices, asked for those
     * received before 1970 (none), and its answer written; then its recorded sample run, which queued a notice's
     * work again, replayed ({@link Priming#replay}).
     */
    public DispatcherHandler(Map<String, String> environment, Clock clock, org.crac.Context<org.crac.Resource> checkpoints) {
        this(environment, clock);
        Adapters adapters = new Adapters(new Env(environment));
        Priming.register(checkpoints, "DispatcherFunction",
                () -> {
                    int none = adapters.notices().awaitingDispatch(Instant.EPOCH, 1).size();
                    StreamJson.write(OutputStream.nullOutputStream(), Json.object().put("requeued", none));
                },
                Priming.replay("DispatcherFunction", environment,
                        replay -> new DispatcherHandler(wire(replay.adapters(), replay.clock()))));
    }

    public DispatcherHandler(Map<String, String> environment) {
        this(environment, Clock.systemUTC());
    }

    /** With a clock of the caller's, as the local stack's scenario tests use. */
    public DispatcherHandler(Map<String, String> environment, Clock clock) {
        this(wire(new Adapters(new Env(environment)), clock));
    }

    public DispatcherHandler(DispatchService dispatch) {
        this.dispatch = dispatch;
    }

    private static DispatchService wire(Adapters adapters, Clock clock) {
        return new DispatchService(adapters.notices(), adapters.rightholders(), adapters.verificationQueue(),
                adapters.notificationQueue(), clock,
                Duration.ofSeconds(adapters.env().integer("DISPATCH_GRACE_SECONDS", 60)));
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        LambdaInvocation.run(context, () -> dispatch(input, output));
    }

    private void dispatch(InputStream input, OutputStream output) throws IOException {
        StreamJson.read(input);
        int requeued = dispatch.redispatch();
        dispatch.reportReviewBacklog();
        StreamJson.write(output, Json.object().put("requeued", requeued));
    }
}
