package dev.takedown.core.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Sample Lambda events from the project's {@code events/} folder, the same ones {@code sam local invoke -e} uses. */
public final class Events {
    private Events() {
    }

    public static Path projectRoot() {
        String configured = System.getProperty("project.root");
        Path dir = configured != null ? Path.of(configured) : Path.of("").toAbsolutePath();
        while (dir != null && !Files.isRegularFile(dir.resolve("template.yaml"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("cannot find the project root (the folder with template.yaml)");
        }
        return dir;
    }

    public static String load(String name) {
        try {
            return Files.readString(projectRoot().resolve("events").resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
