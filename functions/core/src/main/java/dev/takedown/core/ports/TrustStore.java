package dev.takedown.core.ports;

import dev.takedown.core.model.RightholderTrust;
import dev.takedown.core.model.SellerState;
import dev.takedown.core.model.Strike;
import dev.takedown.core.model.TrustCounts;
import dev.takedown.core.model.TrustEvent;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * Rightholders' records and tiers, sellers' strikes and standings, and the trail of their changes. A rightholder's
 * trust is read with the rightholder ({@link RightholderStore}); it is changed here.
 */
public interface TrustStore extends TrustRecordStore {
    /** Adds to the rightholder's counts of one UTC day, atomically. */
    void addCounts(String rightholderId, LocalDate day, TrustCounts delta);

    /**
     * Adds to the rightholder's counts of one UTC day once for {@code token}, however often it is called with it:
     * for changes that happen one item at a time, such as a takedown reversed.
     */
    void addCountsOnce(String rightholderId, LocalDate day, TrustCounts delta, String token);

    /**
     * Replaces the rightholder's trust, provided it still is {@code before} (same version), and sets when the rules
     * look at it again (null: only when decisions arrive). False when someone changed it meanwhile.
     */
    boolean replaceTrust(String rightholderId, RightholderTrust before, RightholderTrust after, Instant nextReview);

    /** Rightholders whose next review is due at {@code now}, soonest first. */
    List<String> rightholdersDue(Instant now, int limit);

    /**
     * Adds takedowns to the strike of one rightholder against one seller on one day, creating it if needed;
     * adding them again changes nothing. {@code establishesAt} is when their dispute window closes.
     */
    void addStrikeItems(String sellerId, String rightholderId, LocalDate day, boolean copyright, List<String> items,
                        Instant establishesAt);

    /** The strikes against the seller of {@code from} on (every one ever when null), oldest first. */
    List<Strike> strikes(String sellerId, LocalDate from);

    /** Voids the strike unless it is voided already or does not exist; false then. */
    boolean voidStrike(String sellerId, String strikeId, Strike.Voided voided);

    /**
     * Marks one of the strike's takedowns ({@code noticeId#index}) as contested or no longer contested; marking it
     * again changes nothing.
     */
    void markDisputed(String sellerId, String strikeId, String itemKey, boolean disputed);

    /** A strike whose state may have changed by now (established or expired), to review its seller. */
    record DueStrike(String sellerId, String strikeId) {
    }

    /** Strikes due at {@code now}, soonest first. */
    List<DueStrike> strikesDue(Instant now, int limit);

    /** When the strike's state changes next; null takes it off the schedule. */
    void rescheduleStrike(String sellerId, String strikeId, Instant next);

    /**
     * Records when the strike was first found established: true for that call only, so that it is counted once
     * however often the strike comes due again (a replayed decision re-arms its schedule).
     */
    boolean markEstablished(String sellerId, String strikeId, Instant at);

    SellerState sellerState(String sellerId);

    /** Replaces the seller's standing, provided it still is {@code before} (same version). */
    boolean replaceSellerState(String sellerId, SellerState before, SellerState after);

    /**
     * Appends an event unless its subject already has another at the same sequence and tag: true when the event
     * stored there is this one (now or before), false when it is another (someone else's change won). The same kind
     * of change to the same {@code to} counts as this one, and recorded again it replaces the earlier record.
     */
    boolean record(TrustEvent event);

    /** The subject's events, in sequence. */
    List<TrustEvent> events(String subject);

    /** The sellers suspended on the UTC days {@code from} to {@code to} (both included): their suspensions, oldest first. */
    Page<TrustEvent> suspensions(LocalDate from, LocalDate to, String cursor, int limit);
}
