package dev.takedown.core.ports;

import dev.takedown.core.model.Listing;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The marketplace's catalog, as far as takedowns need it. */
public interface ListingStore {
    enum Takedown {
        /** This item took the listing down (now, or on an earlier attempt at the same takedown). */
        REMOVED,
        /** Something else had removed it first. */
        ALREADY_REMOVED
    }

    Optional<Listing> find(String listingId);

    /** The listings of these ids that exist, by id. */
    Map<String, Listing> findAll(Collection<String> listingIds);

    /** ACTIVE -> REMOVED in one conditional write, recording the notice and item that caused it. */
    Takedown takeDown(String listingId, String noticeId, int itemIndex, Instant at);

    /** Ids of the seller's listings, whatever their status. */
    List<String> idsOfSeller(String sellerId);

    /** ACTIVE -> REMOVED, marked as caused by the seller's suspension; false when it was not active. */
    boolean takeDownForSuspension(String listingId, Instant at);

    /**
     * Undoes the takedown of this item: back to ACTIVE, or, when {@code keepForSuspension}, left down as removed by
     * its seller's suspension (so that reinstatement brings it back). Only a listing this item removed changes;
     * false otherwise (also when done before).
     */
    boolean restoreTakedown(String listingId, String noticeId, int itemIndex, boolean keepForSuspension);

    /** Back to ACTIVE, if its seller's suspension removed it; false otherwise. */
    boolean restoreAfterSuspension(String listingId);
}
