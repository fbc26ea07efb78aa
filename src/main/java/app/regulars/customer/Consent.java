package app.regulars.customer;

import java.time.LocalDate;
import java.util.EnumSet;
import java.util.Set;

/**
 * Marketing consent (PIPL, GDPR): whether the customer agreed, when, and the channels
 * they opted out of. A customer without consent, or opted out of a channel, gets no
 * greetings through it.
 */
public record Consent(boolean marketing, LocalDate date, Set<MarketingChannel> optOuts) {
    public static final Consent NONE = new Consent(false, null, Set.of());

    public Consent {
        optOuts = optOuts == null || optOuts.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(optOuts));
    }

    public boolean allows(MarketingChannel channel) {
        return marketing && !optOuts.contains(channel);
    }
}
