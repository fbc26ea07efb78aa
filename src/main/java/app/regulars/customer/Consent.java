package app.regulars.customer;

import java.time.LocalDate;
import java.util.EnumSet;
import java.util.Set;

/**
 * Marketing consent (PIPL, GDPR): whether the customer agreed, when, and the channels they
 * opted out of. What it allows (decision 0021):
 * <ul>
 *   <li>marketing (birthday and holiday greetings, win-backs, the coupons sent with them, survey
 *   invitations): consent given and at least one channel left ({@link #allowsMarketing()});</li>
 *   <li>a contact the shop starts for the relationship (a routine check-in): any channel left,
 *   consent or not ({@link #reachable()});</li>
 *   <li>a given channel: consent given and not opted out of it ({@link #allows}).</li>
 * </ul>
 */
public record Consent(boolean marketing, LocalDate date, Set<MarketingChannel> optOuts) {
    public static final Consent NONE = new Consent(false, null, Set.of());

    public Consent {
        optOuts = optOuts == null || optOuts.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(optOuts));
    }

    public boolean allows(MarketingChannel channel) {
        return marketing && !optOuts.contains(channel);
    }

    /** Whether marketing may reach the customer at all: consent given, and not opted out of every channel. */
    public boolean allowsMarketing() {
        return marketing && reachable();
    }

    /** Whether the customer left the shop any channel (a check-in): not opted out of every one. */
    public boolean reachable() {
        return optOuts.size() < MarketingChannel.values().length;
    }

    /** The channels opted out of, in the order of {@link MarketingChannel}. */
    public java.util.List<MarketingChannel> optOutsInOrder() {
        return optOuts.isEmpty() ? java.util.List.of() : java.util.List.copyOf(EnumSet.copyOf(optOuts));
    }
}
