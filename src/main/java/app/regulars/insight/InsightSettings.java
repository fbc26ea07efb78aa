package app.regulars.insight;

import app.regulars.store.Settings;

import java.util.function.Function;

/**
 * The insights' editable rules and targets, kept in the store's key/value settings. The
 * defaults are those the user guide documents.
 *
 * @param windowMonths       RFM and the model read the last N months; 0: all history
 * @param horizonWeeks       CLV counts the purchases expected in this many weeks
 * @param marginPercent      CLV is spend × this margin (100: revenue, not profit)
 * @param discountPercent    yearly discount rate applied to future spend in CLV (0: none)
 * @param newDays            a customer whose first purchase is this recent is new
 * @param matureDays         purchase days from which a customer is mature rather than growing
 * @param decliningFactor    declining: more than this many usual intervals since the last visit...
 * @param decliningAlive     ... or P(alive) below this
 * @param churnedAlive       churned: P(alive) below this ...
 * @param churnedDays        ... or, where the model cannot be fitted, no purchase for this many days
 * @param corePercent        value class by CLV: the top this-many percent are core ...
 * @param importantPercent   ... the next this-many percent important, the rest general
 * @param coreYearlySpend    instead of by CLV (when above 0): core are customers of at least a
 *                           year who spent this much in the last 12 months ...
 * @param importantYearlySpend ... important those who spent this much, the rest general
 * @param churnTarget        target: churn rate at most this percent
 * @param repurchaseTarget   target: repurchase rate at least this percent
 * @param satisfactionTarget target: satisfaction (CSAT 4–5) at least this percent
 */
public record InsightSettings(int windowMonths, int horizonWeeks, double marginPercent, double discountPercent,
                              int newDays, int matureDays, double decliningFactor, double decliningAlive,
                              double churnedAlive, int churnedDays, int corePercent, int importantPercent,
                              double coreYearlySpend, double importantYearlySpend,
                              double churnTarget, double repurchaseTarget, double satisfactionTarget) {
    public static final InsightSettings DEFAULTS = new InsightSettings(0, 52, 100, 0, 90, 5, 2.0, 0.5, 0.1, 365, 20, 30, 0, 0, 5, 40, 90);

    private static final String PREFIX = "insight.";

    public InsightSettings {
        if (windowMonths < 0 || horizonWeeks < 1 || marginPercent <= 0 || discountPercent < 0 || newDays < 1 || matureDays < 2
                || decliningFactor <= 1 || !(churnedAlive < decliningAlive) || churnedAlive <= 0 || decliningAlive >= 1
                || churnedDays < 1 || corePercent < 1 || importantPercent < 0 || corePercent + importantPercent > 100
                || coreYearlySpend < 0 || importantYearlySpend < 0 || (coreYearlySpend > 0 && importantYearlySpend > coreYearlySpend)
                || !percent(churnTarget) || !percent(repurchaseTarget) || !percent(satisfactionTarget)) {
            throw new IllegalArgumentException("insight settings out of range");
        }
    }

    private static boolean percent(double p) {
        return p >= 0 && p <= 100;
    }

    public InsightSettings withHorizonWeeks(int weeks) {
        return new InsightSettings(windowMonths, weeks, marginPercent, discountPercent, newDays, matureDays, decliningFactor,
                decliningAlive, churnedAlive, churnedDays, corePercent, importantPercent, coreYearlySpend, importantYearlySpend,
                churnTarget, repurchaseTarget, satisfactionTarget);
    }

    /** Whether value classes follow yearly spend (a fixed rule) rather than the ranking by CLV. */
    public boolean valueBySpend() {
        return coreYearlySpend > 0;
    }

    /** The window as the service takes it: null for all history. */
    public Integer window() {
        return windowMonths == 0 ? null : windowMonths;
    }

    public static InsightSettings load(Settings settings) {
        InsightSettings d = DEFAULTS;
        Function<String, String> get = k -> settings.get(PREFIX + k).orElse(null);
        try {
            return new InsightSettings(i(get, "windowMonths", d.windowMonths), i(get, "horizonWeeks", d.horizonWeeks),
                    x(get, "marginPercent", d.marginPercent), x(get, "discountPercent", d.discountPercent),
                    i(get, "newDays", d.newDays), i(get, "matureDays", d.matureDays), x(get, "decliningFactor", d.decliningFactor),
                    x(get, "decliningAlive", d.decliningAlive), x(get, "churnedAlive", d.churnedAlive), i(get, "churnedDays", d.churnedDays),
                    i(get, "corePercent", d.corePercent), i(get, "importantPercent", d.importantPercent),
                    x(get, "coreYearlySpend", d.coreYearlySpend), x(get, "importantYearlySpend", d.importantYearlySpend),
                    x(get, "churnTarget", d.churnTarget), x(get, "repurchaseTarget", d.repurchaseTarget),
                    x(get, "satisfactionTarget", d.satisfactionTarget));
        } catch (IllegalArgumentException e) {
            return DEFAULTS; // a value edited outside the app: the documented defaults
        }
    }

    public void save(Settings settings) {
        settings.requireOwner(); // decision 0033
        put(settings, "windowMonths", windowMonths);
        put(settings, "horizonWeeks", horizonWeeks);
        put(settings, "marginPercent", marginPercent);
        put(settings, "discountPercent", discountPercent);
        put(settings, "newDays", newDays);
        put(settings, "matureDays", matureDays);
        put(settings, "decliningFactor", decliningFactor);
        put(settings, "decliningAlive", decliningAlive);
        put(settings, "churnedAlive", churnedAlive);
        put(settings, "churnedDays", churnedDays);
        put(settings, "corePercent", corePercent);
        put(settings, "importantPercent", importantPercent);
        put(settings, "coreYearlySpend", coreYearlySpend);
        put(settings, "importantYearlySpend", importantYearlySpend);
        put(settings, "churnTarget", churnTarget);
        put(settings, "repurchaseTarget", repurchaseTarget);
        put(settings, "satisfactionTarget", satisfactionTarget);
    }

    private static void put(Settings settings, String key, Object value) {
        settings.put(PREFIX + key, String.valueOf(value));
    }

    private static int i(Function<String, String> get, String key, int fallback) {
        String v = get.apply(key);
        return v == null ? fallback : Integer.parseInt(v.strip());
    }

    private static double x(Function<String, String> get, String key, double fallback) {
        String v = get.apply(key);
        return v == null ? fallback : Double.parseDouble(v.strip());
    }
}
