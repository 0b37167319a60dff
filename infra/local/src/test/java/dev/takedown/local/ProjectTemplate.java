package dev.takedown.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** The project's real template.yaml, as the tests read it. */
final class ProjectTemplate {
    static final Path ROOT = Path.of(System.getProperty("project.root", "../..")).toAbsolutePath().normalize();
    static final Path FILE = ROOT.resolve("template.yaml");

    static final Path DEFAULT_SEED = ROOT.resolve("infra/local/seed.json");

    private ProjectTemplate() {
    }

    static String text() {
        try {
            return Files.readString(FILE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The whole project stack with the default seed, on free ports, with these parameter overrides. */
    static LocalStack.Options stack(Map<String, String> parameters) {
        return LocalStack.Options.forTemplate(FILE).withSeed(DEFAULT_SEED).withParameters(parameters);
    }

    static Template load(Map<String, String> parameterOverrides) {
        return Template.parse(text(), "template.yaml", parameterOverrides);
    }
}
