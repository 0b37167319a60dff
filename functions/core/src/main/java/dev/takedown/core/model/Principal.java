package dev.takedown.core.model;

/**
 * Whom an API key speaks for: a rightholder (the notices API) or a seller (contesting what was done to its
 * listings). Each route serves one kind; every switch over the kinds shows where a new one needs handling.
 */
public record Principal(Kind kind, String id) {
    public enum Kind {
        RIGHTHOLDER, SELLER
    }

    public static Principal rightholder(String rightholderId) {
        return new Principal(Kind.RIGHTHOLDER, rightholderId);
    }

    public static Principal seller(String sellerId) {
        return new Principal(Kind.SELLER, sellerId);
    }
}
