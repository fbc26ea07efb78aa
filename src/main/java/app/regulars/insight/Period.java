package app.regulars.insight;

import java.time.LocalDate;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stretch of days the dashboard and the review report look at: a month, a quarter, a year,
 * or any range of days ({@code --from/--to}). Each has a previous period of the same kind and
 * length and the same period a year earlier.
 */
public record Period(Kind kind, LocalDate start, LocalDate end) {
    public enum Kind { MONTH, QUARTER, YEAR, DAYS }

    private static final Pattern MONTH = Pattern.compile("(\\d{4})-(\\d{1,2})");
    private static final Pattern QUARTER = Pattern.compile("(\\d{4})-[Qq]([1-4])");
    private static final Pattern YEAR = Pattern.compile("(\\d{4})");

    public Period {
        if (end.isBefore(start)) {
            throw new IllegalArgumentException("a period ends after it starts");
        }
    }

    public static Period month(int year, int month) {
        LocalDate s = LocalDate.of(year, month, 1);
        return new Period(Kind.MONTH, s, s.plusMonths(1).minusDays(1));
    }

    public static Period quarter(int year, int quarter) {
        LocalDate s = LocalDate.of(year, 3 * (quarter - 1) + 1, 1);
        return new Period(Kind.QUARTER, s, s.plusMonths(3).minusDays(1));
    }

    public static Period year(int year) {
        return new Period(Kind.YEAR, LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31));
    }

    public static Period days(LocalDate from, LocalDate to) {
        return new Period(Kind.DAYS, from, to);
    }

    /** The period of {@code kind} that contains {@code day}. */
    public static Period containing(Kind kind, LocalDate day) {
        return switch (kind) {
            case MONTH -> month(day.getYear(), day.getMonthValue());
            case QUARTER -> quarter(day.getYear(), (day.getMonthValue() - 1) / 3 + 1);
            case YEAR -> year(day.getYear());
            case DAYS -> days(day, day);
        };
    }

    /** {@code 2026-11}, {@code 2026-Q4} or {@code 2026}; an {@code IllegalArgumentException} otherwise. */
    public static Period parse(String text) {
        String s = text.strip();
        try {
            Matcher m = MONTH.matcher(s);
            if (m.matches()) {
                return month(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
            }
            m = QUARTER.matcher(s);
            if (m.matches()) {
                return quarter(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
            }
            if (YEAR.matcher(s).matches()) {
                return year(Integer.parseInt(s));
            }
        } catch (java.time.DateTimeException | NumberFormatException e) {
            throw new IllegalArgumentException(text, e);
        }
        throw new IllegalArgumentException(text);
    }

    public long days() {
        return end.toEpochDay() - start.toEpochDay() + 1;
    }

    public Period previous() {
        return switch (kind) {
            case MONTH -> new Period(kind, start.minusMonths(1), start.minusDays(1));
            case QUARTER -> new Period(kind, start.minusMonths(3), start.minusDays(1));
            case YEAR -> new Period(kind, start.minusYears(1), start.minusDays(1));
            case DAYS -> new Period(kind, start.minusDays(days()), start.minusDays(1));
        };
    }

    public Period yearEarlier() {
        LocalDate s = start.minusYears(1);
        return switch (kind) {
            case MONTH, QUARTER, YEAR -> containing(kind, s);
            case DAYS -> new Period(kind, s, end.minusYears(1));
        };
    }

    public boolean contains(LocalDate day) {
        return !day.isBefore(start) && !day.isAfter(end);
    }

    /** {@code 2026-11}, {@code 2026-Q4}, {@code 2026}, or {@code 2026-11-01..2026-11-23}. */
    public String code() {
        return switch (kind) {
            case MONTH -> String.format(Locale.ROOT, "%04d-%02d", start.getYear(), start.getMonthValue());
            case QUARTER -> String.format(Locale.ROOT, "%04d-Q%d", start.getYear(), (start.getMonthValue() - 1) / 3 + 1);
            case YEAR -> String.valueOf(start.getYear());
            case DAYS -> start + ".." + end;
        };
    }
}
