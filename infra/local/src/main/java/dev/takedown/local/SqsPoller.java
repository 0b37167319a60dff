package dev.takedown.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * Lambda's SQS event source mapping for one function: receive a batch, invoke, delete what succeeded. Whatever is
 * not deleted comes back after the visibility timeout and, past maxReceiveCount, goes to the dead-letter queue.
 * Like Lambda, several batches run at once, one per thread, so a message redelivered while its first batch is
 * still running is processed concurrently with it.
 */
final class SqsPoller implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SqsClient sqs;
    private final Functions functions;
    private final String functionId;
    private final FunctionDef.SqsEvent event;
    private final String queueUrl;
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running = true;

    SqsPoller(SqsClient sqs, Functions functions, String functionId, FunctionDef.SqsEvent event, String queueUrl,
              int concurrency) {
        this.sqs = sqs;
        this.functions = functions;
        this.functionId = functionId;
        this.event = event;
        this.queueUrl = queueUrl;
        for (int i = 1; i <= concurrency; i++) {
            Thread thread = new Thread(this::run, "sqs-" + functionId + "-" + event.name() + "-" + i);
            thread.setDaemon(true);
            threads.add(thread);
        }
    }

    void start() {
        threads.forEach(Thread::start);
    }

    private void run() {
        while (running) {
            try {
                pollOnce();
            } catch (RuntimeException e) {
                if (running) {
                    System.err.println(functionId + " | polling " + event.queue() + " failed: " + e);
                    pause();
                }
            }
        }
    }

    private void pollOnce() {
        List<Message> messages = sqs.receiveMessage(r -> r.queueUrl(queueUrl)
                .maxNumberOfMessages(Math.min(event.batchSize(), 10))
                .waitTimeSeconds(1)
                .messageSystemAttributeNames(MessageSystemAttributeName.ALL)
                .messageAttributeNames("All")).messages();
        if (messages.isEmpty()) {
            return;
        }
        Functions.Invocation invocation = functions.invoke(functionId, bytes(sqsEvent(messages)));
        if (invocation.failed()) {
            return;
        }
        Set<String> failed = event.reportBatchItemFailures() ? failedIds(invocation.output(), messages) : Set.of();
        List<DeleteMessageBatchRequestEntry> deletions = messages.stream()
                .filter(m -> !failed.contains(m.messageId()))
                .map(m -> DeleteMessageBatchRequestEntry.builder().id(m.messageId()).receiptHandle(m.receiptHandle()).build())
                .toList();
        if (!deletions.isEmpty()) {
            sqs.deleteMessageBatch(r -> r.queueUrl(queueUrl).entries(deletions));
        }
    }

    /** Like Lambda, a response naming an unknown or empty item identifier fails the whole batch. */
    private Set<String> failedIds(byte[] output, List<Message> messages) {
        Set<String> all = new HashSet<>();
        messages.forEach(m -> all.add(m.messageId()));
        JsonNode response;
        try {
            response = output.length == 0 ? null : JSON.readTree(output);
        } catch (IOException e) {
            return Set.of();
        }
        if (response == null || !response.isObject() || !response.path("batchItemFailures").isArray()) {
            return Set.of();
        }
        Set<String> failed = new HashSet<>();
        for (JsonNode failure : response.get("batchItemFailures")) {
            String id = failure.path("itemIdentifier").asText("");
            if (!all.contains(id)) {
                System.err.println(functionId + " | batchItemFailures names " + (id.isEmpty() ? "no item" : id)
                        + ", which is not in the batch; the whole batch failed");
                return all;
            }
            failed.add(id);
        }
        return failed;
    }

    private ObjectNode sqsEvent(List<Message> messages) {
        ObjectNode sqsEvent = JSON.createObjectNode();
        var records = sqsEvent.putArray("Records");
        for (Message message : messages) {
            ObjectNode record = records.addObject();
            record.put("messageId", message.messageId());
            record.put("receiptHandle", message.receiptHandle());
            record.put("body", message.body());
            ObjectNode attributes = record.putObject("attributes");
            message.attributesAsStrings().forEach(attributes::put);
            ObjectNode messageAttributes = record.putObject("messageAttributes");
            message.messageAttributes().forEach((name, value) -> messageAttributes.set(name, messageAttribute(value)));
            record.put("md5OfBody", message.md5OfBody());
            record.put("eventSource", "aws:sqs");
            record.put("eventSourceARN", References.queueArn(event.queue()));
            record.put("awsRegion", References.REGION);
        }
        return sqsEvent;
    }

    private static ObjectNode messageAttribute(MessageAttributeValue value) {
        ObjectNode node = JSON.createObjectNode();
        node.put("stringValue", value.stringValue());
        node.put("binaryValue", value.binaryValue() == null ? null
                : Base64.getEncoder().encodeToString(value.binaryValue().asByteArray()));
        node.putArray("stringListValues");
        node.putArray("binaryListValues");
        node.put("dataType", value.dataType());
        return node;
    }

    private static byte[] bytes(JsonNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running = false;
        threads.forEach(Thread::interrupt);
        try {
            for (Thread thread : threads) {
                thread.join(5000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
