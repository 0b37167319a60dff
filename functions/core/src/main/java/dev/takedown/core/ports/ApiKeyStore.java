package dev.takedown.core.ports;

import dev.takedown.core.model.ApiKey;
import dev.takedown.core.model.Deactivation;
import dev.takedown.core.model.Principal;
import java.util.Optional;

/** API keys are known only by their SHA-256; a hash maps to exactly one principal. */
public interface ApiKeyStore {
    Optional<ApiKey> find(String keyHash);

    /** Why the principal may not use its keys; empty while it is active, as every principal is until deactivated. */
    Optional<Deactivation> deactivation(Principal principal);
}
