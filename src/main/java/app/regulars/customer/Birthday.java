package app.regulars.customer;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.MonthDay;

/**
 * A birthday as the customer keeps it: a solar (Gregorian) date, or a lunar month and day
 * (possibly in a leap month). The year is optional: many people give only month and day.
 * Lunar dates are converted with lunar-java, never tabulated by hand ({@link LunarYears} keeps
 * what it works out for a year).
 */
public record Birthday(Kind kind, Integer year, int month, int day, boolean leapMonth) {
    public enum Kind { SOLAR, LUNAR }

    public Birthday {
        if (kind == null) {
            throw new IllegalArgumentException("kind");
        }
        if (kind == Kind.SOLAR) {
            if (leapMonth) {
                throw new IllegalArgumentException("a solar date has no leap month");
            }
            if (year != null) {
                LocalDate.of(year, month, day); // throws DateTimeException
            } else {
                MonthDay.of(month, day);
            }
        } else {
            if (month < 1 || month > 12 || day < 1 || day > 30) {
                throw new DateTimeException("lunar month 1-12, day 1-30");
            }
            if (year != null) {
                if (year < 1900 || year > 2100) {
                    throw new DateTimeException("lunar year out of range");
                }
                int days = LunarYears.dayCount(year, month, leapMonth);
                if (days == 0) {
                    throw new DateTimeException("no such lunar month in " + year);
                }
                if (day > days) {
                    throw new DateTimeException("lunar month has " + days + " days");
                }
            }
        }
    }

    public static Birthday solar(LocalDate date) {
        return new Birthday(Kind.SOLAR, date.getYear(), date.getMonthValue(), date.getDayOfMonth(), false);
    }

    public static Birthday lunar(Integer year, int month, int day, boolean leapMonth) {
        return new Birthday(Kind.LUNAR, year, month, day, leapMonth);
    }

    public boolean isLunar() {
        return kind == Kind.LUNAR;
    }

    /** The first day on or after {@code from} that this birthday is celebrated. */
    public LocalDate nextOccurrence(LocalDate from) {
        if (kind == Kind.SOLAR) {
            for (int y = from.getYear(); ; y++) {
                LocalDate d = inSolarYear(y);
                if (!d.isBefore(from)) {
                    return d;
                }
            }
        }
        int lunarYear = LunarYears.yearOf(from);
        for (int y = lunarYear; y <= lunarYear + 2; y++) {
            LocalDate d = inLunarYear(y);
            if (!d.isBefore(from)) {
                return d;
            }
        }
        throw new IllegalStateException("no lunar occurrence found");
    }

    /** Feb 29 is kept on Feb 28 in common years. */
    private LocalDate inSolarYear(int y) {
        if (month == 2 && day == 29 && !java.time.Year.isLeap(y)) {
            return LocalDate.of(y, 2, 28);
        }
        return LocalDate.of(y, month, day);
    }

    /**
     * In lunar year {@code y}: a leap-month birthday is kept in the leap month when that year
     * has one, else in the ordinary month; day 30 falls on day 29 in a short month.
     */
    LocalDate inLunarYear(int y) {
        boolean leap = leapMonth && LunarYears.leapMonth(y) == month;
        return LunarYears.solar(y, month, leap, Math.min(day, LunarYears.dayCount(y, month, leap)));
    }
}
