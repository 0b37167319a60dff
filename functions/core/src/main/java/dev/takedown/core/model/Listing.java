package dev.takedown.core.model;

/**
 * A listing in the marketplace catalog. A removed listing remembers the notice item that removed it, so a
 * takedown interrupted before its decision was stored is recognised as its own when the work is replayed.
 */
public record Listing(String id, String sellerId, String title, String brand, ListingStatus status,
                      String removedByNotice, Integer removedByItem) {

    public Listing(String id, String sellerId, String title, String brand, ListingStatus status) {
        this(id, sellerId, title, brand, status, null, null);
    }

    public boolean active() {
        return status == ListingStatus.ACTIVE;
    }

    public boolean removedBy(String noticeId, int itemIndex) {
        return status == ListingStatus.REMOVED && noticeId.equals(removedByNotice)
                && Integer.valueOf(itemIndex).equals(removedByItem);
    }
}
