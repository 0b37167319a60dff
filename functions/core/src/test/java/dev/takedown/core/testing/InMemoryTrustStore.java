package dev.takedown.core.testing;

import dev.takedown.core.model.Rightholder;
import dev.takedown.core.model.RightholderTrust;
import dev.takedown.core.model.SellerState;
import dev.takedown.core.model.Strike;
import dev.takedown.core.model.TrustCounts;
import dev.takedown.core.model.TrustEvent;
import dev.takedown.core.ports.Page;
import dev.takedown.core.ports.TrustStore;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/** Trust and penalties in memory; a rightholder's trust is kept on its record in the rightholder store. */
public final class InMemoryTrustStore implements TrustStore {
    private final InMemoryRightholderStore rightholders;
    private final Map<String, TrustCounts> counts = new TreeMap<>();
    private final Set<String> appliedOnce = new HashSet<>();
    private final Map<String, Instant> reviews = new HashMap<>();
    private final Map<String, Map<String, Strike>> strikes = new HashMap<>();
    private final Map<DueStrike, Instant> strikeDue = new HashMap<>();
    private final Map<String, SellerState> sellers = new HashMap<>();
    private final Set<String> established = new HashSet<>();
    private final Map<String, List<TrustEvent>> events = new HashMap<>();

    public InMemoryTrustStore(InMemoryRightholderStore rightholders) {
        this.rightholders = rightholders;
    }

    @Override
    public synchronized void addCounts(String rightholderId, LocalDate day, TrustCounts delta) {
        counts.merge(rightholderId + "|" + day, delta, TrustCounts::plus);
    }

    @Override
    public synchronized void addCountsOnce(String rightholderId, LocalDate day, TrustCounts delta, String token) {
        if (appliedOnce.add(rightholderId + "|" + day + "|" + token)) {
            addCounts(rightholderId, day, delta);
        }
    }

    @Override
    public synchronized TrustCounts counts(String rightholderId, LocalDate from, LocalDate to) {
        TrustCounts sum = TrustCounts.NONE;
        for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
            sum = sum.plus(counts.getOrDefault(rightholderId + "|" + day, TrustCounts.NONE));
        }
        return sum;
    }

    @Override
    public synchronized boolean replaceTrust(String rightholderId, RightholderTrust before, RightholderTrust after,
                                             Instant nextReview) {
        Rightholder current = rightholders.find(rightholderId).orElse(null);
        if (current == null || current.trust().version() != before.version()) {
            return false;
        }
        rightholders.with(new Rightholder(current.id(), current.name(), current.email(), current.callbackUrl(),
                after));
        if (nextReview == null) {
            reviews.remove(rightholderId);
        } else {
            reviews.put(rightholderId, nextReview);
        }
        return true;
    }

    @Override
    public synchronized List<String> rightholdersDue(Instant now, int limit) {
        return due(reviews, now, limit, Comparator.naturalOrder());
    }

    @Override
    public synchronized void addStrikeItems(String sellerId, String rightholderId, LocalDate day, boolean copyright,
                                            List<String> items, Instant establishesAt) {
        if (items.isEmpty()) {
            return;
        }
        Map<String, Strike> ofSeller = strikes.computeIfAbsent(sellerId, k -> new TreeMap<>());
        String id = Strike.id(day, rightholderId);
        Strike old = ofSeller.get(id);
        Set<String> kept = old != null ? old.items()
                : new HashSet<>(items.stream().sorted().limit(Strike.ITEMS_KEPT).toList());
        ofSeller.put(id, new Strike(sellerId, rightholderId, day, copyright || old != null && old.copyright(),
                !copyright || old != null && old.other(), kept, old == null ? null : old.voided(),
                old == null ? Set.of() : old.disputed()));
        strikeDue.merge(new DueStrike(sellerId, id), establishesAt, (a, b) -> a.isBefore(b) ? a : b);
    }

    @Override
    public synchronized List<Strike> strikes(String sellerId, LocalDate from) {
        return strikes.getOrDefault(sellerId, Map.of()).values().stream()
                .filter(s -> from == null || !s.day().isBefore(from))
                .sorted(Comparator.comparing(Strike::day).thenComparing(Strike::rightholderId)).toList();
    }

    @Override
    public synchronized boolean voidStrike(String sellerId, String strikeId, Strike.Voided voided) {
        Strike strike = strikes.getOrDefault(sellerId, Map.of()).get(strikeId);
        if (strike == null || strike.voided() != null) {
            return false;
        }
        strikes.get(sellerId).put(strikeId, new Strike(sellerId, strike.rightholderId(), strike.day(),
                strike.copyright(), strike.other(), strike.items(), voided, strike.disputed()));
        strikeDue.remove(new DueStrike(sellerId, strikeId));
        return true;
    }

    @Override
    public synchronized void markDisputed(String sellerId, String strikeId, String itemKey, boolean disputed) {
        Strike strike = strikes.getOrDefault(sellerId, Map.of()).get(strikeId);
        if (strike == null) {
            return;
        }
        Set<String> keys = new java.util.HashSet<>(strike.disputed());
        if (disputed) {
            keys.add(itemKey);
        } else {
            keys.remove(itemKey);
        }
        strikes.get(sellerId).put(strikeId, new Strike(sellerId, strike.rightholderId(), strike.day(),
                strike.copyright(), strike.other(), strike.items(), strike.voided(), keys));
    }

    @Override
    public synchronized List<DueStrike> strikesDue(Instant now, int limit) {
        return due(strikeDue, now, limit, Comparator.comparing(DueStrike::sellerId).thenComparing(DueStrike::strikeId));
    }

    @Override
    public synchronized boolean markEstablished(String sellerId, String strikeId, Instant at) {
        return strikes.getOrDefault(sellerId, Map.of()).containsKey(strikeId) && established.add(sellerId + "/" + strikeId);
    }

    @Override
    public synchronized void rescheduleStrike(String sellerId, String strikeId, Instant next) {
        DueStrike strike = new DueStrike(sellerId, strikeId);
        if (next == null) {
            strikeDue.remove(strike);
        } else if (strikes.getOrDefault(sellerId, Map.of()).containsKey(strikeId)) {
            strikeDue.put(strike, next);
        }
    }

    @Override
    public synchronized SellerState sellerState(String sellerId) {
        return sellers.getOrDefault(sellerId, SellerState.INITIAL);
    }

    @Override
    public synchronized boolean replaceSellerState(String sellerId, SellerState before, SellerState after) {
        if (sellerState(sellerId).version() != before.version()) {
            return false;
        }
        sellers.put(sellerId, after);
        return true;
    }

    @Override
    public synchronized boolean record(TrustEvent event) {
        List<TrustEvent> trail = events.computeIfAbsent(event.subject(), k -> new ArrayList<>());
        for (int i = 0; i < trail.size(); i++) {
            TrustEvent kept = trail.get(i);
            if (kept.sequence() == event.sequence() && kept.tag().equals(event.tag())) {
                boolean sameChange = kept.kind().equals(event.kind()) && Objects.equals(kept.to(), event.to());
                if (sameChange) {
                    // A retry of the change replaces it, as the conditional put on DynamoDB does.
                    trail.set(i, event);
                }
                return sameChange;
            }
        }
        trail.add(event);
        trail.sort(Comparator.comparingLong(TrustEvent::sequence).thenComparing(TrustEvent::tag));
        return true;
    }

    @Override
    public synchronized List<TrustEvent> events(String subject) {
        return List.copyOf(events.getOrDefault(subject, List.of()));
    }

    @Override
    public synchronized Page<TrustEvent> suspensions(LocalDate from, LocalDate to, String cursor, int limit) {
        List<TrustEvent> all = events.values().stream().flatMap(List::stream).filter(TrustEvent::suspendsSeller)
                .filter(e -> {
                    LocalDate day = LocalDate.ofInstant(e.at(), java.time.ZoneOffset.UTC);
                    return !day.isBefore(from) && !day.isAfter(to);
                })
                .sorted(Comparator.comparing(TrustEvent::at).thenComparing(TrustEvent::subject)).toList();
        return InMemoryNoticeStore.page(all, cursor, limit, e -> e.subject() + "#" + e.sequence() + "#" + e.tag());
    }

    /** Those due at {@code now}, soonest first. */
    private static <T> List<T> due(Map<T, Instant> schedule, Instant now, int limit, Comparator<T> ties) {
        return schedule.entrySet().stream().filter(e -> !e.getValue().isAfter(now))
                .sorted(Map.Entry.<T, Instant>comparingByValue().thenComparing(Map.Entry.comparingByKey(ties)))
                .limit(limit).map(Map.Entry::getKey).toList();
    }
}
