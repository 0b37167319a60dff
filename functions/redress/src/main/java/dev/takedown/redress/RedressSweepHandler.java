package dev.takedown.redress;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.takedown.aws.Adapters;
import dev.takedown.aws.LambdaInvocation;
import dev.takedown.aws.Priming;
import dev.takedown.aws.StreamJson;
import dev.takedown.core.json.Json;
import dev.takedown.core.redress.RedressService;
import dev.takedown.core.runtime.Env;
import dev.takedown.core.runtime.Log;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;

/**
 * Scheduled: restores the listings of counter-notices their rightholders left unanswered by the deadline, and
 * finishes what an interrupted redress request left undone (webhooks, strikes, records).
 */
public final class RedressSweepHandler implements RequestStreamHandler {
    private final RedressService redress;

    public RedressSweepHandler() {
        this(System.getenv(), Clock.systemUTC(), Priming.SNAPSTART);
    }

    /**
     * As Lambda builds it: primed before a SnapStart snapshot by its query for what is due, asked as of 1970
     * (nothing), and its answer written; then its recorded sample sweep replayed ({@link Priming#replay}).
     */
    public RedressSweepHandler(Map<String, String> environment, Clock clock, org.crac.Context<org.crac.Resource> checkpoints) {
        this(environment, clock);
        Adapters adapters = new Adapters(new Env(environment));
        Priming.register(checkpoints, "RedressSweepFunction",
                () -> {
                    int none = adapters.notices().redressDue(Instant.EPOCH, 1).size();
                    StreamJson.write(OutputStream.nullOutputStream(), Json.object().put("restored", none));
                },
                Priming.replay("RedressSweepFunction", environment,
                        replay -> new RedressSweepHandler(replay.adapters().redressService(replay.clock()))));
    }

    public RedressSweepHandler(Map<String, String> environment) {
        this(environment, Clock.systemUTC());
    }

    /** With a clock of the caller's, as the local stack's scenario tests use. */
    public RedressSweepHandler(Map<String, String> environment, Clock clock) {
        this(new Adapters(new Env(environment)).redressService(clock));
    }

    public RedressSweepHandler(RedressService redress) {
        this.redress = redress;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        LambdaInvocation.run(context, () -> sweep(input, output));
    }

    private void sweep(InputStream input, OutputStream output) throws IOException {
        StreamJson.read(input);
        int restored = redress.sweep();
        Log.info("redress sweep done", "restored", restored);
        StreamJson.write(output, Json.object().put("restored", restored));
    }
}
