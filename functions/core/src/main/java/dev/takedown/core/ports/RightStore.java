package dev.takedown.core.ports;

import dev.takedown.core.model.Right;
import java.util.Optional;

public interface RightStore {
    Optional<Right> find(String rightId);
}
