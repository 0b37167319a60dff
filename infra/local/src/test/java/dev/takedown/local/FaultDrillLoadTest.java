package dev.takedown.local;

import static dev.takedown.local.FaultDrills.ACME_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Twenty clients submit notices as fast as they are answered for a minute, while verification runs behind. */
class FaultDrillLoadTest {
    private static final int CLIENTS = 20;
    private static final Duration DURATION = Duration.ofSeconds(60);

    private static LocalStack stack;

    @BeforeAll
    static void start() {
        stack = LocalStack.start(ProjectTemplate.stack(Map.of()));
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void noServerErrorsAndEveryAcceptedNoticeIsReadable() throws Exception {
        Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        ConcurrentLinkedQueue<String> accepted = new ConcurrentLinkedQueue<>();
        String body = LocalStackEndToEndTest.notice().toString();
        long end = System.nanoTime() + DURATION.toNanos();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                running.add(clients.submit(() -> {
                    while (System.nanoTime() < end) {
                        FaultDrills.Reply reply = FaultDrills.call(stack, "POST", "/v1/notices", ACME_KEY, body, null);
                        statuses.computeIfAbsent(reply.status(), s -> new AtomicInteger()).incrementAndGet();
                        if (reply.status() == 202) {
                            accepted.add(reply.body().path("id").asText());
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> client : running) {
                client.get();
            }

            assertThat(statuses.keySet()).as("answers given: " + statuses).allSatisfy(s -> assertThat(s).isLessThan(500));
            assertThat(accepted).as("accepted notices").hasSizeGreaterThan(CLIENTS * 10);
            List<String> ids = List.copyOf(accepted);
            List<Future<?>> reads = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                int client = i;
                reads.add(clients.submit(() -> {
                    for (int j = client; j < ids.size(); j += CLIENTS) {
                        FaultDrills.Reply reply = FaultDrills.get(stack, "/v1/notices/" + ids.get(j), ACME_KEY);
                        assertThat(reply.status()).as("GET notice " + ids.get(j)).isEqualTo(200);
                        assertThat(reply.body().path("id").asText()).isEqualTo(ids.get(j));
                    }
                    return null;
                }));
            }
            for (Future<?> read : reads) {
                read.get();
            }
        } finally {
            clients.shutdownNow();
        }
    }
}
