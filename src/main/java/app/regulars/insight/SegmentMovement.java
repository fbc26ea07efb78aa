package app.regulars.insight;

import java.time.LocalDate;

/**
 * How customers moved between the RFM segments from one date to a later one: {@code counts[i][j]}
 * customers were in segment {@code i} on {@code from} and in segment {@code j} on {@code to}
 * (indexes of {@link Segment#ordinal()}). {@code arrived[j]}: customers in segment j on
 * {@code to} who had no segment on {@code from} (their first purchase came after it);
 * {@code left[i]}: customers in segment i on {@code from} with none on {@code to} (archived since,
 * or outside the settings' window). Segments are relative to the whole customer base on each
 * date, so a customer can move without buying.
 */
public record SegmentMovement(LocalDate from, LocalDate to, int[][] counts, int[] arrived, int[] left) {
    public SegmentMovement {
        int n = Segment.values().length;
        if (counts.length != n || arrived.length != n || left.length != n) {
            throw new IllegalArgumentException("one row and column per segment");
        }
    }

    /** The movement between two snapshots of the insights, {@code before} the earlier. */
    public static SegmentMovement between(InsightSnapshot before, InsightSnapshot after) {
        return between(Segments.of(before), Segments.of(after));
    }

    /**
     * Every customer's segment on one day: ids ascending, each with its segment's ordinal. At
     * 100,000 customers 0.9 MB, where the day's whole snapshot takes about 9 MB.
     */
    record Segments(LocalDate asOf, long[] ids, byte[] segments) {
        static Segments of(InsightSnapshot s) {
            if (s.customers() instanceof InsightTable table) { // by id already
                long[] ids = new long[table.size()];
                byte[] segments = new byte[ids.length];
                for (int i = 0; i < ids.length; i++) {
                    ids[i] = table.customerId(i);
                    segments[i] = (byte) table.segment(i).ordinal();
                }
                return new Segments(s.asOf(), ids, segments);
            }
            long[] keyed = new long[s.customers().size()];
            int i = 0;
            for (CustomerInsight c : s.customers()) {
                keyed[i++] = c.customerId() << 4 | c.segment().ordinal(); // ids are far below 2^59
            }
            java.util.Arrays.sort(keyed);
            long[] ids = new long[keyed.length];
            byte[] segments = new byte[keyed.length];
            for (int k = 0; k < keyed.length; k++) {
                ids[k] = keyed[k] >>> 4;
                segments[k] = (byte) (keyed[k] & 0xF);
            }
            return new Segments(s.asOf(), ids, segments);
        }
    }

    /** The movement between two days' segments, {@code before} the earlier. */
    static SegmentMovement between(Segments before, Segments after) {
        int n = Segment.values().length;
        int[][] counts = new int[n][n];
        int[] arrived = new int[n];
        int[] left = new int[n];
        int i = 0;
        int j = 0;
        while (i < before.ids().length || j < after.ids().length) {
            long was = i < before.ids().length ? before.ids()[i] : Long.MAX_VALUE;
            long is = j < after.ids().length ? after.ids()[j] : Long.MAX_VALUE;
            if (was == is) {
                counts[before.segments()[i++]][after.segments()[j++]]++;
            } else if (was < is) {
                left[before.segments()[i++]]++;
            } else {
                arrived[after.segments()[j++]]++;
            }
        }
        return new SegmentMovement(before.asOf(), after.asOf(), counts, arrived, left);
    }

    public int count(Segment from, Segment to) {
        return counts[from.ordinal()][to.ordinal()];
    }

    /** Customers in a segment on both dates whose segment changed. */
    public int moved() {
        int moved = 0;
        for (int i = 0; i < counts.length; i++) {
            for (int j = 0; j < counts.length; j++) {
                if (i != j) {
                    moved += counts[i][j];
                }
            }
        }
        return moved;
    }

    /** Customers in the same segment on both dates. */
    public int stayed() {
        int stayed = 0;
        for (int i = 0; i < counts.length; i++) {
            stayed += counts[i][i];
        }
        return stayed;
    }
}
