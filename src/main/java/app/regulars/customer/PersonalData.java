package app.regulars.customer;

import app.regulars.i18n.Messages;
import org.jooq.DSLContext;

import java.util.List;

/**
 * What a feature holds about one customer, for the customer's privacy requests (PIPL articles 45
 * and 47; GDPR articles 15, 17 and 20). Each feature that keeps records about customers adds one
 * to the {@link PrivacyService} when it opens (found in the {@code Services}, so the command line
 * has them too); the customer feature knows none of them, and erasing never reaches into another
 * feature's tables.
 */
public interface PersonalData {
    /** Every record the feature holds about the customer, as sections in the order shown, in the language of {@code messages}. */
    List<DataSection> export(long customerId, Messages messages);

    /**
     * Removes the feature's personal data about the customer in the erasure's transaction
     * ({@code tx}): texts that may name them, links that identify them, and anything else that
     * says who they are, keeping only anonymous figures the shop's totals need; and the mentions
     * of {@link Erasure#terms()} in what it holds about others.
     */
    void erase(DSLContext tx, Erasure erasure);
}
