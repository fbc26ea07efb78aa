package app.regulars.membership;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * What a purchase costs: the price before discounts, the member discount (the tier's percent
 * of the price), then the coupon on what is left (its amount, at most what is left, or its
 * percent of it), and what is left to pay, never below zero. Money is rounded half up to
 * cents. The service records with it and the purchase forms show it before saving.
 *
 * @param memberPercent the tier's discount percent when applied, else null
 */
public record Price(BigDecimal before, BigDecimal memberPercent, BigDecimal memberDiscount, Coupon coupon,
                    BigDecimal couponDiscount, BigDecimal toPay) {
    private static final BigDecimal HUNDRED = new BigDecimal("100");

    /**
     * @param before        the price before discounts (0 or more, cents)
     * @param memberPercent the tier's discount to apply (null or 0: none)
     * @param coupon        the coupon to use (null: none)
     */
    public static Price of(BigDecimal before, BigDecimal memberPercent, Coupon coupon) {
        BigDecimal price = before.setScale(2, RoundingMode.HALF_UP);
        BigDecimal percent = memberPercent == null || memberPercent.signum() <= 0 ? null : memberPercent.min(HUNDRED);
        BigDecimal member = percent == null ? BigDecimal.ZERO.setScale(2) : percentOf(price, percent);
        BigDecimal left = price.subtract(member);
        BigDecimal off = BigDecimal.ZERO.setScale(2);
        if (coupon != null && coupon.amount() != null) {
            off = coupon.amount().setScale(2, RoundingMode.HALF_UP).min(left);
        } else if (coupon != null && coupon.percent() != null) {
            off = percentOf(left, coupon.percent().min(HUNDRED));
        }
        return new Price(price, percent, member, coupon, off, left.subtract(off).max(BigDecimal.ZERO.setScale(2)));
    }

    private static BigDecimal percentOf(BigDecimal amount, BigDecimal percent) {
        return amount.multiply(percent).divide(HUNDRED, 2, RoundingMode.HALF_UP);
    }

    /** Whether anything changes the price: a member discount or a coupon. */
    public boolean discounted() {
        return memberPercent != null || coupon != null;
    }
}
