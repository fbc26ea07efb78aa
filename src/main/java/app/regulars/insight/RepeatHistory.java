package app.regulars.insight;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.NavigableMap;

/**
 * One customer as the customer-base models see it (the "RFM" summary of the literature),
 * time in weeks.
 *
 * <p>A purchase day is a calendar day with at least one purchase: several purchases on one
 * day count once, and their amounts are added. This is how the {@code lifetimes} library
 * builds its summary ({@code summary_data_from_transaction_data}, {@code freq='D'}: one row
 * per customer and day, amounts summed, then times divided by 7), and how the published
 * CDNOW figures (Fader, Hardie &amp; Lee 2005) come out: 946 of the 2,357 sample customers
 * repeat within the 39 weeks, and customer 1 has x = 2, tx = 30.43, T = 38.86.
 *
 * @param x               purchase days after the first one
 * @param tx              weeks from the first to the last purchase day (0 when x = 0)
 * @param T               weeks from the first purchase day to the as-of date (the
 *                        customer's age); the literature's name, kept so the formulas read
 *                        as in the papers
 * @param meanRepeatSpend mean spend of the repeat purchase days, the first day left out;
 *                        0 when x = 0
 */
public record RepeatHistory(int x, double tx, double T, double meanRepeatSpend) {

    /** Days per week, the one conversion between the calendar and the models. */
    public static final double DAYS_PER_WEEK = 7.0;

    public RepeatHistory {
        if (x < 0) {
            throw new IllegalArgumentException("x must be >= 0: " + x);
        }
        if (!Double.isFinite(tx) || !Double.isFinite(T) || tx < 0 || tx > T) {
            throw new IllegalArgumentException("need 0 <= tx <= T, finite: tx=" + tx + ", T=" + T);
        }
        if (x == 0 && tx != 0) {
            throw new IllegalArgumentException("tx must be 0 when x = 0: tx=" + tx);
        }
        if (!Double.isFinite(meanRepeatSpend) || meanRepeatSpend < 0) {
            throw new IllegalArgumentException("meanRepeatSpend must be finite and >= 0: " + meanRepeatSpend);
        }
        if (x == 0 && meanRepeatSpend != 0) {
            throw new IllegalArgumentException("meanRepeatSpend must be 0 when x = 0: " + meanRepeatSpend);
        }
    }

    /**
     * The summary from what one SQL query per customer can give: the first and last purchase
     * day, the number of distinct purchase days after the first, and the total spent on those
     * repeat days.
     *
     * @param repeatDays  distinct purchase days after {@code first} up to {@code asOf}
     * @param repeatSpend total spend on those days; a negative total (refunds larger than
     *                    sales) counts as 0
     */
    public static RepeatHistory of(LocalDate first, LocalDate last, int repeatDays, BigDecimal repeatSpend,
            LocalDate asOf) {
        if (last.isBefore(first) || asOf.isBefore(last)) {
            throw new IllegalArgumentException("need first <= last <= asOf: " + first + ", " + last + ", " + asOf);
        }
        if (repeatDays == 0 && !last.equals(first)) {
            throw new IllegalArgumentException("no repeat days but last " + last + " after first " + first);
        }
        if (repeatDays > 0 && last.equals(first)) {
            throw new IllegalArgumentException(repeatDays + " repeat days but last = first = " + first);
        }
        double mean = repeatDays == 0 ? 0 : Math.max(0, repeatSpend.doubleValue() / repeatDays);
        return new RepeatHistory(repeatDays, weeks(first, last), weeks(first, asOf), mean);
    }

    /**
     * The summary of one customer's purchases, given as the spend per calendar day (several
     * purchases on a day already added up). Days after {@code asOf} are left out.
     *
     * @throws IllegalArgumentException when no day is on or before {@code asOf}
     */
    public static RepeatHistory ofDailySpend(NavigableMap<LocalDate, BigDecimal> spendByDay, LocalDate asOf) {
        NavigableMap<LocalDate, BigDecimal> days = spendByDay.headMap(asOf, true);
        if (days.isEmpty()) {
            throw new IllegalArgumentException("no purchase day on or before " + asOf);
        }
        LocalDate first = days.firstKey();
        BigDecimal repeatSpend = BigDecimal.ZERO;
        for (Map.Entry<LocalDate, BigDecimal> day : days.tailMap(first, false).entrySet()) {
            repeatSpend = repeatSpend.add(day.getValue());
        }
        return of(first, days.lastKey(), days.size() - 1, repeatSpend, asOf);
    }

    /** Weeks between two days, as a fraction (days / 7). */
    public static double weeks(LocalDate from, LocalDate to) {
        return ChronoUnit.DAYS.between(from, to) / DAYS_PER_WEEK;
    }
}
