package app.regulars.membership;

import java.math.BigDecimal;
import java.time.LocalDateTime;

/**
 * An upgrade or downgrade: {@code reason} is one of {@link TierChangeReason}'s names;
 * {@code basis} is the 12-month points or spend that placed the customer.
 */
public record TierChange(LocalDateTime at, String fromName, String toName, boolean upgrade,
                         TierChangeReason reason, BigDecimal basis) {
}
