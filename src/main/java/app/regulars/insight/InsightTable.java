package app.regulars.insight;

import java.util.AbstractList;
import java.util.RandomAccess;

/**
 * The customers of an {@link InsightSnapshot} held in columns of primitives, by customer id:
 * the metrics ({@link MetricsTable}), the three scores, the segment, stage and value class as
 * bytes, and the prediction as four doubles (NaN where there is none). A {@link CustomerInsight}
 * is made when a row is read and kept by nobody: at 100,000 customers the table takes about
 * 9 MB, where a record per customer with its metrics and prediction took about 25 MB, and the
 * look-up by id is a binary search instead of a map of boxed ids (another 5 MB).
 */
final class InsightTable extends AbstractList<CustomerInsight> implements RandomAccess {
    private static final Segment[] SEGMENTS = Segment.values();
    private static final Lifecycle[] STAGES = Lifecycle.values();
    private static final ValueClass[] VALUES = ValueClass.values();

    private final MetricsTable metrics;
    private final byte[] r;
    private final byte[] f;
    private final byte[] m;
    private final byte[] segment;
    private final byte[] lifecycle;
    private final byte[] value;
    private final double[] pAlive;
    private final double[] expectedPurchases;
    private final double[] expectedSpend;
    private final double[] clv;

    /** An empty table of {@code metrics}' size, for {@link #set} to fill. */
    InsightTable(MetricsTable metrics) {
        int n = metrics.size();
        this.metrics = metrics;
        r = new byte[n];
        f = new byte[n];
        m = new byte[n];
        segment = new byte[n];
        lifecycle = new byte[n];
        value = new byte[n];
        pAlive = new double[n];
        expectedPurchases = new double[n];
        expectedSpend = new double[n];
        clv = new double[n];
    }

    /** Sets the prediction of row {@code i} (the customer of the metrics' row {@code i}); null for none. */
    void setPrediction(int i, Prediction p) {
        pAlive[i] = p == null ? Double.NaN : p.pAlive();
        expectedPurchases[i] = p == null ? Double.NaN : p.expectedPurchases();
        expectedSpend[i] = p == null ? Double.NaN : p.expectedSpend();
        clv[i] = p == null ? Double.NaN : p.clv();
    }

    /** Sets the scores and classes of row {@code i}. */
    void setScores(int i, int r, int f, int m, Segment segment, Lifecycle lifecycle, ValueClass value) {
        this.r[i] = (byte) r;
        this.f[i] = (byte) f;
        this.m[i] = (byte) m;
        this.segment[i] = (byte) segment.ordinal();
        this.lifecycle[i] = (byte) lifecycle.ordinal();
        this.value[i] = (byte) value.ordinal();
    }

    /** The prediction of row {@code i}, made now; null without one. */
    Prediction prediction(int i) {
        return Double.isNaN(pAlive[i]) ? null : new Prediction(pAlive[i], expectedPurchases[i], expectedSpend[i], clv[i]);
    }

    @Override
    public CustomerInsight get(int i) {
        java.util.Objects.checkIndex(i, size());
        return new CustomerInsight(metrics.get(i), r[i], f[i], m[i], SEGMENTS[segment[i]], STAGES[lifecycle[i]], VALUES[value[i]], prediction(i));
    }

    @Override
    public int size() {
        return metrics.size();
    }

    long customerId(int i) {
        return metrics.id(i);
    }

    /** The predicted lifetime value of row {@code i}; NaN without a prediction. */
    double clv(int i) {
        return clv[i];
    }

    Segment segment(int i) {
        return SEGMENTS[segment[i]];
    }

    Lifecycle lifecycle(int i) {
        return STAGES[lifecycle[i]];
    }

    ValueClass valueClass(int i) {
        return VALUES[value[i]];
    }

    int r(int i) {
        return r[i];
    }

    int f(int i) {
        return f[i];
    }

    /** The customer's row, or a negative number without one. */
    int indexOf(long customerId) {
        return metrics.indexOf(customerId);
    }

    /** The customer's row, or null without one (no purchase, or archived). */
    CustomerInsight find(long customerId) {
        int i = metrics.indexOf(customerId);
        return i < 0 ? null : get(i);
    }
}
