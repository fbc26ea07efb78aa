package app.regulars.membership;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;

/**
 * A coupon: a fixed {@code amount} or a {@code percent} off (a reward coupon may have neither:
 * its {@code note} names the gift). {@code redeemedAt} is set once it is used, {@code purchaseId}
 * when it was used with a purchase.
 */
public record Coupon(long id, long customerId, String code, CouponKind kind, BigDecimal amount, BigDecimal percent,
                     LocalDate validFrom, LocalDate validUntil, LocalDateTime redeemedAt, String note, Long purchaseId) {

    /** Used, not used yet, or past its last day unused. */
    public enum Status {
        UNUSED,
        USED,
        EXPIRED
    }

    public boolean usableOn(LocalDate day) {
        return redeemedAt == null && !day.isBefore(validFrom) && !day.isAfter(validUntil);
    }

    public Status status(LocalDate today) {
        return redeemedAt != null ? Status.USED : today.isAfter(validUntil) ? Status.EXPIRED : Status.UNUSED;
    }
}
