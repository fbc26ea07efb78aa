package app.regulars.insight;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;

/**
 * Folds a stream of purchases, oldest first, into one row of {@link CustomerMetrics} per
 * customer ({@link #table}): a few numbers per customer in arrays of primitives, found through
 * an open hash table of ids, plus the gaps between their purchase days (for the median), so a
 * million purchases need a few megabytes and no object per customer.
 */
final class HistoryReader implements InsightRepository.PurchaseSink {
    private static final long FREE = Long.MIN_VALUE;
    private static final int[] NO_GAPS = new int[0];

    /** The open hash table: a customer id and its row. */
    private long[] slotId = free(1024);
    private int[] slotRow = new int[1024];
    private int rows;
    private long[] ids = new long[256];
    private int[] firstDay = new int[256];
    private int[] lastDay = new int[256];
    private int[] days = new int[256];
    private int[] purchases = new int[256];
    private long[] cents = new long[256];
    private long[] firstDayCents = new long[256];
    private int[][] gaps = new int[256][];

    @Override
    public void accept(long customerId, LocalDateTime at, BigDecimal amount) {
        add(customerId, Math.toIntExact(at.toLocalDate().toEpochDay()), amount.movePointRight(2).longValueExact());
    }

    void add(long customerId, int day, long amountCents) {
        int r = row(customerId);
        purchases[r]++;
        cents[r] += amountCents;
        if (days[r] == 0) {
            firstDay[r] = day;
            lastDay[r] = day;
            days[r] = 1;
            firstDayCents[r] = amountCents;
        } else if (day == lastDay[r]) {
            if (days[r] == 1) {
                firstDayCents[r] += amountCents;
            }
        } else {
            int[] g = gaps[r];
            if (days[r] - 1 == g.length) {
                g = Arrays.copyOf(g, Math.max(2, g.length * 2));
                gaps[r] = g;
            }
            g[days[r] - 1] = day - lastDay[r];
            lastDay[r] = day;
            days[r]++;
        }
    }

    /** One record per customer with at least one purchase, as of {@code asOf}, by id. */
    List<CustomerMetrics> metrics(LocalDate asOf) {
        return table(asOf).asList();
    }

    /** One row per customer with at least one purchase, as of {@code asOf}, by id. */
    MetricsTable table(LocalDate asOf) {
        long[] sortedIds = Arrays.copyOf(ids, rows);
        Arrays.sort(sortedIds);
        int n = rows;
        int[] f = new int[n];
        int[] l = new int[n];
        int[] q = new int[n];
        int[] p = new int[n];
        long[] c = new long[n];
        long[] rc = new long[n];
        int[] u = new int[n];
        for (int k = 0; k < n; k++) {
            int r = slotRow[slot(sortedIds[k])];
            f[k] = firstDay[r];
            l[k] = lastDay[r];
            q[k] = days[r];
            p[k] = purchases[r];
            c[k] = cents[r];
            rc[k] = cents[r] - firstDayCents[r];
            u[k] = medianHalfDays(gaps[r], days[r] - 1);
        }
        return new MetricsTable(asOf, sortedIds, f, l, q, p, c, rc, u);
    }

    /** Twice the median of the first {@code n} gaps (a whole number: the median of whole days is whole or a half). */
    private static int medianHalfDays(int[] gaps, int n) {
        if (n == 0) {
            return MetricsTable.NO_INTERVAL;
        }
        int[] sorted = Arrays.copyOf(gaps, n);
        Arrays.sort(sorted);
        return n % 2 == 1 ? 2 * sorted[n / 2] : sorted[n / 2 - 1] + sorted[n / 2];
    }

    /** The row of {@code id}, made when it is new. */
    private int row(long id) {
        if (id == FREE) {
            throw new IllegalArgumentException("customer id " + id);
        }
        int s = slot(id);
        if (slotId[s] == id) {
            return slotRow[s];
        }
        int r = rows++;
        if (r == ids.length) {
            int more = r * 2;
            ids = Arrays.copyOf(ids, more);
            firstDay = Arrays.copyOf(firstDay, more);
            lastDay = Arrays.copyOf(lastDay, more);
            days = Arrays.copyOf(days, more);
            purchases = Arrays.copyOf(purchases, more);
            cents = Arrays.copyOf(cents, more);
            firstDayCents = Arrays.copyOf(firstDayCents, more);
            gaps = Arrays.copyOf(gaps, more);
        }
        ids[r] = id;
        gaps[r] = NO_GAPS;
        slotId[s] = id;
        slotRow[s] = r;
        if (rows * 2 > slotId.length) {
            rehash();
        }
        return r;
    }

    private int slot(long id) {
        int mask = slotId.length - 1;
        long h = id * 0x9E3779B97F4A7C15L;
        int i = (int) ((h ^ (h >>> 32)) & mask);
        while (slotId[i] != FREE && slotId[i] != id) {
            i = (i + 1) & mask;
        }
        return i;
    }

    private void rehash() {
        slotId = free(slotId.length * 2);
        slotRow = new int[slotId.length];
        for (int r = 0; r < rows; r++) {
            int s = slot(ids[r]);
            slotId[s] = ids[r];
            slotRow[s] = r;
        }
    }

    private static long[] free(int n) {
        long[] a = new long[n];
        Arrays.fill(a, FREE);
        return a;
    }
}
