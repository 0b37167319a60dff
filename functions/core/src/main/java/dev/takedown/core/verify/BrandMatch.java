package dev.takedown.core.verify;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * How a listing uses a mark. Its brand field being the mark is a use of the mark. A title naming the mark (as whole
 * words) is one only when the brand is empty or the mark and no referential cue stands next to the mark: "for ACME",
 * "ACME-compatible", "ACME style" name ACME to say what the goods fit or resemble, which is not infringement, and
 * a listing branded otherwise may be doing the same. Case, accents and character width do not matter ("ＡＣＭＥ",
 * "Ácme" and "acme" are the same mark; "à la" is "a la").
 */
public final class BrandMatch {
    /** What the listing shows of the mark, and so whether it may be taken down without a person looking. */
    public enum Use {
        /** The listing's brand is the mark. */
        BRAND,
        /** The title names the mark, the brand is empty or the mark, and nothing suggests a reference. */
        TITLE,
        /** The title names the mark next to a referential cue: compatible with, for, replacement, style... */
        REFERENTIAL,
        /** The title names the mark but the listing's brand is another brand. */
        OTHER_BRAND,
        /** Neither the brand nor the title carries the mark. */
        NONE
    }

    /** Cues that refer to a mark when they come right before it, e.g. "compatible with ACME", "for ACME". */
    private static final List<List<String>> CUES_BEFORE = cues(
            "compatible with", "compatible w", "compatible to", "compatible", "works with", "for", "fits", "fit",
            "fitting", "to fit", "replacement for", "replacement", "replacements", "replaces", "replace", "replacing",
            "alternative to", "alternative for", "alternative", "alternatives", "like", "inspired by", "style of",
            "a la", "same as", "dupe");

    /** Cues that refer to a mark when they come right after it, e.g. "ACME-compatible", "ACME style". */
    private static final List<List<String>> CUES_AFTER = cues(
            "compatible", "compatibles", "style", "styled", "type", "like", "inspired", "replacement", "replacements",
            "alternative", "alternatives", "fit", "fits", "fitting", "look alike", "lookalike", "dupe", "ish");

    private BrandMatch() {
    }

    public static Use use(String mark, String brand, String title) {
        List<String> markWords = words(mark);
        if (markWords.isEmpty()) {
            return Use.NONE;
        }
        List<String> brandWords = brand == null ? List.of() : words(brand);
        if (brandWords.equals(markWords)) {
            return Use.BRAND;
        }
        List<String> titleWords = title == null ? List.of() : words(title);
        boolean named = false;
        for (int start = 0; start + markWords.size() <= titleWords.size(); start++) {
            int end = start + markWords.size();
            if (titleWords.subList(start, end).equals(markWords)) {
                named = true;
                if (cueEndsAt(titleWords, start) || cueStartsAt(titleWords, end)) {
                    return Use.REFERENTIAL;
                }
            }
        }
        if (!named) {
            return Use.NONE;
        }
        return brandWords.isEmpty() ? Use.TITLE : Use.OTHER_BRAND;
    }

    private static boolean cueEndsAt(List<String> words, int end) {
        return CUES_BEFORE.stream().anyMatch(cue -> cue.size() <= end && words.subList(end - cue.size(), end).equals(cue));
    }

    private static boolean cueStartsAt(List<String> words, int start) {
        return CUES_AFTER.stream().anyMatch(cue -> start + cue.size() <= words.size()
                && words.subList(start, start + cue.size()).equals(cue));
    }

    private static List<List<String>> cues(String... phrases) {
        return Arrays.stream(phrases).map(BrandMatch::words).toList();
    }

    /** Letters and digits in runs, folded: width (NFKC), accents stripped, lower case. */
    static List<String> words(String text) {
        String folded = Normalizer.normalize(Normalizer.normalize(text, Normalizer.Form.NFKC), Normalizer.Form.NFD)
                .replaceAll("\\p{M}+", "")
                .toLowerCase(Locale.ROOT);
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        folded.codePoints().forEach(c -> {
            if (Character.isLetterOrDigit(c)) {
                word.appendCodePoint(c);
            } else if (word.length() > 0) {
                words.add(word.toString());
                word.setLength(0);
            }
        });
        if (word.length() > 0) {
            words.add(word.toString());
        }
        return words;
    }
}
