package dev.takedown.core.verify;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Whether a listing carries a mark: its brand is the mark, or its title contains the mark as whole words.
 * Case, accents and character width do not matter ("ＡＣＭＥ", "Ácme" and "acme" are the same mark).
 */
public final class BrandMatch {
    private BrandMatch() {
    }

    public static boolean carriesMark(String mark, String brand, String title) {
        List<String> markWords = words(mark);
        if (markWords.isEmpty()) {
            return false;
        }
        if (brand != null && words(brand).equals(markWords)) {
            return true;
        }
        List<String> titleWords = title == null ? List.of() : words(title);
        for (int start = 0; start + markWords.size() <= titleWords.size(); start++) {
            if (titleWords.subList(start, start + markWords.size()).equals(markWords)) {
                return true;
            }
        }
        return false;
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
