package dev.takedown.aws;

import com.fasterxml.jackson.databind.JsonNode;
import dev.takedown.core.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** Lambda stream handlers read and write JSON through {@link Json}. */
public final class StreamJson {
    private StreamJson() {
    }

    public static JsonNode read(InputStream input) throws IOException {
        JsonNode node = Json.parse(input);
        return node.isMissingNode() ? Json.object() : node;
    }

    public static void write(OutputStream output, JsonNode node) throws IOException {
        Json.write(node, output);
    }
}
