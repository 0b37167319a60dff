package dev.takedown.core.ports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.takedown.core.testing.Fixtures;
import org.junit.jupiter.api.Test;

class SignedCursorsTest {
    private static final String SCOPE = "deliveries|ntc_01kb4r2hq0z9y8x7w6v5t4s3r2";
    private final SignedCursors cursors = Fixtures.CURSORS;

    @Test
    void aCursorOpensInTheListingItWasHandedOutFor() {
        String cursor = cursors.sign(SCOPE, "ATTEMPT#RIGHTHOLDER#2026-11-28T15:30:00.000Z#msg_1#1");
        assertThat(cursor).matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]{43}");
        assertThat(cursors.open(SCOPE, cursor)).isEqualTo("ATTEMPT#RIGHTHOLDER#2026-11-28T15:30:00.000Z#msg_1#1");
        assertThat(cursors.sign(SCOPE, null)).isNull();
        assertThat(cursors.open(SCOPE, null)).isNull();
        assertThat(cursors.open(SCOPE, "")).isNull();
    }

    @Test
    void aCursorOfAnotherListingIsRefused() {
        String cursor = cursors.sign(SCOPE, "key");
        assertThatThrownBy(() -> cursors.open("deliveries|ntc_01kb4r2hq0z9y8x7w6v5t4s3r3", cursor))
                .isInstanceOf(InvalidCursorException.class);
        assertThatThrownBy(() -> cursors.open("items|ntc_01kb4r2hq0z9y8x7w6v5t4s3r2|", cursor))
                .isInstanceOf(InvalidCursorException.class);
    }

    @Test
    void aTamperedForgedOrOtherwiseKeyedCursorIsRefused() {
        String cursor = cursors.sign(SCOPE, "key");
        String payload = cursor.substring(0, cursor.indexOf('.'));
        String mac = cursor.substring(cursor.indexOf('.') + 1);
        String otherPayload = cursors.sign(SCOPE, "kez").substring(0, cursor.indexOf('.'));
        for (String bad : new String[] {otherPayload + "." + mac, payload, payload + ".", "." + mac, "1",
                payload + "." + mac.substring(1), payload + "." + "A".repeat(43), payload + ".!!!", "%%%." + mac,
                new SignedCursors("another-key-of-at-least-32-characters!").sign(SCOPE, "key")}) {
            assertThatThrownBy(() -> cursors.open(SCOPE, bad)).as(bad).isInstanceOf(InvalidCursorException.class);
        }
    }

    @Test
    void anOverLongCursorIsRefusedUnread() {
        String cursor = cursors.sign(SCOPE, "k".repeat(400));
        assertThat(cursor.length()).isGreaterThan(SignedCursors.MAX_LENGTH);
        assertThatThrownBy(() -> cursors.open(SCOPE, cursor)).isInstanceOf(InvalidCursorException.class)
                .hasMessage("cursor too long");
    }

    @Test
    void aShortKeyIsRefused() {
        assertThatThrownBy(() -> new SignedCursors("short")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SignedCursors(null)).isInstanceOf(IllegalArgumentException.class);
    }
}
