package app.regulars.customer;

import java.time.LocalDateTime;
import java.util.Locale;

/** One entry of the log of privacy requests: when, what, for which card number, from where. No personal data. */
public record PrivacyRequest(LocalDateTime at, Kind kind, String customerCode, Source source) {
    /** What was asked: a copy of the customer's data, or its erasure. */
    public enum Kind {
        EXPORT, ERASE;

        public String key() {
            return "privacy.kind." + name().toLowerCase(Locale.ROOT);
        }
    }

    /** Where the request was carried out. */
    public enum Source {
        WINDOW, COMMAND_LINE;

        public String key() {
            return "privacy.source." + name().toLowerCase(Locale.ROOT);
        }
    }
}
