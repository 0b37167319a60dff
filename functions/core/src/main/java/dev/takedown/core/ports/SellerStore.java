package dev.takedown.core.ports;

import dev.takedown.core.model.Seller;
import java.util.Optional;

public interface SellerStore {
    Optional<Seller> find(String sellerId);
}
