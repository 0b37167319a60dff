package dev.takedown.core.model;

/** A listing in the marketplace catalog. */
public record Listing(String id, String sellerId, String title, String brand, ListingStatus status) {
    public boolean active() {
        return status == ListingStatus.ACTIVE;
    }
}
