package dev.takedown.core.trust;

import dev.takedown.core.events.Notifications;
import dev.takedown.core.model.Decision;
import dev.takedown.core.model.Figures;
import dev.takedown.core.model.Listing;
import dev.takedown.core.model.SellerStanding;
import dev.takedown.core.model.SellerState;
import dev.takedown.core.model.StandingChange;
import dev.takedown.core.model.Strike;
import dev.takedown.core.model.StrikeState;
import dev.takedown.core.model.TrustEvent;
import dev.takedown.core.ports.FiguresStore;
import dev.takedown.core.ports.ListingStore;
import dev.takedown.core.ports.NotificationQueue;
import dev.takedown.core.ports.TrustStore;
import dev.takedown.core.runtime.Log;
import dev.takedown.core.runtime.Metrics;
import dev.takedown.core.runtime.Metrics.Metric;
import dev.takedown.core.runtime.Parallel;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Keeps each seller's standing in line with its established, live strikes. Suspension takes down every active
 * listing of the seller, marked as caused by the suspension; reinstatement puts exactly those back. The listings
 * are dealt with and the change recorded and told to the seller before the standing is stored, so a retry after a
 * failure in between finishes the job (takedowns, the trail and webhooks are all kept once).
 */
public final class SellerStandings {
    private static final int ATTEMPTS = 3;

    private final TrustStore store;
    private final ListingStore listings;
    private final NotificationQueue notifications;
    private final TrustPolicy policy;
    private final FiguresStore figures;

    public SellerStandings(TrustStore store, ListingStore listings, NotificationQueue notifications, TrustPolicy policy,
                           FiguresStore figures) {
        this.store = store;
        this.listings = listings;
        this.notifications = notifications;
        this.policy = policy;
        this.figures = figures;
    }

    /** A strike voided, by the rules or by staff: counted by the one call whose write voided it. */
    public void strikeVoided(Instant at) {
        Metrics.count(Metric.STRIKE_EVENTS, "VOIDED");
        figures.add(null, TrustService.day(at), Figures.builder().count(Figures.STRIKES_VOIDED).build());
    }

    /** Reviews the sellers of strikes whose state changed by now; returns how many sellers changed standing. */
    public int reviewDue(Instant now) {
        return DuePages.review(limit -> store.strikesDue(now, limit), due -> reviewSellersOf(due, now));
    }

    /** Each seller once; then its strikes are scheduled for their next change, which takes them off this run. */
    private int reviewSellersOf(List<TrustStore.DueStrike> due, Instant now) {
        Set<String> sellers = new LinkedHashSet<>();
        due.forEach(d -> sellers.add(d.sellerId()));
        int changed = 0;
        Figures.Builder established = Figures.builder();
        for (String sellerId : sellers) {
            Reviewed reviewed = reviewStanding(sellerId, Decision.AUTO, "strikes established or expired", now, false);
            if (reviewed.change().isPresent()) {
                changed++;
            }
            for (TrustStore.DueStrike d : due) {
                if (d.sellerId().equals(sellerId)) {
                    // Due: its dispute window closed, or it expired (then it is among the live strikes no more).
                    settle(sellerId, d.strikeId(), reviewed.strikes().stream()
                            .filter(s -> s.id().equals(d.strikeId())).findFirst(), now, established);
                }
            }
        }
        figures.add(null, TrustService.day(now), established.build());
        return changed;
    }

    /**
     * One of the strike's takedowns is no longer contested (its dispute ended, or it was reversed). A strike held back
     * by a dispute past its dispute window is established now, and the schedule has let go of it: it is counted here,
     * once, and scheduled for its next change (its expiry), as the scheduled review would have done.
     */
    public void disputeEnded(String sellerId, String strikeId, LocalDate day, Instant now) {
        Figures.Builder established = Figures.builder();
        settle(sellerId, strikeId, store.strikes(sellerId, day).stream().filter(s -> s.id().equals(strikeId)).findFirst(),
                now, established);
        figures.add(null, TrustService.day(now), established.build());
    }

    /** Counts the strike established the first time it is found so, and schedules it for its next change. */
    private void settle(String sellerId, String strikeId, Optional<Strike> strike, Instant now,
                        Figures.Builder established) {
        if (strike.filter(s -> StrikeRules.state(s, now, policy) == StrikeState.ESTABLISHED).isPresent()
                && store.markEstablished(sellerId, strikeId, now)) {
            Metrics.count(Metric.STRIKE_EVENTS, "ESTABLISHED");
            established.count(Figures.STRIKES_ESTABLISHED);
        }
        store.rescheduleStrike(sellerId, strikeId, strike.map(s -> StrikeRules.nextChange(s, now, policy)).orElse(null));
    }

    /**
     * Brings the seller's standing in line with its strikes.
     *
     * @param reinstate staff lift a suspension: suspension-removed listings come back and older strikes can no
     *                  longer suspend the seller
     */
    public Optional<StandingChange> review(String sellerId, String actor, String reason, Instant now, boolean reinstate) {
        return reviewStanding(sellerId, actor, reason, now, reinstate).change();
    }

    /** A review's outcome, with the strikes it went by (the scheduled review reschedules them). */
    private record Reviewed(Optional<StandingChange> change, List<Strike> strikes) {
    }

    private Reviewed reviewStanding(String sellerId, String actor, String reason, Instant now, boolean reinstate) {
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            SellerState before = store.sellerState(sellerId);
            List<Strike> strikes = store.strikes(sellerId, StrikeRules.oldestLive(now, policy));
            Instant reinstatedAt = reinstate ? now : before.reinstatedAt();
            SellerStanding target = StrikeRules.standing(strikes, reinstatedAt, now, policy);
            if (target == before.standing() && !reinstate) {
                return new Reviewed(Optional.empty(), strikes);
            }
            int established = StrikeRules.established(strikes, now, policy);
            List<String> removed = target == SellerStanding.SUSPENDED ? takeDownActive(sellerId, now) : List.of();
            List<String> restored = before.standing() == SellerStanding.SUSPENDED && target != SellerStanding.SUSPENDED
                    ? restore(sellerId) : List.of();
            SellerState after = before.next(target, target == before.standing() ? before.since() : now, reinstatedAt);
            StandingChange change = new StandingChange(sellerId, before.standing(), target, established, removed, restored);
            if (!store.record(new TrustEvent(TrustEvent.seller(sellerId), after.version(), "", now, actor,
                    reinstate ? "REINSTATED" : "STANDING_CHANGED", before.standing().name(), target.name(),
                    reason + "; " + established + " established strikes"
                    + (removed.isEmpty() ? "" : "; " + removed.size() + " listings taken down")
                    + (restored.isEmpty() ? "" : "; " + restored.size() + " listings restored")))) {
                continue;
            }
            if (target != before.standing()) {
                notifications.publish(List.of(Notifications.sellerStatusChanged(change, after.version(), actor, now,
                        policy.strikeLifeDays(), policy.strikesToSuspend())));
            }
            if (store.replaceSellerState(sellerId, before, after)) {
                Log.info("seller standing changed", "sellerId", sellerId, "from", before.standing(), "to", target,
                        "strikes", established, "listingsRemoved", removed.size(), "listingsRestored", restored.size());
                if (target != before.standing() && target != SellerStanding.GOOD_STANDING) {
                    Metrics.count(Metric.STRIKE_EVENTS, "SELLER_" + target.name());
                }
                if (target != before.standing()) {
                    figures.add(null, TrustService.day(now), Figures.builder().count(Figures.sellers(target.name())).build());
                }
                return new Reviewed(Optional.of(change), strikes);
            }
        }
        throw new IllegalStateException("standing of seller " + sellerId + " keeps changing under review; retry later");
    }

    private List<String> takeDownActive(String sellerId, Instant now) {
        return changeListings(sellerId, Listing::active, id -> listings.takeDownForSuspension(id, now));
    }

    private List<String> restore(String sellerId) {
        return changeListings(sellerId, Listing::removedBySuspension, listings::restoreAfterSuspension);
    }

    /** Applies {@code change} to the seller's listings that match, side by side; the ids it changed, in order. */
    private List<String> changeListings(String sellerId, Predicate<Listing> which, Predicate<String> change) {
        List<String> matching = listings.findAll(listings.idsOfSeller(sellerId)).values().stream()
                .filter(which).map(Listing::id).sorted().toList();
        List<Boolean> changed = Parallel.map(matching, change::test);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < matching.size(); i++) {
            if (changed.get(i)) {
                ids.add(matching.get(i));
            }
        }
        return ids;
    }
}
