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
    private static final SdkHttpClient HTTP = UrlConnectionHttpClient.create();

    private AwsClients() {
    }

    /** AWS's clients, per the function's environment; shared with every other caller in the JVM. */
    static Clients of(Env env) {
        return new Clients() {
            @Override
            public DynamoDbClient dynamo() {
                return AwsClients.dynamo(env);
            }

            @Override
            public SqsClient sqs() {
                return AwsClients.sqs(env);
            }

            @Override
            public ApiGatewayClient apiGateway() {
                return AwsClients.apiGateway(env);
            }
        };
    }

    public static DynamoDbClient dynamo(Env env) {
        return client(DYNAMO, env, "AWS_ENDPOINT_URL_DYNAMODB", DynamoDbClient::builder);
    }

    /** Only functions that use SQS carry its client in their jar; the others never reach this method. */
    public static SqsClient sqs(Env env) {
        return client(SQS, env, "AWS_ENDPOINT_URL_SQS", SqsClient::builder);
    }

    /** Only the staff functions carry its client in their jar, and only the admin function reaches this method. */
    public static ApiGatewayClient apiGateway(Env env) {
        return client(API_GATEWAY, env, "AWS_ENDPOINT_URL_APIGATEWAY", ApiGatewayClient::builder);
    }

    private static <C, B extends AwsSyncClientBuilder<B, C> & AwsClientBuilder<B, C>> C client(
            Map<String, C> cache, Env env, String endpointVariable, Supplier<B> builders) {
        return cache.computeIfAbsent(region(env) + "|" + endpoint(env, endpointVariable),
                k -> configured(builders.get(), env, endpointVariable).httpClient(HTTP).build());
    }

    /**
     * Clients configured as {@link #of}'s, whose requests go to {@code http} with {@code interceptor} on their way:
     * the answers of a recorded invocation, for priming. Built anew for each caller, never shared.
     */
    static Clients replaying(Env env, SdkHttpClient http, ExecutionInterceptor interceptor) {
        return new Clients() {
            @Override
            public DynamoDbClient dynamo() {
                return replaying(DynamoDbClient.builder(), "AWS_ENDPOINT_URL_DYNAMODB");
            }

            @Override
            public SqsClient sqs() {
                // A recorded answer carries the digests of the bodies sent then, not of those replayed.
                return replaying(SqsClient.builder().checksumValidationEnabled(false), "AWS_ENDPOINT_URL_SQS");
            }

            @Override
            public ApiGatewayClient apiGateway() {
                return replaying(ApiGatewayClient.builder(), "AWS_ENDPOINT_URL_APIGATEWAY");
            }

            private <C, B extends AwsSyncClientBuilder<B, C> & AwsClientBuilder<B, C>> C replaying(
                    B builder, String endpointVariable) {
                return configured(builder, env, endpointVariable).httpClient(http)
                        .overrideConfiguration(c -> c.addExecutionInterceptor(interceptor)).build();
            }
        };
    }

    private static <C, B extends AwsSyncClientBuilder<B, C> & AwsClientBuilder<B, C>> B configured(
            B builder, Env env, String endpointVariable) {
        String endpoint = endpoint(env, endpointVariable);
        builder.region(region(env)).credentialsProvider(credentials(env, endpoint));
        if (endpoint != null) {
            builder.endpointOverride(URI.create(endpoint));
        }
        return builder;
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
