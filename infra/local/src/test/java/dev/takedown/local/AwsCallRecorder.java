package dev.takedown.local;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Registered for every SDK client in these tests (global interceptor file): remembers which function made
 * which AWS call on which table, index or queue, so the template's policies can be checked against reality.
 */
public final class AwsCallRecorder implements ExecutionInterceptor {
    /** One call as IAM sees it: the action and the resource it touches (a table, table/index/name, or queue). */
    record Call(String function, String action, String resource) {
    }

    static final ConcurrentLinkedQueue<Call> CALLS = new ConcurrentLinkedQueue<>();

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        String function = Functions.currentFunction();
        if (function == null) {
            return;
        }
        String service = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME);
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        SdkRequest request = context.request();
        if ("DynamoDb".equalsIgnoreCase(service)) {
            String action = "dynamodb:" + operation;
            String index = request.getValueForField("IndexName", String.class).orElse(null);
            request.getValueForField("TableName", String.class).ifPresent(table ->
                    CALLS.add(new Call(function, action, index == null ? table : table + "/index/" + index)));
            request.getValueForField("RequestItems", Map.class).ifPresent(items ->
                    items.keySet().forEach(table -> CALLS.add(new Call(function, action, String.valueOf(table)))));
        } else if ("Sqs".equalsIgnoreCase(service)) {
            // Batch calls are authorised by the single-message action.
            String action = "sqs:" + operation.replace("Batch", "");
            request.getValueForField("QueueUrl", String.class).ifPresent(url ->
                    CALLS.add(new Call(function, action, url.substring(url.lastIndexOf('/') + 1))));
        } else if ("ApiGateway".equalsIgnoreCase(service)) {
            apiGateway(function, operation, request);
        } else {
            CALLS.add(new Call(function, service + ":" + operation, "*"));
        }
    }

    /** API Gateway's management calls as IAM sees them: the HTTP method on the resource's path. */
    private static void apiGateway(String function, String operation, SdkRequest request) {
        String plan = request.getValueForField("usagePlanId", String.class).orElse(null);
        String key = request.getValueForField("keyId", String.class).orElse(null);
        switch (operation) {
            case "CreateApiKey" -> CALLS.add(new Call(function, "apigateway:POST", "/apikeys"));
            case "CreateUsagePlanKey" -> CALLS.add(new Call(function, "apigateway:POST", "/usageplans/" + plan + "/keys"));
            case "DeleteUsagePlanKey" -> CALLS.add(new Call(function, "apigateway:DELETE",
                    "/usageplans/" + plan + "/keys/" + key));
            default -> CALLS.add(new Call(function, "apigateway:" + operation, "*"));
        }
    }

    static List<Call> calls() {
        return List.copyOf(CALLS);
    }
}
