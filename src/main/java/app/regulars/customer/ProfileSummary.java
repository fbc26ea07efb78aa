package app.regulars.customer;

import java.util.List;

/**
 * Facts another feature contributes to the summary row at the top of every profile (tier and
 * points, last visit, segment, churn risk, ...). As with {@link ProfileSection}, the customer
 * feature knows nothing of the others: the shell hands them in, ordered by position.
 */
public interface ProfileSummary {
    /**
     * The facts about this customer, in the order shown; called off the JavaFX thread each time
     * a profile is shown. An empty list adds nothing to the row.
     */
    List<ProfileFact> facts(long customerId);

    /**
     * Whether {@link #facts} can take seconds (the insights compute a snapshot of every customer
     * the first time of a day): the profile then asks on the task runner's background lane, and
     * shows the quick facts first.
     */
    default boolean slow() {
        return false;
    }
}
