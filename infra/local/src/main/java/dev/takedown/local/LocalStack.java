package dev.takedown.local;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import dev.takedown.backends.Dynalite;
import dev.takedown.backends.ElasticMq;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Runs template.yaml on one JVM without Docker: dynalite and ElasticMQ as the backends, the REST API with its
 * authorizer, the Lambda Invoke API, schedules and SQS triggers, all calling the handlers in this JVM.
 */
public final class LocalStack implements AutoCloseable {
    private static final int HTTP_THREADS = 16;

    /** Lambda polls each SQS event source with several concurrent batches; a few are enough to show it locally. */
    public static final int DEFAULT_POLLERS = 3;

    /**
     * How to run the stack. A port of 0 means any free port; {@code seed} and {@code dataDir} may be null (no
     * seed; backends in memory). {@code pollers} is how many batches of each SQS event may run at once.
     * {@code clock} is the functions' clock (those that take one), for tests that move time on; null is the system's.
     */
    public record Options(Path template, Path seed, Path dataDir, int apiPort, int lambdaPort, int dynalitePort,
            int sqsPort, int webhookPort, int apiGatewayPort, boolean schedules, Map<String, String> parameters,
            int pollers, Clock clock) {

        public Options {
            parameters = Map.copyOf(parameters);
            if (pollers < 1) {
                throw new IllegalArgumentException("pollers must be at least 1, got " + pollers);
            }
        }

        /** Free ports, no seed, in memory, schedules only when run through {@link #runSchedulesNow()}. */
        public static Options forTemplate(Path template) {
            return new Options(template, null, null, 0, 0, 0, 0, 0, 0, false, Map.of(), DEFAULT_POLLERS, null);
        }

        public Options withPollers(int count) {
            return new Options(template, seed, dataDir, apiPort, lambdaPort, dynalitePort, sqsPort, webhookPort,
                    apiGatewayPort, schedules, parameters, count, clock);
        }

        public Options withSeed(Path seedFile) {
            return new Options(template, seedFile, dataDir, apiPort, lambdaPort, dynalitePort, sqsPort, webhookPort,
                    apiGatewayPort, schedules, parameters, pollers, clock);
        }

        public Options withDataDir(Path directory) {
            return new Options(template, seed, directory, apiPort, lambdaPort, dynalitePort, sqsPort, webhookPort,
                    apiGatewayPort, schedules, parameters, pollers, clock);
        }

        public Options withWebhookPort(int port) {
            return new Options(template, seed, dataDir, apiPort, lambdaPort, dynalitePort, sqsPort, port, apiGatewayPort,
                    schedules, parameters, pollers, clock);
        }

        public Options withClock(Clock functionsClock) {
            return new Options(template, seed, dataDir, apiPort, lambdaPort, dynalitePort, sqsPort, webhookPort,
                    apiGatewayPort, schedules, parameters, pollers, functionsClock);
        }

        public Options withParameters(Map<String, String> overrides) {
            return new Options(template, seed, dataDir, apiPort, lambdaPort, dynalitePort, sqsPort, webhookPort,
                    apiGatewayPort, schedules, overrides, pollers, clock);
        }
    }

    private final List<AutoCloseable> resources = new ArrayList<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private Template template;
    private Dynalite dynalite;
    private ElasticMq elasticMq;
    private Map<String, String> queueUrls = Map.of();
    private Functions functions;
    private Schedules schedules;
    private HttpServer apiServer;
    private HttpServer lambdaServer;
    private HttpServer apiGatewayKeysServer;
    private WebhookReceiver webhookReceiver;
    private Seed seed;
    private DynamoDbClient dynamo;
    private SqsClient sqs;

    private LocalStack() {
    }

    /** Starts everything and returns once the API answers; on failure, stops what had started. */
    public static LocalStack start(Options options) {
        LocalStack stack = new LocalStack();
        try {
            stack.boot(options);
            return stack;
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
    }

    private void boot(Options options) {
        template = Template.load(options.template(), options.parameters());
        seed = options.seed() == null ? null : Seed.load(options.seed());
        startBackends(options);

        dynamo = track(DynamoDbClient.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .region(Region.of(References.REGION))
                .credentialsProvider(localCredentials())
                .endpointOverride(dynamoEndpoint())
                .build());
        sqs = track(SqsClient.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .region(Region.of(References.REGION))
                .credentialsProvider(localCredentials())
                .endpointOverride(sqsEndpoint())
                .build());
        Provisioner.createTables(dynamo, template.tables());
        queueUrls = Provisioner.createQueues(sqs, template.queues());
        if (seed != null) {
            Seeder.load(seed, dynamo, template);
        }

        webhookReceiver = track(new WebhookReceiver(options.webhookPort(), Seeder.webhookSecrets(dynamo, template),
                options.clock() == null ? Clock.systemUTC() : options.clock()));

        References references = new References(template.resourceTypes(), template.parameters(), queueUrls::get);
        Optional<ApiDef> api = template.api();
        ApiGatewayKeys usageKeys = api.map(definition -> new ApiGatewayKeys(definition,
                options.dataDir() == null ? null : options.dataDir().resolve("apigateway-keys.json"))).orElse(null);
        Map<String, String> environment = localEnvironment(dynamoEndpoint(), sqsEndpoint());
        if (usageKeys != null) {
            apiGatewayKeysServer = serve(options.apiGatewayPort(), usageKeys, "apigateway-keys");
            environment.put("AWS_ENDPOINT_URL_APIGATEWAY", apiGatewayKeysUrl().toString());
        }
        functions = track(new Functions(template, references, environment, options.clock()));
        for (String missing : functions.missingHandlers()) {
            System.err.println("warning: the handler of " + missing + " is not on the classpath;"
                    + " invoking it will fail until its module is built");
        }

        if (api.isPresent()) {
            Path apiDocuments = options.template().toAbsolutePath().getParent().resolve("infra/api");
            apiServer = serve(options.apiPort(),
                    new ApiDocs(apiDocuments, new ApiGateway(api.get(), template.functions(), functions, usageKeys)), "api");
        }
        schedules = track(new Schedules(template.functions(), functions,
                options.clock() == null ? Clock.systemUTC() : options.clock()));
        Optional<TestClockApi> testClock = options.clock() instanceof MovableClock movable
                ? Optional.of(new TestClockApi(movable, this::runSchedulesNow)) : Optional.empty();
        HttpHandler lambdaApi = new BrowsersRefused(new LambdaApi(functions, testClock));
        LocalConsole console = new LocalConsole(functions);
        lambdaServer = serve(options.lambdaPort(), exchange -> {
            if (exchange.getRequestURI().getPath().startsWith(LocalConsole.PATH)) {
                console.handle(exchange);
            } else {
                lambdaApi.handle(exchange);
            }
        }, "lambda-api");
        if (options.schedules()) {
            schedules.start();
        }
        for (FunctionDef function : template.functions()) {
            for (FunctionDef.SqsEvent event : function.sqsEvents()) {
                track(new SqsPoller(sqs, functions, function.logicalId(), event, queueUrls.get(event.queue()),
                        options.pollers())).start();
            }
        }
    }

    private void startBackends(Options options) {
        Path dynaliteData = options.dataDir() == null ? null : options.dataDir().resolve("dynalite");
        CompletableFuture<Dynalite> dynaliteStart = CompletableFuture.supplyAsync(() -> options.dynalitePort() == 0
                ? Dynalite.start(dynaliteData)
                : Dynalite.start(options.dynalitePort(), dynaliteData));
        try {
            elasticMq = track(options.sqsPort() == 0 ? ElasticMq.start() : ElasticMq.start(options.sqsPort()));
        } finally {
            try {
                dynalite = track(dynaliteStart.join());
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException cause ? cause : e;
            }
        }
    }

    /** What every function gets on top of the template's environment. */
    static Map<String, String> localEnvironment(URI dynamoEndpoint, URI sqsEndpoint) {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("AWS_REGION", References.REGION);
        environment.put("AWS_ACCESS_KEY_ID", "local");
        environment.put("AWS_SECRET_ACCESS_KEY", "local");
        environment.put("AWS_ENDPOINT_URL_DYNAMODB", dynamoEndpoint.toString());
        environment.put("AWS_ENDPOINT_URL_SQS", sqsEndpoint.toString());
        // Seeded callback URLs point at 127.0.0.1, which the functions refuse outside the local stack.
        environment.put("ALLOW_PRIVATE_CALLBACKS", "true");
        return environment;
    }

    static StaticCredentialsProvider localCredentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"));
    }

    private HttpServer serve(int port, HttpHandler handler, String name) {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on 127.0.0.1:" + port + " for the " + name, e);
        }
        AtomicInteger threads = new AtomicInteger();
        ExecutorService executor = Executors.newFixedThreadPool(HTTP_THREADS, task -> {
            Thread thread = new Thread(task, name + "-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        server.createContext("/", handler);
        server.setExecutor(executor);
        server.start();
        track(() -> {
            server.stop(0);
            executor.shutdownNow();
        });
        return server;
    }

    private <T extends AutoCloseable> T track(T resource) {
        resources.add(resource);
        return resource;
    }

    /**
     * The logical id of the function whose handler runs on the current thread (or started it), null outside any
     * handler; public so that an SDK interceptor in another module can attribute AWS calls to functions.
     */
    public static String currentFunction() {
        return Functions.currentFunction();
    }

    /** The REST API's base URL (no stage in the path); null when the template declares no API. */
    public URI apiUrl() {
        return apiServer == null ? null : URI.create("http://127.0.0.1:" + apiServer.getAddress().getPort());
    }

    /** Where the demo webhook receiver listens: POST here plus a rightholder id, GET here plus "received". */
    public URI webhookReceiverUrl() {
        return webhookReceiver.url();
    }

    List<WebhookReceiver.Receipt> webhookReceipts() {
        return webhookReceiver.receipts();
    }

    /** Where the local API Gateway takes its key calls (the functions' AWS_ENDPOINT_URL_APIGATEWAY); null without an API. */
    URI apiGatewayKeysUrl() {
        return apiGatewayKeysServer == null ? null
                : URI.create("http://127.0.0.1:" + apiGatewayKeysServer.getAddress().getPort());
    }

    public URI lambdaUrl() {
        return URI.create("http://127.0.0.1:" + lambdaServer.getAddress().getPort());
    }

    /** The page that shows the function's dashboard custom widget as the CloudWatch console would ({@link LocalConsole}). */
    public URI consoleUrl(String function) {
        return lambdaUrl().resolve(LocalConsole.PATH + function);
    }

    public URI dynamoEndpoint() {
        return dynalite.endpoint();
    }

    public URI sqsEndpoint() {
        return elasticMq.endpoint();
    }

    /** A client of the local DynamoDB, for scripts and tests that look behind the API. */
    public DynamoDbClient dynamo() {
        return dynamo;
    }

    /** A client of the local SQS. */
    public SqsClient sqs() {
        return sqs;
    }

    public String queueUrl(String logicalId) {
        String url = queueUrls.get(logicalId);
        if (url == null) {
            throw new IllegalArgumentException("no queue " + logicalId + " in the template");
        }
        return url;
    }

    public String tableName(String logicalId) {
        return template.table(logicalId)
                .orElseThrow(() -> new IllegalArgumentException("no table " + logicalId + " in the template"))
                .logicalId();
    }

    /** The API key of the seed's first rightholder, if there is one. */
    public Optional<String> demoApiKey() {
        return seed == null ? Optional.empty() : seed.rightholders().stream().findFirst().map(Seed.SeededRightholder::apiKey);
    }

    /**
     * Kills DynamoDB and starts it again on the same port after {@code down}, for fault drills: functions and
     * clients see refused connections meanwhile. Its data survives only with a data directory.
     */
    public void restartDynamo(Duration down) {
        dynalite.kill();
        try {
            Thread.sleep(down.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while DynamoDB was down", e);
        } finally {
            dynalite.restart();
        }
    }

    /** Runs every Schedule event's function once, now, and returns when they are done, naming them. */
    public List<String> runSchedulesNow() {
        return schedules.runAllNow();
    }

    /** Stops servers, schedules, pollers and functions, then the backends; later calls do nothing. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        for (int i = resources.size() - 1; i >= 0; i--) {
            try {
                resources.get(i).close();
            } catch (Exception e) {
                System.err.println("warning: stopping " + resources.get(i) + " failed: " + e);
            }
        }
        stopped.countDown();
    }

    public static void main(String[] args) {
        LocalStack.Options options;
        try {
            // infra/local/run starts the JVM in the project root and says where it was called from.
            Path here = Path.of("").toAbsolutePath();
            options = CommandLine.parse(args, Path.of(System.getProperty("local.callerDir", here.toString())), here);
        } catch (CommandLine.UsageException e) {
            if (e.getMessage() != null) {
                System.err.println("error: " + e.getMessage());
            }
            System.err.println(CommandLine.USAGE);
            System.exit(e.getMessage() == null ? 0 : 2);
            return;
        }
        LocalStack stack;
        try {
            stack = start(options);
        } catch (TemplateException | SeedException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(1);
            return;
        } catch (RuntimeException e) {
            System.err.println("error: the local stack did not start: " + e);
            e.printStackTrace();
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "local-stack-shutdown"));
        System.out.println("Takedown local stack is ready.");
        if (stack.apiUrl() != null) {
            System.out.println("  API:          " + stack.apiUrl());
        }
        System.out.println("  Lambda API:   " + stack.lambdaUrl());
        if (stack.functions.exists("ReviewWidgetFunction")) {
            System.out.println("  Review queue: " + stack.consoleUrl("ReviewWidgetFunction"));
        }
        if (options.clock() instanceof MovableClock) {
            System.out.println("  Test clock:   " + stack.lambdaUrl().resolve(TestClockApi.PATH));
        }
        System.out.println("  Webhooks:     " + stack.webhookReceiverUrl() + "received");
        System.out.println("  DynamoDB:     " + stack.dynamoEndpoint());
        System.out.println("  SQS:          " + stack.sqsEndpoint());
        stack.demoApiKey().ifPresent(key -> System.out.println("  Demo API key: " + key));
        System.out.flush();
        stack.awaitClose();
    }

    private void awaitClose() {
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
