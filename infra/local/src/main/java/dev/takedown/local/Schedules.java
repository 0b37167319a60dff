package dev.takedown.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Runs each Schedule event's function at its rate with an EventBridge "Scheduled Event". */
final class Schedules implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private record Scheduled(String functionId, FunctionDef.ScheduleEvent event) {
    }

    private final Functions functions;
    /** The functions' clock: a scheduled event carries their time, as EventBridge's carries the time it fired. */
    private final Clock clock;
    private final List<Scheduled> scheduled = new ArrayList<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "schedules");
        thread.setDaemon(true);
        return thread;
    });

    Schedules(List<FunctionDef> definitions, Functions functions, Clock clock) {
        this.functions = functions;
        this.clock = clock;
        for (FunctionDef function : definitions) {
            function.scheduleEvents().forEach(event -> scheduled.add(new Scheduled(function.logicalId(), event)));
        }
    }

    /** Like EventBridge, the first run comes one period after start. */
    void start() {
        for (Scheduled schedule : scheduled) {
            long period = schedule.event().rate().toMillis();
            timer.scheduleAtFixedRate(() -> fire(schedule), period, period, TimeUnit.MILLISECONDS);
        }
    }

    /** Fires every schedule once, in the template's order, and returns the functions it ran. */
    List<String> runAllNow() {
        scheduled.forEach(this::fire);
        return scheduled.stream().map(Scheduled::functionId).toList();
    }

    private void fire(Scheduled schedule) {
        ObjectNode event = JSON.createObjectNode();
        event.put("version", "0");
        event.put("id", UUID.randomUUID().toString());
        event.put("detail-type", "Scheduled Event");
        event.put("source", "aws.events");
        event.put("account", References.ACCOUNT);
        event.put("time", clock.instant().truncatedTo(ChronoUnit.SECONDS).toString());
        event.put("region", References.REGION);
        event.putArray("resources");
        event.putObject("detail");
        try {
            functions.invoke(schedule.functionId(), JSON.writeValueAsBytes(event));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
