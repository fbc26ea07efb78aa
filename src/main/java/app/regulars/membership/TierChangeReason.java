package app.regulars.membership;

/** What made a tier re-evaluation run. */
public enum TierChangeReason {
    PURCHASE,
    EDIT,
    VOID,
    EVALUATION,
    SETTINGS,
    /** Customers were merged into this one (decision 0025). */
    MERGE
}
