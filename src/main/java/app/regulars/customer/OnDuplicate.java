package app.regulars.customer;

import java.util.Locale;

/**
 * What an import does with a row that is a customer already there: one with the same card
 * number, phone (any of theirs) or email (in any case), or one an earlier row of the file makes
 * (decision 0024).
 */
public enum OnDuplicate {
    /** Leaves the customer as they are; the row is counted as skipped. */
    SKIP,
    /** Fills the customer's empty fields from the row (phones and tags: adds the row's new ones). */
    FILL,
    /** Writes every field the row has over the customer's (an empty cell leaves the field as it is). */
    OVERWRITE,
    /** Adds the row as another customer, as imports did before (a card number already there is still refused). */
    ADD;

    /** Whether rows are matched with customers at all. */
    public boolean matches() {
        return this != ADD;
    }

    /** Whether a matching row changes the customer. */
    public boolean updates() {
        return this == FILL || this == OVERWRITE;
    }

    /** Its bundle key (a choice in the window). */
    public String key() {
        return "import.onDuplicate." + name().toLowerCase(Locale.ROOT);
    }
}
