package dev.takedown.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.takedown.aws.PrimingReplay;
import dev.takedown.core.model.Ids;
import dev.takedown.local.QuietStack;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Records what {@link PrimingReplay} replays: for each function, its sample event from events/ handled once on the
 * quiet stack (seed, set-up notice and snapshot as in the cold-start benchmark), in a JVM of the deployment jar
 * that records every call's answer ({@link PrimingCallRecorder}). Each recording goes into its function's module, at
 * {@code src/main/resources/priming/<Function>.json}, with table names in answers replaced by their variables and
 * webhook signing secrets by a placeholder of their shape.
 * Run it again when a function's calls change: SnapStartPrimingTest fails until then.
 */
public final class PrimingRecorder {
    private static final Pattern WEBHOOK_SECRET = Pattern.compile("whsec_[A-Za-z0-9+/=]+");

    private PrimingRecorder() {
    }

    public static void main(String[] args) throws Exception {
        List<String> only = List.of(args);
        int receiverPort = Bench.freePort();
        Path work = Files.createTempDirectory("priming");
        Path recorder = recorderClasses(work);
        try (QuietStack stack = QuietStack.start(Bench.TEMPLATE, Bench.seed(receiverPort), receiverPort)) {
            String noticeId = ColdStartBench.setUpNotice(stack);
            Snapshot snapshot = Snapshot.take(Bench.dynamo(stack.dynamoEndpoint()), Bench.sqs(stack.sqsEndpoint()),
                    stack.tableNames(), stack.queueUrls());
            for (Map.Entry<String, String> entry : ColdStartBench.EVENTS.entrySet()) {
                String function = entry.getKey();
                if (!only.isEmpty() && !only.contains(function)) {
                    continue;
                }
                String event = Files.readString(Bench.ROOT.resolve("events").resolve(entry.getValue()))
                        .replaceAll(Ids.NOTICE_ID_REGEX, noticeId);
                String codeUri = stack.codeUri(function);
                Path target = Bench.ROOT.resolve(codeUri.substring(0, codeUri.indexOf("/target/")))
                        .resolve("src/main/resources/priming/" + function + ".json");
                Files.createDirectories(target.getParent());
                Files.writeString(target, record(function, event, stack, snapshot, recorder, work));
                System.err.println("recorded " + Bench.ROOT.relativize(target));
            }
        }
        System.exit(0);
    }

    /**
     * A class path entry holding {@link PrimingCallRecorder} and the global interceptor file that registers it, and
     * nothing else: the bench jar's own file registers the harness's interceptor, which needs the local stack.
     */
    private static Path recorderClasses(Path work) throws IOException {
        Path classes = work.resolve("recorder");
        String type = PrimingCallRecorder.class.getName().replace('.', '/') + ".class";
        Files.createDirectories(classes.resolve(type).getParent());
        try (InputStream bytes = PrimingCallRecorder.class.getClassLoader().getResourceAsStream(type)) {
            Files.copy(bytes, classes.resolve(type));
        }
        Path interceptors = classes.resolve("software/amazon/awssdk/global/handlers/execution.interceptors");
        Files.createDirectories(interceptors.getParent());
        Files.writeString(interceptors, PrimingCallRecorder.class.getName() + "\n");
        return classes;
    }

    private static String record(String function, String event, QuietStack stack, Snapshot snapshot, Path recorder,
                                 Path work) throws IOException, InterruptedException {
        Path eventFile = work.resolve(function + "-event.json");
        Path calls = work.resolve(function + "-calls.jsonl");
        Path output = work.resolve(function + "-output.json");
        Files.writeString(eventFile, event);
        Files.deleteIfExists(calls);
        Map<String, String> environment = stack.environment(function);
        List<String> command = List.of(ColdStartBench.JAVA.toString(),
                "-D" + PrimingCallRecorder.FILE_PROPERTY + "=" + calls, "-Dtakedown.output=" + output,
                "-cp", Bench.ROOT.resolve(stack.codeUri(function)) + ":" + ColdStartBench.LAUNCHER + ":" + recorder,
                "dev.takedown.bench.launch.RestoreLauncher", stack.handlerClass(function), eventFile.toString(),
                "unprimed", "1");
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(work.resolve("stderr.log").toFile());
        builder.environment().clear();
        builder.environment().putAll(environment);
        Process process = builder.start();
        Instant recordedAt = null;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
             Writer in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8)) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.startsWith("BENCH READY")) {
                    snapshot.restore();
                    recordedAt = Instant.now();
                    in.write("go\n");
                    in.flush();
                }
            }
        }
        if (process.waitFor() != 0 || recordedAt == null || !Files.exists(calls)) {
            throw new IllegalStateException(String.join(" ", command) + " failed:\n" + Files.readString(work.resolve("stderr.log")));
        }

        ObjectNode recording = Bench.JSON.createObjectNode();
        recording.put("function", function).put("recordedAt", recordedAt.toString());
        recording.set("event", Bench.JSON.readTree(event));
        recording.put("outcome", PrimingReplay.outcome(Bench.JSON.readTree(output.toFile())));
        var answers = recording.putArray("calls");
        for (String line : Files.readAllLines(calls)) {
            JsonNode call = Bench.JSON.readTree(line);
            // The local stack's signing secrets are made at random; a recording keeps none, only their shape.
            String answer = WEBHOOK_SECRET.matcher(call.path("answer").asText())
                    .replaceAll(secret -> "whsec_" + "A".repeat(secret.group().length() - "whsec_".length()));
            for (Map.Entry<String, String> variable : environment.entrySet()) {
                if (stack.tableNames().contains(variable.getValue())) {
                    answer = answer.replace("\"" + variable.getValue() + "\"", "\"${" + variable.getKey() + "}\"");
                }
            }
            answers.addObject().put("call", call.path("call").asText()).put("status", call.path("status").asInt())
                    .set("answer", answer.isEmpty() ? Bench.JSON.createObjectNode() : Bench.JSON.readTree(answer));
        }
        return Bench.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(recording) + "\n";
    }
}
