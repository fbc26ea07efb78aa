package app.regulars.insight;

import app.regulars.customer.ProfileFact;
import app.regulars.followup.BriefFacts;
import app.regulars.i18n.Formats;
import app.regulars.i18n.Messages;
import app.regulars.membership.MembershipService;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * What the insights say about one customer, as labelled facts: last visit, segment, stage,
 * churn risk, lifetime value and when the next visit is expected (or, while the shop has too
 * little history for the model, one fact saying so), and why the customer is at risk when they
 * are. The profile's summary row and the visit brief show the same.
 */
final class InsightFacts implements BriefFacts {
    private final InsightIndex index;
    private final MembershipService membership;

    InsightFacts(InsightIndex index, MembershipService membership) {
        this.index = index;
        this.membership = membership;
    }

    @Override
    public Facts of(long customerId, Messages messages) {
        InsightIndex.View view = index.current();
        CustomerInsight c = view.of(customerId);
        String reason = c == null ? null : riskReason(c, view.settings(), messages);
        if (reason != null) {
            reason = messages.get("insight.risk.withAction", reason, messages.get(c.segment().key() + ".action"));
        }
        return new Facts(facts(view, customerId, messages), reason);
    }

    /** The facts of the summary row, in order; none for an archived customer. */
    List<ProfileFact> facts(InsightIndex.View view, long customerId, Messages messages) {
        Formats formats = new Formats(messages);
        List<ProfileFact> out = new ArrayList<>();
        CustomerInsight c = view.of(customerId);
        Lifecycle stage = view.stage(customerId);
        if (stage == null) {
            return out;
        }
        if (c == null) {
            out.add(ProfileFact.of(messages.get("insight.profile.lastVisit"), messages.get("insight.profile.noVisit")));
            out.add(ProfileFact.of(messages.get("insight.profile.stage"), messages.get(stage.key())));
            return out;
        }
        InsightSettings s = view.settings();
        CustomerMetrics m = c.metrics();
        out.add(ProfileFact.of(messages.get("insight.profile.lastVisit"), messages.get("insight.profile.daysAgo", m.recencyDays())));
        out.add(ProfileFact.of(messages.get("insight.profile.segment"), messages.get(c.segment().key())));
        out.add(ProfileFact.of(messages.get("insight.profile.stage"), messages.get(stage.key())));
        Prediction p = c.prediction();
        if (p != null) {
            Prediction.Risk risk = p.risk(s);
            out.add(new ProfileFact(messages.get("insight.profile.risk"),
                    messages.get("insight.risk." + risk.name().toLowerCase(java.util.Locale.ROOT)), risk == Prediction.Risk.HIGH));
            out.add(ProfileFact.of(messages.get("insight.profile.clv", s.horizonWeeks()),
                    formats.money(BigDecimal.valueOf(p.clv()).setScale(2, RoundingMode.HALF_UP), membership.settings().currency())));
        }
        LocalDate next = nextVisit(c, view.snapshot().asOf(), s);
        if (next != null) {
            String day = formats.date(next);
            out.add(ProfileFact.of(messages.get("insight.profile.nextVisit"),
                    next.isBefore(view.snapshot().asOf()) ? messages.get("insight.profile.nextOverdue", day) : day));
        }
        if (p == null) {
            out.add(ProfileFact.of(messages.get("insight.profile.model"), modelNeeds(view.snapshot().model(), messages)));
        }
        return out;
    }

    /** Why the model gave nothing, in a few words: "Needs 50 repeat customers, has 12". */
    static String modelNeeds(CustomerModel.Outcome outcome, Messages messages) {
        return switch (outcome) {
            case CustomerModel.NotEnoughHistory t -> messages.get(t.shortfall() == CustomerModel.Shortfall.REPEAT_CUSTOMERS
                    ? "insight.profile.modelThin" : "insight.profile.modelThinSpend", t.found(), t.minimum());
            case CustomerModel.NoFit n -> messages.get("insight.profile.modelNoFit");
            case CustomerModel.Fitted f -> messages.get("insight.profile.modelNoFit"); // fitted, yet no prediction: not seen
        };
    }

    /**
     * When the customer is expected next: the last purchase day plus their usual interval; with
     * a single purchase day, today plus the model's expected gap (the horizon over the
     * purchases expected in it). Null when neither says anything.
     */
    static LocalDate nextVisit(CustomerInsight c, LocalDate asOf, InsightSettings s) {
        CustomerMetrics m = c.metrics();
        if (m.usualIntervalDays() != null) {
            return m.lastDay().plusDays(Math.max(1, Math.round(m.usualIntervalDays())));
        }
        Prediction p = c.prediction();
        if (p != null && p.expectedPurchases() >= 1.0 / s.horizonWeeks()) {
            double days = s.horizonWeeks() * 7.0 / p.expectedPurchases();
            return days < 3650 ? asOf.plusDays(Math.max(1, Math.round(days))) : null;
        }
        return null;
    }

    /**
     * Why the customer is at risk of leaving, in one sentence; null when they are not (their
     * stage is neither declining nor churned, and the churn risk is low).
     */
    static String riskReason(CustomerInsight c, InsightSettings s, Messages messages) {
        Prediction p = c.prediction();
        boolean atRisk = c.lifecycle() == Lifecycle.DECLINING || c.lifecycle() == Lifecycle.CHURNED
                || (p != null && p.risk(s) != Prediction.Risk.LOW);
        if (!atRisk) {
            return null;
        }
        // The same reason the at-risk list gives (one wording for it).
        String reason = RiskReason.of(c.metrics(), p == null ? null : p.pAlive(), s).text(messages);
        String sentence = messages.get("insight.risk.sentence", reason);
        return Character.toUpperCase(sentence.charAt(0)) + sentence.substring(1);
    }
}
