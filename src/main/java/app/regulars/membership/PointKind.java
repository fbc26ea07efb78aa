package app.regulars.membership;

/** Why points changed; every change is one ledger entry of one of these kinds. */
public enum PointKind {
    /** Earned by a purchase (positive). */
    EARNED,
    /** Spent on a reward (negative). */
    REDEEMED,
    /** Lapsed after the expiry period (negative). */
    EXPIRED,
    /** Changed by hand with a reason (either sign). */
    ADJUSTED,
    /** Taken back because a purchase was voided or lowered (negative). */
    REVERSED
}
