package dev.takedown.local;

import dev.takedown.backends.Dynalite;
import dev.takedown.backends.ElasticMq;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The local stack's backends, tables, queues, seed and webhook receiver, without its API, schedules or SQS
 * pollers: nothing runs unless invoked, so a cold-start measurement shares the machine with nothing else. Each
 * function's environment is computed like {@link Functions} does, for handlers started in other JVMs.
 */
public final class QuietStack implements AutoCloseable {
    private final List<AutoCloseable> resources = new ArrayList<>();
    private final Template template;
    private final Map<String, String> queueUrls;
    private final Functions functions;
    private final Dynalite dynalite;
    private final ElasticMq elasticMq;

    private QuietStack(Path templateFile, Path seedFile, int webhookPort) {
        template = Template.load(templateFile, Map.of());
        dynalite = track(Dynalite.start(null));
        elasticMq = track(ElasticMq.start());
        StaticCredentialsProvider credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"));
        DynamoDbClient dynamo = track(DynamoDbClient.builder().httpClient(UrlConnectionHttpClient.create())
                .region(Region.of(References.REGION)).credentialsProvider(credentials)
                .endpointOverride(dynalite.endpoint()).build());
        SqsClient sqs = track(SqsClient.builder().httpClient(UrlConnectionHttpClient.create())
                .region(Region.of(References.REGION)).credentialsProvider(credentials)
                .endpointOverride(elasticMq.endpoint()).build());
        Provisioner.createTables(dynamo, template.tables());
        queueUrls = Provisioner.createQueues(sqs, template.queues());
        Seed seed = Seed.load(seedFile);
        Seeder.load(seed, dynamo, template);
        Map<String, String> secrets = new LinkedHashMap<>();
        seed.rightholders().forEach(r -> secrets.put(r.rightholder().id(), r.rightholder().webhookSecret()));
        track(new WebhookReceiver(webhookPort, secrets, template.parameters().get("SellerWebhookSecret")));

        References references = new References(template.resourceTypes(), template.parameters(), queueUrls::get);
        functions = track(new Functions(template, references, localEnvironment(), null));
    }

    /** Starts it all; the seed's callback URLs should name {@code webhookPort}, where the receiver listens. */
    public static QuietStack start(Path templateFile, Path seedFile, int webhookPort) {
        return new QuietStack(templateFile, seedFile, webhookPort);
    }

    public List<String> functionIds() {
        return template.functions().stream().map(FunctionDef::logicalId).toList();
    }

    public String handlerClass(String functionId) {
        return functions.definition(functionId).handlerClass();
    }

    /** The deployment jar, relative to the project root. */
    public String codeUri(String functionId) {
        return functions.definition(functionId).codeUri();
    }

    public Map<String, String> environment(String functionId) {
        return functions.environment(functionId);
    }

    /** Invokes the function in this JVM, as the local stack would; fails if the function did. */
    public byte[] invoke(String functionId, byte[] event) {
        Functions.Invocation invocation = functions.invoke(functionId, event);
        if (invocation.failed()) {
            throw new IllegalStateException(functionId + " failed: " + invocation.errorType() + ": " + invocation.errorMessage());
        }
        return invocation.output();
    }

    public URI dynamoEndpoint() {
        return dynalite.endpoint();
    }

    public URI sqsEndpoint() {
        return elasticMq.endpoint();
    }

    public List<String> queueUrls() {
        return List.copyOf(queueUrls.values());
    }

    public List<String> tableNames() {
        return template.tables().stream().map(TableDef::logicalId).toList();
    }

    /** Same as the local stack gives its functions. */
    private Map<String, String> localEnvironment() {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("AWS_REGION", References.REGION);
        environment.put("AWS_ACCESS_KEY_ID", "local");
        environment.put("AWS_SECRET_ACCESS_KEY", "local");
        environment.put("AWS_ENDPOINT_URL_DYNAMODB", dynalite.endpoint().toString());
        environment.put("AWS_ENDPOINT_URL_SQS", elasticMq.endpoint().toString());
        environment.put("ALLOW_PRIVATE_CALLBACKS", "true");
        return environment;
    }

    private <T extends AutoCloseable> T track(T resource) {
        resources.add(resource);
        return resource;
    }

    @Override
    public void close() {
        for (int i = resources.size() - 1; i >= 0; i--) {
            try {
                resources.get(i).close();
            } catch (Exception e) {
                System.err.println("warning: stopping " + resources.get(i) + " failed: " + e);
            }
        }
    }
}
