package app.regulars.insight;

import app.regulars.i18n.Messages;

/** What the purchase model's outcome means, in the user's words. */
final class ModelText {
    private ModelText() {
    }

    /** One sentence: what was fitted, or why nothing was and what the figures rest on instead. */
    static String describe(CustomerModel.Outcome outcome, Messages messages) {
        return switch (outcome) {
            case CustomerModel.Fitted f -> messages.get("insight.model.fitted");
            case CustomerModel.NotEnoughHistory t -> messages.get(t.shortfall() == CustomerModel.Shortfall.REPEAT_CUSTOMERS
                    ? "insight.model.thin" : "insight.model.thinSpend", t.found(), t.minimum());
            case CustomerModel.NoFit n -> messages.get("insight.model.noFit", n.evaluations());
        };
    }
}
