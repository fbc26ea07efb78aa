package app.regulars.customer;

import app.regulars.i18n.Formats;
import app.regulars.i18n.Messages;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Consent in words, in the user's language: the short limits a rep must see before a contact
 * ("No calls · No SMS", shown on the profile, the follow-up form, the printed day's list and the
 * visit brief), and what each entry of the consent history changed.
 */
public final class ConsentText {
    /** Between two limits on one line. */
    public static final String SEPARATOR = " · ";

    private final Messages messages;
    private final Formats formats;

    public ConsentText(Messages messages) {
        this.messages = messages;
        this.formats = new Formats(messages);
    }

    /** "No marketing" without consent, then "No calls", "No SMS", ... for each channel opted out of; empty when none. */
    public List<String> limits(Consent consent) {
        List<String> out = new ArrayList<>();
        if (!consent.marketing()) {
            out.add(messages.get("customer.consent.no.marketing"));
        }
        for (MarketingChannel ch : consent.optOutsInOrder()) {
            out.add(messages.get("customer.consent.no." + ch.name().toLowerCase(Locale.ROOT)));
        }
        return out;
    }

    /** {@link #limits} on one line; empty when there are none. */
    public String line(Consent consent) {
        return String.join(SEPARATOR, limits(consent));
    }

    /** The channels by name, in order: "SMS, WeChat". */
    public String channels(java.util.Collection<MarketingChannel> channels) {
        List<String> names = new ArrayList<>();
        for (MarketingChannel ch : MarketingChannel.values()) {
            if (channels.contains(ch)) {
                names.add(messages.get("customer.channel." + ch.name().toLowerCase(Locale.ROOT)));
            }
        }
        return String.join(messages.get("common.listSeparator"), names);
    }

    /** What changed from {@code before} (null: the first entry, from no consent) to {@code after}, in one sentence. */
    public String change(Consent before, Consent after) {
        Consent was = before == null ? Consent.NONE : before;
        List<String> parts = new ArrayList<>();
        if (!was.marketing() && after.marketing()) {
            parts.add(messages.get("customer.consent.agreed", formats.date(after.date())));
        } else if (was.marketing() && !after.marketing()) {
            parts.add(messages.get("customer.consent.withdrawn"));
        } else if (after.marketing() && !java.util.Objects.equals(was.date(), after.date())) {
            parts.add(messages.get("customer.consent.dateChanged", formats.date(after.date())));
        }
        java.util.Set<MarketingChannel> out = java.util.EnumSet.noneOf(MarketingChannel.class);
        java.util.Set<MarketingChannel> in = java.util.EnumSet.noneOf(MarketingChannel.class);
        for (MarketingChannel ch : MarketingChannel.values()) {
            if (after.optOuts().contains(ch) && !was.optOuts().contains(ch)) {
                out.add(ch);
            } else if (!after.optOuts().contains(ch) && was.optOuts().contains(ch)) {
                in.add(ch);
            }
        }
        if (!out.isEmpty()) {
            parts.add(messages.get("customer.consent.optedOut", channels(out)));
        }
        if (!in.isEmpty()) {
            parts.add(messages.get("customer.consent.optedIn", channels(in)));
        }
        if (parts.isEmpty()) {
            parts.add(messages.get(after.marketing() ? "customer.consent.stillAgreed" : "customer.profile.noConsent"));
        }
        return String.join(messages.get("customer.consent.partSeparator"), parts);
    }

    /** One line of the history as the profile shows it: when, what changed, from where. */
    public record Line(String when, String what, String from) {
    }

    /** The history, newest first, each entry with what it changed from the one before it. */
    public List<Line> history(List<ConsentChange> oldestFirst) {
        List<Line> out = new ArrayList<>();
        Consent before = null;
        for (ConsentChange c : oldestFirst) {
            out.add(new Line(formats.dateTime(c.changedAt()), change(before, c.consent()), messages.get(c.source().key())));
            before = c.consent();
        }
        java.util.Collections.reverse(out);
        return out;
    }
}
