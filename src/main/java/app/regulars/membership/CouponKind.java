package app.regulars.membership;

/** How a coupon came about. */
public enum CouponKind {
    MANUAL,
    BIRTHDAY,
    REWARD
}
