package app.regulars.insight;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * What the user asks for when planning win-backs.
 *
 * @param owner        who is to call (may be empty)
 * @param due          the day the follow-ups are due
 * @param couponAmount a fixed-amount coupon to issue with each planned win-back; null for none
 * @param couponDays   the coupon is valid from today until this many days after {@code due}
 */
public record WinbackPlan(String owner, LocalDate due, BigDecimal couponAmount, int couponDays) {
    public static final int DEFAULT_COUPON_DAYS = 30;

    public WinbackPlan {
        if (due == null || couponDays < 1) {
            throw new IllegalArgumentException("not a plan");
        }
    }
}
