package dev.takedown.core.testing;

import dev.takedown.core.model.Right;
import dev.takedown.core.model.RightStatus;
import dev.takedown.core.ports.RightStore;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Rights in memory, starting from a copy of the ones given; remembers who last changed each status. */
public final class InMemoryRightStore implements RightStore {
    private final Map<String, Right> rights;
    public final Map<String, String> statusChangedBy = new ConcurrentHashMap<>();

    public InMemoryRightStore(Map<String, Right> initial) {
        this.rights = new ConcurrentHashMap<>(initial);
    }

    public InMemoryRightStore with(Right right) {
        rights.put(right.id(), right);
        return this;
    }

    @Override
    public Optional<Right> find(String rightId) {
        return Optional.ofNullable(rights.get(rightId));
    }

    @Override
    public Optional<Right> setStatus(String rightId, RightStatus status, String changedBy, String reason, Instant at) {
        Right changed = rights.computeIfPresent(rightId, (id, r) -> new Right(r.id(), r.rightholderId(), r.type(), r.mark(),
                r.registrationNumber(), r.jurisdiction(), status, r.validUntil(), r.authorizedSellers()));
        if (changed != null) {
            statusChangedBy.put(rightId, changedBy);
        }
        return Optional.ofNullable(changed);
    }
}
