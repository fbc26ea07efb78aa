package app.regulars.insight;

import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The insights of every customer as of a date, computed in one pass and kept until the data
 * changes. {@code prospects}: customers (not archived) without a purchase yet. The service's
 * snapshots hold their customers in columns ({@link InsightTable}), by id.
 *
 * @param model the purchase model fitted on this history, or why it could not be
 */
public record InsightSnapshot(LocalDate asOf, InsightSettings settings, List<CustomerInsight> customers, int prospects,
                              CustomerModel.Outcome model, long writeCount) {
    /** The customer's insight; null without a purchase, or when archived. */
    CustomerInsight of(long customerId) {
        if (customers instanceof InsightTable table) {
            return table.find(customerId);
        }
        for (CustomerInsight c : customers) {
            if (c.customerId() == customerId) {
                return c;
            }
        }
        return null;
    }

    /** Whether the customer has an insight (a purchase, not archived). */
    boolean has(long customerId) {
        return customers instanceof InsightTable table ? table.indexOf(customerId) >= 0 : of(customerId) != null;
    }

    /**
     * Whether the customer has an insight whose stage and value class pass {@code test}, read
     * from the table's columns without making the customer's row.
     */
    boolean is(long customerId, java.util.function.BiPredicate<Lifecycle, ValueClass> test) {
        if (customers instanceof InsightTable table) {
            int i = table.indexOf(customerId);
            return i >= 0 && test.test(table.lifecycle(i), table.valueClass(i));
        }
        CustomerInsight c = of(customerId);
        return c != null && test.test(c.lifecycle(), c.valueClass());
    }

    /** What the counts below take of a customer. */
    private interface Classes {
        void accept(Segment segment, Lifecycle lifecycle, int r, int f);
    }

    /**
     * Every customer's segment, stage and R and F scores; from the table's columns without making
     * the rows (at 100,000 customers each count made 100,000 rows with their metrics: some 20 MB).
     */
    private void forEachClasses(Classes sink) {
        if (customers instanceof InsightTable table) {
            for (int i = 0; i < table.size(); i++) {
                sink.accept(table.segment(i), table.lifecycle(i), table.r(i), table.f(i));
            }
        } else {
            customers.forEach(c -> sink.accept(c.segment(), c.lifecycle(), c.r(), c.f()));
        }
    }

    public Map<Segment, Integer> segmentCounts() {
        Map<Segment, Integer> counts = new EnumMap<>(Segment.class);
        for (Segment s : Segment.values()) {
            counts.put(s, 0);
        }
        forEachClasses((segment, stage, r, f) -> counts.merge(segment, 1, Integer::sum));
        return counts;
    }

    /** Customers per stage, prospects included, in the order of the stages (the funnel). */
    public Map<Lifecycle, Integer> lifecycleCounts() {
        Map<Lifecycle, Integer> counts = new EnumMap<>(Lifecycle.class);
        for (Lifecycle l : Lifecycle.values()) {
            counts.put(l, 0);
        }
        counts.put(Lifecycle.PROSPECT, prospects);
        forEachClasses((segment, stage, r, f) -> counts.merge(stage, 1, Integer::sum));
        return counts;
    }

    /** Customers per (R, F) score pair: {@code [r - 1][f - 1]}. */
    public int[][] recencyByFrequency() {
        int[][] cells = new int[5][5];
        forEachClasses((segment, stage, r, f) -> cells[r - 1][f - 1]++);
        return cells;
    }
}
