package dev.takedown.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.takedown.core.model.Ids;
import dev.takedown.local.QuietStack;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Measurement 1, cold start per function: a fresh JVM with only the deployment jar (plus a launcher that has no
 * project dependencies) builds the handler and handles one sample event from events/; against it, the floor: a
 * fresh JVM with only the SDK that builds the same clients and makes the same AWS calls. Both start with the
 * function's environment (so the template's JAVA_TOOL_OPTIONS too) and the same table contents.
 */
public final class ColdStartBench {
    /** The sample event each function handles. */
    static final Map<String, String> EVENTS = new LinkedHashMap<>();

    static {
        EVENTS.put("AuthorizerFunction", "authorizer-request.json");
        EVENTS.put("IntakeFunction", "intake-submit-notice.json");
        EVENTS.put("DispatcherFunction", "dispatcher-schedule.json");
        EVENTS.put("VerifierFunction", "verifier-sqs.json");
        EVENTS.put("NotifierFunction", "notifier-sqs.json");
        EVENTS.put("StaffReviewerFunction", "staff-get-notice.json");
        EVENTS.put("StaffAdminFunction", "staff-set-right-status.json");
        EVENTS.put("TrustReviewFunction", "trust-review-schedule.json");
        EVENTS.put("RedressFunction", "redress-withdraw-notice.json");
        EVENTS.put("RedressSweepFunction", "redress-sweep-schedule.json");
        EVENTS.put("ReviewWidgetFunction", "review-widget-load.json");
    }

    static final Path LAUNCHER = Bench.ROOT.resolve("infra/bench/target/bench-1.0.0-SNAPSHOT-launcher.jar");
    private static final Path FLOOR = Bench.ROOT.resolve("infra/bench/target/floor.jar");
    static final Path JAVA = Path.of(System.getProperty("java.home"), "bin", "java");

    private record Launch(double millis, int classes, int classesFromJars) {
    }

    private ColdStartBench() {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int receiverPort = Bench.freePort();
        Path work = Files.createTempDirectory("cold-start");
        StringBuilder report = new StringBuilder();
        try (QuietStack stack = QuietStack.start(Bench.TEMPLATE, Bench.seed(receiverPort), receiverPort)) {
            var dynamo = Bench.dynamo(stack.dynamoEndpoint());
            var sqs = Bench.sqs(stack.sqsEndpoint());
            String noticeId = setUpNotice(stack);
            Snapshot snapshot = Snapshot.take(dynamo, sqs, stack.tableNames(), stack.queueUrls());

            report.append("| Function | Jar (MB) | Function median (ms) | Floor median (ms) | Ratio | AWS calls | Classes loaded: function / floor |\n")
                    .append("|---|---:|---:|---:|---:|---:|---:|\n");
            for (Map.Entry<String, String> entry : EVENTS.entrySet()) {
                String function = entry.getKey();
                Path event = work.resolve(entry.getValue());
                Files.writeString(event, Files.readString(Bench.ROOT.resolve("events").resolve(entry.getValue()))
                        .replaceAll(Ids.NOTICE_ID_REGEX, noticeId));

                snapshot.restore();
                AwsCalls.record(function);
                stack.invoke(function, Files.readAllBytes(event));
                ArrayNode calls = AwsCalls.stopRecording();
                Path callsFile = work.resolve(function + "-calls.json");
                Files.writeString(callsFile, calls.toString());

                Path jar = Bench.ROOT.resolve(stack.codeUri(function));
                List<String> functionCommand = List.of("-cp", jar + ":" + LAUNCHER,
                        "dev.takedown.bench.launch.ColdStartLauncher", stack.handlerClass(function), event.toString());
                List<String> floorCommand = List.of("-cp", FLOOR.toString(),
                        "dev.takedown.bench.launch.FloorLauncher", callsFile.toString());
                Map<String, String> environment = stack.environment(function);

                // One unmeasured run each, so that both read their jars from the page cache.
                snapshot.restore();
                launch(functionCommand, environment, work, false);
                snapshot.restore();
                launch(floorCommand, environment, work, false);
                List<Double> functionTimes = new ArrayList<>();
                List<Double> floorTimes = new ArrayList<>();
                for (int i = 0; i < runs; i++) {
                    snapshot.restore();
                    functionTimes.add(launch(functionCommand, environment, work, false).millis());
                    snapshot.restore();
                    floorTimes.add(launch(floorCommand, environment, work, false).millis());
                }
                snapshot.restore();
                Launch functionClasses = launch(functionCommand, environment, work, true);
                snapshot.restore();
                Launch floorClasses = launch(floorCommand, environment, work, true);

                double functionMedian = Bench.median(functionTimes);
                double floorMedian = Bench.median(floorTimes);
                String row = String.format(Locale.ROOT, "| %s | %.1f | %.0f | %.0f | %.2f | %d | %d / %d (from jars: %d / %d) |%n",
                        function, Files.size(jar) / 1e6, functionMedian, floorMedian, functionMedian / floorMedian,
                        calls.size(), functionClasses.classes(), floorClasses.classes(),
                        functionClasses.classesFromJars(), floorClasses.classesFromJars());
                System.err.print(row + "    function runs (ms): " + functionTimes + "\n    floor runs (ms): " + floorTimes + "\n");
                report.append(row);
            }
            report.append(String.format(Locale.ROOT, "%nFloor jar (SDK only): %.1f MB. %d measured runs each, after one unmeasured run.%n",
                    Files.size(FLOOR) / 1e6, runs));
        }
        Bench.report("cold-start", report.toString());
        System.exit(0);
    }

    /** A notice for the events that name one (verifier, notifier, staff, redress), submitted once through intake. */
    static String setUpNotice(QuietStack stack) throws IOException {
        String event = Files.readString(Bench.ROOT.resolve("events/intake-submit-notice.json"))
                .replace("acme-2026-11-28-0001", "cold-start-setup");
        byte[] output = stack.invoke("IntakeFunction", event.getBytes(StandardCharsets.UTF_8));
        String body = Bench.JSON.readTree(output).path("body").asText();
        String id = Bench.JSON.readTree(body).path("id").asText();
        if (id.isEmpty()) {
            throw new IllegalStateException("intake did not accept the set-up notice: " + body);
        }
        return id;
    }

    /** Wall time from starting the JVM to its "RESPONSE" line; optionally the classes it loaded. */
    private static Launch launch(List<String> arguments, Map<String, String> environment, Path work, boolean logClasses)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(JAVA.toString());
        Path classLog = work.resolve("classes.log");
        if (logClasses) {
            command.add("-Xlog:class+load:file=" + classLog);
        }
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(work.resolve("stderr.log").toFile());
        builder.environment().clear();
        builder.environment().putAll(environment);
        long start = System.nanoTime();
        Process process = builder.start();
        double millis = -1;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.startsWith("RESPONSE ")) {
                    millis = (System.nanoTime() - start) / 1e6;
                }
            }
        }
        if (process.waitFor() != 0 || millis < 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed:\n" + Files.readString(work.resolve("stderr.log")));
        }
        if (!logClasses) {
            return new Launch(millis, 0, 0);
        }
        List<String> loaded = Files.readAllLines(classLog);
        return new Launch(millis, loaded.size(), (int) loaded.stream().filter(l -> l.contains("source: jar:") || l.contains("source: file:")).count());
    }
}
