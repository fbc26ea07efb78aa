package app.regulars.survey;

import java.time.LocalDateTime;

/**
 * Opens a complaint follow-up (with its 24-hour clock) for a customer who gave a low score;
 * returns the follow-up's id. The follow-up feature provides the real one; surveys depend
 * only on this interface.
 */
@FunctionalInterface
public interface ComplaintOpener {
    long openComplaint(long customerId, LowScore low, String notes, LocalDateTime openedAt);

    /**
     * The low score a complaint is opened for: the kind of survey (NPS or CSAT), the score, the
     * response, and a title in the language of the moment (what the follow-up keeps as text; it
     * is shown in the language of whoever looks, from the other three).
     */
    record LowScore(SurveyKind survey, int score, long responseId, String title) {
        @Override
        public String toString() {
            return title;
        }
    }

    /** Opens nothing (no follow-up feature wired): returns -1 and logs. */
    ComplaintOpener NONE = (customerId, low, notes, openedAt) -> {
        org.slf4j.LoggerFactory.getLogger(ComplaintOpener.class)
                .info("No follow-up feature wired: complaint for customer {} not opened ({})", customerId, low);
        return -1;
    };
}
