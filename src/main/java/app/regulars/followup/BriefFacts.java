package app.regulars.followup;

import app.regulars.customer.ProfileFact;
import app.regulars.i18n.Messages;

import java.util.List;

/**
 * What another feature adds to a customer's visit brief: labelled facts for its summary
 * (segment, churn risk, lifetime value, next visit) and, when the customer is at risk of
 * leaving, why, so a rep walks in knowing it. The brief is also made on the command line,
 * without a window: a feature puts its one {@code BriefFacts} in the {@code Services} when it
 * opens, and the brief finds it there (or goes without).
 */
public interface BriefFacts {
    /** The facts about this customer in the language of {@code messages}; called off the JavaFX thread. */
    Facts of(long customerId, Messages messages);

    /**
     * @param facts      in the order shown
     * @param riskReason why the customer is at risk, in one sentence; null when they are not
     */
    record Facts(List<ProfileFact> facts, String riskReason) {
        public static final Facts NONE = new Facts(List.of(), null);

        public Facts {
            facts = List.copyOf(facts);
        }
    }
}
