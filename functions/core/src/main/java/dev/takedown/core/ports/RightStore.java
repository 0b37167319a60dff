package dev.takedown.core.ports;

import dev.takedown.core.model.Right;
import dev.takedown.core.model.RightStatus;
import java.time.Instant;
import java.util.Optional;

public interface RightStore {
    Optional<Right> find(String rightId);

    /** Sets the status of an existing right, recording who changed it, when and why; empty for an unknown right. */
    Optional<Right> setStatus(String rightId, RightStatus status, String changedBy, String reason, Instant at);
}
