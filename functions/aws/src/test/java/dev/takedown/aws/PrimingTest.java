package dev.takedown.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.takedown.core.runtime.Env;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.crac.Context;
import org.crac.Resource;
import org.junit.jupiter.api.Test;

class PrimingTest {
    /** A checkpoint context that only remembers what registers with it. */
    private static final class Recording extends Context<Resource> {
        final List<Resource> registered = new ArrayList<>();

        @Override
        public void register(Resource resource) {
            registered.add(resource);
        }

        @Override
        public void beforeCheckpoint(Context<? extends Resource> context) {
        }

        @Override
        public void afterRestore(Context<? extends Resource> context) {
        }
    }

    @Test
    void aFailingStepEndsThePrimingWithoutFailingTheCheckpoint() {
        Recording checkpoints = new Recording();
        List<String> ran = new ArrayList<>();
        Priming.register(checkpoints, "SomeFunction",
                () -> ran.add("first"),
                () -> {
                    throw new IllegalStateException("backend unreachable");
                },
                () -> ran.add("third"));

        assertThat(checkpoints.registered).hasSize(1);
        assertThatCode(() -> checkpoints.registered.get(0).beforeCheckpoint(checkpoints)).doesNotThrowAnyException();
        assertThat(ran).containsExactly("first");
    }

    @Test
    void unsentClientsNeverConnectToTheirEndpoint() throws IOException {
        try (ServerSocket endpoint = new ServerSocket(0)) {
            endpoint.setSoTimeout(300);
            String url = "http://127.0.0.1:" + endpoint.getLocalPort();
            Env env = new Env(Map.of("AWS_ENDPOINT_URL_DYNAMODB", url, "AWS_ENDPOINT_URL_SQS", url,
                    "AWS_ACCESS_KEY_ID", "local", "AWS_SECRET_ACCESS_KEY", "local",
                    "NOTIFICATION_QUEUE_URL", url + "/000000000000/NotificationQueue"));

            Priming.unsentWrites(env);
            SqsPriming.unsentCalls(env, "NOTIFICATION_QUEUE_URL");

            assertThatCode(() -> endpoint.accept().close()).isInstanceOf(SocketTimeoutException.class);
        }
    }
}
