package app.regulars.membership;

/** What places a customer in a tier: points earned, or money spent, in the last 12 months. */
public enum TierRule {
    POINTS_12_MONTHS,
    SPEND_12_MONTHS
}
