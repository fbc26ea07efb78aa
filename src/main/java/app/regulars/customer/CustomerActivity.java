package app.regulars.customer;

import org.jooq.DSLContext;

import java.util.Collection;
import java.util.Map;

/**
 * What a feature records about customers, as the undo of an import asks it (decision 0024): the
 * undo is refused once anything touched the customers the import added or changed. The profile
 * itself the customer feature compares; each feature that keeps records about customers
 * (purchases, points, coupons, contacts, follow-ups, survey answers) adds one of these to the
 * {@link CustomerService} when it opens, so the customer feature never reads another's tables.
 */
public interface CustomerActivity {
    /** A short name that identifies this feature's mark among the others' ({@code membership}). */
    String key();

    /** Where the feature's records stand now (for example its tables' highest ids); kept with an import when it ends. */
    String mark(DSLContext dsl);

    /**
     * Of {@code customerIds}, those with a record of this feature that a person made or acted on
     * after {@code mark} (a purchase, a contact, a follow-up planned by hand or one done or moved,
     * a coupon used, a survey answer), or at any time when {@code mark} is null (a customer the
     * import added had nothing before it); each with the bundle key of a message naming what
     * ("import.undo.record.purchase"). What the program makes by itself and nobody acted on (a
     * birthday follow-up still planned, a coupon not used, the tier a new customer starts in) does
     * not count: undoing the import removes it with the customer. At most one entry per customer;
     * {@code customerIds} holds at most a thousand.
     */
    Map<Long, String> recordsSince(DSLContext dsl, String mark, Collection<Long> customerIds);
}
