package dev.takedown.core.transparency;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * The UTC days a report covers, {@code from} to {@code to}, both included: the same rules for staff's transparency
 * report and a rightholder's summary. What is wrong is told to the caller, which names the field.
 */
public record ReportPeriod(LocalDate from, LocalDate to) {
    /** A year and a day: DSA reports cover a year, or half of one. */
    public static final int MAX_DAYS = 366;

    private static final Pattern DAY = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    /** The day {@code text} names as YYYY-MM-DD; null, after telling {@code problem} why, when it names none. */
    public static LocalDate day(String text, Consumer<String> problem) {
        if (!DAY.matcher(text).matches()) {
            problem.accept("must be a date as YYYY-MM-DD (a UTC day)");
            return null;
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            problem.accept("is not a day of the calendar");
            return null;
        }
    }

    /** The period; null, after telling {@code problemWithTo} what is wrong with its end, when it is none. */
    public static ReportPeriod of(LocalDate from, LocalDate to, Consumer<String> problemWithTo) {
        if (to.isBefore(from)) {
            problemWithTo.accept("must not be before from");
            return null;
        }
        if (ChronoUnit.DAYS.between(from, to) >= MAX_DAYS) {
            problemWithTo.accept("a report covers at most " + MAX_DAYS + " days");
            return null;
        }
        return new ReportPeriod(from, to);
    }
}
