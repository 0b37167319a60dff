package dev.takedown.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class IdsTest {
    @Test
    void renewingTheRandomnessReplacesTheGeneratorEveryIdComesFrom() {
        SecureRandom before = Ids.random();
        String notice = Ids.notice(Instant.parse("2026-12-01T10:00:00Z"));

        Ids.renewRandomness();

        assertThat(Ids.random()).isNotSameAs(before);
        assertThat(Ids.notice(Instant.parse("2026-12-01T10:00:00Z"))).isNotEqualTo(notice).matches(Ids.NOTICE_ID);
    }

    @Test
    void leaseTokensAreSixteenRandomBytesAndNeverRepeat() {
        Set<String> tokens = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            tokens.add(Ids.leaseToken());
        }
        assertThat(tokens).hasSize(1000).allMatch(token -> token.matches("[A-Za-z0-9_-]{22}"));
    }
}
