package dev.takedown.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.takedown.core.runtime.Env;
import java.net.ServerSocket;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;

class BackendFailuresTest {
    @Test
    void noDatabaseListeningIsUnavailable() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        var dynamo = AwsClients.dynamo(new Env(Map.of("AWS_REGION", "us-east-1", "AWS_ACCESS_KEY_ID", "local",
                "AWS_SECRET_ACCESS_KEY", "local", "AWS_ENDPOINT_URL_DYNAMODB", "http://127.0.0.1:" + port)));
        SdkException refused = catchThrowableOfType(SdkException.class, () -> dynamo.listTables());
        assertThat(BackendFailures.unavailable(refused)).as(refused.toString()).isTrue();
    }

    @Test
    void throttlingAndServerErrorsAreUnavailableAndARefusedRequestIsNot() {
        assertThat(BackendFailures.unavailable(ProvisionedThroughputExceededException.builder().statusCode(400)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("ProvisionedThroughputExceededException").build())
                .build())).isTrue();
        assertThat(BackendFailures.unavailable(DynamoDbException.builder().statusCode(503).build())).isTrue();
        assertThat(BackendFailures.unavailable(DynamoDbException.builder().statusCode(400)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("ValidationException").build()).build())).isFalse();
        assertThat(BackendFailures.unavailable(DynamoDbException.builder().statusCode(400)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("AccessDeniedException").build()).build())).isFalse();
    }
}
