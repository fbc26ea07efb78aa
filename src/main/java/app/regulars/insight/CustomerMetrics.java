package app.regulars.insight;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;

/**
 * One customer's purchase history as of a date D, from the purchases on or before D that are
 * not voided. A purchase day is a calendar day with at least one purchase: several purchases
 * on one day count as one visit.
 *
 * @param recencyDays       days from the last purchase day to D
 * @param frequency         number of purchase days
 * @param purchases         number of purchases (for the average order value)
 * @param monetary          total spend
 * @param usualIntervalDays median days between consecutive purchase days; null with one purchase day
 * @param repeatSpend       spend on the purchase days after the first (0 with one purchase day)
 */
public record CustomerMetrics(long customerId, LocalDate firstDay, LocalDate lastDay, int recencyDays, int frequency,
                              int purchases, BigDecimal monetary, Double usualIntervalDays, BigDecimal repeatSpend) {
    public CustomerMetrics {
        if (frequency < 1 || purchases < frequency || lastDay.isBefore(firstDay) || recencyDays < 0) {
            throw new IllegalArgumentException("not a purchase history: " + customerId);
        }
    }

    /** Total spend over the number of purchases. */
    public BigDecimal averageOrderValue() {
        return monetary.divide(BigDecimal.valueOf(purchases), 2, RoundingMode.HALF_UP);
    }

    /** Purchase days after the first (the x of the BG/NBD model). */
    public int repeatDays() {
        return frequency - 1;
    }

    /** Mean spend per purchase day after the first; 0 with one purchase day. */
    public double meanRepeatSpend() {
        return frequency > 1 ? repeatSpend.doubleValue() / repeatDays() : 0;
    }

    /** The history as the purchase model reads it (weeks, as of {@code asOf}). */
    public RepeatHistory repeatHistory(LocalDate asOf) {
        return RepeatHistory.of(firstDay, lastDay, repeatDays(), repeatSpend, asOf);
    }
}
