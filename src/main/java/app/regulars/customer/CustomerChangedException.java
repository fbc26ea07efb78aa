package app.regulars.customer;

import app.regulars.i18n.UserException;

import java.time.format.DateTimeFormatter;

/**
 * A save of a profile refused because someone else saved the same customer since it was read (on
 * another computer of a shared store, or in another window): nothing was changed. {@link #current()}
 * is the profile as it is stored now, with its version: shown again it discards the edit (Reload);
 * the edit saved with that version saves over it, knowingly (Keep mine). Decision 0031.
 */
public final class CustomerChangedException extends UserException {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");
    private final transient Customer current;

    public CustomerChangedException(Customer current) {
        super("conflict.changedElsewhere", current.updatedAt() == null ? "" : TIME.format(current.updatedAt()));
        this.current = current;
    }

    /** The profile as stored now: the other person's save. */
    public Customer current() {
        return current;
    }
}
