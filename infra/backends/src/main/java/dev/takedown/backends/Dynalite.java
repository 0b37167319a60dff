package dev.takedown.backends;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * dynalite, the DynamoDB emulator, as a child process on 127.0.0.1: in memory, or kept on disk under a
 * data directory. It is installed by the build into {@code infra/backends/dynalite/node_modules}. It can be
 * killed and started again on the same port, which keeps its tables only when they are on disk.
 */
public final class Dynalite implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    private final List<String> command;
    private final int port;
    private final ProcessBuilder.Redirect output;
    private volatile Process process;

    private Dynalite(List<String> command, int port, ProcessBuilder.Redirect output) {
        this.command = List.copyOf(command);
        this.port = port;
        this.output = output;
    }

    /** Starts dynalite on a free port, in memory when {@code dataDir} is null. */
    public static Dynalite start(Path dataDir) {
        return start(Ports.free(), dataDir);
    }

    public static Dynalite start(int port, Path dataDir) {
        Path cli = home().resolve("node_modules/dynalite/cli.js");
        if (!Files.isRegularFile(cli)) {
            throw new IllegalStateException("dynalite is not installed at " + cli
                    + "; run the build (mvn install) or `npm ci` in infra/backends/dynalite");
        }
        List<String> command = new ArrayList<>(List.of("node", cli.toString(), "--host", "127.0.0.1",
                "--port", Integer.toString(port)));
        if (dataDir != null) {
            try {
                Files.createDirectories(dataDir);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            command.add("--path");
            command.add(dataDir.toAbsolutePath().toString());
        }
        // With a data directory, its output goes to a log beside the data, to tell why it stopped if it does.
        ProcessBuilder.Redirect output = dataDir == null ? ProcessBuilder.Redirect.DISCARD
                : ProcessBuilder.Redirect.appendTo(dataDir.resolveSibling(dataDir.getFileName() + ".log").toFile());
        Dynalite dynalite = new Dynalite(command, port, output);
        Runtime.getRuntime().addShutdownHook(new Thread(dynalite::close));
        dynalite.launch();
        return dynalite;
    }

    private void launch() {
        try {
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(output)
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start dynalite (is node on the PATH?)", e);
        }
        awaitReady();
    }

    /** Kills the process at once, as a crash would: clients see refused connections until {@link #restart()}. */
    public void kill() {
        Process running = process;
        running.destroyForcibly();
        try {
            running.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while stopping dynalite", e);
        }
    }

    /** Starts a stopped dynalite again on the same port and data directory. */
    public void restart() {
        if (process.isAlive()) {
            throw new IllegalStateException("dynalite is still running on port " + port);
        }
        launch();
    }

    /** Where the npm-installed dynalite lives: -Ddynalite.home, else found from the working directory up. */
    static Path home() {
        String configured = System.getProperty("dynalite.home");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            Path candidate = dir.resolve("infra/backends/dynalite");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("cannot find infra/backends/dynalite; set -Ddynalite.home");
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("dynalite exited at start with code " + process.exitValue());
            }
            if (Ports.accepting(port)) {
                return;
            }
            sleep(50);
        }
        close();
        throw new IllegalStateException("dynalite did not start within " + START_TIMEOUT);
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public int port() {
        return port;
    }

    public boolean isRunning() {
        return process.isAlive();
    }

    @Override
    public void close() {
        Process process = this.process;
        if (process != null && process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for dynalite", e);
        }
    }
}
