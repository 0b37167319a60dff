package dev.takedown.core.model;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Set;

/**
 * Everything one rightholder's notices removed from one seller on one UTC day, which counts as one strike: a
 * takedown always lands on the strike of its seller, rightholder and day, so recording it again changes nothing.
 *
 * @param copyright a COPYRIGHT takedown is in it (its dispute window counts business days)
 * @param other     a takedown for another reason is in it
 * @param items     takedowns it holds, named {@code noticeId#index}: those of the first batch recorded, for people
 *                  to follow up (the strike's row stays small however many listings one day removed)
 * @param voided    set when staff voided the strike, or when every takedown in it was reversed; a voided strike
 *                  never counts again
 * @param disputed  its takedowns with an open counter-notice or complaint: while any is, the strike is not established
 */
public record Strike(String sellerId, String rightholderId, LocalDate day, boolean copyright, boolean other,
                     Set<String> items, Voided voided, Set<String> disputed) {

    public Strike(String sellerId, String rightholderId, LocalDate day, boolean copyright, boolean other,
                  Set<String> items, Voided voided) {
        this(sellerId, rightholderId, day, copyright, other, items, voided, Set.of());
    }

    public record Voided(String by, Instant at, String reason) {
    }

    /** Items a strike keeps by name, at most. */
    public static final int ITEMS_KEPT = 10;

    public Strike {
        items = Set.copyOf(items);
        disputed = disputed == null ? Set.of() : Set.copyOf(disputed);
    }

    /** "2026-11-30/acme": unique per seller. */
    public String id() {
        return id(day, rightholderId);
    }

    public static String id(LocalDate day, String rightholderId) {
        return day + "/" + rightholderId;
    }

    public static String itemKey(String noticeId, int index) {
        return noticeId + "#" + index;
    }
}
