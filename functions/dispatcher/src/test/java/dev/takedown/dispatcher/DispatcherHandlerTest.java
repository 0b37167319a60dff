package dev.takedown.dispatcher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.takedown.core.intake.DispatchService;
import dev.takedown.core.json.Json;
import dev.takedown.core.testing.EmfLines;
import dev.takedown.core.testing.Events;
import dev.takedown.core.testing.Fixtures;
import dev.takedown.core.testing.InMemoryIdempotencyStore;
import dev.takedown.core.testing.InMemoryNoticeStore;
import dev.takedown.core.testing.InMemoryRightholderStore;
import dev.takedown.core.testing.RecordingNotifications;
import dev.takedown.core.testing.RecordingQueue;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DispatcherHandlerTest {
    @Test
    void theScheduledEventRequeuesUnconfirmedWork() throws Exception {
        InMemoryNoticeStore notices = new InMemoryNoticeStore();
        RecordingQueue down = new RecordingQueue();
        down.failure = new IllegalStateException("queue unavailable");
        String id = Fixtures.intake(notices, new InMemoryIdempotencyStore(), down, Fixtures.clock())
                .submit("acme", Fixtures.validBody(), null).notice().id();

        RecordingQueue queue = new RecordingQueue();
        DispatcherHandler handler = new DispatcherHandler(new DispatchService(notices, new InMemoryRightholderStore(), queue, new RecordingNotifications(),
                Clock.offset(Fixtures.clock(), Duration.ofMinutes(5)), Duration.ofSeconds(60)));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(Events.load("dispatcher-schedule.json")
                .getBytes(StandardCharsets.UTF_8)), out, null);

        assertThat(Json.parse(out.toString(StandardCharsets.UTF_8)).path("requeued").asInt()).isEqualTo(1);
        assertThat(queue.itemsQueuedFor(id)).containsExactly(0, 1);
    }

    @Test
    void everyRunReportsTheReviewBacklog() throws Exception {
        DispatcherHandler handler = new DispatcherHandler(new DispatchService(new InMemoryNoticeStore(),
                new InMemoryRightholderStore(), new RecordingQueue(), new RecordingNotifications(), Fixtures.clock(),
                Duration.ofSeconds(60)));

        EmfLines metrics = EmfLines.capture(() -> handler.handleRequest(new ByteArrayInputStream(
                Events.load("dispatcher-schedule.json").getBytes(StandardCharsets.UTF_8)), new ByteArrayOutputStream(), null));

        assertThat(metrics.problems()).isEmpty();
        assertThat(metrics.values("ReviewBacklog")).containsExactly(0.0);
        assertThat(metrics.values("ReviewBacklogOldestAge")).containsExactly(0.0);
    }
}
