package app.regulars.membership;

import java.math.BigDecimal;
import java.util.List;

/**
 * What a visit brief shows of a customer's membership: the current tier (show it with
 * {@link Tier#displayName}; colour in {@link Tier#colour}), the points balance, the spend of
 * the last 12 months and the last few purchases (newest first, voided ones left out).
 */
public record MembershipSnapshot(Tier tier, int pointsBalance, BigDecimal spend12Months,
                                 List<Purchase> lastPurchases) {
}
