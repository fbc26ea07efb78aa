package app.regulars.customer;

import java.util.Locale;

/** Where a change of consent was made; shown in the consent history on the profile. */
public enum ConsentSource {
    /** The customer form in the window. */
    EDITOR,
    /** A customer file imported in the window. */
    IMPORT,
    /** A command ({@code regulars import customers}). */
    COMMAND_LINE,
    /** The sample shop of the first start or {@code regulars demo}. */
    SAMPLE,
    /** The consent a customer already had when the history began (the upgrade that added it). */
    EARLIER,
    /** A merge of customers: the merged profile's consent (decision 0025). */
    MERGE;

    /** Its bundle key. */
    public String key() {
        return "customer.consent.source." + name().toLowerCase(Locale.ROOT);
    }
}
