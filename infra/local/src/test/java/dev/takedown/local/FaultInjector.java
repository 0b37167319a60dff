package dev.takedown.local;

import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Registered for every SDK client in these tests (global interceptor file), like {@link AwsCallRecorder}: lets a
 * fault drill delay or fail the AWS calls that functions make. It does nothing while no fault is installed.
 */
public final class FaultInjector implements ExecutionInterceptor {

    /** Runs before each attempt (the SDK's retries included) of an AWS call made inside a function. */
    @FunctionalInterface
    interface Fault {
        void beforeAttempt(String function, String service, String operation, ExecutionAttributes attributes);
    }

    private static volatile Fault fault;

    static void install(Fault installed) {
        fault = installed;
    }

    static void clear() {
        fault = null;
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        Fault current = fault;
        String function = Functions.currentFunction();
        if (current != null && function != null) {
            current.beforeAttempt(function, attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME),
                    attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME), attributes);
        }
    }
}
