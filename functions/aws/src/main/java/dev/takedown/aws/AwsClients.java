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
        Region region = region(env);
        String endpoint = endpoint(env, endpointVariable);
        return cache.computeIfAbsent(region + "|" + endpoint, k -> {
            B builder = builders.get().httpClient(HTTP).region(region).credentialsProvider(credentials(env, endpoint));
            if (endpoint != null) {
                builder.endpointOverride(URI.create(endpoint));
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
