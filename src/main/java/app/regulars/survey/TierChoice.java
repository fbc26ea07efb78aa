package app.regulars.survey;

/** A membership tier as the results filter offers it (from the membership feature's member_tier). */
public record TierChoice(long id, String name, String nameKey) {
}
