package app.regulars.insight;

import app.regulars.customer.Consent;
import app.regulars.customer.Customer;
import app.regulars.customer.CustomerService;
import app.regulars.customer.MarketingChannel;
import app.regulars.followup.FollowUp;
import app.regulars.followup.FollowUpKind;
import app.regulars.followup.FollowUpService;
import app.regulars.followup.FollowUpTitles;
import app.regulars.i18n.Messages;
import app.regulars.membership.Coupon;
import app.regulars.membership.MembershipService;
import app.regulars.store.Settings;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The churn warning and win-back.
 *
 * <p><b>Who is at risk:</b> every customer whose lifecycle stage is declining, and the churned
 * customers whose value class is core (a core customer lost is still worth one more try; the
 * other churned ones are left alone). Archived customers never are.
 *
 * <p><b>Value at risk:</b> the predicted CLV over the settings' horizon; where the model cannot
 * be fitted, the spend of the last 12 months. The list is sorted by it, the highest first (ties
 * by code).
 *
 * <p><b>Consent:</b> a win-back is a marketing contact. A customer without marketing consent
 * gets none; nor does one who opted out of every channel. One opted out of some channels gets
 * one, with those channels named in its notes. Skipped customers are counted by reason.
 *
 * <p><b>Never twice:</b> a customer with a planned win-back (of any origin) gets no second one.
 *
 * <p><b>Start of day:</b> when {@link #AUTO_PLAN} is on (the default), customers who became at
 * risk since the last check get a win-back due today, so that the calendar's today list shows
 * them; one per lapse (the generation key names the last purchase day), see decision 0010.
 */
public final class WinbackService {
    /** Setting: plan a win-back automatically for newly at-risk customers at the start of day ("true"/"false"). */
    public static final String AUTO_PLAN = settingKey("autoPlan");
    /** Setting: the last day the start-of-day check ran (ISO date). */
    static final String CHECKED_ON = settingKey("checkedOn");
    /** The start-of-day check looks back at most this many days for customers who became at risk. */
    static final int MAX_LOOK_BACK_DAYS = 30;
    static final int SPEND_MONTHS = 12;

    private static String settingKey(String name) {
        return "insight.winback." + name; // a store setting, not a bundle key
    }

    private final InsightService insights;
    private final FollowUpService followUps;
    private final CustomerService customers;
    private final MembershipService membership;
    private final Settings settings;

    public WinbackService(InsightService insights, FollowUpService followUps, CustomerService customers,
                          MembershipService membership, Settings settings) {
        this.insights = insights;
        this.followUps = followUps;
        this.customers = customers;
        this.membership = membership;
        this.settings = settings;
    }

    public LocalDate today() {
        return insights.today();
    }

    public boolean autoPlan() {
        return !"false".equals(settings.get(AUTO_PLAN).orElse("true").strip());
    }

    public void setAutoPlan(boolean on) {
        settings.put(AUTO_PLAN, String.valueOf(on));
    }

    /** The customers at risk as of {@code asOf}, the most valuable first. */
    public AtRiskList atRisk(LocalDate asOf) {
        InsightSnapshot snapshot = insights.snapshot(asOf, InsightSettings.load(settings));
        Map<Long, BigDecimal> spend = new HashMap<>();
        if (!(snapshot.model() instanceof CustomerModel.Fitted)) {
            insights.metrics(asOf, SPEND_MONTHS).forEach(m -> spend.put(m.customerId(), m.monetary()));
        }
        // The names of the customers at risk only (a few thousand of 100,000: a map of all was about 17 MB).
        Map<Long, String[]> names = new HashMap<>();
        insights.forEachActiveCustomer((id, code, name) -> {
            if (snapshot.is(id, WinbackService::isAtRisk)) {
                names.put(id, new String[] {code, name});
            }
        });
        return new AtRiskList(asOf, atRisk(snapshot, spend, names), snapshot.model(), snapshot.customers().size());
    }

    /** Whether the insights put this customer at risk: declining, or churned and core. */
    static boolean isAtRisk(Lifecycle lifecycle, ValueClass value) {
        return lifecycle == Lifecycle.DECLINING || (lifecycle == Lifecycle.CHURNED && value == ValueClass.CORE);
    }

    static List<AtRiskCustomer> atRisk(InsightSnapshot snapshot, Map<Long, BigDecimal> spend12, Map<Long, String[]> names) {
        List<AtRiskCustomer> out = new ArrayList<>(names.size());
        // The rows of the named customers only (a few thousand of 100,000), each made once.
        for (Map.Entry<Long, String[]> named : names.entrySet()) {
            CustomerInsight c = snapshot.of(named.getKey());
            if (c == null || !isAtRisk(c.lifecycle(), c.valueClass())) {
                continue;
            }
            String[] who = named.getValue();
            Prediction p = c.prediction();
            BigDecimal value = p != null ? BigDecimal.valueOf(p.clv()) : spend12.getOrDefault(c.customerId(), BigDecimal.ZERO);
            out.add(new AtRiskCustomer(c.customerId(), who[0], who[1], c.lifecycle(), c.valueClass(),
                    value.setScale(2, RoundingMode.HALF_UP), c.metrics().lastDay(),
                    RiskReason.of(c.metrics(), p == null ? null : p.pAlive(), snapshot.settings())));
        }
        out.sort(Comparator.comparing(AtRiskCustomer::valueAtRisk).reversed().thenComparing(AtRiskCustomer::code));
        return out;
    }

    /**
     * Plans a win-back follow-up for each of {@code chosen} that consent allows and that has no
     * planned win-back yet, with a coupon when the plan has an amount. Safe to repeat.
     */
    public synchronized WinbackResult plan(List<AtRiskCustomer> chosen, WinbackPlan plan, Messages messages) {
        int planned = 0;
        int already = 0;
        int noConsent = 0;
        int optedOut = 0;
        int coupons = 0;
        for (AtRiskCustomer c : chosen) {
            Optional<Customer> customer = customers.get(c.customerId());
            if (customer.isEmpty() || customer.get().archived()) {
                continue;
            }
            Consent consent = customer.get().consent();
            List<String> refused = new ArrayList<>();
            for (MarketingChannel ch : MarketingChannel.values()) {
                if (!consent.allows(ch)) {
                    refused.add(messages.get("customer.channel." + ch.name().toLowerCase(Locale.ROOT)));
                }
            }
            if (!consent.allowsMarketing()) { // decision 0021
                if (consent.marketing()) {
                    optedOut++;
                } else {
                    noConsent++;
                }
                continue;
            }
            if (followUps.hasPlanned(c.customerId(), FollowUpKind.WIN_BACK)) {
                already++;
                continue;
            }
            List<String> notes = new ArrayList<>();
            notes.add(c.reason().text(messages));
            if (!refused.isEmpty()) {
                notes.add(messages.get("insight.winback.notBy", String.join(", ", refused)));
            }
            Coupon coupon = null;
            if (plan.couponAmount() != null) {
                coupon = membership.issueCoupon(c.customerId(), plan.couponAmount(), null, today(),
                        plan.due().plusDays(plan.couponDays()), messages.get("insight.winback.couponNote"));
                notes.add(messages.get("insight.winback.couponLine", coupon.code()));
            }
            FollowUp f = FollowUp.planned(c.customerId(), FollowUpKind.WIN_BACK, FollowUpTitles.render(c.generationKey(), c.name(), messages),
                    plan.due().atStartOfDay()).withDue(plan.due().atStartOfDay(), true)
                    .withOwner(plan.owner()).withNotes(String.join("\n", notes));
            if (followUps.scheduleUnlessPlanned(f, c.generationKey(), false).isPresent()) {
                planned++;
                coupons += coupon == null ? 0 : 1;
            } else {
                already++; // planned meanwhile by hand; the coupon stays issued to the customer
            }
        }
        return new WinbackResult(planned, already, noConsent, optedOut, coupons);
    }

    /**
     * The start-of-day check: when {@link #AUTO_PLAN} is on, customers at risk today who were not
     * at risk on the day of the last check (yesterday on the first run, at most
     * {@value #MAX_LOOK_BACK_DAYS} days back) get a win-back due today, once per lapse. Runs once a day.
     */
    public synchronized WinbackResult startOfDay(Messages messages) {
        LocalDate today = today();
        LocalDate last = settings.get(CHECKED_ON).flatMap(WinbackService::day).orElse(today.minusDays(1));
        if (!autoPlan() || !last.isBefore(today)) {
            return WinbackResult.NONE;
        }
        LocalDate since = last.isBefore(today.minusDays(MAX_LOOK_BACK_DAYS)) ? today.minusDays(MAX_LOOK_BACK_DAYS) : last;
        InsightSnapshot snapshot = insights.snapshot(today, InsightSettings.load(settings));
        AtRiskList list = atRisk(today);
        CustomerModel model = snapshot.model() instanceof CustomerModel.Fitted f ? f.model() : null;
        List<AtRiskCustomer> fresh = list.customers().stream()
                .filter(c -> !wasAtRisk(snapshot.of(c.customerId()), since, model, snapshot.settings()))
                .filter(c -> !followUps.hasPlanned(c.customerId(), FollowUpKind.WIN_BACK))
                .toList();
        WinbackResult result = planAutomatic(fresh, today, messages);
        settings.put(CHECKED_ON, today.toString());
        return result;
    }

    private WinbackResult planAutomatic(List<AtRiskCustomer> fresh, LocalDate today, Messages messages) {
        int planned = 0;
        int noConsent = 0;
        int optedOut = 0;
        for (AtRiskCustomer c : fresh) {
            Consent consent = customers.get(c.customerId()).map(Customer::consent).orElse(Consent.NONE);
            if (!consent.allowsMarketing()) {
                if (consent.marketing()) {
                    optedOut++;
                } else {
                    noConsent++;
                }
                continue;
            }
            FollowUp f = FollowUp.planned(c.customerId(), FollowUpKind.WIN_BACK, FollowUpTitles.render(c.generationKey(), c.name(), messages),
                    today.atStartOfDay()).withDue(today.atStartOfDay(), true).withNotes(c.reason().text(messages));
            if (followUps.scheduleUnlessPlanned(f, c.generationKey(), true).isPresent()) {
                planned++;
            }
        }
        return new WinbackResult(planned, 0, noConsent, optedOut, 0);
    }

    /**
     * Whether the customer was already at risk on {@code day}, by the same rules and the same
     * model: their history then is today's, seen from that day (a customer who bought after it
     * was not at risk then).
     */
    static boolean wasAtRisk(CustomerInsight c, LocalDate day, CustomerModel model, InsightSettings s) {
        CustomerMetrics m = c.metrics();
        if (m.lastDay().isAfter(day)) {
            return false;
        }
        CustomerMetrics then = new CustomerMetrics(m.customerId(), m.firstDay(), m.lastDay(),
                (int) (day.toEpochDay() - m.lastDay().toEpochDay()), m.frequency(), m.purchases(), m.monetary(),
                m.usualIntervalDays(), m.repeatSpend());
        Double pAlive = model == null ? null : model.pAlive(then.repeatHistory(day));
        return isAtRisk(Lifecycle.of(then, pAlive, s), c.valueClass());
    }

    private static Optional<LocalDate> day(String text) {
        try {
            return Optional.of(LocalDate.parse(text.strip()));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
