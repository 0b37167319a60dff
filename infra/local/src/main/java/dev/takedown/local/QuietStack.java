package dev.takedown.local;

import dev.takedown.backends.Dynalite;
import dev.takedown.backends.ElasticMq;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The local stack's backends, tables, queues, seed and webhook receiver, without its API, schedules or SQS
 * pollers: nothing runs unless invoked, so a cold-start measurement shares the machine with nothing else. Each
 * function's environment is the one {@link LocalStack} gives it, for handlers started in other JVMs. Public for
 * the benchmarks, which drive the functions from outside this module.
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
        DynamoDbClient dynamo = track(DynamoDbClient.builder().httpClient(UrlConnectionHttpClient.create())
                .region(Region.of(References.REGION)).credentialsProvider(LocalStack.localCredentials())
                .endpointOverride(dynalite.endpoint()).build());
        SqsClient sqs = track(SqsClient.builder().httpClient(UrlConnectionHttpClient.create())
                .region(Region.of(References.REGION)).credentialsProvider(LocalStack.localCredentials())
                .endpointOverride(elasticMq.endpoint()).build());
        Provisioner.createTables(dynamo, template.tables());
        queueUrls = Provisioner.createQueues(sqs, template.queues());
        Seed seed = Seed.load(seedFile);
        Seeder.load(seed, dynamo, template);
        track(new WebhookReceiver(webhookPort, Seeder.webhookSecrets(dynamo, template), Clock.systemUTC()));

        References references = new References(template.resourceTypes(), template.parameters(), queueUrls::get);
        functions = track(new Functions(template, references,
                LocalStack.localEnvironment(dynalite.endpoint(), elasticMq.endpoint()), null));
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
