package dev.takedown.local;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** An {@code AWS::Serverless::Function}, with the Globals already applied. */
record FunctionDef(String logicalId, String handlerClass, String handlerMethod, String codeUri, int timeoutSeconds,
        int memorySizeMb, Map<String, Intrinsic> environment, List<ApiEvent> apiEvents,
        List<ScheduleEvent> scheduleEvents, List<SqsEvent> sqsEvents) {

    /** {@code authorizer} is null for the API's default authorizer and "NONE" for an open route. */
    record ApiEvent(String name, String path, String method, String authorizer) {
    }

    record ScheduleEvent(String name, Duration rate) {
    }

    record SqsEvent(String name, String queue, int batchSize, boolean reportBatchItemFailures) {
    }
}
