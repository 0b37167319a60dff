package dev.takedown.core.testing;

import dev.takedown.core.model.Seller;
import dev.takedown.core.ports.SellerRegistry;
import dev.takedown.core.ports.SellerStore;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

public final class InMemorySellerStore implements SellerStore, SellerRegistry {
    private final Map<String, Seller> sellers = new ConcurrentHashMap<>();

    public InMemorySellerStore with(Seller seller) {
        sellers.put(seller.id(), seller);
        return this;
    }

    @Override
    public Optional<Seller> find(String sellerId) {
        return Optional.ofNullable(sellers.get(sellerId));
    }

    @Override
    public boolean register(Seller seller, String registeredBy, Instant at) {
        return sellers.putIfAbsent(seller.id(), seller) == null;
    }
}
