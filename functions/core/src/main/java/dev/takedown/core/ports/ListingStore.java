package dev.takedown.core.ports;

import dev.takedown.core.model.Listing;
import java.time.Instant;
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

    /** ACTIVE -> REMOVED in one conditional write, recording the notice and item that caused it. */
    Takedown takeDown(String listingId, String noticeId, int itemIndex, Instant at);
}
