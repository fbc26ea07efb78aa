package app.regulars.insight;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.AbstractList;
import java.util.List;
import java.util.RandomAccess;
import java.util.function.LongPredicate;

/**
 * Every customer's {@link CustomerMetrics} as of one date, in columns of primitives sorted by
 * customer id: money in cents, days as epoch days, the usual interval in half days (a median of
 * whole days is whole or a half). At 100,000 customers about 5 MB, where a record per customer
 * with its two {@code BigDecimal}s, two {@code LocalDate}s and a {@code Double} took about 17 MB
 * (docs/decisions/0014-start-and-memory.md). {@link #get} makes the record when asked.
 */
final class MetricsTable {
    /** In {@link #usualHalfDays}: one purchase day, no interval. */
    static final int NO_INTERVAL = -1;

    private final LocalDate asOf;
    private final long[] ids;
    private final int[] firstDay;
    private final int[] lastDay;
    private final int[] frequency;
    private final int[] purchases;
    private final long[] cents;
    private final long[] repeatCents;
    private final int[] usualHalfDays;

    MetricsTable(LocalDate asOf, long[] ids, int[] firstDay, int[] lastDay, int[] frequency, int[] purchases, long[] cents,
                 long[] repeatCents, int[] usualHalfDays) {
        for (int i = 1; i < ids.length; i++) {
            if (ids[i] <= ids[i - 1]) {
                throw new IllegalArgumentException("ids not sorted at " + i);
            }
        }
        this.asOf = asOf;
        this.ids = ids;
        this.firstDay = firstDay;
        this.lastDay = lastDay;
        this.frequency = frequency;
        this.purchases = purchases;
        this.cents = cents;
        this.repeatCents = repeatCents;
        this.usualHalfDays = usualHalfDays;
    }

    LocalDate asOf() {
        return asOf;
    }

    int size() {
        return ids.length;
    }

    long id(int i) {
        return ids[i];
    }

    /** The row of {@code customerId}, or a negative number when the customer has none. */
    int indexOf(long customerId) {
        return java.util.Arrays.binarySearch(ids, customerId);
    }

    int firstDay(int i) {
        return firstDay[i];
    }

    int lastDay(int i) {
        return lastDay[i];
    }

    int recencyDays(int i) {
        return (int) (asOf.toEpochDay() - lastDay[i]);
    }

    int frequency(int i) {
        return frequency[i];
    }

    long monetaryCents(int i) {
        return cents[i];
    }

    /** The record of row {@code i}, made now (nothing keeps it). */
    CustomerMetrics get(int i) {
        int half = usualHalfDays[i];
        return new CustomerMetrics(ids[i], LocalDate.ofEpochDay(firstDay[i]), LocalDate.ofEpochDay(lastDay[i]), recencyDays(i),
                frequency[i], purchases[i], BigDecimal.valueOf(cents[i], 2), half == NO_INTERVAL ? null : half / 2.0,
                BigDecimal.valueOf(repeatCents[i], 2));
    }

    /** The rows as records, each made when read. */
    List<CustomerMetrics> asList() {
        return new Rows();
    }

    /** The rows whose customer {@code keep} accepts, in the same order. */
    MetricsTable filter(LongPredicate keep) {
        int n = 0;
        int[] rows = new int[ids.length];
        for (int i = 0; i < ids.length; i++) {
            if (keep.test(ids[i])) {
                rows[n++] = i;
            }
        }
        if (n == ids.length) {
            return this;
        }
        long[] i2 = new long[n];
        int[] f2 = new int[n];
        int[] l2 = new int[n];
        int[] q2 = new int[n];
        int[] p2 = new int[n];
        long[] c2 = new long[n];
        long[] r2 = new long[n];
        int[] u2 = new int[n];
        for (int k = 0; k < n; k++) {
            int i = rows[k];
            i2[k] = ids[i];
            f2[k] = firstDay[i];
            l2[k] = lastDay[i];
            q2[k] = frequency[i];
            p2[k] = purchases[i];
            c2[k] = cents[i];
            r2[k] = repeatCents[i];
            u2[k] = usualHalfDays[i];
        }
        return new MetricsTable(asOf, i2, f2, l2, q2, p2, c2, r2, u2);
    }

    private final class Rows extends AbstractList<CustomerMetrics> implements RandomAccess {
        @Override
        public CustomerMetrics get(int index) {
            java.util.Objects.checkIndex(index, ids.length);
            return MetricsTable.this.get(index);
        }

        @Override
        public int size() {
            return ids.length;
        }
    }
}
