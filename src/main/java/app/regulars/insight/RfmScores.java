package app.regulars.insight;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;

/**
 * RFM scores 1–5, deterministic and tie-safe. Over the N customers with at least one
 * purchase, a customer's score on a measure is {@code 1 + floor(5 × k / N)}, where k is the
 * number of customers strictly worse on it (recency: more days; frequency and monetary:
 * less). Equal values always get equal scores; the best get 5 once N ≥ 5.
 */
public final class RfmScores {
    private final long[] recencySorted;
    private final long[] frequencySorted;
    private final long[] monetarySorted;
    private final double meanR;
    private final double meanF;
    private final double meanM;

    public RfmScores(List<CustomerMetrics> customers) {
        int n = customers.size();
        recencySorted = new long[n];
        frequencySorted = new long[n];
        monetarySorted = new long[n];
        for (int i = 0; i < n; i++) {
            CustomerMetrics c = customers.get(i);
            recencySorted[i] = c.recencyDays();
            frequencySorted[i] = c.frequency();
            monetarySorted[i] = cents(c.monetary());
        }
        Arrays.sort(recencySorted);
        Arrays.sort(frequencySorted);
        Arrays.sort(monetarySorted);
        long sumR = 0;
        long sumF = 0;
        long sumM = 0;
        for (CustomerMetrics c : customers) {
            sumR += r(c);
            sumF += f(c);
            sumM += m(c);
        }
        meanR = n == 0 ? 0 : (double) sumR / n;
        meanF = n == 0 ? 0 : (double) sumF / n;
        meanM = n == 0 ? 0 : (double) sumM / n;
    }

    public int size() {
        return recencySorted.length;
    }

    public int r(CustomerMetrics c) {
        int n = size();
        int worse = n - upperBound(recencySorted, c.recencyDays()); // more days since the last visit
        return score(worse, n);
    }

    public int f(CustomerMetrics c) {
        return score(lowerBound(frequencySorted, c.frequency()), size());
    }

    public int m(CustomerMetrics c) {
        return score(lowerBound(monetarySorted, cents(c.monetary())), size());
    }

    /** The customer's segment: each score high when strictly above its mean. */
    public Segment segment(CustomerMetrics c) {
        return Segment.of(r(c) > meanR, f(c) > meanF, m(c) > meanM);
    }

    public double meanR() {
        return meanR;
    }

    public double meanF() {
        return meanF;
    }

    public double meanM() {
        return meanM;
    }

    private static int score(int worse, int n) {
        return 1 + (int) (5L * worse / n);
    }

    private static long cents(BigDecimal amount) {
        return amount.movePointRight(2).longValueExact();
    }

    /** How many values are below {@code v}. */
    private static int lowerBound(long[] sorted, long v) {
        return firstAbove(sorted, v - 1);
    }

    /** How many values are at most {@code v}. */
    private static int upperBound(long[] sorted, long v) {
        return firstAbove(sorted, v);
    }

    /** The index of the first value above {@code v} (the array's length when none is). */
    private static int firstAbove(long[] sorted, long v) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] <= v) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
