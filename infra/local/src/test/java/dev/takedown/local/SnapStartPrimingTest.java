package dev.takedown.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.takedown.aws.PrimingReplay;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Stream;
import org.crac.Context;
import org.crac.Resource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Every function of template.yaml registers its SnapStart priming from the constructor Lambda uses, and priming is
 * harmless: against the local backends it reads and nothing else (every table, queue and the webhook receiver as it
 * found them; every request sent a read its policies allow), and with no backend reachable it logs why and returns,
 * so that the snapshot is taken all the same.
 */
class SnapStartPrimingTest {
    private static final Set<String> READS = Set.of("dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:Query");
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static JsonNode template;
    private static QuietStack stack;
    private static URI receiver;
    private static DynamoDbClient dynamo;
    private static SqsClient sqs;

    @BeforeAll
    static void start() throws Exception {
        template = new ObjectMapper(new YAMLFactory()).readTree(ProjectTemplate.text());
        int receiverPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            receiverPort = socket.getLocalPort();
        }
        Path seed = Files.createTempFile("seed", ".json");
        seed.toFile().deleteOnExit();
        Files.writeString(seed, Files.readString(ProjectTemplate.DEFAULT_SEED)
                .replace(ProjectTemplate.DEMO_RECEIVER, "127.0.0.1:" + receiverPort));
        stack = QuietStack.start(ProjectTemplate.FILE, seed, receiverPort);
        receiver = URI.create("http://127.0.0.1:" + receiverPort + "/webhooks/received");
        dynamo = DynamoDbClient.builder().region(Region.US_EAST_1)
                .credentialsProvider(LocalStack.localCredentials()).endpointOverride(stack.dynamoEndpoint())
                .httpClient(UrlConnectionHttpClient.create()).build();
        sqs = SqsClient.builder().region(Region.US_EAST_1)
                .credentialsProvider(LocalStack.localCredentials()).endpointOverride(stack.sqsEndpoint())
                .httpClient(UrlConnectionHttpClient.create()).build();
        // A message waiting on every queue: a receive by priming would hide it, a delete would remove it.
        stack.queueUrls().forEach(url -> sqs.sendMessage(r -> r.queueUrl(url).messageBody("{\"waiting\": true}")));
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    static Stream<String> functions() throws Exception {
        JsonNode resources = new ObjectMapper(new YAMLFactory()).readTree(ProjectTemplate.text()).path("Resources");
        List<String> functions = new ArrayList<>();
        resources.properties().forEach(resource -> {
            if (resource.getValue().path("Type").asText().equals("AWS::Serverless::Function")) {
                functions.add(resource.getKey());
            }
        });
        return functions.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("functions")
    void primingIsRegisteredAndOnlyReads(String function) throws Exception {
        Recording checkpoints = new Recording();
        build(function, stack.environment(function), checkpoints);
        assertThat(checkpoints.registered).as("resources registered by " + function).hasSize(1);

        Map<String, Object> before = backends();
        SentRequests.SENT.clear();
        SentRequests.recording = true;
        String log;
        try {
            log = logOf(() -> checkpoints.registered.get(0).beforeCheckpoint(checkpoints));
        } finally {
            SentRequests.recording = false;
        }
        List<String> sent = List.copyOf(SentRequests.SENT);

        assertThat(log).as("what priming logged").contains("primed for the snapshot").doesNotContain("priming stopped");
        assertThat(sent).as("requests " + function + " sent while priming").isNotEmpty();
        for (String request : sent) {
            String action = request.substring(0, request.indexOf(' '));
            String resource = request.substring(request.indexOf(' ') + 1);
            assertThat(READS).as(request).contains(action);
            assertThat(allowed(function, action, resource)).as(function + "'s policies allow " + request).isTrue();
        }
        assertThat(backends()).as("tables, queues and webhooks after priming").isEqualTo(before);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("functions")
    void primingWithoutABackendLogsWhyAndLetsTheSnapshotBeTaken(String function) throws Exception {
        String nowhere;
        try (ServerSocket socket = new ServerSocket(0)) {
            nowhere = "http://127.0.0.1:" + socket.getLocalPort();
        }
        Map<String, String> environment = new LinkedHashMap<>(stack.environment(function));
        environment.replaceAll((name, value) -> name.startsWith("AWS_ENDPOINT_URL") ? nowhere : value);
        Recording checkpoints = new Recording();
        build(function, environment, checkpoints);

        String[] log = new String[1];
        assertThatCode(() -> log[0] = logOf(() -> checkpoints.registered.get(0).beforeCheckpoint(checkpoints)))
                .doesNotThrowAnyException();
        assertThat(log[0]).contains("priming stopped; the snapshot is taken without the rest").contains(function);
    }

    /** The handler as Lambda builds it, but registering with the given context and working against this stack. */
    private static void build(String function, Map<String, String> environment, Recording checkpoints) throws Exception {
        String handler = template.path("Resources").path(function).path("Properties").path("Handler").asText();
        Class<?> type = Class.forName(handler.substring(0, handler.indexOf("::")));
        assertThat(RequestStreamHandler.class).isAssignableFrom(type);
        type.getConstructor(Map.class, Clock.class, Context.class).newInstance(environment, Clock.systemUTC(), checkpoints);
    }

    /** Every row of every table, every queue's message counts, and the webhooks received. */
    private static Map<String, Object> backends() throws Exception {
        Map<String, Object> state = new HashMap<>();
        for (String table : stack.tableNames()) {
            Set<Map<String, AttributeValue>> rows = new HashSet<>();
            dynamo.scanPaginator(r -> r.tableName(table).consistentRead(true)).items().forEach(rows::add);
            state.put(table, rows);
        }
        for (String url : stack.queueUrls()) {
            state.put(url, sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNames(
                    QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                    QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
                    QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED)).attributes());
        }
        state.put("webhooks", HTTP.send(HttpRequest.newBuilder(receiver).build(), HttpResponse.BodyHandlers.ofString()).body());
        return state;
    }

    /** Whether one of the function's Allow statements names the action on the table or on its indexes. */
    private static boolean allowed(String function, String action, String resource) {
        String table = resource.contains("/") ? resource.substring(0, resource.indexOf('/')) : resource;
        String covering = resource.contains("/index/") ? "${" + table + ".Arn}/index/*" : "[\"" + table + "\",\"Arn\"]";
        for (JsonNode policy : template.path("Resources").path(function).path("Properties").path("Policies")) {
            for (JsonNode statement : policy.path("Statement")) {
                if (statement.path("Effect").asText().equals("Allow")
                        && statement.path("Action").toString().contains("\"" + action + "\"")
                        && statement.path("Resource").toString().contains(covering)) {
                    return true;
                }
            }
        }
        return false;
    }

    private interface Work {
        void run() throws Exception;
    }

    /** What the work wrote to standard output, where the functions log. */
    private static String logOf(Work work) throws Exception {
        PrintStream out = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            work.run();
        } finally {
            System.setOut(out);
        }
        String log = captured.toString(StandardCharsets.UTF_8);
        out.print(log);
        return log;
    }

    /** A checkpoint context that only remembers what registers with it. */
    private static final class Recording extends Context<Resource> {
        final List<Resource> registered = new ArrayList<>();

        @Override
        public void register(Resource resource) {
            registered.add(resource);
        }

        @Override
        public void beforeCheckpoint(Context<? extends Resource> context) {
        }

        @Override
        public void afterRestore(Context<? extends Resource> context) {
        }
    }

    /**
     * Registered for every SDK client in these tests (global interceptor file): while a test records, every request
     * that was sent (and not stopped before it left, as the unsent clients' are, nor answered by a recording that
     * priming replays), as "service:Operation resource".
     */
    public static final class SentRequests implements ExecutionInterceptor {
        static final ConcurrentLinkedQueue<String> SENT = new ConcurrentLinkedQueue<>();
        static volatile boolean recording;

        @Override
        public void afterTransmission(software.amazon.awssdk.core.interceptor.Context.AfterTransmission context,
                                      ExecutionAttributes attributes) {
            if (!recording || context.httpRequest().firstMatchingHeader(PrimingReplay.CALL_HEADER).isPresent()) {
                return;
            }
            String service = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME).toLowerCase(Locale.ROOT);
            String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
            var request = context.request();
            String table = request.getValueForField("TableName", String.class).orElse(null);
            String index = request.getValueForField("IndexName", String.class).orElse(null);
            if (table != null) {
                SENT.add(service + ":" + operation + " " + (index == null ? table : table + "/index/" + index));
            }
            request.getValueForField("RequestItems", Map.class).ifPresent(items ->
                    items.keySet().forEach(name -> SENT.add(service + ":" + operation + " " + name)));
            request.getValueForField("QueueUrl", String.class).ifPresent(url -> SENT.add(service + ":" + operation + " " + url));
            if (table == null && request.getValueForField("RequestItems", Map.class).isEmpty()
                    && request.getValueForField("QueueUrl", String.class).isEmpty()) {
                SENT.add(service + ":" + operation + " *");
            }
        }
    }
}
