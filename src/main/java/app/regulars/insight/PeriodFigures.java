package app.regulars.insight;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Folds the whole purchase history, oldest first, into the purchase figures of several
 * periods at once: who bought on how many days in each, revenue, purchases, and who bought
 * for the first time ever.
 */
final class PeriodFigures implements InsightRepository.PurchaseSink {
    /** One period's counts. */
    static final class Counts {
        final Period period;
        /** Who bought in the period, and who on two days or more. */
        final CustomerDays.Period days;
        long cents;
        int purchases;
        int newCustomers;

        Counts(Period period, CustomerDays all) {
            this.period = period;
            this.days = new CustomerDays.Period(all);
        }

        int active() {
            return days.size();
        }

        int repeaters() {
            return days.repeaters();
        }
    }

    private final List<Counts> periods = new ArrayList<>();
    /** Every customer who has bought so far in the history, numbered, with their last day. */
    private final CustomerDays seen = new CustomerDays();
    private final CustomerDays.Period[] holding;

    PeriodFigures(List<Period> periods) {
        periods.forEach(p -> this.periods.add(new Counts(p, seen)));
        holding = new CustomerDays.Period[periods.size()];
    }

    @Override
    public void accept(long customerId, LocalDateTime at, BigDecimal amount) {
        LocalDate day = at.toLocalDate();
        int epochDay = (int) day.toEpochDay();
        boolean first = seen.numberOf(customerId) < 0;
        int n = 0;
        long cents = 0;
        for (Counts c : periods) {
            if (!c.period.contains(day)) {
                continue;
            }
            if (n == 0) {
                cents = amount.movePointRight(2).longValueExact();
            }
            c.purchases++;
            c.cents += cents;
            if (first) {
                c.newCustomers++;
            }
            holding[n++] = c.days;
        }
        seen.add(customerId, epochDay, holding, n);
    }

    Counts of(Period p) {
        return periods.stream().filter(c -> c.period.equals(p)).findFirst().orElseThrow();
    }

    /** The customers with a purchase in {@code p}. */
    CustomerDays.Period activeCustomers(Period p) {
        return of(p).days;
    }

    /** The purchase figures of {@code p}; churn and retention against {@code previous}. */
    Map<Kpi, Double> figures(Period p, Period previous) {
        Counts c = of(p);
        Counts prev = of(previous);
        Map<Kpi, Double> out = new HashMap<>();
        int active = c.active();
        out.put(Kpi.ACTIVE_CUSTOMERS, (double) active);
        out.put(Kpi.NEW_CUSTOMERS, (double) c.newCustomers);
        out.put(Kpi.REVENUE, c.cents / 100.0);
        if (active > 0) {
            out.put(Kpi.REPURCHASE_RATE, 100.0 * c.repeaters() / active);
            out.put(Kpi.PURCHASES_PER_CUSTOMER, (double) c.purchases / active);
        }
        if (c.purchases > 0) {
            out.put(Kpi.AVERAGE_ORDER_VALUE, c.cents / 100.0 / c.purchases);
        }
        int before = prev.active();
        if (before > 0) {
            long stayed = prev.days.inCommonWith(c.days);
            out.put(Kpi.RETENTION_RATE, 100.0 * stayed / before);
            out.put(Kpi.CHURN_RATE, 100.0 * (before - stayed) / before);
        }
        if (c.purchases > 0 && prev.purchases > 0 && prev.cents > 0) {
            double aov = (double) c.cents / c.purchases;
            double aovBefore = (double) prev.cents / prev.purchases;
            out.put(Kpi.AVERAGE_ORDER_VALUE_GROWTH, 100.0 * (aov - aovBefore) / aovBefore);
        }
        return out;
    }
}
