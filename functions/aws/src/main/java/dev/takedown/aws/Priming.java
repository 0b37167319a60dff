package dev.takedown.aws;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.takedown.core.json.Json;
import dev.takedown.core.model.Ids;
import dev.takedown.core.runtime.Env;
import dev.takedown.core.runtime.Log;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

/**
 * A function's SnapStart priming: a CRaC {@code beforeCheckpoint} hook that runs the function's hot path on
 * harmless work (its clients' first calls, JSON parsed and written, classes loaded, the JIT's first tier compiled)
 * before Lambda takes the snapshot it restores new environments from, so that the first request after a restore
 * costs about what a warm one does.
 *
 * <p>Harmless means: on the function's own clients, reads only, of ids that nothing ever has ({@link #ABSENT_ID},
 * {@link #ABSENT_NOTICE_ID}, {@link #ABSENT_API_KEY}), so every read finds nothing; then the function's recorded
 * sample invocation replayed on clients that never send anything ({@link #replay}): never a write, never an SQS send,
 * receive or delete, never a webhook. The snapshot is taken when a version is published, not per request, so a read
 * costs once per version.
 *
 * <p>A step that fails (a backend unreachable while the version is published) is logged and ends the priming: the
 * steps after it would meet the same backend, and the hook's time counts against the function's init limit. The
 * snapshot is then taken all the same, and the function works as it would unprimed.
 */
public final class Priming implements Resource {
    /** A rightholder, seller or right id that no one is ever given. */
    public static final String ABSENT_ID = "snapstart-priming";
    /** A notice id of the issued shape that none is ever given (ids carry the time they were made). */
    public static final String ABSENT_NOTICE_ID = "ntc_" + "0".repeat(26);
    /** An API key of the issued shape that no one holds: its hash matches no stored key. */
    public static final String ABSENT_API_KEY = "tdk_snapstart_priming_" + "0".repeat(25);

    /** How many times {@link #replay} hands the recorded event to the handler. */
    static final int REPLAYS = 8;

    /** SnapStart's checkpoint context: Lambda's runtime calls the resources registered with it. */
    public static final Context<Resource> SNAPSTART = Core.getGlobalContext();

    /** The resources registered in this JVM, held here because CRaC contexts hold theirs weakly. */
    private static final List<Priming> REGISTERED = new CopyOnWriteArrayList<>();

    /** One piece of harmless work. */
    @FunctionalInterface
    public interface Step {
        void run() throws Exception;
    }

    private final String function;
    private final List<Step> steps;

    private Priming(String function, List<Step> steps) {
        this.function = function;
        this.steps = steps;
    }

    /** Registers the function's steps with the context: {@link #SNAPSTART}, or a test's. */
    public static void register(Context<Resource> context, String function, Step... steps) {
        Priming priming = new Priming(function, List.of(steps));
        REGISTERED.add(priming);
        context.register(priming);
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        long start = System.nanoTime();
        for (int i = 0; i < steps.size(); i++) {
            try {
                steps.get(i).run();
            } catch (Exception e) {
                Log.warn("priming stopped; the snapshot is taken without the rest", e, "function", function,
                        "step", i + 1, "steps", steps.size());
                return;
            }
        }
        Log.info("primed for the snapshot", "function", function, "steps", steps.size(),
                "millis", (System.nanoTime() - start) / 1_000_000);
    }

    /**
     * The random generator renewed, which priming used (ids of replayed notices) and every restored environment
     * would otherwise share; the SDK clients open new connections by themselves when the snapshot's are gone.
     */
    @Override
    public void afterRestore(Context<? extends Resource> context) {
        Ids.renewRandomness();
    }

    /**
     * Replays the function's recorded sample invocation ({@link PrimingReplay}) {@value #REPLAYS} times on the handler
     * {@code handler} builds over it: the JIT's first tier compiles what runs again and again. Fails when the replay
     * did not go as recorded.
     */
    public static Step replay(String function, Map<String, String> environment,
                              Function<PrimingReplay, RequestStreamHandler> handler) {
        return () -> {
            PrimingReplay replay = PrimingReplay.load(function, environment);
            RequestStreamHandler replayed = handler.apply(replay);
            JsonNode output = null;
            for (int i = 0; i < REPLAYS; i++) {
                output = invoke(replayed, replay.event());
            }
            replay.checkReplayed(output);
        };
    }

    /** Hands the handler one event, as Lambda would, and returns what it wrote. */
    public static JsonNode invoke(RequestStreamHandler handler, JsonNode event) throws IOException {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(Json.write(event).getBytes(StandardCharsets.UTF_8)), output,
                CONTEXT);
        return Json.parse(output.toString(StandardCharsets.UTF_8));
    }

    /** An API Gateway invocation; a 5xx answer (a backend down) fails the step. */
    public static void invokeApi(RequestStreamHandler handler, JsonNode event) throws IOException {
        JsonNode response = invoke(handler, event);
        if (response.path("statusCode").asInt() >= 500) {
            throw new IllegalStateException("the function answered " + response.path("statusCode").asInt());
        }
    }

    /** An SQS-triggered invocation; a message left on the queue (a backend down) fails the step. */
    public static void invokeBatch(RequestStreamHandler handler, JsonNode event) throws IOException {
        JsonNode response = invoke(handler, event);
        if (!response.path("batchItemFailures").isEmpty()) {
            throw new IllegalStateException("the function failed the priming message");
        }
    }

    /** An API Gateway proxy event of the caller whose authorizer context is given. */
    public static ObjectNode apiEvent(String method, String resource, Map<String, String> pathParameters,
                                      Map<String, String> authorizer, String body) {
        ObjectNode event = Json.object().put("resource", resource).put("path", resource).put("httpMethod", method);
        ObjectNode headers = event.putObject("headers").put("Accept", "application/json");
        if (body != null) {
            headers.put("Content-Type", "application/json");
        }
        event.putNull("queryStringParameters");
        ObjectNode parameters = event.putObject("pathParameters");
        pathParameters.forEach(parameters::put);
        ObjectNode context = event.putObject("requestContext").put("resourcePath", resource).put("httpMethod", method)
                .put("requestId", ABSENT_ID);
        ObjectNode principal = context.putObject("authorizer");
        authorizer.forEach(principal::put);
        event.put("body", body).put("isBase64Encoded", false);
        return event;
    }

    /** An SQS event of one message with this body. */
    public static ObjectNode sqsEvent(String body) {
        ObjectNode event = Json.object();
        event.putArray("Records").addObject()
                .put("messageId", ABSENT_ID)
                .put("receiptHandle", ABSENT_ID)
                .put("body", body)
                .put("eventSource", "aws:sqs")
                .putObject("attributes").put("ApproximateReceiveCount", "1");
        return event;
    }

    /** The Lambda context of the invocations priming makes, whose log lines and metrics are not written. */
    static final com.amazonaws.services.lambda.runtime.Context CONTEXT = new LambdaContext();

    /** No request, and Lambda's logger stands for standard output. */
    private static final class LambdaContext implements com.amazonaws.services.lambda.runtime.Context {
        @Override
        public String getAwsRequestId() {
            return ABSENT_ID;
        }

        @Override
        public String getLogGroupName() {
            return null;
        }

        @Override
        public String getLogStreamName() {
            return null;
        }

        @Override
        public String getFunctionName() {
            return System.getenv("AWS_LAMBDA_FUNCTION_NAME");
        }

        @Override
        public String getFunctionVersion() {
            return System.getenv("AWS_LAMBDA_FUNCTION_VERSION");
        }

        @Override
        public String getInvokedFunctionArn() {
            return null;
        }

        @Override
        public CognitoIdentity getIdentity() {
            return null;
        }

        @Override
        public ClientContext getClientContext() {
            return null;
        }

        @Override
        public int getRemainingTimeInMillis() {
            return 30_000;
        }

        @Override
        public int getMemoryLimitInMB() {
            return 0;
        }

        @Override
        public LambdaLogger getLogger() {
            return new LambdaLogger() {
                @Override
                public void log(String message) {
                    System.out.println(message);
                }

                @Override
                public void log(byte[] message) {
                    System.out.println(new String(message, StandardCharsets.UTF_8));
                }
            };
        }
    }
}
