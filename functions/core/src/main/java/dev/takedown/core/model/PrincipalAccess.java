package dev.takedown.core.model;

/**
 * What the gateway needs about a principal besides its key, kept in one record so that it takes one read:
 * whether staff deactivated it (null: active) and its rate plan.
 */
public record PrincipalAccess(Deactivation deactivation, RatePlan ratePlan) {
    public static final PrincipalAccess DEFAULT = new PrincipalAccess(null, RatePlan.STANDARD);
}
