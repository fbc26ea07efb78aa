package app.regulars.customer;

import org.jooq.DSLContext;

import java.util.Collection;
import java.util.Map;

/**
 * A feature's part of a merge of customers (decision 0025): what it holds about the customers
 * merged in, counted before the merge, and moved to the kept customer in the merge's
 * transaction. Each feature that keeps records about customers adds one to the
 * {@link MergeService} when it opens (found in the {@code Services}, so the command line has them
 * too); the customer feature knows none of them, and a merge never reaches into another feature's
 * tables. Like {@link PersonalData} for privacy requests.
 */
public interface MergeHook {
    /**
     * How many records of each kind the feature holds about {@code customerIds}: a bundle key that
     * names the kind with a count ({@code merge.count.purchases}: "{0} purchases") to the count,
     * in the order shown; kinds with none may be left out.
     */
    Map<String, Integer> count(DSLContext dsl, Collection<Long> customerIds);

    /**
     * Moves every record the feature holds about {@link CustomerMerge#others()} to
     * {@link CustomerMerge#keptId()} in the merge's transaction ({@code tx}), and recomputes what
     * depends on them (running totals, tiers). A record left behind makes the merge fail: nothing
     * of a customer is ever deleted by a merge.
     */
    void move(DSLContext tx, CustomerMerge merge);
}
