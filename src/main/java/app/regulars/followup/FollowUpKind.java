package app.regulars.followup;

/** What a follow-up is for. Birthday and holiday greetings are marketing: only for customers whose consent allows it (decision 0021). */
public enum FollowUpKind {
    CHECK_IN, BIRTHDAY, HOLIDAY, COMPLAINT, WIN_BACK, VISIT;

    public boolean isGreeting() {
        return this == BIRTHDAY || this == HOLIDAY;
    }
}
