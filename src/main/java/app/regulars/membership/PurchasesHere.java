package app.regulars.membership;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.BitSet;

/**
 * The purchases already in the store of the customers an import names, so that the same file
 * imported again, or a till's export that repeats last week's days, adds nothing twice. A row of
 * the file is the same purchase as one here when it has the same customer, the same amount and the
 * same minute (a file that gives only the date: the same day), and each purchase here stands for
 * one row of the file at most: a file with three equal rows where the store has two adds the
 * third. Voided purchases count: they were recorded, and then taken back on purpose.
 *
 * <p>Held as three primitive arrays in the order (customer, time), 20 bytes a purchase: a million
 * purchases are 20 MB, where objects would be five times that.
 */
final class PurchasesHere {
    private static final PurchasesHere NONE = new PurchasesHere(new long[0], new int[0], new long[0], 0);

    private final long[] customer;
    private final int[] minute;
    private final long[] cents;
    private final int size;
    private final BitSet taken = new BitSet();

    private PurchasesHere(long[] customer, int[] minute, long[] cents, int size) {
        this.customer = customer;
        this.minute = minute;
        this.cents = cents;
        this.size = size;
    }

    int size() {
        return size;
    }

    /**
     * Takes the purchase here that {@code customerId}'s row of {@code at} and {@code amount} repeats,
     * if one is left: at the same minute, or on the same day when {@code dateOnly} (the file gave no
     * time). Returns whether there was one; it is not matched again.
     */
    boolean take(long customerId, LocalDateTime at, boolean dateOnly, BigDecimal amount) {
        if (size == 0) {
            return false;
        }
        int from = dateOnly ? minuteOf(at.toLocalDate().atStartOfDay()) : minuteOf(at);
        int to = dateOnly ? minuteOf(at.toLocalDate().plusDays(1).atStartOfDay()) : from + 1;
        long c = centsOf(amount);
        for (int i = firstAtOrAfter(customerId, from); i < size && customer[i] == customerId && minute[i] < to; i++) {
            if (cents[i] == c && !taken.get(i)) {
                taken.set(i);
                return true;
            }
        }
        return false;
    }

    /** The first index whose (customer, minute) is at or after the given one. */
    private int firstAtOrAfter(long customerId, int at) {
        int lo = 0;
        int hi = size;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (customer[mid] < customerId || (customer[mid] == customerId && minute[mid] < at)) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    static int minuteOf(LocalDateTime at) {
        return Math.toIntExact(Math.floorDiv(at.toEpochSecond(ZoneOffset.UTC), 60));
    }

    static long centsOf(BigDecimal amount) {
        return amount.movePointRight(2).longValueExact();
    }

    /** Gathers the purchases in (customer, time) order, as the repository reads them. */
    static final class Builder {
        private long[] customer = new long[1024];
        private int[] minute = new int[1024];
        private long[] cents = new long[1024];
        private int size;

        void add(long customerId, LocalDateTime at, BigDecimal amount) {
            if (size == customer.length) {
                int n = size * 2;
                customer = Arrays.copyOf(customer, n);
                minute = Arrays.copyOf(minute, n);
                cents = Arrays.copyOf(cents, n);
            }
            int m = minuteOf(at);
            if (size > 0 && (customer[size - 1] > customerId || (customer[size - 1] == customerId && minute[size - 1] > m))) {
                throw new IllegalStateException("purchases out of (customer, time) order");
            }
            customer[size] = customerId;
            minute[size] = m;
            cents[size] = centsOf(amount);
            size++;
        }

        PurchasesHere build() {
            return size == 0 ? NONE : new PurchasesHere(customer, minute, cents, size);
        }
    }
}
