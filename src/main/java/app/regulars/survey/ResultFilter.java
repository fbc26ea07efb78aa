package app.regulars.survey;

import java.time.LocalDate;

/** Which responses the results count: a period (either end open) and optionally a customer tag. */
public record ResultFilter(LocalDate from, LocalDate to, String tag) {
    public static ResultFilter all() {
        return new ResultFilter(null, null, null);
    }

    public ResultFilter {
        tag = tag == null || tag.isBlank() ? null : tag.strip();
    }
}
