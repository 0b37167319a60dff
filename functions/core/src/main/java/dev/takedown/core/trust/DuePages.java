package dev.takedown.core.trust;

import java.util.List;
import java.util.function.IntFunction;
import java.util.function.ToIntFunction;

/**
 * How a scheduled review works through what is due: a page at a time, each page's review scheduling its entries
 * later (so the next read returns the next ones), until a page comes back short or the run has read enough pages.
 */
final class DuePages {
    private static final int PAGE = 100;
    private static final int PAGES_PER_RUN = 50;

    private DuePages() {
    }

    /**
     * @param read   what is due, at most the given number
     * @param review reviews one page; returns how many of its entries changed
     * @return how many changed in all
     */
    static <T> int review(IntFunction<List<T>> read, ToIntFunction<List<T>> review) {
        int changed = 0;
        for (int page = 0; page < PAGES_PER_RUN; page++) {
            List<T> due = read.apply(PAGE);
            changed += review.applyAsInt(due);
            if (due.size() < PAGE) {
                break;
            }
        }
        return changed;
    }
}
