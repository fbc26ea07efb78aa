package app.regulars.insight;

import app.regulars.app.AppContext;
import app.regulars.customer.Consent;
import app.regulars.customer.Customer;
import app.regulars.customer.MarketingChannel;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Set;

/**
 * A small shop as of TestStores.TODAY (2026-11-23), too small for the purchase model, so
 * stages follow the rules and value at risk is the last 12 months' spend:
 * <ul>
 * <li>Ann: every 21 days until Aug 3, consent: declining, 200 at stake;</li>
 * <li>Bo: every 10 days until Jul 31, no consent: declining, 40;</li>
 * <li>Cai: comes every 10 days, last on Nov 21: not at risk;</li>
 * <li>Dee: once in Jan 2024 for 1,000, opted out of every channel: churned and core, 0 at stake;</li>
 * <li>Eve: every 30 days until Jun 1, opted out of SMS: declining, 90;</li>
 * <li>Fay: every 10 days until Nov 2: at risk today (21 days), not yesterday (20).</li>
 * </ul>
 */
final class WinbackShop {
    static final Consent YES = new Consent(true, LocalDate.of(2025, 1, 1), Set.of());
    long ann, bo, cai, dee, eve, fay;

    WinbackShop(AppContext ctx) {
        ann = customer(ctx, "Ann", YES);
        bo = customer(ctx, "Bo", Consent.NONE);
        cai = customer(ctx, "Cai", YES);
        dee = customer(ctx, "Dee", new Consent(true, LocalDate.of(2025, 1, 1), Set.of(MarketingChannel.values())));
        eve = customer(ctx, "Eve", new Consent(true, LocalDate.of(2025, 1, 1), Set.of(MarketingChannel.SMS)));
        fay = customer(ctx, "Fay", YES);
        every(ctx, ann, LocalDate.of(2026, 8, 3), 21, 4, "50.00");
        every(ctx, bo, LocalDate.of(2026, 7, 31), 10, 4, "10.00");
        every(ctx, cai, LocalDate.of(2026, 11, 21), 10, 15, "5.00");
        every(ctx, dee, LocalDate.of(2024, 1, 10), 1, 1, "1000.00");
        every(ctx, eve, LocalDate.of(2026, 6, 1), 30, 3, "30.00");
        every(ctx, fay, LocalDate.of(2026, 11, 2), 10, 13, "2.00");
    }

    private static long customer(AppContext ctx, String name, Consent consent) {
        return ctx.customers().save(Customer.builder().name(name).consent(consent).build()).id();
    }

    /** {@code times} purchases, {@code days} apart, the last on {@code last}. */
    private static void every(AppContext ctx, long customer, LocalDate last, int days, int times, String amount) {
        for (int i = times - 1; i >= 0; i--) {
            ctx.membership().recordPurchase(customer, last.minusDays((long) days * i).atTime(12, 0), new BigDecimal(amount), null);
        }
    }
}
