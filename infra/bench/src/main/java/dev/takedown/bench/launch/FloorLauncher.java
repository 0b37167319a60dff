package dev.takedown.bench.launch;

import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.protocol.MarshallingType;
import software.amazon.awssdk.core.traits.ListTrait;
import software.amazon.awssdk.core.traits.MapTrait;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.utils.builder.SdkBuilder;

/**
 * The cold-start floor: a JVM with the SDK and no project code that builds the clients the way the functions
 * do (UrlConnectionHttpClient, region, endpoint override, static credentials, all from the environment) and
 * makes the AWS calls one function made for one event, read from a file the harness recorded.
 *
 * <p>Argument: the calls file, a JSON array of {@code {"service", "operation", "requestClass", "request"}}.
 * Prints {@code RESPONSE <calls>} after the last call.
 */
public final class FloorLauncher {
    private final SdkHttpClient http = UrlConnectionHttpClient.create();
    private final Region region = Region.of(env("AWS_REGION", "us-east-1"));
    private final Map<String, SdkClient> clients = new LinkedHashMap<>();

    private FloorLauncher() {
    }

    public static void main(String[] args) throws Exception {
        List<JsonNode> calls;
        try (InputStream in = Files.newInputStream(Path.of(args[0]))) {
            calls = JsonNode.parser().parse(in).asArray();
        }
        FloorLauncher floor = new FloorLauncher();
        // Like the functions, the clients are built before the event arrives.
        calls.forEach(call -> floor.client(call.field("service").get().asString()));
        for (JsonNode call : calls) {
            floor.call(call.asObject());
        }
        System.out.println("RESPONSE " + calls.size());
        System.out.flush();
        System.exit(0);
    }

    private void call(Map<String, JsonNode> call) throws ReflectiveOperationException {
        String service = call.get("service").asString();
        String operation = call.get("operation").asString();
        Class<?> requestType = Class.forName(call.get("requestClass").asString());
        Object request = build(requestType.getMethod("builder").invoke(null), call.get("request").asObject());
        Class<?> clientType = service.equals("DynamoDb") ? DynamoDbClient.class : SqsClient.class;
        String method = Character.toLowerCase(operation.charAt(0)) + operation.substring(1);
        try {
            clientType.getMethod(method, requestType).invoke(client(service), request);
        } catch (InvocationTargetException e) {
            // A refused condition or a missing queue is an answer too: the function got the same one.
            System.err.println(operation + ": " + e.getCause());
        }
    }

    private SdkClient client(String service) {
        return clients.computeIfAbsent(service, s -> switch (s) {
            case "DynamoDb" -> DynamoDbClient.builder().httpClient(http).region(region)
                    .credentialsProvider(credentials()).endpointOverride(endpoint("AWS_ENDPOINT_URL_DYNAMODB")).build();
            case "Sqs" -> SqsClient.builder().httpClient(http).region(region)
                    .credentialsProvider(credentials()).endpointOverride(endpoint("AWS_ENDPOINT_URL_SQS")).build();
            default -> throw new IllegalArgumentException("no client for " + s);
        });
    }

    private static Object build(Object builder, Map<String, JsonNode> values) {
        SdkPojo pojo = (SdkPojo) builder;
        for (SdkField<?> field : pojo.sdkFields()) {
            JsonNode value = values.get(field.memberName());
            if (value != null) {
                field.set(pojo, read(field, value));
            }
        }
        return ((SdkBuilder<?, ?>) builder).build();
    }

    private static Object read(SdkField<?> field, JsonNode node) {
        MarshallingType<?> type = field.marshallingType();
        if (type == MarshallingType.STRING) {
            return node.asString();
        } else if (type == MarshallingType.INTEGER) {
            return Integer.valueOf(node.asNumber());
        } else if (type == MarshallingType.LONG) {
            return Long.valueOf(node.asNumber());
        } else if (type == MarshallingType.DOUBLE) {
            return Double.valueOf(node.asNumber());
        } else if (type == MarshallingType.FLOAT) {
            return Float.valueOf(node.asNumber());
        } else if (type == MarshallingType.BOOLEAN) {
            return node.asBoolean();
        } else if (type == MarshallingType.SDK_BYTES) {
            return SdkBytes.fromByteArray(Base64.getDecoder().decode(node.asString()));
        } else if (type == MarshallingType.INSTANT) {
            return Instant.ofEpochMilli(Long.parseLong(node.asNumber()));
        } else if (type == MarshallingType.LIST) {
            SdkField<?> member = field.getTrait(ListTrait.class).memberFieldInfo();
            List<Object> list = new ArrayList<>();
            node.asArray().forEach(element -> list.add(read(member, element)));
            return list;
        } else if (type == MarshallingType.MAP) {
            SdkField<?> member = field.getTrait(MapTrait.class).valueFieldInfo();
            Map<String, Object> map = new LinkedHashMap<>();
            node.asObject().forEach((key, element) -> map.put(key, read(member, element)));
            return map;
        } else if (type == MarshallingType.SDK_POJO) {
            return build(field.constructor().get(), node.asObject());
        }
        throw new IllegalArgumentException(field.memberName() + ": unsupported type " + type);
    }

    private static StaticCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(env("AWS_ACCESS_KEY_ID", null),
                env("AWS_SECRET_ACCESS_KEY", null)));
    }

    private static URI endpoint(String variable) {
        return URI.create(env(variable, env("AWS_ENDPOINT_URL", null)));
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isEmpty() ? fallback : value;
    }
}
