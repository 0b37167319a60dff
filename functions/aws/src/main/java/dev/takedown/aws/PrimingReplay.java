package dev.takedown.aws;

import com.fasterxml.jackson.databind.JsonNode;
import dev.takedown.core.json.Json;
import dev.takedown.core.ports.HostResolver;
import dev.takedown.core.ports.WebhookClient;
import dev.takedown.core.runtime.Env;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * A function's sample invocation as {@code infra/bench/run record-priming} recorded it on the local stack: the event
 * (from events/), the time it ran, what the function answered, and the answer DynamoDB, SQS or API Gateway gave to
 * each call it made. {@link Priming#replay} hands the event to a second instance of the handler, built over clients
 * that get these answers instead of sending anything, so that the function's whole hot path (the decision, its
 * writes and their answers, the notifications queued) runs before the snapshot and no request leaves the JVM.
 *
 * <p>A call is known by its operation and the variables that name its tables or queue ({@code GetItem NOTICES_TABLE}),
 * so that a recording made on the local stack's table names answers the deployed function's. Calls of one kind are
 * answered in the order recorded, and from the first again when the event is replayed once more.
 */
public final class PrimingReplay {
    /** Where the recordings are, in each function's jar. */
    static final String RESOURCE = "/priming/%s.json";
    /** The header that names each call to the replaying HTTP client; it never leaves the JVM. */
    public static final String CALL_HEADER = "X-Takedown-Priming-Call";

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Z0-9_]+)}");

    private record Answer(int status, byte[] body) {
    }

    private final Map<String, String> environment;
    private final Instant recordedAt;
    private final JsonNode event;
    private final String outcome;
    private final Map<String, List<Answer>> answers;
    private final Map<String, AtomicInteger> answered = new ConcurrentHashMap<>();
    private final Set<String> unanswered = ConcurrentHashMap.newKeySet();
    private final Adapters adapters;

    private PrimingReplay(Map<String, String> environment, JsonNode recording) {
        this.environment = environment;
        this.recordedAt = Instant.parse(recording.path("recordedAt").asText());
        this.event = recording.path("event");
        this.outcome = recording.path("outcome").asText();
        this.answers = new LinkedHashMap<>();
        for (JsonNode call : recording.path("calls")) {
            byte[] body = withVariables(Json.write(call.path("answer"))).getBytes(StandardCharsets.UTF_8);
            answers.computeIfAbsent(call.path("call").asText(), k -> new ArrayList<>())
                    .add(new Answer(call.path("status").asInt(), body));
        }
        this.adapters = new Adapters(new Env(environment),
                AwsClients.replaying(new Env(environment), new ReplayingHttpClient(), new CallNamer()));
    }

    /** The function's recording, from its jar, answering as the tables and queues of this environment. */
    public static PrimingReplay load(String function, Map<String, String> environment) throws IOException {
        try (InputStream recording = PrimingReplay.class.getResourceAsStream(RESOURCE.formatted(function))) {
            if (recording == null) {
                throw new IllegalStateException("no recorded invocation in the jar: " + RESOURCE.formatted(function));
            }
            return new PrimingReplay(environment, Json.parse(recording));
        }
    }

    /** The function's stores and queues, over clients that get the recorded answers. */
    public Adapters adapters() {
        return adapters;
    }

    /** The time the invocation was recorded, standing still: the recorded data is as fresh as it was then. */
    public Clock clock() {
        return Clock.fixed(recordedAt, ZoneOffset.UTC);
    }

    public JsonNode event() {
        return event;
    }

    /** Webhooks that are answered 200 and never sent. */
    public WebhookClient webhooks() {
        return (url, address, headers, body) -> 200;
    }

    /** Every host name resolved to the loopback address without asking DNS: no webhook is sent anyway. */
    public HostResolver hosts() {
        return host -> List.of(InetAddress.getByAddress(host, new byte[] {127, 0, 0, 1}));
    }

    /**
     * Whether the replay went as recorded: every call the function made had a recorded answer, every recorded
     * answer was used, and the function answered as it did then. Otherwise the code has changed since the recording was made.
     */
    void checkReplayed(JsonNode output) {
        List<String> unused = new ArrayList<>();
        answers.forEach((call, recorded) -> {
            AtomicInteger count = answered.get(call);
            if (count == null || count.get() < recorded.size()) {
                unused.add(call);
            }
        });
        if (!unanswered.isEmpty() || !unused.isEmpty()) {
            throw new IllegalStateException("the recording no longer matches the function's calls (rerun "
                    + "infra/bench/run record-priming): not recorded " + new TreeSet<>(unanswered)
                    + ", recorded but not made " + unused);
        }
        if (!outcome(output).equals(outcome)) {
            throw new IllegalStateException("the replay answered " + outcome(output) + ", the recording " + outcome);
        }
    }

    /**
     * What a function's answer comes to, as the recording keeps it: an API's status code, an SQS batch's failures,
     * an authorizer's effect.
     */
    public static String outcome(JsonNode output) {
        if (output.has("statusCode")) {
            return "status " + output.path("statusCode").asInt();
        }
        if (output.has("batchItemFailures")) {
            return "failed messages " + output.path("batchItemFailures").size();
        }
        if (output.has("policyDocument")) {
            return "effect " + output.path("policyDocument").path("Statement").path(0).path("Effect").asText();
        }
        Set<String> fields = new TreeSet<>();
        output.fieldNames().forEachRemaining(fields::add);
        return "fields " + fields;
    }

    /**
     * A call as recordings name it: the operation and, sorted, the variables of {@code environment} that name the
     * tables (with the index queried) or queue of the request; a name no variable holds stays as it is.
     */
    public static String call(String operation, SdkRequest request, Map<String, String> environment) {
        Set<String> resources = new TreeSet<>();
        request.getValueForField("TableName", String.class).ifPresent(table -> resources.add(
                variableOf(table, environment) + request.getValueForField("IndexName", String.class)
                        .map(index -> "/index/" + index).orElse("")));
        request.getValueForField("RequestItems", Map.class).ifPresent(items ->
                items.keySet().forEach(table -> resources.add(variableOf(String.valueOf(table), environment))));
        request.getValueForField("QueueUrl", String.class).ifPresent(url -> resources.add(variableOf(url, environment)));
        return resources.isEmpty() ? operation : operation + " " + String.join(",", resources);
    }

    /** The first variable, by name, whose value is {@code value}. */
    private static String variableOf(String value, Map<String, String> environment) {
        return environment.entrySet().stream().filter(variable -> variable.getValue().equals(value))
                .map(Map.Entry::getKey).sorted().findFirst().orElse(value);
    }

    /** A recorded answer's {@code ${VARIABLE}}s (table names in batch answers) as this environment has them. */
    private String withVariables(String text) {
        Matcher matcher = VARIABLE.matcher(text);
        StringBuilder replaced = new StringBuilder();
        while (matcher.find()) {
            String value = environment.get(matcher.group(1));
            matcher.appendReplacement(replaced, Matcher.quoteReplacement(value == null ? matcher.group() : value));
        }
        return matcher.appendTail(replaced).toString();
    }

    private Answer answer(String call) {
        List<Answer> recorded = answers.get(call);
        if (recorded == null) {
            unanswered.add(call);
            return null;
        }
        int index = answered.computeIfAbsent(call, k -> new AtomicInteger()).getAndIncrement();
        return recorded.get(index % recorded.size());
    }

    /** Names each request's call in a header, before the request is signed and handed to the HTTP client. */
    private final class CallNamer implements ExecutionInterceptor {
        @Override
        public SdkHttpRequest modifyHttpRequest(Context.ModifyHttpRequest context, ExecutionAttributes attributes) {
            String call = call(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME), context.request(),
                    environment);
            return context.httpRequest().toBuilder().putHeader(CALL_HEADER, call).build();
        }
    }

    /** An HTTP client with no network: it answers each request with the recorded answer to its call. */
    private final class ReplayingHttpClient implements SdkHttpClient {
        @Override
        public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
            String call = request.httpRequest().firstMatchingHeader(CALL_HEADER).orElse("");
            return new ExecutableHttpRequest() {
                @Override
                public HttpExecuteResponse call() {
                    Answer answer = answer(call);
                    if (answer == null) {
                        throw new IllegalStateException("no recorded answer to " + call);
                    }
                    SdkHttpResponse response = SdkHttpResponse.builder().statusCode(answer.status())
                            .putHeader("Content-Type", "application/x-amz-json-1.0")
                            .putHeader("Content-Length", String.valueOf(answer.body().length)).build();
                    return HttpExecuteResponse.builder().response(response)
                            .responseBody(AbortableInputStream.create(new ByteArrayInputStream(answer.body()))).build();
                }

                @Override
                public void abort() {
                }
            };
        }

        @Override
        public void close() {
        }
    }
}
