package app.regulars.insight;

import java.util.Locale;

/**
 * Where a customer is in their life with the shop, by these rules in this order (thresholds in
 * {@link InsightSettings}, defaults in brackets):
 * <ol>
 * <li>prospect: no purchase yet;</li>
 * <li>new: the first purchase is at most {@code newDays} (90) days old;</li>
 * <li>churned: P(alive) below {@code churnedAlive} (0.1); where the model cannot be fitted, no
 *     purchase for {@code churnedDays} (365) days;</li>
 * <li>declining: more than {@code decliningFactor} (2) of the customer's usual intervals since
 *     the last visit, or P(alive) below {@code decliningAlive} (0.5);</li>
 * <li>mature: at least {@code matureDays} (5) purchase days; otherwise growing.</li>
 * </ol>
 */
public enum Lifecycle {
    PROSPECT, NEW, GROWING, MATURE, DECLINING, CHURNED;

    /** The stage of a customer with this history; {@code pAlive} null where the model cannot be fitted. */
    public static Lifecycle of(CustomerMetrics m, Double pAlive, InsightSettings s) {
        if (m == null) {
            return PROSPECT;
        }
        int age = m.recencyDays() + (int) (m.lastDay().toEpochDay() - m.firstDay().toEpochDay());
        if (age <= s.newDays()) {
            return NEW;
        }
        if (pAlive != null ? pAlive < s.churnedAlive() : m.recencyDays() >= s.churnedDays()) {
            return CHURNED;
        }
        boolean overdue = m.usualIntervalDays() != null && m.recencyDays() > s.decliningFactor() * m.usualIntervalDays();
        if (overdue || (pAlive != null && pAlive < s.decliningAlive())) {
            return DECLINING;
        }
        return m.frequency() >= s.matureDays() ? MATURE : GROWING;
    }

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String key() {
        return "insight.lifecycle." + code();
    }
}
