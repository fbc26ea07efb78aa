package app.regulars.membership;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;

/** A coupon: a fixed {@code amount} or a {@code percent} off (a reward coupon may have neither). */
public record Coupon(long id, long customerId, String code, CouponKind kind, BigDecimal amount, BigDecimal percent,
                     LocalDate validFrom, LocalDate validUntil, LocalDateTime redeemedAt, String note) {
    public boolean usableOn(LocalDate day) {
        return redeemedAt == null && !day.isBefore(validFrom) && !day.isAfter(validUntil);
    }
}
