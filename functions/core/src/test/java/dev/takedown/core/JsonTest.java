package dev.takedown.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.takedown.core.json.Json;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JsonTest {
    private static final String DOCUMENT = "{\"text\":\"Zürich \\\"quoted\\\"\\n\",\"int\":7,\"long\":12345678901,"
            + "\"big\":123456789012345678901234567890,\"double\":1.5,\"yes\":true,\"no\":false,\"nothing\":null,"
            + "\"list\":[1,{\"nested\":[]},\"x\"],\"empty\":{}}";

    @Test
    void aDocumentReadsIntoTreeNodesAndWritesBackTheSame() throws Exception {
        JsonNode node = Json.parse(DOCUMENT);

        assertThat(node.path("text").asText()).isEqualTo("Zürich \"quoted\"\n");
        assertThat(node.path("int").isInt()).isTrue();
        assertThat(node.path("long").isLong()).isTrue();
        assertThat(node.path("big").bigIntegerValue()).isEqualTo(new BigInteger("123456789012345678901234567890"));
        assertThat(node.path("double").doubleValue()).isEqualTo(1.5);
        assertThat(node.path("nothing").isNull()).isTrue();
        assertThat(node.path("list").get(1).path("nested").isArray()).isTrue();
        assertThat(Json.write(node)).isEqualTo(DOCUMENT);
    }

    @Test
    void streamsReadAndWriteLikeStrings() throws Exception {
        JsonNode node = Json.parse(new ByteArrayInputStream(DOCUMENT.getBytes(StandardCharsets.UTF_8)));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Json.write(node, out);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(DOCUMENT);
    }

    @Test
    void nothingToReadIsAMissingNode() throws Exception {
        assertThat(Json.parse("").isMissingNode()).isTrue();
        assertThat(Json.parse("  ").isMissingNode()).isTrue();
    }

    @Test
    void duplicateKeysTrailingContentTruncationAndDeepNestingAreRefused() {
        assertThatThrownBy(() -> Json.parse("{\"a\":1,\"a\":2}")).isInstanceOf(JsonProcessingException.class)
                .hasMessageContaining("Duplicate field 'a'");
        assertThatThrownBy(() -> Json.parse("{} {}")).isInstanceOf(JsonProcessingException.class);
        assertThatThrownBy(() -> Json.parse("{\"a\":[1,2")).isInstanceOf(JsonProcessingException.class);
        assertThatThrownBy(() -> Json.parse("[".repeat(65) + "]".repeat(65))).isInstanceOf(JsonProcessingException.class);
        assertThat(catchParse("[".repeat(64) + "]".repeat(64))).isNull();
    }

    private static Exception catchParse(String text) {
        try {
            Json.parse(text);
            return null;
        } catch (Exception e) {
            return e;
        }
    }
}
