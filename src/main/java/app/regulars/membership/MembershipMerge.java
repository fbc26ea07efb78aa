package app.regulars.membership;

import app.regulars.customer.CustomerMerge;
import app.regulars.customer.MergeHook;
import org.jooq.DSLContext;

import java.util.Collection;
import java.util.Map;

/**
 * Membership's part of a merge of customers (decision 0025): the others' purchases, points ledger,
 * coupons and tier history move to the kept customer; then the kept customer's running 12-month
 * totals are counted again from their purchases and their tier placed (a tier change "after a
 * merge" when it moves). The points balance is the sum of the ledger: it follows by itself.
 */
final class MembershipMerge implements MergeHook {
    private final MembershipRepository repository;
    private final TierRepository tiers;

    MembershipMerge(MembershipRepository repository, TierRepository tiers) {
        this.repository = repository;
        this.tiers = tiers;
    }

    @Override
    public Map<String, Integer> count(DSLContext dsl, Collection<Long> customerIds) {
        return repository.countForMerge(dsl, customerIds);
    }

    @Override
    public void move(DSLContext tx, CustomerMerge merge) {
        repository.moveForMerge(tx, merge.keptId(), merge.others());
        tiers.evaluate(tx, merge.keptId(), merge.at(), TierChangeReason.MERGE);
    }
}
