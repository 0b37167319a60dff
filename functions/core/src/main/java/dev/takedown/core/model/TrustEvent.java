package dev.takedown.core.model;

import java.time.Instant;

/**
 * One change to a rightholder's trust or a seller's standing or strikes, kept forever: who made it, when, what it
 * was, from what to what, and why.
 *
 * @param subject  {@code rightholder:<id>} or {@code seller:<id>}
 * @param sequence the version of the trust or standing the change made (or stood at, for a strike voided), so that
 *                 of two changes racing from the same version only one is recorded
 * @param tag      tells apart events at one sequence that are not changes of trust or standing ("" for those)
 */
public record TrustEvent(String subject, long sequence, String tag, Instant at, String actor, String kind, String from,
                         String to, String reason) {

    public static final String RIGHTHOLDER = "rightholder:";
    public static final String SELLER = "seller:";

    public static String rightholder(String rightholderId) {
        return RIGHTHOLDER + rightholderId;
    }

    public static String seller(String sellerId) {
        return SELLER + sellerId;
    }

    /** A seller's account suspended by this change: what a statement of reasons is owed for (Art. 17 and 24(5) DSA). */
    public boolean suspendsSeller() {
        String suspended = SellerStanding.SUSPENDED.name();
        return subject.startsWith(SELLER) && suspended.equals(to) && !suspended.equals(from);
    }

    /** The seller the event is about, or null for a rightholder's. */
    public String sellerId() {
        return subject.startsWith(SELLER) ? subject.substring(SELLER.length()) : null;
    }
}
