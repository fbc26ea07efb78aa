package app.regulars.customer;

/**
 * One labelled fact about a customer that another feature knows ("Tier: Gold", "Last visit:
 * 12 days ago"), already in the user's language. {@code warning}: worth the reader's attention
 * (a high churn risk), shown in a warning colour.
 */
public record ProfileFact(String label, String value, boolean warning) {
    public ProfileFact {
        if (label == null || value == null) {
            throw new IllegalArgumentException("a fact needs a label and a value");
        }
    }

    public static ProfileFact of(String label, String value) {
        return new ProfileFact(label, value, false);
    }
}
