package app.regulars.insight;

/**
 * One owner's figures for a period (绩效考核), from the follow-ups that name them as owner
 * ({@code follow_up.owner}; {@code owner} is "" for follow-ups without one):
 * <ul>
 * <li>{@code due}, {@code doneOnTime}: follow-ups due in the period (cancelled ones left out),
 *     and how many of them were done by the end of their due day;</li>
 * <li>{@code complaints}, {@code resolvedIn24h}: complaints opened in the period, and how many
 *     were done by their resolve-by time (24 hours after being opened);</li>
 * <li>{@code followedUp}: the customers the owner <em>followed up</em> in the period — those
 *     with a follow-up of this owner marked done ({@code completed_at}) in the period, whatever
 *     its kind or due day;</li>
 * <li>{@code nps}, {@code csat}: NPS and CSAT (share of 4–5) of the survey answers given in the
 *     period by those customers (a customer followed up by two owners counts for both), null
 *     without an answer; {@code npsAnswers}, {@code csatAnswers}: how many answers.</li>
 * </ul>
 */
public record StaffFigures(String owner, int due, int doneOnTime, int complaints, int resolvedIn24h, int followedUp,
                           Double nps, int npsAnswers, Double csat, int csatAnswers) {
    /** Follow-ups done on time ÷ due, in percent; null when none was due. */
    public Double onTimeRate() {
        return due == 0 ? null : 100.0 * doneOnTime / due;
    }

    /** Complaints resolved within 24 hours ÷ complaints, in percent; null without complaints. */
    public Double resolvedRate() {
        return complaints == 0 ? null : 100.0 * resolvedIn24h / complaints;
    }

    /** Whether these are the follow-ups without an owner. */
    public boolean unassigned() {
        return owner.isEmpty();
    }
}
