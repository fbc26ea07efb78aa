package app.regulars.membership;

import app.regulars.customer.CustomerActivity;
import org.jooq.DSLContext;

import java.util.Collection;
import java.util.Map;

/**
 * Membership's part of the undo of an import (decision 0024): a purchase, a change of points a
 * person made, a coupon issued by hand or used since the import stops its undo. The tier a new
 * customer starts in, points expiring and birthday coupons nobody used are the program's own:
 * they go with the customer.
 */
final class MembershipActivity implements CustomerActivity {
    private final MembershipImportRepository repository = new MembershipImportRepository();

    @Override
    public String key() {
        return "membership";
    }

    @Override
    public String mark(DSLContext dsl) {
        return repository.mark(dsl);
    }

    @Override
    public Map<Long, String> recordsSince(DSLContext dsl, String mark, Collection<Long> customerIds) {
        return repository.since(dsl, mark, customerIds);
    }
}
