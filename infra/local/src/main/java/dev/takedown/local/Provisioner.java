package dev.takedown.local;

import dev.takedown.local.TableDef.IndexDef;
import dev.takedown.local.TableDef.KeyElement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** Creates the template's tables and queues in the local emulators, under their logical ids. */
final class Provisioner {
    private static final Duration TABLES_ACTIVE_TIMEOUT = Duration.ofSeconds(30);

    private Provisioner() {
    }

    /** Creates the tables that do not exist yet (a kept data directory has the others) and waits until all are ACTIVE. */
    static void createTables(DynamoDbClient dynamo, List<TableDef> tables) {
        Set<String> existing = new HashSet<>(dynamo.listTablesPaginator().tableNames().stream().toList());
        for (TableDef table : tables) {
            if (!existing.contains(table.logicalId())) {
                dynamo.createTable(request -> request
                        .tableName(table.logicalId())
                        .billingMode(BillingMode.PAY_PER_REQUEST)
                        .attributeDefinitions(table.attributeTypes().entrySet().stream()
                                .map(a -> AttributeDefinition.builder().attributeName(a.getKey())
                                        .attributeType(a.getValue()).build())
                                .toList())
                        .keySchema(keySchema(table.keySchema()))
                        .globalSecondaryIndexes(table.globalSecondaryIndexes().isEmpty() ? null
                                : table.globalSecondaryIndexes().stream().map(Provisioner::index).toList()));
            }
        }
        long deadline = System.nanoTime() + TABLES_ACTIVE_TIMEOUT.toNanos();
        for (TableDef table : tables) {
            while (dynamo.describeTable(r -> r.tableName(table.logicalId())).table().tableStatus() != TableStatus.ACTIVE) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("table " + table.logicalId() + " did not become ACTIVE within "
                            + TABLES_ACTIVE_TIMEOUT);
                }
                pause();
            }
        }
    }

    private static GlobalSecondaryIndex index(IndexDef index) {
        return GlobalSecondaryIndex.builder()
                .indexName(index.indexName())
                .keySchema(keySchema(index.keySchema()))
                .projection(Projection.builder()
                        .projectionType(index.projectionType())
                        .nonKeyAttributes(index.nonKeyAttributes().isEmpty() ? null : index.nonKeyAttributes())
                        .build())
                .build();
    }

    private static List<KeySchemaElement> keySchema(List<KeyElement> keys) {
        return keys.stream()
                .map(k -> KeySchemaElement.builder().attributeName(k.attributeName()).keyType(k.keyType()).build())
                .toList();
    }

    /** Creates the queues, dead-letter queues before the queues that redrive to them; returns their URLs. */
    static Map<String, String> createQueues(SqsClient sqs, List<QueueDef> queues) {
        Map<String, QueueDef> pending = new LinkedHashMap<>();
        queues.forEach(q -> pending.put(q.logicalId(), q));
        Map<String, String> urls = new LinkedHashMap<>();
        while (!pending.isEmpty()) {
            List<QueueDef> ready = new ArrayList<>();
            for (QueueDef queue : pending.values()) {
                if (queue.deadLetterQueue() == null || urls.containsKey(queue.deadLetterQueue())) {
                    ready.add(queue);
                }
            }
            if (ready.isEmpty()) {
                throw new TemplateException("the redrive policies of " + pending.keySet() + " form a cycle");
            }
            for (QueueDef queue : ready) {
                urls.put(queue.logicalId(), createQueue(sqs, queue, urls));
                pending.remove(queue.logicalId());
            }
        }
        return urls;
    }

    private static String createQueue(SqsClient sqs, QueueDef queue, Map<String, String> urls) {
        Map<QueueAttributeName, String> attributes = new LinkedHashMap<>();
        if (queue.visibilityTimeoutSeconds() != null) {
            attributes.put(QueueAttributeName.VISIBILITY_TIMEOUT, queue.visibilityTimeoutSeconds().toString());
        }
        if (queue.deadLetterQueue() != null) {
            String deadLetterArn = sqs.getQueueAttributes(r -> r.queueUrl(urls.get(queue.deadLetterQueue()))
                    .attributeNames(QueueAttributeName.QUEUE_ARN)).attributes().get(QueueAttributeName.QUEUE_ARN);
            attributes.put(QueueAttributeName.REDRIVE_POLICY, "{\"deadLetterTargetArn\":\"" + deadLetterArn
                    + "\",\"maxReceiveCount\":\"" + queue.maxReceiveCount() + "\"}");
        }
        return sqs.createQueue(r -> r.queueName(queue.logicalId()).attributes(attributes)).queueUrl();
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for tables", e);
        }
    }
}
