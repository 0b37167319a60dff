package dev.takedown.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.takedown.aws.DynamoSellerStore;
import dev.takedown.core.model.Seller;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

class DataDirTest {
    private static final String TEMPLATE = """
            Resources:
              SellersTable:
                Type: AWS::DynamoDB::Table
                Properties:
                  AttributeDefinitions:
                    - AttributeName: id
                      AttributeType: S
                  KeySchema:
                    - AttributeName: id
                      KeyType: HASH
            """;

    @TempDir
    Path dir;

    @Test
    void keepsTablesAndDataAcrossRestarts() throws Exception {
        LocalStack.Options options = LocalStack.Options.forTemplate(Files.writeString(dir.resolve("t.yaml"), TEMPLATE))
                .withDataDir(dir.resolve("data"));
        withSellers(options, sellers -> sellers.put(new Seller("s-1", "Kept", null)));
        withSellers(options, sellers -> assertThat(sellers.find("s-1")).hasValue(new Seller("s-1", "Kept", null)));
    }

    private static void withSellers(LocalStack.Options options, Consumer<DynamoSellerStore> action) {
        try (LocalStack stack = LocalStack.start(options);
                DynamoDbClient dynamo = DynamoDbClient.builder()
                        .httpClient(UrlConnectionHttpClient.create())
                        .region(Region.US_EAST_1)
                        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                        .endpointOverride(stack.dynamoEndpoint())
                        .build()) {
            action.accept(new DynamoSellerStore(dynamo, stack.tableName("SellersTable")));
        }
    }
}
