package dev.takedown.verifier;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.takedown.aws.Adapters;
import dev.takedown.aws.DynamoNoticeStore;
import dev.takedown.aws.LambdaInvocation;
import dev.takedown.aws.Priming;
import dev.takedown.aws.SqsBatch;
import dev.takedown.aws.SqsNotificationQueue;
import dev.takedown.aws.VerificationMessage;
import dev.takedown.core.decisions.DecisionRecorder;
import dev.takedown.core.runtime.Env;
import dev.takedown.core.runtime.Log;
import dev.takedown.core.transparency.DecisionFigures;
import dev.takedown.core.trust.TrustService;
import dev.takedown.core.verify.BrandMatch;
import dev.takedown.core.verify.VerificationService;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * Consumes VerificationQueue: each message names items of one notice. A message that fails is reported alone
 * (partial batch response), so it is retried and finally dead-lettered without holding back its batch-mates.
 */
public final class VerifierHandler implements RequestStreamHandler {
    private final VerificationService verification;

    public VerifierHandler() {
        this(System.getenv(), Clock.systemUTC(), Priming.SNAPSTART);
    }

    /**
     * As Lambda builds it: primed before a SnapStart snapshot by a batch naming a notice that does not exist, read as
     * a verification starts (notice, right, rightholder, items, listings), and a listing's brand checked against a
     * mark (text normalisation's tables loaded); then its recorded sample batch, three items decided and recorded,
     * replayed ({@link Priming#replay}).
     */
    public VerifierHandler(Map<String, String> environment, Clock clock, org.crac.Context<org.crac.Resource> checkpoints) {
        this(environment, clock);
        Adapters adapters = new Adapters(new Env(environment));
        String work = new VerificationMessage(Priming.ABSENT_NOTICE_ID, List.of(0, 1, 2)).write();
        Priming.register(checkpoints, "VerifierFunction",
                () -> Priming.invokeBatch((input, output, context) ->
                        SqsBatch.handle(input, output, true, message -> readsOf(message, adapters)), Priming.sqsEvent(work)),
                () -> BrandMatch.use("ACME", "Acme", "ACME rocket skates, compatible with Acme-Max kits"),
                Priming.replay("VerifierFunction", environment,
                        replay -> new VerifierHandler(wire(replay.adapters(), replay.clock()))));
    }

    public VerifierHandler(Map<String, String> environment) {
        this(environment, Clock.systemUTC());
    }

    /** With a clock of the caller's, as the local stack's scenario tests use. */
    public VerifierHandler(Map<String, String> environment, Clock clock) {
        this(wire(new Adapters(new Env(environment)), clock));
    }

    public VerifierHandler(VerificationService verification) {
        this.verification = verification;
    }

    private static boolean readsOf(SqsBatch.Message message, Adapters adapters) {
        VerificationMessage work;
        try {
            work = VerificationMessage.read(message.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        adapters.notices().find(work.noticeId());
        adapters.rights().find(Priming.ABSENT_ID);
        adapters.rightholders().find(Priming.ABSENT_ID);
        adapters.notices().itemsAt(work.noticeId(), work.items());
        adapters.listings().findAll(List.of(Priming.ABSENT_ID));
        return true;
    }

    private static VerificationService wire(Adapters adapters, Clock clock) {
        DynamoNoticeStore notices = adapters.notices();
        SqsNotificationQueue notifications = adapters.notificationQueue();
        TrustService trust = adapters.trustService(adapters.trust(), notifications);
        return new VerificationService(notices, adapters.rights(), adapters.rightholders(), adapters.listings(),
                new DecisionRecorder(notices, adapters.audit(), notifications, trust,
                        new DecisionFigures(adapters.figures())), clock);
    }

    /** Messages are independent (verification is safe to run concurrently), so a batch is verified side by side. */
    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        LambdaInvocation.run(context, () -> SqsBatch.handle(input, output, true, this::verify));
    }

    private boolean verify(SqsBatch.Message message) {
        try {
            VerificationMessage work = VerificationMessage.read(message.body());
            verification.verify(work.noticeId(), work.items());
            return true;
        } catch (Exception e) {
            Log.error("verification message failed; it will be retried, then dead-lettered", e,
                    "messageId", message.messageId(), "receiveCount", message.receiveCount());
            return false;
        }
    }
}
