package app.regulars.customer;

import java.time.LocalDateTime;
import java.util.Locale;

/**
 * A customer merged into another, as the kept customer's profile shows it: their card number (it
 * still finds the kept customer) and name then, when, and from where. {@code name} is null once
 * the kept customer has been erased.
 */
public record MergeRecord(String code, String name, LocalDateTime at, Source source) {
    /** Where a merge was made. */
    public enum Source {
        WINDOW, COMMAND_LINE;

        /** Its bundle key. */
        public String key() {
            return "merge.source." + name().toLowerCase(Locale.ROOT);
        }
    }
}
