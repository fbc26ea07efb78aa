package app.regulars.followup;

import app.regulars.i18n.UserException;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * An edit of a follow-up refused because someone else changed it since the form was filled (its
 * text, its time, or closed it): nothing was changed. {@link #current()} is the follow-up as it is
 * now: shown again it discards the edit (Reload); the edit saved against it saves over it (Keep
 * mine). Decision 0031.
 */
public final class FollowUpChangedException extends UserException {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");
    private final transient FollowUp current;

    public FollowUpChangedException(FollowUp current, LocalDateTime changedAt) {
        super("conflict.changedElsewhere", changedAt == null ? "" : TIME.format(changedAt));
        this.current = current;
    }

    public FollowUp current() {
        return current;
    }
}
