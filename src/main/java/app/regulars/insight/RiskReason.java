package app.regulars.insight;

import app.regulars.i18n.Messages;

/**
 * Why a customer is at risk, kept as data so that it reads in the language of whoever looks:
 * overdue against their usual interval ("usually every 21 days, now 64 days"), an unlikely
 * P(alive) ("P(alive) 0.23"), both, or, where neither applies (a churned customer seen once,
 * without a model), how long they have been away.
 *
 * @param usualDays   the usual interval between purchase days, rounded; null with one purchase day
 * @param sinceDays   days since the last purchase
 * @param pAlive      the model's P(alive); null where the model cannot be fitted
 * @param overdue     more than the declining factor × the usual interval since the last purchase
 * @param unlikelyAlive P(alive) below the declining threshold
 */
public record RiskReason(Integer usualDays, int sinceDays, Double pAlive, boolean overdue, boolean unlikelyAlive) {
    public RiskReason {
        if (sinceDays < 0 || (overdue && usualDays == null) || (unlikelyAlive && pAlive == null)
                || (pAlive != null && !(pAlive >= 0 && pAlive <= 1))) {
            throw new IllegalArgumentException("not a reason: " + usualDays + ", " + sinceDays + ", " + pAlive);
        }
    }

    /** The reason for one customer by the settings' thresholds. */
    static RiskReason of(CustomerMetrics m, Double pAlive, InsightSettings s) {
        Integer usual = m.usualIntervalDays() == null ? null : (int) Math.max(1, Math.round(m.usualIntervalDays()));
        boolean overdue = m.usualIntervalDays() != null && m.recencyDays() > s.decliningFactor() * m.usualIntervalDays();
        return new RiskReason(usual, m.recencyDays(), pAlive, overdue, pAlive != null && pAlive < s.decliningAlive());
    }

    /** One line in the user's language. */
    public String text(Messages messages) {
        String interval = overdue ? messages.get("insight.risk.overdue", usualDays, sinceDays) : null;
        String alive = unlikelyAlive ? messages.get("insight.risk.pAlive", pAlive) : null;
        if (interval != null && alive != null) {
            return messages.get("insight.risk.both", interval, alive);
        }
        if (interval != null) {
            return interval;
        }
        return alive != null ? alive : messages.get("insight.risk.away", sinceDays);
    }
}
