package dev.takedown.trust;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.takedown.aws.Adapters;
import dev.takedown.aws.LambdaInvocation;
import dev.takedown.aws.DynamoTrustStore;
import dev.takedown.aws.Priming;
import dev.takedown.aws.SqsNotificationQueue;
import dev.takedown.aws.StreamJson;
import dev.takedown.core.json.Json;
import dev.takedown.core.runtime.Env;
import dev.takedown.core.runtime.Log;
import dev.takedown.core.trust.SellerStandings;
import dev.takedown.core.trust.TrustService;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

/**
 * Scheduled: what changes with time alone. Strikes whose dispute window closed become established and old ones
 * expire, so their sellers' standings are reviewed; rightholders whose warning period or suspension ended, or who
 * are TRUSTED by the rules (old days leave the window), are reviewed.
 */
public final class TrustReviewHandler implements RequestStreamHandler {
    private final TrustService trust;
    private final SellerStandings standings;
    private final Clock clock;

    public TrustReviewHandler() {
        this(System.getenv(), Clock.systemUTC(), Priming.SNAPSTART);
    }

    /**
     * As Lambda builds it: primed before a SnapStart snapshot by its queries for what is due, asked as of 1970
     * (nothing), and its answer written; then its recorded sample review replayed ({@link Priming#replay}).
     */
    public TrustReviewHandler(Map<String, String> environment, Clock clock, org.crac.Context<org.crac.Resource> checkpoints) {
        this(environment, clock);
        Adapters adapters = new Adapters(new Env(environment));
        DynamoTrustStore store = adapters.trust();
        Priming.register(checkpoints, "TrustReviewFunction",
                () -> {
                    int sellers = store.strikesDue(Instant.EPOCH, 1).size();
                    int rightholders = store.rightholdersDue(Instant.EPOCH, 1).size();
                    StreamJson.write(OutputStream.nullOutputStream(),
                            Json.object().put("sellersChanged", sellers).put("rightholdersChanged", rightholders));
                },
                Priming.replay("TrustReviewFunction", environment,
                        replay -> new TrustReviewHandler(replay.adapters(), replay.clock())));
    }

    public TrustReviewHandler(Map<String, String> environment) {
        this(environment, Clock.systemUTC());
    }

    /** With a clock of the caller's, as the local stack's scenario tests use. */
    public TrustReviewHandler(Map<String, String> environment, Clock clock) {
        this(new Adapters(new Env(environment)), clock);
    }

    private TrustReviewHandler(Adapters adapters, Clock clock) {
        this(adapters, clock, adapters.trust(), adapters.notificationQueue());
    }

    private TrustReviewHandler(Adapters adapters, Clock clock, DynamoTrustStore store,
                               SqsNotificationQueue notifications) {
        this(adapters.trustService(store, notifications), adapters.sellerStandings(store, notifications), clock);
    }

    public TrustReviewHandler(TrustService trust, SellerStandings standings, Clock clock) {
        this.trust = trust;
        this.standings = standings;
        this.clock = clock;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        LambdaInvocation.run(context, () -> review(input, output));
    }

    private void review(InputStream input, OutputStream output) throws IOException {
        StreamJson.read(input);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        int sellers = standings.reviewDue(now);
        int rightholders = trust.reviewDue(now);
        Log.info("trust review done", "sellersChanged", sellers, "rightholdersChanged", rightholders);
        StreamJson.write(output, Json.object().put("sellersChanged", sellers).put("rightholdersChanged", rightholders));
    }
}
