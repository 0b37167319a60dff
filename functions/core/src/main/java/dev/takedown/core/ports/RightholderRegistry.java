package dev.takedown.core.ports;

import dev.takedown.core.model.Rightholder;
import java.time.Instant;

/** Where staff register rightholders; kept apart from {@link RightholderStore}, which the hot path only reads. */
public interface RightholderRegistry {
    /** Creates the rightholder unless its id is taken; false when it is. */
    boolean register(Rightholder rightholder, String registeredBy, Instant at);
}
