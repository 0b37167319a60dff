package dev.takedown.core.testing;

import dev.takedown.core.model.Principal;
import dev.takedown.core.model.RatePlan;
import dev.takedown.core.model.UsageKey;
import dev.takedown.core.ports.UsagePlans;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The gateway's keys and usage plans in memory, holding to API Gateway's rule that a key is on at most one usage
 * plan of the API; records every call, and can fail the next one as a gateway that is down would.
 */
public final class InMemoryUsagePlans implements UsagePlans {
    private final Map<String, UsageKey> keys = new ConcurrentHashMap<>();
    private final Map<String, RatePlan> plans = new ConcurrentHashMap<>();
    public final List<String> calls = new ArrayList<>();
    private String failing;

    @Override
    public synchronized UsageKey createKey(Principal principal) {
        call("createKey " + principal.kind() + ":" + principal.id());
        UsageKey key = new UsageKey(UUID.randomUUID().toString(), "usage-" + UUID.randomUUID());
        keys.put(key.id(), key);
        return key;
    }

    @Override
    public synchronized void meter(String keyId, RatePlan plan) {
        for (RatePlan other : RatePlan.values()) {
            if (other != plan) {
                call("remove " + keyId + " " + other);
                plans.remove(keyId, other);
            }
        }
        call("add " + keyId + " " + plan);
        if (!keys.containsKey(keyId)) {
            throw new IllegalStateException("no gateway key " + keyId);
        }
        if (plans.putIfAbsent(keyId, plan) != null && plans.get(keyId) != plan) {
            throw new IllegalStateException("gateway key " + keyId + " is on another usage plan");
        }
    }

    /** The next call whose description starts with {@code prefix} fails, as a gateway that is down would. */
    public synchronized void failNext(String prefix) {
        failing = prefix;
    }

    private void call(String description) {
        if (failing != null && description.startsWith(failing)) {
            failing = null;
            throw new IllegalStateException("the gateway is down");
        }
        calls.add(description);
    }

    /** The usage plan the key meters on, if any. */
    public synchronized Optional<RatePlan> planOf(String keyId) {
        return Optional.ofNullable(plans.get(keyId));
    }

    public synchronized int keyCount() {
        return keys.size();
    }
}
