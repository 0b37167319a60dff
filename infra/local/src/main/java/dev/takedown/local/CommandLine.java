package dev.takedown.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The flags of {@code infra/local/run}. Relative paths are the caller's; the project root (for the default
 * template and seed) is the nearest directory holding template.yaml at or above {@code searchFrom}.
 */
final class CommandLine {
    static final String USAGE = """
            usage: infra/local/run [flags]
              --port N              REST API port (default 3000)
              --lambda-port N       Lambda Invoke API port (default 3001)
              --dynalite-port N     DynamoDB (dynalite) port (default: a free port)
              --sqs-port N          SQS (ElasticMQ) port (default: a free port)
              --webhook-port N      demo webhook receiver port (default 3002)
              --apigateway-port N   port of the local API Gateway's key calls (default: a free port)
              --template FILE       template to run (default: template.yaml at the project root)
              --seed FILE           seed data (default: infra/local/seed.json at the project root)
              --data-dir DIR        keep DynamoDB data and API Gateway keys under DIR across restarts
                                    (default: in memory)
              --parameter NAME=VALUE  override a template parameter (repeatable)
              --pollers N           SQS batches of each function that may run at once (default 3)
              --no-schedules        do not run Schedule events
              --test-clock          run the functions on a clock that POST /local/clock on the Lambda API port moves on
              --help                show this message""";

    /** A bad command line; a null message means help was asked for. */
    static final class UsageException extends Exception {
        UsageException(String message) {
            super(message);
        }
    }

    private CommandLine() {
    }

    static LocalStack.Options parse(String[] args, Path workingDir, Path searchFrom) throws UsageException {
        Deque<String> queue = new ArrayDeque<>();
        for (String arg : args) {
            // --flag=value is the same as --flag value
            if (arg.startsWith("--") && arg.contains("=") && !arg.startsWith("--parameter=")) {
                queue.add(arg.substring(0, arg.indexOf('=')));
                queue.add(arg.substring(arg.indexOf('=') + 1));
            } else if (arg.startsWith("--parameter=")) {
                queue.add("--parameter");
                queue.add(arg.substring("--parameter=".length()));
            } else {
                queue.add(arg);
            }
        }
        int apiPort = 3000;
        int lambdaPort = 3001;
        int dynalitePort = 0;
        int sqsPort = 0;
        int webhookPort = 3002;
        int apiGatewayPort = 0;
        Path template = null;
        Path seed = null;
        Path dataDir = null;
        boolean schedules = true;
        boolean testClock = false;
        int pollers = LocalStack.DEFAULT_POLLERS;
        Map<String, String> parameters = new LinkedHashMap<>();
        while (!queue.isEmpty()) {
            String flag = queue.removeFirst();
            switch (flag) {
                case "--port" -> apiPort = port(flag, value(flag, queue));
                case "--lambda-port" -> lambdaPort = port(flag, value(flag, queue));
                case "--dynalite-port" -> dynalitePort = port(flag, value(flag, queue));
                case "--sqs-port" -> sqsPort = port(flag, value(flag, queue));
                case "--webhook-port" -> webhookPort = port(flag, value(flag, queue));
                case "--apigateway-port" -> apiGatewayPort = port(flag, value(flag, queue));
                case "--template" -> template = workingDir.resolve(value(flag, queue)).normalize();
                case "--seed" -> seed = workingDir.resolve(value(flag, queue)).normalize();
                case "--data-dir" -> dataDir = workingDir.resolve(value(flag, queue)).normalize();
                case "--pollers" -> pollers = positive(flag, value(flag, queue));
                case "--no-schedules" -> schedules = false;
                case "--test-clock" -> testClock = true;
                case "--parameter" -> {
                    String assignment = value(flag, queue);
                    int equals = assignment.indexOf('=');
                    if (equals < 1) {
                        throw new UsageException("--parameter expects NAME=VALUE, got " + assignment);
                    }
                    parameters.put(assignment.substring(0, equals), assignment.substring(equals + 1));
                }
                case "--help", "-h" -> throw new UsageException(null);
                default -> throw new UsageException("unknown flag " + flag);
            }
        }
        Path root = projectRoot(searchFrom).orElse(null);
        if (template == null) {
            if (root == null) {
                throw new UsageException("no template.yaml in " + searchFrom.toAbsolutePath()
                        + " or above; pass --template FILE");
            }
            template = root.resolve("template.yaml");
        }
        if (!Files.isRegularFile(template)) {
            throw new UsageException("no template at " + template);
        }
        if (seed == null) {
            seed = (root == null ? template.getParent() : root).resolve("infra/local/seed.json");
        } else if (!Files.isRegularFile(seed)) {
            throw new UsageException("no seed file at " + seed);
        }
        return new LocalStack.Options(template, Files.isRegularFile(seed) ? seed : null, dataDir, apiPort, lambdaPort,
                dynalitePort, sqsPort, webhookPort, apiGatewayPort, schedules, parameters, pollers,
                testClock ? new MovableClock() : null);
    }

    /** The nearest directory at or above {@code dir} that holds template.yaml. */
    static Optional<Path> projectRoot(Path dir) {
        for (Path candidate = dir.toAbsolutePath(); candidate != null; candidate = candidate.getParent()) {
            if (Files.isRegularFile(candidate.resolve("template.yaml"))) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private static String value(String flag, Deque<String> queue) throws UsageException {
        if (queue.isEmpty() || queue.peekFirst().startsWith("--")) {
            throw new UsageException(flag + " needs a value");
        }
        return queue.removeFirst();
    }

    private static int positive(String flag, String value) throws UsageException {
        try {
            int number = Integer.parseInt(value);
            if (number >= 1) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException(flag + " expects a whole number from 1, got " + value);
    }

    private static int port(String flag, String value) throws UsageException {
        try {
            int port = Integer.parseInt(value);
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException(flag + " expects a port number (0-65535), got " + value);
    }
}
