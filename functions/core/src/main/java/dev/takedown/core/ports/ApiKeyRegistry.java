package dev.takedown.core.ports;

import dev.takedown.core.model.ApiKey;
import dev.takedown.core.model.Deactivation;
import dev.takedown.core.model.Principal;
import dev.takedown.core.model.RatePlan;
import dev.takedown.core.model.UsageKey;
import java.util.List;

/** Where staff issue and revoke API keys and (de)activate principals; like {@link ApiKeyStore}, it never sees a key. */
public interface ApiKeyRegistry extends ApiKeyStore {
    void issue(ApiKey key);

    /** Revokes every key of the principal but the one given (null: all of them); returns how many were revoked. */
    int revokeAllBut(Principal principal, String keptKeyHash);

    /** The principal's keys that have not been revoked, expired ones included. */
    List<ApiKey> keysOf(Principal principal);

    /** False when the principal is deactivated already. */
    boolean deactivate(Principal principal, Deactivation deactivation);

    /** False when the principal is not deactivated. */
    boolean reactivate(Principal principal);

    /** Puts the principal's keys on the plan; its deactivation, if any, stays. */
    void setRatePlan(Principal principal, RatePlan plan);

    /**
     * Keeps the gateway key made for the principal, unless one was kept for it already (a retry, or another staff
     * request at the same time); answers the one kept, which the principal's keys are metered on from then on.
     */
    UsageKey keepUsageKey(Principal principal, UsageKey key);
}
