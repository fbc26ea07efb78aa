package app.regulars.membership;

import app.regulars.customer.ProfileFact;
import app.regulars.customer.ProfileSummary;
import app.regulars.i18n.Formats;
import app.regulars.i18n.Messages;

import java.util.List;

/** Membership's part of the row at the top of a profile: the tier, the points balance and the spend of the last 12 months. */
public final class MembershipSummary implements ProfileSummary {
    private final MembershipService service;
    private final Messages messages;
    private final Formats formats;

    public MembershipSummary(MembershipService service, Messages messages) {
        this.service = service;
        this.messages = messages;
        this.formats = new Formats(messages);
    }

    @Override
    public List<ProfileFact> facts(long customerId) {
        MembershipService.PurchaseTotals totals = service.totals(customerId);
        Tier tier = service.tierOf(customerId);
        return List.of(
                ProfileFact.of(messages.get("membership.summary.tier"), tier == null ? "—" : tier.displayName(messages)),
                ProfileFact.of(messages.get("membership.summary.points"), formats.integer(service.balance(customerId))),
                ProfileFact.of(messages.get("membership.summary.spend12"),
                        formats.money(totals.last12Months(), service.settings().currency())));
    }
}
