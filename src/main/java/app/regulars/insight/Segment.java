package app.regulars.insight;

import java.util.Locale;

/**
 * The eight RFM segments Chinese retail uses: each of R, F, M is high when the customer's
 * score is strictly above the mean of that score over the customers with a purchase.
 */
public enum Segment {
    IMPORTANT_VALUE(true, true, true),
    IMPORTANT_DEVELOPMENT(true, false, true),
    IMPORTANT_RETENTION(false, true, true),
    IMPORTANT_WINBACK(false, false, true),
    GENERAL_VALUE(true, true, false),
    GENERAL_DEVELOPMENT(true, false, false),
    GENERAL_RETENTION(false, true, false),
    GENERAL_WINBACK(false, false, false);

    private final boolean recent;
    private final boolean frequent;
    private final boolean valuable;

    Segment(boolean recent, boolean frequent, boolean valuable) {
        this.recent = recent;
        this.frequent = frequent;
        this.valuable = valuable;
    }

    public static Segment of(boolean recentHigh, boolean frequentHigh, boolean monetaryHigh) {
        for (Segment s : values()) {
            if (s.recent == recentHigh && s.frequent == frequentHigh && s.valuable == monetaryHigh) {
                return s;
            }
        }
        throw new AssertionError();
    }

    /** The name in files and on the command line: {@code important_value}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The bundle key of its name; {@code + ".action"} is the suggested action. */
    public String key() {
        return "insight.segment." + code();
    }
}
