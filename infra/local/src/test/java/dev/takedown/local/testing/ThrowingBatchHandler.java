package dev.takedown.local.testing;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** Test SQS consumer that fails every batch. */
public final class ThrowingBatchHandler implements RequestStreamHandler {
    public static final AtomicInteger CALLS = new AtomicInteger();

    public ThrowingBatchHandler(Map<String, String> environment) {
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) {
        CALLS.incrementAndGet();
        throw new IllegalStateException("cannot process this batch");
    }
}
