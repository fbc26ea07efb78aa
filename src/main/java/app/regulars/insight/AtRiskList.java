package app.regulars.insight;

import java.time.LocalDate;
import java.util.List;

/**
 * The customers at risk as of a day, the most valuable first.
 *
 * @param model   the purchase model's outcome: where it is not fitted, value at risk is the last 12 months' spend
 * @param buyers  customers with a purchase (0: no purchase yet, nothing to say)
 */
public record AtRiskList(LocalDate asOf, List<AtRiskCustomer> customers, CustomerModel.Outcome model, int buyers) {
    public AtRiskList {
        customers = List.copyOf(customers);
    }

    public boolean modelFitted() {
        return model instanceof CustomerModel.Fitted;
    }
}
