package app.regulars.membership;

import java.math.BigDecimal;

/** How many customers a tier holds and what they spent in the last 12 months. */
public record TierSummary(Tier tier, int members, BigDecimal spend12Months) {
}
