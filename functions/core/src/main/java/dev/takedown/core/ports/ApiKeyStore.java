package dev.takedown.core.ports;

import java.util.Optional;

/** API keys are known only by their SHA-256; a hash maps to exactly one rightholder. */
public interface ApiKeyStore {
    Optional<String> rightholderFor(String keyHash);
}
