package dev.takedown.local;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.nio.charset.StandardCharsets;

/** The Context a handler gets locally: request id, function name and the time left before its timeout. */
final class LambdaContext implements Context {
    private final String requestId;
    private final FunctionDef function;
    private final long deadlineMillis;
    private final LambdaLogger logger;

    LambdaContext(String requestId, FunctionDef function, long deadlineMillis) {
        this.requestId = requestId;
        this.function = function;
        this.deadlineMillis = deadlineMillis;
        this.logger = new StderrLogger(function.logicalId());
    }

    @Override
    public String getAwsRequestId() {
        return requestId;
    }

    @Override
    public String getLogGroupName() {
        return "/aws/lambda/" + function.logicalId();
    }

    @Override
    public String getLogStreamName() {
        return "local";
    }

    @Override
    public String getFunctionName() {
        return function.logicalId();
    }

    @Override
    public String getFunctionVersion() {
        return "$LATEST";
    }

    @Override
    public String getInvokedFunctionArn() {
        return References.functionArn(function.logicalId());
    }

    @Override
    public CognitoIdentity getIdentity() {
        return null;
    }

    @Override
    public ClientContext getClientContext() {
        return null;
    }

    @Override
    public int getRemainingTimeInMillis() {
        return (int) Math.max(0, deadlineMillis - System.currentTimeMillis());
    }

    @Override
    public int getMemoryLimitInMB() {
        return function.memorySizeMb();
    }

    @Override
    public LambdaLogger getLogger() {
        return logger;
    }

    /** Function logs go to stderr, one line per entry, prefixed with the function's name. */
    record StderrLogger(String functionName) implements LambdaLogger {
        @Override
        public void log(String message) {
            System.err.println(functionName + " | " + message.stripTrailing());
        }

        @Override
        public void log(byte[] message) {
            log(new String(message, StandardCharsets.UTF_8));
        }
    }
}
