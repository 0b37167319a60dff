package dev.takedown.core.redress;

import dev.takedown.core.runtime.Env;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * The deadlines of redress, from the environment (template parameters).
 *
 * @param windowDays              a takedown or rejection can be contested this long after it (EU DSA Art. 20: at
 *                                least six months)
 * @param copyrightBusinessDays   a rightholder answers a counter-notice against a COPYRIGHT takedown within this many
 *                                business days (DMCA 512(g)(2)(C): 10 to 14)
 * @param counterNoticeDays       and against any other takedown within this many calendar days (PRC E-Commerce Law
 *                                Art. 43: 15)
 */
public record RedressPolicy(int windowDays, int copyrightBusinessDays, int counterNoticeDays) {
    public static final RedressPolicy DEFAULTS = new RedressPolicy(183, 10, 15);

    public RedressPolicy {
        if (windowDays < 1 || copyrightBusinessDays < 1 || counterNoticeDays < 1) {
            throw new IllegalArgumentException("redress periods must be at least one day");
        }
    }

    public static RedressPolicy from(Env env) {
        return new RedressPolicy(
                env.integer("REDRESS_WINDOW_DAYS", DEFAULTS.windowDays),
                env.integer("COUNTER_NOTICE_COPYRIGHT_BUSINESS_DAYS", DEFAULTS.copyrightBusinessDays),
                env.integer("COUNTER_NOTICE_DAYS", DEFAULTS.counterNoticeDays));
    }

    /** Until when (exclusive) a decision made at {@code decidedAt} can be contested. */
    public Instant contestableUntil(Instant decidedAt) {
        return decidedAt.plus(Duration.ofDays(windowDays));
    }

    /**
     * The end (UTC) of the last day the rightholder has to answer a counter-notice filed at {@code filedAt}, i.e.
     * the start of the day after it: the 10th business day (Monday to Friday) after the filing day for COPYRIGHT,
     * the 15th calendar day after it otherwise.
     */
    public Instant respondBy(Instant filedAt, boolean copyright) {
        LocalDate last = LocalDate.ofInstant(filedAt, ZoneOffset.UTC);
        if (copyright) {
            int left = copyrightBusinessDays;
            while (left > 0) {
                last = last.plusDays(1);
                if (last.getDayOfWeek() != DayOfWeek.SATURDAY && last.getDayOfWeek() != DayOfWeek.SUNDAY) {
                    left--;
                }
            }
        } else {
            last = last.plusDays(counterNoticeDays);
        }
        return last.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC);
    }
}
