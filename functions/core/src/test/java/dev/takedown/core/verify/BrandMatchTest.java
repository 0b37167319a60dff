package dev.takedown.core.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.takedown.core.verify.BrandMatch.Use;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BrandMatchTest {
    @ParameterizedTest(name = "{0} / {1} / {2} -> {3}")
    @CsvSource(delimiter = '|', value = {
            "ACME | ACME | Anything | BRAND",
            "ACME | acme | Anything | BRAND",
            "ACME | Ａｃｍｅ | Anything | BRAND",
            "ACME | ÁCMÉ | Anything | BRAND",
            "ACME | ACME | ACME-compatible bird seed | BRAND",
            "ACME | | ACME Rocket Skates | TITLE",
            "ACME | | Rocket skates by acme! | TITLE",
            "ACME | | Rocket skates (ＡＣＭＥ) | TITLE",
            "ACME | | Rocket skates, Açme original | TITLE",
            "ACME | ACME | ACME running shoes | BRAND",
            "ACME | | ACME running shoes | TITLE",
            "ACME | | ACME running shoes for men | TITLE",
            "ACME | ' ' | ACME running shoes | TITLE",
            "ACME | | ACMEX rocket skates | NONE",
            "ACME | | Pacmen rocket skates | NONE",
            "ACME | Other | Giant magnet | NONE",
            "ACME | ACME Corp | Anything | NONE",
            "Blue Ocean | | Genuine blue  ocean swimwear | TITLE",
            "Blue Ocean | | Blue swimwear for the ocean | NONE",
            "Blue Ocean | blue-ocean | t-shirt | BRAND",
    })
    void theBrandFieldOrAPlainTitleCarriesTheMarkIgnoringCaseAccentsAndWidth(String mark, String brand, String title,
                                                                             Use expected) {
        assertThat(BrandMatch.use(mark, brand, title)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} / {1} -> OTHER_BRAND")
    @CsvSource(delimiter = '|', value = {
            "Honest Feeds | ACME rocket skates",
            "ACME Corp | ACME rocket skates",
            "Generic | Rocket skates ACME",
            "Ａｃｍｅ Ｔｏｏｌｓ | ACME drill",
    })
    void aTitleNamingTheMarkOnAListingOfAnotherBrandIsNotAUseOfIt(String brand, String title) {
        assertThat(BrandMatch.use("ACME", brand, title)).isEqualTo(Use.OTHER_BRAND);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            // Cues before the mark.
            "Bird seed compatible with ACME feeders",
            "Ink compatible w/ ACME printers",
            "Cartridge compatible to ACME",
            "Compatible ACME cartridges, 4 pack",
            "Charger works with ACME phones",
            "Case for ACME phone",
            "Fit for ACME rocket skates",
            "Strap fits ACME watches",
            "Strap fit ACME watch",
            "Hose fitting ACME pumps",
            "Made to fit ACME skates",
            "Replacement for ACME anvil handle",
            "Replacement ACME filter",
            "Replaces ACME part 1234",
            "Replace ACME blades",
            "Alternative to ACME pills",
            "Alternative ACME refills",
            "Like ACME, but cheaper",
            "Skates inspired by ACME",
            "Trainers in the style of ACME",
            "Skates à la ACME",
            "Same as ACME anvil",
            "Dupe ACME perfume",
            // Cues after the mark.
            "ACME-compatible bird seed, 5 kg",
            "ACME compatible bird seed",
            "ACME style rocket skates",
            "ACME-style rocket skates",
            "ACME-styled anvil",
            "ACME type anvil",
            "ACME-type anvil",
            "ACME-like rocket skates",
            "ACME inspired rocket skates",
            "ACME-inspired rocket skates",
            "ACME replacement filter",
            "ACME alternative refills",
            "ACME-fit strap",
            "ACME fitting hose",
            "ACME look-alike skates",
            "ACME lookalike skates",
            "ACME-ish skates",
            // Folded as the mark is: case, accents, full width.
            "acme-COMPATIBLE bird seed",
            "ÁCMÉ-compatíble bird seed",
            "ＡＣＭＥ－ｃｏｍｐａｔｉｂｌｅ bird seed",
            "Ｃａｓｅ ｆｏｒ ＡＣＭＥ",
            "Skates A LA ACME",
            "Strap fïts acme watch",
            // Any one referential mention of the mark is enough to need a person.
            "ACME skates, fits ACME boots",
    })
    void aCueNextToTheMarkMakesAReferenceNotAUse(String title) {
        assertThat(BrandMatch.use("ACME", null, title)).isEqualTo(Use.REFERENTIAL);
        assertThat(BrandMatch.use("ACME", "", title)).isEqualTo(Use.REFERENTIAL);
        assertThat(BrandMatch.use("ACME", "Honest Feeds", title)).as("a cue is named first").isEqualTo(Use.REFERENTIAL);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "ACME running shoes",
            "ACME running shoes for men",
            "Original ACME anvil, fits in any workshop",
            "Genuine ACME skates - compatible sizes 38-46",
            "ACME skates: the original style",
            "Formula ACME gloves",
    })
    void cuesAwayFromTheMarkDoNotMatter(String title) {
        assertThat(BrandMatch.use("ACME", null, title)).isEqualTo(Use.TITLE);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "Case for Blue Ocean phones",
            "Blue Ocean style swimwear",
    })
    void cuesWorkForMarksOfSeveralWords(String title) {
        assertThat(BrandMatch.use("Blue Ocean", null, title)).isEqualTo(Use.REFERENTIAL);
    }
}
