package dev.takedown.core.ports;

import dev.takedown.core.model.Seller;
import java.time.Instant;

/** Where staff register sellers; kept apart from {@link SellerStore}, which the notifier only reads. */
public interface SellerRegistry {
    /** Creates the seller unless one of that id is registered; false when it is. */
    boolean register(Seller seller, String registeredBy, Instant at);
}
