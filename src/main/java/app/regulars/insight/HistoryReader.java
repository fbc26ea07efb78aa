package app.regulars.insight;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Folds a stream of purchases, oldest first, into one {@link CustomerMetrics} per customer:
 * a few numbers per customer plus the gaps between their purchase days (for the median), so
 * a million purchases need a few megabytes.
 */
final class HistoryReader implements InsightRepository.PurchaseSink {
    private final Map<Long, Customer> customers = new HashMap<>();

    private static final class Customer {
        long firstDay;
        long lastDay;
        int days;
        int purchases;
        long cents;
        long firstDayCents;
        int[] gaps = new int[2];

        void add(long day, long amountCents) {
            purchases++;
            cents += amountCents;
            if (days == 0) {
                firstDay = day;
                lastDay = day;
                days = 1;
                firstDayCents = amountCents;
            } else if (day == lastDay) {
                if (days == 1) {
                    firstDayCents += amountCents;
                }
            } else {
                if (days - 1 == gaps.length) {
                    gaps = Arrays.copyOf(gaps, gaps.length * 2);
                }
                gaps[days - 1] = (int) (day - lastDay);
                lastDay = day;
                days++;
            }
        }
    }

    @Override
    public void accept(long customerId, LocalDateTime at, BigDecimal amount) {
        long day = at.toLocalDate().toEpochDay();
        customers.computeIfAbsent(customerId, id -> new Customer()).add(day, amount.movePointRight(2).longValueExact());
    }

    /** One entry per customer with at least one purchase, as of {@code asOf}, in no particular order. */
    List<CustomerMetrics> metrics(LocalDate asOf) {
        List<CustomerMetrics> out = new ArrayList<>(customers.size());
        long d = asOf.toEpochDay();
        customers.forEach((id, c) -> out.add(new CustomerMetrics(id, LocalDate.ofEpochDay(c.firstDay), LocalDate.ofEpochDay(c.lastDay),
                (int) (d - c.lastDay), c.days, c.purchases, BigDecimal.valueOf(c.cents, 2), median(c.gaps, c.days - 1),
                BigDecimal.valueOf(c.cents - c.firstDayCents, 2))));
        return out;
    }

    private static Double median(int[] gaps, int n) {
        if (n == 0) {
            return null;
        }
        int[] sorted = Arrays.copyOf(gaps, n);
        Arrays.sort(sorted);
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
    }
}
