package app.regulars.store;

/** What a person may do in team mode (decision 0033). */
public enum Role {
    /** Everything. */
    OWNER,
    /** Everything but exporting everything, erasing, and the settings. */
    STAFF
}
