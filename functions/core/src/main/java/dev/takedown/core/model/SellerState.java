package dev.takedown.core.model;

import java.time.Instant;

/**
 * A seller's standing as last recorded.
 *
 * @param reinstatedAt staff reinstated the seller then: strikes established before it cannot suspend it again
 * @param version      bumped by every change, so that concurrent reviews cannot both apply
 */
public record SellerState(SellerStanding standing, Instant since, Instant reinstatedAt, long version) {
    public static final SellerState INITIAL = new SellerState(SellerStanding.GOOD_STANDING, null, null, 0);

    public SellerState next(SellerStanding standing, Instant since, Instant reinstatedAt) {
        return new SellerState(standing, since, reinstatedAt, version + 1);
    }
}
