package app.regulars.followup;

import app.regulars.customer.CustomerActivity;
import org.jooq.DSLContext;

import java.util.Collection;
import java.util.Map;

/**
 * Follow-ups' part of the undo of an import (decision 0024): a contact, a follow-up planned by
 * hand, or a generated one someone acted on since the import stops its undo. Generated ones nobody
 * touched (birthday greetings, check-ins the start of the day planned) go with the customer.
 */
final class FollowUpActivity implements CustomerActivity {
    private final FollowUpActivityRepository repository = new FollowUpActivityRepository();

    @Override
    public String key() {
        return "followup";
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
