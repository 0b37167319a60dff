package dev.takedown.core.model;

import java.util.List;

/** A change of a seller's standing as made, with the listings it took down or put back. */
public record StandingChange(String sellerId, SellerStanding from, SellerStanding to, int strikes,
                             List<String> listingsRemoved, List<String> listingsRestored) {
}
