package app.regulars.survey;

import java.time.LocalDate;

/**
 * Which responses the results count: a period (either end open), and optionally a customer
 * tag and a membership tier ({@code member_tier.id}).
 */
public record ResultFilter(LocalDate from, LocalDate to, String tag, Long tierId) {
    public static ResultFilter all() {
        return new ResultFilter(null, null, null, null);
    }

    public ResultFilter {
        tag = tag == null || tag.isBlank() ? null : tag.strip();
    }

    public ResultFilter(LocalDate from, LocalDate to, String tag) {
        this(from, to, tag, null);
    }
}
