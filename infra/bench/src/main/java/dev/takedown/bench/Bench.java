package dev.takedown.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.takedown.aws.DynamoListingStore;
import dev.takedown.core.model.Listing;
import dev.takedown.core.model.ListingStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** What the benchmarks share: the project's files, the harness's own AWS clients, notices, waiting, statistics. */
final class Bench {
    static final Path ROOT = Path.of(System.getProperty("project.root", "")).toAbsolutePath().normalize();
    static final Path TEMPLATE = ROOT.resolve("template.yaml");
    static final String ACME_KEY = "tdk_demo_acme_0123456789abcdefghijklmnopqrstuvw";
    /** Rate plans the benchmarks never reach: they measure the pipeline, not the gateway's throttle. */
    static final Map<String, String> UNTHROTTLED = Map.of(
            "StandardPlanRateLimit", "10000", "StandardPlanBurstLimit", "10000",
            "HighVolumePlanRateLimit", "10000", "HighVolumePlanBurstLimit", "10000");
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newHttpClient();

    private Bench() {
    }

    /** The default seed with its callback URLs pointed at a webhook receiver on {@code port}. */
    static Path seed(int port) {
        try {
            Path seed = Files.createTempFile("bench-seed", ".json");
            seed.toFile().deleteOnExit();
            Files.writeString(seed, Files.readString(ROOT.resolve("infra/local/seed.json"))
                    .replace("127.0.0.1:3002", "127.0.0.1:" + port));
            return seed;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A DynamoDB client whose calls the counters leave out. */
    static DynamoDbClient dynamo(URI endpoint) {
        return DynamoDbClient.builder().httpClient(UrlConnectionHttpClient.create()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .overrideConfiguration(c -> c.putExecutionAttribute(AwsCalls.HARNESS, true))
                .endpointOverride(endpoint).build();
    }

    static SqsClient sqs(URI endpoint) {
        return SqsClient.builder().httpClient(UrlConnectionHttpClient.create()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .overrideConfiguration(c -> c.putExecutionAttribute(AwsCalls.HARNESS, true))
                .endpointOverride(endpoint).build();
    }

    /**
     * Active ACME-branded listings of seller-honest (who has a callback URL), ids {@code prefix0..prefixN-1}: each
     * one verifies as ACTIONED against acme's US trademark and tells both the rightholder and the seller.
     */
    static List<String> addListings(DynamoDbClient dynamo, String prefix, int count) {
        DynamoListingStore listings = new DynamoListingStore(dynamo, "ListingsTable");
        List<String> ids = IntStream.range(0, count).mapToObj(i -> prefix + i).toList();
        ids.parallelStream().forEach(id ->
                listings.put(new Listing(id, "seller-honest", "ACME rocket skates " + id, "ACME", ListingStatus.ACTIVE)));
        return ids;
    }

    static String noticeBody(List<String> listingIds) {
        ObjectNode body = JSON.createObjectNode()
                .put("rightId", "tm-acme-us")
                .put("reason", "COUNTERFEIT")
                .put("explanation", "Counterfeit ACME goods: misprinted logo, sold below cost.");
        ArrayNode items = body.putArray("items");
        listingIds.forEach(id -> items.addObject().put("listingId", id));
        body.putObject("sender").put("name", "Jane Doe").put("email", "legal@acme.example");
        body.putObject("declarations").put("goodFaith", true).put("accurate", true).put("authorized", true);
        body.put("signature", "Jane Doe");
        return body.toString();
    }

    /** POSTs a notice; returns its id once the API answered 202. */
    static String submit(URI api, String body) {
        HttpRequest request = HttpRequest.newBuilder(api.resolve("/v1/notices"))
                .header("Authorization", "Bearer " + ACME_KEY)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 202) {
                throw new IllegalStateException("POST /v1/notices answered " + response.statusCode() + ": " + response.body());
            }
            return JSON.readTree(response.body()).path("id").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String noticeStatus(DynamoDbClient dynamo, String noticeId) {
        Map<String, AttributeValue> row = dynamo.getItem(r -> r.tableName("NoticesTable").consistentRead(true)
                .key(Map.of("noticeId", AttributeValue.fromS(noticeId), "sk", AttributeValue.fromS("#NOTICE")))).item();
        AttributeValue status = row == null ? null : row.get("status");
        return status == null ? null : status.s();
    }

    static void awaitCompleted(DynamoDbClient dynamo, List<String> noticeIds, long timeoutMillis) {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        for (String id : noticeIds) {
            while (!"COMPLETED".equals(noticeStatus(dynamo, id))) {
                if (System.currentTimeMillis() > deadline) {
                    throw new IllegalStateException("notice " + id + " not completed in time: " + noticeStatus(dynamo, id));
                }
                sleep(20);
            }
        }
    }

    /** Waits until no queue holds a message, visible, in flight or delayed, twice in a row. */
    static void awaitQueuesEmpty(SqsClient sqs, List<String> queueUrls, long timeoutMillis) {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        int quiet = 0;
        while (quiet < 2) {
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("queues still busy");
            }
            boolean empty = queueUrls.stream().allMatch(url -> sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNames(
                    QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                    QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
                    QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED)).attributes().values().stream()
                    .allMatch("0"::equals));
            quiet = empty ? quiet + 1 : 0;
            sleep(200);
        }
    }

    /** How many webhooks the demo receiver has taken, all recipients together. */
    static int webhooksReceived(URI receiver) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(receiver.resolve("received")).build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode receipts = JSON.readTree(response.body());
            return receipts.size();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static double percentile(List<Double> values, double p) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Prints the report and keeps a copy under infra/bench/target/results. */
    static void report(String name, String markdown) {
        System.out.println(markdown);
        try {
            Path dir = ROOT.resolve("infra/bench/target/results");
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(name + ".md"), markdown);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
