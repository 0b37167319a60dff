package dev.takedown.core.testing;

import dev.takedown.core.model.Listing;
import dev.takedown.core.model.ListingStatus;
import dev.takedown.core.ports.ListingStore;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** A catalog in memory that counts real takedowns, so tests can tell a replay from a second removal. */
public final class InMemoryListingStore implements ListingStore {
    private final Map<String, Listing> listings = new ConcurrentHashMap<>();
    private final Map<String, String> removedBy = new ConcurrentHashMap<>();
    public final AtomicInteger takedowns = new AtomicInteger();

    public InMemoryListingStore with(Listing listing) {
        listings.put(listing.id(), listing);
        return this;
    }

    @Override
    public Optional<Listing> find(String listingId) {
        return Optional.ofNullable(listings.get(listingId));
    }

    @Override
    public Map<String, Listing> findAll(Collection<String> listingIds) {
        Map<String, Listing> found = new HashMap<>();
        listingIds.forEach(id -> find(id).ifPresent(listing -> found.put(id, listing)));
        return found;
    }

    @Override
    public synchronized Takedown takeDown(String listingId, String noticeId, int itemIndex, Instant at) {
        Listing listing = listings.get(listingId);
        String cause = noticeId + "#" + itemIndex;
        if (listing != null && listing.active()) {
            listings.put(listingId, new Listing(listing.id(), listing.sellerId(), listing.title(), listing.brand(),
                    ListingStatus.REMOVED, noticeId, itemIndex, false));
            removedBy.put(listingId, cause);
            takedowns.incrementAndGet();
            return Takedown.REMOVED;
        }
        return cause.equals(removedBy.get(listingId)) ? Takedown.REMOVED : Takedown.ALREADY_REMOVED;
    }

    @Override
    public List<String> idsOfSeller(String sellerId) {
        return listings.values().stream().filter(l -> l.sellerId().equals(sellerId)).map(Listing::id).sorted().toList();
    }

    @Override
    public synchronized boolean takeDownForSuspension(String listingId, Instant at) {
        Listing listing = listings.get(listingId);
        if (listing == null || !listing.active()) {
            return false;
        }
        listings.put(listingId, new Listing(listing.id(), listing.sellerId(), listing.title(), listing.brand(),
                ListingStatus.REMOVED, null, null, true));
        return true;
    }

    @Override
    public synchronized boolean restoreAfterSuspension(String listingId) {
        Listing listing = listings.get(listingId);
        if (listing == null || !listing.removedBySuspension()) {
            return false;
        }
        listings.put(listingId, new Listing(listing.id(), listing.sellerId(), listing.title(), listing.brand(),
                ListingStatus.ACTIVE));
        return true;
    }

    @Override
    public synchronized boolean restoreTakedown(String listingId, String noticeId, int itemIndex,
                                                boolean keepForSuspension) {
        Listing listing = listings.get(listingId);
        if (listing == null || !listing.removedBy(noticeId, itemIndex)) {
            return false;
        }
        listings.put(listingId, keepForSuspension
                ? new Listing(listing.id(), listing.sellerId(), listing.title(), listing.brand(), ListingStatus.REMOVED,
                        null, null, true)
                : new Listing(listing.id(), listing.sellerId(), listing.title(), listing.brand(), ListingStatus.ACTIVE));
        removedBy.remove(listingId);
        return true;
    }

    public String removedBy(String listingId) {
        return removedBy.get(listingId);
    }
}
