package app.regulars.customer;

import com.nlf.calendar.LunarMonth;
import com.nlf.calendar.LunarYear;
import com.nlf.calendar.Solar;

import java.time.LocalDate;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Lunar years as lunar-java works them out, each year once: the solar day each of its months
 * starts on and how many days it has. Making lunar-java's {@code Lunar} of a date works out the
 * year's solar terms every time (0.7 ms for a lunar birthday's next occurrence, under the window's
 * quick compiler): a page of the customer list spent 4-22 ms on its birthdays. A year is some
 * 200 bytes and a shop's dates touch a few dozen years.
 */
final class LunarYears {
    private static final ConcurrentHashMap<Integer, Year> YEARS = new ConcurrentHashMap<>();

    private LunarYears() {
    }

    /** One lunar year: its leap month (0: none) and, by month (1-12, leap month at 13), first day and length. */
    private record Year(int leapMonth, long[] firstDay, int[] dayCount) {
        static Year of(int y) {
            LunarYear year = LunarYear.fromYear(y);
            long[] first = new long[14];
            int[] count = new int[14];
            for (LunarMonth m : year.getMonthsInYear()) {
                int at = m.isLeap() ? 13 : m.getMonth();
                Solar s = Solar.fromJulianDay(m.getFirstJulianDay());
                first[at] = LocalDate.of(s.getYear(), s.getMonth(), s.getDay()).toEpochDay();
                count[at] = m.getDayCount();
            }
            return new Year(year.getLeapMonth(), first, count);
        }

        int index(int month, boolean leap) {
            return leap ? (leapMonth == month ? 13 : 0) : month;
        }
    }

    private static Year year(int y) {
        return YEARS.computeIfAbsent(y, Year::of);
    }

    /** The leap month of lunar year {@code y}, 0 when it has none. */
    static int leapMonth(int y) {
        return year(y).leapMonth();
    }

    /** The days of month {@code month} (the leap one when {@code leap}) of lunar year {@code y}; 0 when there is no such month. */
    static int dayCount(int y, int month, boolean leap) {
        Year year = year(y);
        return year.dayCount()[year.index(month, leap)];
    }

    /** The solar date of lunar {@code y}-{@code month}-{@code day}; the month must exist and hold the day. */
    static LocalDate solar(int y, int month, boolean leap, int day) {
        Year year = year(y);
        int at = year.index(month, leap);
        if (at == 0 || day < 1 || day > year.dayCount()[at]) {
            throw new java.time.DateTimeException("no lunar " + y + "-" + (leap ? "leap " : "") + month + "-" + day);
        }
        return LocalDate.ofEpochDay(year.firstDay()[at] + day - 1);
    }

    /** The lunar year that solar {@code date} falls in: the year before until its first month's first day. */
    static int yearOf(LocalDate date) {
        int y = date.getYear();
        return date.toEpochDay() < year(y).firstDay()[1] ? y - 1 : y;
    }
}
