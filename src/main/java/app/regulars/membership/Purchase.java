package app.regulars.membership;

import java.math.BigDecimal;
import java.time.LocalDateTime;

/**
 * One purchase at the counter; a voided one stays visible with its reason. {@code amount} is
 * what was paid (what points, tiers and reports count); when something was taken off,
 * {@code amountBefore} is the price before discounts and {@code memberDiscount} and
 * {@code couponDiscount} the money each took off (null: none). {@code couponCode} names the
 * coupon used with it (null: none, or given back by a void).
 */
public record Purchase(long id, long customerId, LocalDateTime purchasedAt, BigDecimal amount, String note,
                       int points, boolean voided, String voidReason, BigDecimal amountBefore, BigDecimal memberDiscount,
                       BigDecimal couponDiscount, String couponCode) {

    /** Whether a discount or a coupon went with this purchase. */
    public boolean discounted() {
        return amountBefore != null || couponCode != null;
    }
}
