package dev.takedown.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.takedown.core.ports.InvalidCursorException;
import org.junit.jupiter.api.Test;

class CursorsTest {
    @Test
    void aKeyComesBackAsItWent() {
        String key = "ATTEMPT#RIGHTHOLDER#2026-11-28T15:30:00.000Z#msg_8447f276c470091fcdc13c444e229bf9#3";
        assertThat(Cursors.decode(Cursors.encode(key))).isEqualTo(key);
        assertThat(Cursors.decode(Cursors.encode("x".repeat(256)))).hasSize(256);
    }

    @Test
    void aCursorLongerThanAnyKeyIsRefusedBeforeItReachesDynamoDb() {
        assertThatThrownBy(() -> Cursors.decode(Cursors.encode("ATTEMPT#" + "x".repeat(2000))))
                .isInstanceOf(InvalidCursorException.class);
        assertThatThrownBy(() -> Cursors.decode("!".repeat(10))).isInstanceOf(InvalidCursorException.class);
    }
}
