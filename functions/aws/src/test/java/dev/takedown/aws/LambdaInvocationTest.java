package dev.takedown.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.fasterxml.jackson.databind.JsonNode;
import dev.takedown.core.json.Json;
import dev.takedown.core.runtime.Log;
import dev.takedown.core.runtime.Metrics;
import dev.takedown.core.runtime.Metrics.Metric;
import dev.takedown.core.testing.EmfLines;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LambdaInvocationTest {
    private static final String HEADER = "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1";

    @AfterEach
    void clearTraceHeader() {
        System.clearProperty(LambdaInvocation.TRACE_HEADER_PROPERTY);
    }

    @Test
    void theTraceIdIsTheRootOfTheTraceHeader() {
        assertThat(LambdaInvocation.traceId(HEADER)).isEqualTo("1-5759e988-bd862e3fe1be46a994272793");
        assertThat(LambdaInvocation.traceId("Parent=53995c3f42cd8ad8; Root=1-abc")).isEqualTo("1-abc");
        assertThat(LambdaInvocation.traceId("Sampled=0")).isNull();
        assertThat(LambdaInvocation.traceId(null)).isNull();
    }

    @Test
    void everyLineOfAnInvocationCarriesItsRequestAndTraceIdsAndItsMetricsComeOutOnceAtItsEnd() throws Exception {
        System.setProperty(LambdaInvocation.TRACE_HEADER_PROPERTY, HEADER);
        List<String> lines = stdout(() -> LambdaInvocation.run(context("req-7"), () -> {
            Log.info("working");
            Metrics.count(Metric.NOTICES_RECEIVED, "COUNTERFEIT");
            Metrics.count(Metric.NOTICES_RECEIVED, "COUNTERFEIT");
        }));
        List<String> after = stdout(() -> Log.info("between invocations"));

        assertThat(lines).hasSize(2);
        JsonNode log = Json.parse(lines.get(0));
        assertThat(log.path("message").asText()).isEqualTo("working");
        assertThat(log.path("requestId").asText()).isEqualTo("req-7");
        assertThat(log.path("traceId").asText()).isEqualTo("1-5759e988-bd862e3fe1be46a994272793");
        EmfLines metrics = EmfLines.parse(lines.subList(1, 2));
        assertThat(metrics.problems()).isEmpty();
        assertThat(metrics.sum("NoticesReceived", "Reason", "COUNTERFEIT")).isEqualTo(2);
        assertThat(metrics.documents().get(0).path("requestId").asText()).isEqualTo("req-7");
        assertThat(after).singleElement().asString().doesNotContain("requestId").doesNotContain("traceId");
    }

    @Test
    void aFailedInvocationStillWritesWhatHappenedBeforeItFailed() throws Exception {
        List<String> lines = stdout(() -> assertThatThrownBy(() -> LambdaInvocation.run(context("req-8"), () -> {
            Metrics.count(Metric.WEBHOOK_DELIVERIES, "DELIVERED");
            throw new IOException("socket closed");
        })).isInstanceOf(IOException.class));

        assertThat(EmfLines.parse(lines).sum("WebhookDeliveries", "Outcome", "DELIVERED")).isEqualTo(1);
    }

    private static List<String> stdout(EmfLines.Work work) throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            work.run();
        } finally {
            System.setOut(original);
        }
        return out.toString(StandardCharsets.UTF_8).lines().toList();
    }

    private static Context context(String requestId) {
        return new Context() {
            @Override
            public String getAwsRequestId() {
                return requestId;
            }

            @Override
            public String getLogGroupName() {
                return "/aws/lambda/test";
            }

            @Override
            public String getLogStreamName() {
                return "test";
            }

            @Override
            public String getFunctionName() {
                return "test";
            }

            @Override
            public String getFunctionVersion() {
                return "$LATEST";
            }

            @Override
            public String getInvokedFunctionArn() {
                return "arn:aws:lambda:us-east-1:123456789012:function:test";
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
                return 30_000;
            }

            @Override
            public int getMemoryLimitInMB() {
                return 1024;
            }

            @Override
            public LambdaLogger getLogger() {
                return null;
            }
        };
    }
}
