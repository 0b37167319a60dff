package dev.takedown.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.takedown.local.testing.BatchHandler;
import dev.takedown.local.testing.ScheduledHandler;
import dev.takedown.local.testing.ThrowingBatchHandler;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

class SqsAndSchedulesTest {
    private static final String TEMPLATE = """
            Resources:
              WorkQueue:
                Type: AWS::SQS::Queue
                Properties:
                  VisibilityTimeout: 1
                  RedrivePolicy:
                    deadLetterTargetArn:
                      Fn::GetAtt: [WorkDLQ, Arn]
                    maxReceiveCount: 2
              WorkDLQ:
                Type: AWS::SQS::Queue
              DoomedQueue:
                Type: AWS::SQS::Queue
                Properties:
                  VisibilityTimeout: 1
                  RedrivePolicy:
                    deadLetterTargetArn:
                      Fn::GetAtt: [DoomedDLQ, Arn]
                    maxReceiveCount: 2
              DoomedDLQ:
                Type: AWS::SQS::Queue
              Consumer:
                Type: AWS::Serverless::Function
                Properties:
                  Handler: dev.takedown.local.testing.BatchHandler::handleRequest
                  Events:
                    Work:
                      Type: SQS
                      Properties:
                        Queue:
                          Fn::GetAtt: [WorkQueue, Arn]
                        BatchSize: 10
                        FunctionResponseTypes: [ReportBatchItemFailures]
              FailingConsumer:
                Type: AWS::Serverless::Function
                Properties:
                  Handler: dev.takedown.local.testing.ThrowingBatchHandler::handleRequest
                  Events:
                    Doomed:
                      Type: SQS
                      Properties:
                        Queue:
                          Fn::GetAtt: [DoomedQueue, Arn]
              Ticker:
                Type: AWS::Serverless::Function
                Properties:
                  Handler: dev.takedown.local.testing.ScheduledHandler::handleRequest
                  Events:
                    Hourly:
                      Type: Schedule
                      Properties:
                        Schedule: rate(1 hour)
            """;

    @TempDir
    static Path dir;

    private static LocalStack stack;
    private static SqsClient sqs;

    @BeforeAll
    static void start() throws IOException {
        Path template = Files.writeString(dir.resolve("template.yaml"), TEMPLATE);
        stack = LocalStack.start(LocalStack.Options.forTemplate(template));
        sqs = SqsClient.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .endpointOverride(stack.sqsEndpoint())
                .build();
    }

    @AfterAll
    static void stop() {
        sqs.close();
        stack.close();
    }

    @Test
    void createsQueuesWithTheirRedrivePolicy() {
        var attributes = sqs.getQueueAttributes(r -> r.queueUrl(stack.queueUrl("WorkQueue"))
                .attributeNames(QueueAttributeName.ALL)).attributes();
        assertThat(attributes.get(QueueAttributeName.VISIBILITY_TIMEOUT)).isEqualTo("1");
        assertThat(attributes.get(QueueAttributeName.REDRIVE_POLICY))
                .contains("arn:aws:sqs:us-east-1:000000000000:WorkDLQ").contains("2");
    }

    @Test
    void deletesSuccessesAndSendsRepeatedFailuresToTheDeadLetterQueue() {
        String queue = stack.queueUrl("WorkQueue");
        sqs.sendMessage(r -> r.queueUrl(queue).messageBody("ok-1"));
        sqs.sendMessage(r -> r.queueUrl(queue).messageBody("fail"));
        sqs.sendMessage(r -> r.queueUrl(queue).messageBody("ok-2"));

        List<Message> dead = awaitMessages(stack.queueUrl("WorkDLQ"));
        assertThat(dead).extracting(Message::body).containsExactly("fail");
        assertThat(bodies()).contains("ok-1", "ok-2").containsOnly("ok-1", "ok-2", "fail");
        assertThat(bodies().stream().filter("fail"::equals)).hasSizeGreaterThanOrEqualTo(2);
        assertThat(sqs.receiveMessage(r -> r.queueUrl(queue).waitTimeSeconds(2)).messages())
                .as("successes were deleted").isEmpty();

        JsonNode record = BatchHandler.RECORDS.get(0);
        assertThat(record.path("eventSource").asText()).isEqualTo("aws:sqs");
        assertThat(record.path("eventSourceARN").asText()).isEqualTo("arn:aws:sqs:us-east-1:000000000000:WorkQueue");
        assertThat(record.path("awsRegion").asText()).isEqualTo("us-east-1");
        assertThat(record.path("receiptHandle").asText()).isNotEmpty();
        assertThat(record.path("md5OfBody").asText()).isNotEmpty();
        assertThat(record.path("attributes").path("ApproximateReceiveCount").asText()).isNotEmpty();
        assertThat(record.path("attributes").path("SentTimestamp").asText()).isNotEmpty();
        assertThat(record.path("messageAttributes").isObject()).isTrue();
    }

    @Test
    void keepsEveryMessageOfABatchWhoseFunctionThrows() {
        sqs.sendMessage(r -> r.queueUrl(stack.queueUrl("DoomedQueue")).messageBody("doomed"));
        List<Message> dead = awaitMessages(stack.queueUrl("DoomedDLQ"));
        assertThat(dead).extracting(Message::body).containsExactly("doomed");
        assertThat(ThrowingBatchHandler.CALLS.get()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void runsSchedulesWithAnEventBridgeEvent() {
        stack.runSchedulesNow();
        assertThat(ScheduledHandler.EVENTS).hasSize(1);
        JsonNode event = ScheduledHandler.EVENTS.get(0);
        assertThat(event.path("detail-type").asText()).isEqualTo("Scheduled Event");
        assertThat(event.path("source").asText()).isEqualTo("aws.events");
        assertThat(event.path("account").asText()).isEqualTo("000000000000");
        assertThat(event.path("region").asText()).isEqualTo("us-east-1");
        assertThat(event.path("time").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
        assertThat(event.path("detail").isObject()).isTrue();
    }

    @Test
    void servesNoApiWhenTheTemplateHasNone() {
        assertThat(stack.apiUrl()).isNull();
    }

    private static List<String> bodies() {
        return BatchHandler.RECORDS.stream().map(r -> r.path("body").asText()).toList();
    }

    private static List<Message> awaitMessages(String queueUrl) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            List<Message> messages = sqs.receiveMessage(r -> r.queueUrl(queueUrl).waitTimeSeconds(1)).messages();
            if (!messages.isEmpty()) {
                return messages;
            }
        }
        throw new AssertionError("no message reached " + URI.create(queueUrl).getPath());
    }
}
