package dev.takedown.core.verify;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BrandMatchTest {
    @ParameterizedTest(name = "{0} / {1} / {2} -> {3}")
    @CsvSource(delimiter = '|', value = {
            "ACME | ACME | Anything | true",
            "ACME | acme | Anything | true",
            "ACME | Ａｃｍｅ | Anything | true",
            "ACME | ÁCMÉ | Anything | true",
            "ACME | ACME Corp | Anything | false",
            "ACME | | ACME Rocket Skates | true",
            "ACME | | Rocket skates by acme! | true",
            "ACME | | Rocket skates (ＡＣＭＥ) | true",
            "ACME | | Rocket skates, Açme original | true",
            "ACME | | ACME-compatible bird seed | true",
            "ACME | | ACMEX rocket skates | false",
            "ACME | | Pacmen rocket skates | false",
            "ACME | Other | Giant magnet | false",
            "Blue Ocean | | Genuine blue  ocean swimwear | true",
            "Blue Ocean | | Blue swimwear for the ocean | false",
            "Blue Ocean | blue-ocean | t-shirt | true",
    })
    void matchesTheMarkAsWholeWordsIgnoringCaseAccentsAndWidth(String mark, String brand, String title, boolean expected) {
        assertThat(BrandMatch.carriesMark(mark, brand, title)).isEqualTo(expected);
    }
}
