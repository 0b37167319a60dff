package dev.takedown.core.ports;

import dev.takedown.core.model.ApiKey;
import dev.takedown.core.model.Deactivation;
import dev.takedown.core.model.Principal;
import dev.takedown.core.model.PrincipalAccess;
import java.util.Optional;

/** API keys are known only by their SHA-256; a hash maps to exactly one principal. */
public interface ApiKeyStore {
    Optional<ApiKey> find(String keyHash);

    /**
     * The principal's deactivation, rate plan and gateway key, in one read; {@link PrincipalAccess#DEFAULT} for one
     * never changed.
     */
    PrincipalAccess access(Principal principal);

    /** Why the principal may not use its keys; empty while it is active, as every principal is until deactivated. */
    default Optional<Deactivation> deactivation(Principal principal) {
        return Optional.ofNullable(access(principal).deactivation());
    }
}
