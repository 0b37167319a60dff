package dev.takedown.core.ports;

import dev.takedown.core.model.ApiKey;
import dev.takedown.core.model.Deactivation;
import dev.takedown.core.model.Principal;
import dev.takedown.core.model.RatePlan;
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
}
