package dev.takedown.aws;

import com.amazonaws.services.lambda.runtime.Context;
import dev.takedown.core.runtime.Log;
import dev.takedown.core.runtime.Metrics;
import java.io.IOException;

/**
 * What every handler does around its work: its log lines carry the invocation's request id and X-Ray trace id, and
 * the metrics of the invocation are added up and written once at its end, whether it succeeded or not.
 */
public final class LambdaInvocation {
    /** Where the Java runtime puts the invocation's X-Ray trace header (it cannot change the environment). */
    static final String TRACE_HEADER_PROPERTY = "com.amazonaws.xray.traceHeader";
    static final String TRACE_HEADER_VARIABLE = "_X_AMZN_TRACE_ID";

    /** A handler's work. */
    @FunctionalInterface
    public interface Work {
        void run() throws IOException;
    }

    private LambdaInvocation() {
    }

    /** Priming's invocations ({@link Priming#CONTEXT}) make their log lines and metrics but write none. */
    public static void run(Context context, Work work) throws IOException {
        if (context == Priming.CONTEXT) {
            Log.beginUnwritten();
        } else {
            Log.begin(context == null ? null : context.getAwsRequestId(), traceId(
                    System.getProperty(TRACE_HEADER_PROPERTY, System.getenv(TRACE_HEADER_VARIABLE))));
        }
        Metrics.Batch metrics = Metrics.begin();
        try {
            work.run();
        } finally {
            metrics.flush();
            Log.end();
        }
    }

    /**
     * The trace id of an X-Ray trace header ({@code Root=1-5759e988-bd862e3fe1be46a994272793;Parent=...;Sampled=1}):
     * its Root, as the X-Ray console and CloudWatch search for it; null without one.
     */
    static String traceId(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        for (String part : header.split(";")) {
            String field = part.trim();
            if (field.startsWith("Root=")) {
                return field.substring("Root=".length());
            }
        }
        return null;
    }
}
