package dev.takedown.bench;

import dev.takedown.core.model.Ids;
import dev.takedown.local.QuietStack;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Measurement 5, the first invocation after a SnapStart restore against a warm one: for each function, a fresh JVM
 * with only the deployment jar builds the handler as Lambda does, runs its {@code beforeCheckpoint} hooks (primed) or
 * not (unprimed), then handles the function's sample event from events/ ten times, the tables and queues reset
 * before each so every invocation makes the same calls; the first invocation is timed against the tenth. A real
 * restore also pages the snapshot's memory in, which a JVM that never stopped does not pay: the figures are the
 * JVM's share of it (class loading, first calls, JIT), the part priming can remove.
 */
public final class RestoreBench {
    private static final int INVOCATIONS = 10;

    private record Run(double primingMillis, double first, double tenth) {
    }

    private RestoreBench() {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        List<String> only = List.of(args).subList(Math.min(1, args.length), args.length);
        int receiverPort = Bench.freePort();
        Path work = Files.createTempDirectory("restore");
        StringBuilder report = new StringBuilder();
        try (QuietStack stack = QuietStack.start(Bench.TEMPLATE, Bench.seed(receiverPort), receiverPort)) {
            var dynamo = Bench.dynamo(stack.dynamoEndpoint());
            var sqs = Bench.sqs(stack.sqsEndpoint());
            String noticeId = ColdStartBench.setUpNotice(stack);
            Snapshot snapshot = Snapshot.take(dynamo, sqs, stack.tableNames(), stack.queueUrls());

            report.append("| Function | Unprimed: 1st / 10th (ms) | Unprimed ratio | Primed: 1st / 10th (ms) | Primed ratio | Priming (ms) |\n")
                    .append("|---|---:|---:|---:|---:|---:|\n");
            for (Map.Entry<String, String> entry : ColdStartBench.EVENTS.entrySet()) {
                String function = entry.getKey();
                if (!only.isEmpty() && !only.contains(function)) {
                    continue;
                }
                Path event = work.resolve(entry.getValue());
                Files.writeString(event, Files.readString(Bench.ROOT.resolve("events").resolve(entry.getValue()))
                        .replaceAll(Ids.NOTICE_ID_REGEX, noticeId));
                Path jar = Bench.ROOT.resolve(stack.codeUri(function));
                Map<String, String> environment = stack.environment(function);

                // One unmeasured run, so that every measured one reads the jar from the page cache.
                launch(jar, stack.handlerClass(function), event, "unprimed", environment, snapshot, work);
                List<Run> unprimed = new ArrayList<>();
                List<Run> primed = new ArrayList<>();
                for (int i = 0; i < runs; i++) {
                    unprimed.add(launch(jar, stack.handlerClass(function), event, "unprimed", environment, snapshot, work));
                    primed.add(launch(jar, stack.handlerClass(function), event, "primed", environment, snapshot, work));
                }
                double unprimedFirst = Bench.median(unprimed.stream().map(Run::first).toList());
                double unprimedTenth = Bench.median(unprimed.stream().map(Run::tenth).toList());
                double primedFirst = Bench.median(primed.stream().map(Run::first).toList());
                double primedTenth = Bench.median(primed.stream().map(Run::tenth).toList());
                String row = String.format(Locale.ROOT, "| %s | %.1f / %.1f | %.2f | %.1f / %.1f | %.2f | %.0f |%n",
                        function, unprimedFirst, unprimedTenth, unprimedFirst / unprimedTenth,
                        primedFirst, primedTenth, primedFirst / primedTenth,
                        Bench.median(primed.stream().map(Run::primingMillis).toList()));
                System.err.print(row + "    unprimed runs: " + unprimed + "\n    primed runs: " + primed + "\n");
                report.append(row);
            }
            report.append(String.format(Locale.ROOT, "%nMedians of %d runs of each, in a fresh JVM each, after one unmeasured run.%n", runs));
        }
        Bench.report("restore", report.toString());
        System.exit(0);
    }

    /** One fresh JVM: builds and (primed) primes the handler, then invokes it ten times on reset backends. */
    private static Run launch(Path jar, String handlerClass, Path event, String mode, Map<String, String> environment,
                              Snapshot snapshot, Path work) throws IOException, InterruptedException {
        List<String> command = List.of(ColdStartBench.JAVA.toString(), "-cp", jar + ":" + ColdStartBench.LAUNCHER,
                "dev.takedown.bench.launch.RestoreLauncher", handlerClass, event.toString(), mode,
                String.valueOf(INVOCATIONS));
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(work.resolve("stderr.log").toFile());
        builder.environment().clear();
        builder.environment().putAll(environment);
        Process process = builder.start();
        double priming = -1;
        double[] times = new double[INVOCATIONS + 1];
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
             Writer in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8)) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                String[] words = line.split(" ");
                if (!words[0].equals("BENCH")) {
                    if (line.contains("prim")) {
                        System.err.println("    " + line);
                    }
                    continue;
                }
                switch (words[1]) {
                    case "PRIMED" -> priming = Double.parseDouble(words[2]);
                    case "READY" -> {
                        snapshot.restore();
                        in.write("go\n");
                        in.flush();
                    }
                    case "INVOKED" -> times[Integer.parseInt(words[2])] = Double.parseDouble(words[3]);
                    default -> throw new IllegalStateException("unexpected line from the launcher: " + line);
                }
            }
        }
        if (process.waitFor() != 0 || times[INVOCATIONS] == 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed:\n" + Files.readString(work.resolve("stderr.log")));
        }
        return new Run(priming, times[1], times[INVOCATIONS]);
    }
}
