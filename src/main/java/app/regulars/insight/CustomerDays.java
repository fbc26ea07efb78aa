package app.regulars.insight;

import java.util.Arrays;

/**
 * Customers with, for each, on how many days they bought and the last of those days: an open
 * hash table of primitive arrays. The key figures fold the whole history into one of these per
 * period (some thirty periods for a month with its trend); with a boxed map per period that was
 * 1.2 million map entries, about 65 MB, at 100,000 customers (docs/decisions/0014-start-and-memory.md).
 */
final class CustomerDays {
    private static final long FREE = Long.MIN_VALUE;
    private long[] ids;
    private int[] days;
    private int[] lastDay;
    private int size;

    CustomerDays() {
        ids = new long[16];
        Arrays.fill(ids, FREE);
        days = new int[16];
        lastDay = new int[16];
    }

    /** Notes a purchase of {@code id} on {@code epochDay} (days come in time order); true when the customer is new here. */
    boolean add(long id, int epochDay) {
        int i = slot(id);
        if (ids[i] == FREE) {
            ids[i] = id;
            days[i] = 1;
            lastDay[i] = epochDay;
            if (++size * 2 > ids.length) {
                grow();
            }
            return true;
        }
        if (lastDay[i] != epochDay) {
            days[i]++;
            lastDay[i] = epochDay;
        }
        return false;
    }

    boolean contains(long id) {
        return ids[slot(id)] != FREE;
    }

    int size() {
        return size;
    }

    /** The customers who bought on two days or more. */
    int repeaters() {
        int n = 0;
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] != FREE && days[i] >= 2) {
                n++;
            }
        }
        return n;
    }

    /** How many of these customers are also in {@code other}. */
    int inCommonWith(CustomerDays other) {
        int n = 0;
        for (long id : ids) {
            if (id != FREE && other.contains(id)) {
                n++;
            }
        }
        return n;
    }

    private int slot(long id) {
        int mask = ids.length - 1;
        int i = (int) (mix(id) & mask);
        while (ids[i] != FREE && ids[i] != id) {
            i = (i + 1) & mask;
        }
        return i;
    }

    private static long mix(long id) {
        long h = id * 0x9E3779B97F4A7C15L;
        return h ^ (h >>> 32);
    }

    private void grow() {
        long[] oldIds = ids;
        int[] oldDays = days;
        int[] oldLast = lastDay;
        ids = new long[oldIds.length * 2];
        Arrays.fill(ids, FREE);
        days = new int[ids.length];
        lastDay = new int[ids.length];
        for (int j = 0; j < oldIds.length; j++) {
            if (oldIds[j] != FREE) {
                int i = slot(oldIds[j]);
                ids[i] = oldIds[j];
                days[i] = oldDays[j];
                lastDay[i] = oldLast[j];
            }
        }
    }
}
