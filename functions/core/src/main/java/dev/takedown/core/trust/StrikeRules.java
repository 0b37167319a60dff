package dev.takedown.core.trust;

import dev.takedown.core.model.SellerStanding;
import dev.takedown.core.model.Strike;
import dev.takedown.core.model.StrikeState;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The repeat-infringer policy (DMCA 512(i), Alibaba points rules). A strike counts once the dispute window of one
 * of its takedowns has closed and none of them is being contested, until it expires or is voided; days are UTC days.
 */
public final class StrikeRules {
    private StrikeRules() {
    }

    /**
     * When the dispute window of a takedown on {@code day} has closed: the end of the last day of the window, i.e.
     * the start of the day after it. COPYRIGHT counts business days (Monday to Friday), other reasons calendar days.
     */
    public static Instant windowCloses(LocalDate day, boolean copyright, TrustPolicy policy) {
        LocalDate last = day;
        if (copyright) {
            int left = policy.copyrightDisputeBusinessDays();
            while (left > 0) {
                last = last.plusDays(1);
                if (last.getDayOfWeek() != DayOfWeek.SATURDAY && last.getDayOfWeek() != DayOfWeek.SUNDAY) {
                    left--;
                }
            }
        } else {
            last = day.plusDays(policy.otherDisputeDays());
        }
        return startOf(last.plusDays(1));
    }

    /** When the strike becomes established: the first of its windows to close; null if it has no item. */
    public static Instant establishedAt(Strike strike, TrustPolicy policy) {
        Instant copyright = strike.copyright() ? windowCloses(strike.day(), true, policy) : null;
        Instant other = strike.other() ? windowCloses(strike.day(), false, policy) : null;
        if (copyright == null || other == null) {
            return copyright != null ? copyright : other;
        }
        return copyright.isBefore(other) ? copyright : other;
    }

    /** The day of the oldest strike that has not expired at {@code now}; older ones need not be read. */
    public static LocalDate oldestLive(Instant now, TrustPolicy policy) {
        return LocalDate.ofInstant(now, ZoneOffset.UTC).minusDays(policy.strikeLifeDays());
    }

    public static Instant expiresAt(Strike strike, TrustPolicy policy) {
        return startOf(strike.day().plusDays(policy.strikeLifeDays()));
    }

    public static StrikeState state(Strike strike, Instant now, TrustPolicy policy) {
        if (strike.voided() != null) {
            return StrikeState.VOIDED;
        }
        if (!now.isBefore(expiresAt(strike, policy))) {
            return StrikeState.EXPIRED;
        }
        Instant established = establishedAt(strike, policy);
        return established != null && !now.isBefore(established) && strike.disputed().isEmpty()
                ? StrikeState.ESTABLISHED : StrikeState.PENDING;
    }

    /**
     * When the strike's state changes next without anyone acting (established, then expired); null if never. A
     * strike held back only by a dispute changes when the dispute ends, which looks at it then.
     */
    public static Instant nextChange(Strike strike, Instant now, TrustPolicy policy) {
        return switch (state(strike, now, policy)) {
            case PENDING -> {
                Instant established = establishedAt(strike, policy);
                yield established != null && established.isAfter(now) ? established : null;
            }
            case ESTABLISHED -> expiresAt(strike, policy);
            case EXPIRED, VOIDED -> null;
        };
    }

    /**
     * The standing the strikes call for. After a reinstatement the seller can be suspended again only by a strike
     * established after it; until then it stays at most RESTRICTED.
     */
    public static SellerStanding standing(List<Strike> strikes, Instant reinstatedAt, Instant now, TrustPolicy policy) {
        List<Strike> counting = strikes.stream().filter(s -> state(s, now, policy) == StrikeState.ESTABLISHED).toList();
        SellerStanding standing = standingFor(counting.size(), policy);
        boolean newSinceReinstatement = reinstatedAt == null
                || counting.stream().anyMatch(s -> establishedAt(s, policy).isAfter(reinstatedAt));
        return standing == SellerStanding.SUSPENDED && !newSinceReinstatement ? SellerStanding.RESTRICTED : standing;
    }

    /** The standing a number of established, live strikes calls for. */
    public static SellerStanding standingFor(int strikes, TrustPolicy policy) {
        if (strikes >= policy.strikesToSuspend()) {
            return SellerStanding.SUSPENDED;
        }
        if (strikes >= policy.strikesToRestrict()) {
            return SellerStanding.RESTRICTED;
        }
        return strikes >= policy.strikesToWarn() ? SellerStanding.WARNED : SellerStanding.GOOD_STANDING;
    }

    public static int established(List<Strike> strikes, Instant now, TrustPolicy policy) {
        return (int) strikes.stream().filter(s -> state(s, now, policy) == StrikeState.ESTABLISHED).count();
    }

    private static Instant startOf(LocalDate day) {
        return day.atStartOfDay().toInstant(ZoneOffset.UTC);
    }
}
