package dev.takedown.core.ports;

import dev.takedown.core.model.Rightholder;
import java.util.Optional;

public interface RightholderStore {
    Optional<Rightholder> find(String rightholderId);
}
