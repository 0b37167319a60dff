package dev.takedown.core.staff;

import dev.takedown.core.model.Rightholder;
import dev.takedown.core.model.RightholderTrust;
import dev.takedown.core.model.SellerStanding;
import dev.takedown.core.model.SellerState;
import dev.takedown.core.model.Strike;
import dev.takedown.core.model.StrikeState;
import dev.takedown.core.model.Tier;
import dev.takedown.core.model.TrustChange;
import dev.takedown.core.model.TrustCounts;
import dev.takedown.core.model.TrustEvent;
import dev.takedown.core.ports.RightholderStore;
import dev.takedown.core.ports.TrustStore;
import dev.takedown.core.runtime.Log;
import dev.takedown.core.staff.StaffRequests.GetRightholder;
import dev.takedown.core.staff.StaffRequests.GetSeller;
import dev.takedown.core.staff.StaffRequests.LiftSuspension;
import dev.takedown.core.staff.StaffRequests.ReinstateSeller;
import dev.takedown.core.staff.StaffRequests.SetTier;
import dev.takedown.core.staff.StaffRequests.VoidStrike;
import dev.takedown.core.trust.SellerStandings;
import dev.takedown.core.trust.StrikeRules;
import dev.takedown.core.trust.TrustPolicy;
import dev.takedown.core.trust.TrustRules;
import dev.takedown.core.trust.TrustService;
import dev.takedown.core.trust.TrustStandings;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * What staff do about trust and penalties: read a rightholder's record and tier, set or release its tier, lift a
 * suspension; read a seller's strikes, void one, reinstate a suspended seller. Every change names the staff member
 * and a reason, and is recorded and told like an automatic one.
 */
public final class TrustStaffService {
    private final TrustService trust;
    private final SellerStandings standings;
    private final TrustStore store;
    private final RightholderStore rightholders;
    private final Clock clock;

    public TrustStaffService(TrustService trust, SellerStandings standings, TrustStore store,
                             RightholderStore rightholders, Clock clock) {
        this.trust = trust;
        this.standings = standings;
        this.store = store;
        this.rightholders = rightholders;
        this.clock = clock;
    }

    /** A rightholder's tier, its record over the window, whether it is eligible for TRUSTED, and every change of its trust. */
    public record RightholderRecord(Rightholder rightholder, TrustCounts counts, LocalDate windowStart,
                                    LocalDate windowEnd, TrustRules.Eligibility eligibility, List<TrustEvent> events) {
    }

    /** A strike with where it stands now. */
    public record StrikeView(Strike strike, StrikeState state, Instant establishesAt, Instant expiresAt) {
    }

    public record SellerRecord(String sellerId, SellerState state, int establishedStrikes, List<StrikeView> strikes,
                               List<TrustEvent> events) {
    }

    public RightholderRecord getRightholder(GetRightholder request) {
        return rightholderRecord(request.rightholderId(), now());
    }

    /** TRUSTED is granted only to a rightholder the rules make eligible; STANDARD can be set at any time. */
    public RightholderRecord setTier(SetTier request) {
        Instant now = now();
        RightholderTrust before = rightholder(request.rightholderId()).trust();
        if (before.tier() == Tier.SUSPENDED) {
            throw StaffException.conflict("tier", "Rightholder " + request.rightholderId() + " is SUSPENDED until "
                    + before.suspendedUntil() + ": use liftSuspension to end it.");
        }
        TrustCounts counts = trust.countsOf(request.rightholderId(), now);
        Tier tier = Tier.valueOf(request.tier().name());
        if (tier == Tier.TRUSTED) {
            TrustRules.Eligibility eligibility = TrustRules.eligibility(before, counts, now, trust.policy());
            if (!eligibility.eligible()) {
                throw StaffException.conflict("tier", "Rightholder " + request.rightholderId()
                        + " is not eligible for TRUSTED: " + String.join("; ", eligibility.missing()) + ".");
            }
        }
        applyOrConflict(request.rightholderId(), new TrustChange(TrustChange.Kind.TIER_SET, before,
                before.next(tier, now, request.staffId(), true, tier == Tier.TRUSTED ? null : before.trustedLockoutUntil(),
                        before.warnedAt(), null), request.staffId(), now, request.reason(), counts));
        Log.info("rightholder tier set by staff", "rightholderId", request.rightholderId(), "tier", request.tier(),
                "staffId", request.staffId());
        return rightholderRecord(request.rightholderId(), now);
    }

    public RightholderRecord liftSuspension(LiftSuspension request) {
        Instant now = now();
        RightholderTrust before = rightholder(request.rightholderId()).trust();
        if (before.tier() != Tier.SUSPENDED) {
            throw StaffException.conflict("rightholderId", "Rightholder " + request.rightholderId() + " is "
                    + before.tier() + ", not SUSPENDED: there is no suspension to lift.");
        }
        applyOrConflict(request.rightholderId(), new TrustChange(TrustChange.Kind.SUSPENSION_LIFTED, before,
                before.next(Tier.STANDARD, now, request.staffId(), false, before.trustedLockoutUntil(), null, null),
                request.staffId(), now, request.reason(), trust.countsOf(request.rightholderId(), now)));
        Log.info("rightholder suspension lifted by staff", "rightholderId", request.rightholderId(),
                "staffId", request.staffId());
        return rightholderRecord(request.rightholderId(), now);
    }

    public SellerRecord getSeller(GetSeller request) {
        return sellerRecord(request.sellerId(), now());
    }

    public SellerRecord voidStrike(VoidStrike request) {
        Instant now = now();
        Strike strike = store.strikes(request.sellerId(), null).stream().filter(s -> s.id().equals(request.strikeId()))
                .findFirst().orElseThrow(() -> StaffException.notFound("strikeId", "Seller " + request.sellerId()
                        + " has no strike " + request.strikeId() + "."));
        if (strike.voided() != null || !store.voidStrike(request.sellerId(), request.strikeId(),
                new Strike.Voided(request.staffId(), now, request.reason()))) {
            throw StaffException.conflict("strikeId", "Strike " + request.strikeId() + " is voided already.");
        }
        standings.strikeVoided(now);
        store.record(new TrustEvent(TrustEvent.seller(request.sellerId()),
                store.sellerState(request.sellerId()).version(), "void:" + strike.id(), now, request.staffId(),
                "STRIKE_VOIDED", strike.id(), null, request.reason()));
        standings.review(request.sellerId(), request.staffId(), "strike " + strike.id() + " voided: " + request.reason(),
                now, false);
        Log.info("strike voided by staff", "sellerId", request.sellerId(), "strikeId", request.strikeId(),
                "staffId", request.staffId());
        return sellerRecord(request.sellerId(), now);
    }

    public SellerRecord reinstateSeller(ReinstateSeller request) {
        Instant now = now();
        SellerState state = store.sellerState(request.sellerId());
        if (state.standing() != SellerStanding.SUSPENDED) {
            throw StaffException.conflict("sellerId", "Seller " + request.sellerId() + " is " + state.standing()
                    + ", not SUSPENDED: there is nothing to reinstate.");
        }
        standings.review(request.sellerId(), request.staffId(), "reinstated: " + request.reason(), now, true);
        Log.info("seller reinstated by staff", "sellerId", request.sellerId(), "staffId", request.staffId());
        return sellerRecord(request.sellerId(), now);
    }

    private void applyOrConflict(String rightholderId, TrustChange change) {
        if (!trust.apply(rightholderId, change)) {
            throw StaffException.conflict("rightholderId", "The trust of " + rightholderId
                    + " changed meanwhile; read it again with getRightholder and retry.");
        }
    }

    private Rightholder rightholder(String rightholderId) {
        return rightholders.find(rightholderId).orElseThrow(() -> StaffException.notFound("rightholderId",
                "No rightholder " + rightholderId + " exists."));
    }

    private RightholderRecord rightholderRecord(String rightholderId, Instant now) {
        Rightholder rightholder = rightholder(rightholderId);
        TrustStandings.Record record = trust.recordOf(rightholderId, now);
        return new RightholderRecord(rightholder, record.counts(), record.from(), record.to(),
                TrustRules.eligibility(rightholder.trust(), record.counts(), now, trust.policy()),
                store.events(TrustEvent.rightholder(rightholderId)));
    }

    private SellerRecord sellerRecord(String sellerId, Instant now) {
        TrustPolicy policy = trust.policy();
        List<Strike> strikes = store.strikes(sellerId, null);
        List<StrikeView> views = strikes.stream().map(s -> new StrikeView(s, StrikeRules.state(s, now, policy),
                StrikeRules.establishedAt(s, policy), StrikeRules.expiresAt(s, policy))).toList();
        return new SellerRecord(sellerId, store.sellerState(sellerId), StrikeRules.established(strikes, now, policy),
                views, store.events(TrustEvent.seller(sellerId)));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
