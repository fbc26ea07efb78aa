package app.regulars.insight;

/**
 * What the model predicts for one customer as of a date: the probability that they are still
 * a customer, the purchase days expected over the horizon, the spend expected per purchase
 * day, and the lifetime value over the horizon (margin and discount applied).
 */
public record Prediction(double pAlive, double expectedPurchases, double expectedSpend, double clv) {
    public Prediction {
        if (!(pAlive >= 0 && pAlive <= 1) || !Double.isFinite(expectedPurchases) || expectedPurchases < 0
                || !Double.isFinite(expectedSpend) || expectedSpend < 0 || !Double.isFinite(clv) || clv < 0) {
            throw new IllegalArgumentException("not a prediction: " + pAlive + ", " + expectedPurchases + ", " + expectedSpend + ", " + clv);
        }
    }

    /** Low, medium or high churn risk, from P(alive) and the lifecycle thresholds. */
    public Risk risk(InsightSettings s) {
        return pAlive < s.churnedAlive() ? Risk.HIGH : pAlive < s.decliningAlive() ? Risk.MEDIUM : Risk.LOW;
    }

    public enum Risk { LOW, MEDIUM, HIGH }
}
