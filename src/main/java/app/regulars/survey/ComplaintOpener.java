package app.regulars.survey;

import java.time.LocalDateTime;

/**
 * Opens a complaint follow-up (with its 24-hour clock) for a customer who gave a low score;
 * returns the follow-up's id. The follow-up feature provides the real one; surveys depend
 * only on this interface.
 */
@FunctionalInterface
public interface ComplaintOpener {
    long openComplaint(long customerId, String title, String notes, LocalDateTime openedAt);

    /** Opens nothing (no follow-up feature wired): returns -1 and logs. */
    ComplaintOpener NONE = (customerId, title, notes, openedAt) -> {
        org.slf4j.LoggerFactory.getLogger(ComplaintOpener.class)
                .info("No follow-up feature wired: complaint for customer {} not opened ({})", customerId, title);
        return -1;
    };
}
