package app.regulars.insight;

import java.util.Locale;

/**
 * The owner's key figures for a period. Each has a unit, a direction (whether more is
 * better) and, for three of them, a target from {@link InsightSettings}. The formulas are in
 * the bundles ({@code insight.kpi.<code>.formula}, the tooltips) and the user guide.
 */
public enum Kpi {
    ACTIVE_CUSTOMERS(Unit.COUNT, true),
    NEW_CUSTOMERS(Unit.COUNT, true),
    REPURCHASE_RATE(Unit.PERCENT, true),
    CHURN_RATE(Unit.PERCENT, false),
    RETENTION_RATE(Unit.PERCENT, true),
    AVERAGE_ORDER_VALUE(Unit.MONEY, true),
    AVERAGE_ORDER_VALUE_GROWTH(Unit.PERCENT, true),
    REVENUE(Unit.MONEY, true),
    PURCHASES_PER_CUSTOMER(Unit.NUMBER, true),
    AVERAGE_CLV(Unit.MONEY, true),
    NPS(Unit.NUMBER, true),
    CSAT(Unit.PERCENT, true),
    COMPLAINTS(Unit.COUNT, false),
    COMPLAINTS_RESOLVED_IN_24H(Unit.PERCENT, true),
    FOLLOWUPS_ON_TIME(Unit.PERCENT, true);

    public enum Unit { COUNT, PERCENT, MONEY, NUMBER }

    private final Unit unit;
    private final boolean higherIsBetter;

    Kpi(Unit unit, boolean higherIsBetter) {
        this.unit = unit;
        this.higherIsBetter = higherIsBetter;
    }

    public Unit unit() {
        return unit;
    }

    public boolean higherIsBetter() {
        return higherIsBetter;
    }

    /** The name on the command line: {@code repurchase_rate}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String key() {
        return "insight.kpi." + code();
    }

    /** The target for this figure, or null when it has none. */
    public Double target(InsightSettings s) {
        return switch (this) {
            case CHURN_RATE -> s.churnTarget();
            case REPURCHASE_RATE -> s.repurchaseTarget();
            case CSAT -> s.satisfactionTarget();
            default -> null;
        };
    }

    /** Whether {@code value} meets the target; null when there is no target or no value. */
    public Boolean meets(Double value, InsightSettings s) {
        Double t = target(s);
        if (t == null || value == null) {
            return null;
        }
        return higherIsBetter ? value >= t : value <= t;
    }
}
