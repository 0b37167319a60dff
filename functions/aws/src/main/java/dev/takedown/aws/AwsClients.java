package dev.takedown.aws;

import dev.takedown.core.runtime.Env;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * SDK clients, built once per container for each region and endpoint. Endpoints and credentials come from
 * the function's {@link Env}, so the local stack can point functions sharing one JVM at its own backends.
 */
public final class AwsClients {
    private static final Map<String, DynamoDbClient> DYNAMO = new ConcurrentHashMap<>();
    private static final Map<String, SqsClient> SQS = new ConcurrentHashMap<>();
    private static final Map<String, ApiGatewayClient> API_GATEWAY = new ConcurrentHashMap<>();
    private static final Map<String, DynamoDbClient> UNSENT_DYNAMO = new ConcurrentHashMap<>();
    private static final Map<String, SqsClient> UNSENT_SQS = new ConcurrentHashMap<>();
    private static final SdkHttpClient HTTP = UrlConnectionHttpClient.create();

    private AwsClients() {
    }

    public static DynamoDbClient dynamo(Env env) {
        return client(DYNAMO, env, "AWS_ENDPOINT_URL_DYNAMODB", DynamoDbClient::builder, false);
    }

    /** Only functions that use SQS carry its client in their jar; the others never reach this method. */
    public static SqsClient sqs(Env env) {
        return client(SQS, env, "AWS_ENDPOINT_URL_SQS", SqsClient::builder, false);
    }

    /**
     * A client like {@link #dynamo} that sends nothing: each request is built, marshalled and signed, then stopped
     * with {@link UnsentRequest} before it leaves the JVM. Priming prepares writes with it.
     */
    static DynamoDbClient unsentDynamo(Env env) {
        return client(UNSENT_DYNAMO, env, "AWS_ENDPOINT_URL_DYNAMODB", DynamoDbClient::builder, true);
    }

    /** As {@link #unsentDynamo}, for SQS: never a message sent, received or deleted. */
    static SqsClient unsentSqs(Env env) {
        return client(UNSENT_SQS, env, "AWS_ENDPOINT_URL_SQS", SqsClient::builder, true);
    }

    /** What stops every request of an unsent client, just before it would be transmitted. */
    static final class UnsentRequest extends RuntimeException {
        UnsentRequest() {
            super("not sent: prepared for priming only", null, false, false);
        }
    }

    /** Only the staff functions carry its client in their jar, and only the admin function reaches this method. */
    public static ApiGatewayClient apiGateway(Env env) {
        return client(API_GATEWAY, env, "AWS_ENDPOINT_URL_APIGATEWAY", ApiGatewayClient::builder, false);
    }

    private static <C, B extends AwsSyncClientBuilder<B, C> & AwsClientBuilder<B, C>> C client(
            Map<String, C> cache, Env env, String endpointVariable, Supplier<B> builders, boolean unsent) {
        Region region = region(env);
        String endpoint = endpoint(env, endpointVariable);
        return cache.computeIfAbsent(region + "|" + endpoint, k -> {
            B builder = builders.get().httpClient(HTTP).region(region).credentialsProvider(credentials(env, endpoint));
            if (endpoint != null) {
                builder.endpointOverride(URI.create(endpoint));
            }
            if (unsent) {
                builder.overrideConfiguration(c -> c.addExecutionInterceptor(new ExecutionInterceptor() {
                    @Override
                    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
                        throw new UnsentRequest();
                    }
                }));
            }
            return builder.build();
        });
    }

    private static Region region(Env env) {
        return Region.of(env.optional("AWS_REGION", "us-east-1"));
    }

    private static String endpoint(Env env, String serviceVariable) {
        return env.optional(serviceVariable, env.optional("AWS_ENDPOINT_URL", null));
    }

    /**
     * Against a local endpoint, the keys the local stack passes; on AWS the default chain, which also finds the
     * container credentials that SnapStart-restored functions get instead of key variables.
     */
    private static AwsCredentialsProvider credentials(Env env, String endpoint) {
        String keyId = env.optional("AWS_ACCESS_KEY_ID", null);
        String secret = env.optional("AWS_SECRET_ACCESS_KEY", null);
        if (endpoint == null || keyId == null || secret == null) {
            return DefaultCredentialsProvider.builder().build();
        }
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(keyId, secret));
    }
}
