package app.regulars.insight;

import java.util.Arrays;
import java.util.BitSet;

/**
 * The customers of a pass over the purchase history, numbered in the order they first bought
 * (an open hash table of primitive ids), with the last day each bought on; and, per period of
 * the key figures, {@link Period two bit sets} over those numbers: who bought in the period, and
 * who bought there on a second day. The key figures fold the whole history into some thirty
 * periods for a month with its trend: a boxed map per period was 1.2 million entries, about 65 MB,
 * and a hash table of ids and days per period still 2 MB each, 60 MB at the busiest moment, at
 * 100,000 customers; the bit sets take 25 KB each (docs/decisions/0014-start-and-memory.md, 0028).
 */
final class CustomerDays {
    private static final long FREE = Long.MIN_VALUE;
    private long[] slotId = free(1024);
    private int[] slotNumber = new int[1024];
    private int size;
    private int[] lastDay = new int[256];

    /** Who bought in one period, and who of them on two days or more. */
    static final class Period {
        private final CustomerDays all;
        private final BitSet bought = new BitSet();
        private final BitSet again = new BitSet();

        Period(CustomerDays all) {
            this.all = all;
        }

        int size() {
            return bought.cardinality();
        }

        /** The customers who bought on two days or more. */
        int repeaters() {
            return again.cardinality();
        }

        boolean contains(long id) {
            int n = all.numberOf(id);
            return n >= 0 && bought.get(n);
        }

        /** How many of these customers are also in {@code other} (of the same pass). */
        int inCommonWith(Period other) {
            BitSet both = (BitSet) bought.clone();
            both.and(other.bought);
            return both.cardinality();
        }
    }

    /**
     * Notes a purchase of {@code id} on {@code epochDay} (days come in time order) in each of
     * the first {@code count} of {@code periods} (the periods that contain the day); true when
     * the customer is new here.
     */
    boolean add(long id, int epochDay, Period[] periods, int count) {
        int s = slot(id);
        boolean first = slotId[s] == FREE;
        int n;
        if (first) {
            n = size++;
            slotId[s] = id;
            slotNumber[s] = n;
            if (n == lastDay.length) {
                lastDay = Arrays.copyOf(lastDay, n * 2);
            }
            if (size * 2 > slotId.length) {
                grow();
            }
        } else {
            n = slotNumber[s];
        }
        // The purchase before this one was on lastDay[n]: in a period that holds this day, the
        // customer's last day so far there is that one when it is the same day (it is in the
        // period too), and earlier otherwise. So one last day per customer serves every period.
        boolean sameDay = !first && lastDay[n] == epochDay;
        for (int k = 0; k < count; k++) {
            Period p = periods[k];
            if (!p.bought.get(n)) {
                p.bought.set(n);
            } else if (!sameDay) {
                p.again.set(n);
            }
        }
        lastDay[n] = epochDay;
        return first;
    }

    /** How many customers bought. */
    int size() {
        return size;
    }

    /** The customer's number, or -1 when they did not buy. */
    int numberOf(long id) {
        int s = slot(id);
        return slotId[s] == FREE ? -1 : slotNumber[s];
    }

    private int slot(long id) {
        if (id == FREE) {
            throw new IllegalArgumentException("customer id " + id);
        }
        int mask = slotId.length - 1;
        long h = id * 0x9E3779B97F4A7C15L;
        int i = (int) ((h ^ (h >>> 32)) & mask);
        while (slotId[i] != FREE && slotId[i] != id) {
            i = (i + 1) & mask;
        }
        return i;
    }

    private void grow() {
        long[] oldIds = slotId;
        int[] oldNumbers = slotNumber;
        slotId = free(oldIds.length * 2);
        slotNumber = new int[slotId.length];
        for (int j = 0; j < oldIds.length; j++) {
            if (oldIds[j] != FREE) {
                int i = slot(oldIds[j]);
                slotId[i] = oldIds[j];
                slotNumber[i] = oldNumbers[j];
            }
        }
    }

    private static long[] free(int n) {
        long[] a = new long[n];
        Arrays.fill(a, FREE);
        return a;
    }
}
