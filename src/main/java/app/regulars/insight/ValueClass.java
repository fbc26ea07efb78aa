package app.regulars.insight;

import java.util.Arrays;
import java.util.Locale;

/**
 * 核心 / 重要 / 普通: core, important, general. By predicted CLV (by spend where the model
 * cannot be fitted), or by a fixed rule on yearly spend ({@link #bySpend}): a customer is core when fewer than {@code corePercent} % of the customers
 * are worth strictly more, important when fewer than {@code corePercent + importantPercent} %
 * are, general otherwise. Equal values always get the same class.
 */
public enum ValueClass {
    CORE, IMPORTANT, GENERAL;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String key() {
        return "insight.value." + code();
    }

    /**
     * The fixed rule, instead of the ranking: core are customers for at least a year who spent
     * {@code coreYearlySpend} or more in the last 12 months, important those who spent
     * {@code importantYearlySpend} or more, the rest general.
     */
    public static ValueClass bySpend(double spend12, long daysAsCustomer, InsightSettings s) {
        if (spend12 >= s.coreYearlySpend() && daysAsCustomer >= 365) {
            return CORE;
        }
        return spend12 >= s.importantYearlySpend() && s.importantYearlySpend() > 0 ? IMPORTANT : GENERAL;
    }

    /** Classes customers by their values. */
    public static final class Ranking {
        private final double[] sorted;
        private final InsightSettings settings;

        public Ranking(double[] values, InsightSettings settings) {
            this.sorted = values.clone();
            Arrays.sort(sorted);
            this.settings = settings;
        }

        public ValueClass of(double value) {
            int n = sorted.length;
            int lo = 0;
            int hi = n;
            while (lo < hi) { // the first index with a value strictly greater
                int mid = (lo + hi) >>> 1;
                if (sorted[mid] <= value) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            long better = n - lo;
            if (better * 100 < (long) settings.corePercent() * n) {
                return CORE;
            }
            return better * 100 < (long) (settings.corePercent() + settings.importantPercent()) * n ? IMPORTANT : GENERAL;
        }
    }
}
