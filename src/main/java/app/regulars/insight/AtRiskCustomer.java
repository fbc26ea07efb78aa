package app.regulars.insight;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * A customer at risk of leaving: who, the stage and value class, the value at risk (the
 * predicted CLV, or the spend of the last 12 months where the model cannot be fitted) and why.
 */
public record AtRiskCustomer(long customerId, String code, String name, Lifecycle lifecycle, ValueClass valueClass,
                             BigDecimal valueAtRisk, LocalDate lastDay, RiskReason reason) {
    /**
     * What a win-back for this lapse is generated as: one per customer and last purchase day, so
     * that a customer who comes back and lapses again can be won back again.
     */
    public String generationKey() {
        return app.regulars.followup.FollowUpTitles.winBackKey(customerId, lastDay);
    }
}
