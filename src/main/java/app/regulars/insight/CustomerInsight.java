package app.regulars.insight;

/**
 * Everything the insights say about one customer with purchases: the metrics, the RFM scores
 * and segment, the lifecycle stage, the value class, and the model's prediction (null where
 * the model cannot be fitted).
 */
public record CustomerInsight(CustomerMetrics metrics, int r, int f, int m, Segment segment, Lifecycle lifecycle,
                              ValueClass valueClass, Prediction prediction) {
    public long customerId() {
        return metrics.customerId();
    }
}
