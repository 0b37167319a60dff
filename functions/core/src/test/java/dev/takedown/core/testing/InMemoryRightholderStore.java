package dev.takedown.core.testing;

import dev.takedown.core.model.Rightholder;
import dev.takedown.core.ports.RightholderRegistry;
import dev.takedown.core.ports.RightholderStore;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

public final class InMemoryRightholderStore implements RightholderStore, RightholderRegistry {
    private final Map<String, Rightholder> rightholders = new ConcurrentHashMap<>();
    public final Map<String, String> registeredBy = new ConcurrentHashMap<>();

    public InMemoryRightholderStore with(Rightholder rightholder) {
        rightholders.put(rightholder.id(), rightholder);
        return this;
    }

    @Override
    public Optional<Rightholder> find(String rightholderId) {
        return Optional.ofNullable(rightholders.get(rightholderId));
    }

    @Override
    public boolean register(Rightholder rightholder, String by, Instant at) {
        if (rightholders.putIfAbsent(rightholder.id(), rightholder) != null) {
            return false;
        }
        registeredBy.put(rightholder.id(), by);
        return true;
    }
}
