package dev.takedown.core.model;

/**
 * Whom an API key speaks for. Only rightholders hold keys today; a new kind (sellers) is a new constant, and every
 * switch over the kinds then shows where it needs handling.
 */
public record Principal(Kind kind, String id) {
    public enum Kind {
        RIGHTHOLDER
    }

    public static Principal rightholder(String rightholderId) {
        return new Principal(Kind.RIGHTHOLDER, rightholderId);
    }
}
