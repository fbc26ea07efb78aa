package app.regulars.membership;

import app.regulars.i18n.Formats;
import app.regulars.i18n.Messages;

import java.time.LocalDate;
import java.util.Currency;

/** A coupon's value and status as the user reads them, the same in the window and on the command line. */
final class CouponText {
    private CouponText() {
    }

    /** The amount, the percent, or (a reward coupon) what it is for. */
    static String value(Coupon c, Formats formats, Currency currency) {
        if (c.amount() != null) {
            return formats.money(c.amount(), currency);
        }
        if (c.percent() != null) {
            return c.percent().stripTrailingZeros().toPlainString() + " %";
        }
        return c.note() == null ? "" : c.note();
    }

    /** Unused, used (with which purchase) or expired, in the user's language. */
    static String status(Coupon c, LocalDate today, Messages messages) {
        Coupon.Status status = c.status(today);
        return status == Coupon.Status.USED && c.purchaseId() != null ? messages.get("membership.coupon.usedWith", c.purchaseId())
                : messages.get("membership.coupon.status." + status.name());
    }
}
