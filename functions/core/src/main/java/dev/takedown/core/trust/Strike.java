package dev.takedown.core.trust;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Set;

/**
 * Everything one rightholder's notices removed from one seller on one UTC day, which counts as one strike. Items
 * are named {@code noticeId#index}, so recording the same takedown again changes nothing; they are kept by
 * dispute window, COPYRIGHT takedowns having a window of business days.
 *
 * @param voided set when staff voided the strike; a voided strike never counts again
 */
public record Strike(String sellerId, String rightholderId, LocalDate day, Set<String> copyrightItems,
                     Set<String> otherItems, Voided voided) {

    public record Voided(String by, Instant at, String reason) {
    }

    public Strike {
        copyrightItems = Set.copyOf(copyrightItems);
        otherItems = Set.copyOf(otherItems);
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
