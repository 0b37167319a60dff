package dev.takedown.core.model;

/**
 * What the gateway needs about a principal besides its key, kept in one record so that it takes one read:
 * whether staff deactivated it (null: active), its rate plan, and the gateway key that meters its requests on that
 * plan (null: none made for it yet).
 */
public record PrincipalAccess(Deactivation deactivation, RatePlan ratePlan, UsageKey usageKey) {
    public static final PrincipalAccess DEFAULT = new PrincipalAccess(null, RatePlan.STANDARD, null);

    /** A principal without a gateway key of its own. */
    public PrincipalAccess(Deactivation deactivation, RatePlan ratePlan) {
        this(deactivation, ratePlan, null);
    }
}
