package app.regulars.membership;

import app.regulars.customer.ListColumn;
import app.regulars.i18n.Messages;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The customer list's "Tier" column: each customer's current tier, in the user's language. */
public final class TierListColumn implements ListColumn {
    private final MembershipService service;
    private final Messages messages;

    public TierListColumn(MembershipService service, Messages messages) {
        this.service = service;
        this.messages = messages;
    }

    @Override
    public String title() {
        return messages.get("membership.members.tier");
    }

    @Override
    public double width() {
        return 80;
    }

    @Override
    public Map<Long, String> values(List<Long> customerIds) {
        Map<Long, String> out = new HashMap<>();
        service.tiersOf(customerIds).forEach((id, tier) -> out.put(id, tier.displayName(messages)));
        return out;
    }
}
