package dev.takedown.core.model;

/**
 * A listing in the marketplace catalog. A removed listing remembers what removed it: the notice item (so a takedown
 * interrupted before its decision was stored is recognised as its own when the work is replayed), or its seller's
 * suspension (so reinstating the seller puts it back).
 */
public record Listing(String id, String sellerId, String title, String brand, ListingStatus status,
                      String removedByNotice, Integer removedByItem, boolean removedBySuspension) {

    public Listing(String id, String sellerId, String title, String brand, ListingStatus status) {
        this(id, sellerId, title, brand, status, null, null, false);
    }

    public boolean active() {
        return status == ListingStatus.ACTIVE;
    }

    public boolean removedBy(String noticeId, int itemIndex) {
        return status == ListingStatus.REMOVED && noticeId.equals(removedByNotice)
                && Integer.valueOf(itemIndex).equals(removedByItem);
    }
}
