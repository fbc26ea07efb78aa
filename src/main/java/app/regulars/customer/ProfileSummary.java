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
}
