package app.regulars.membership;

import java.math.BigDecimal;
import java.time.LocalDateTime;

/** One purchase at the counter; a voided one stays visible with its reason. */
public record Purchase(long id, long customerId, LocalDateTime purchasedAt, BigDecimal amount, String note,
                       int points, boolean voided, String voidReason) {
}
