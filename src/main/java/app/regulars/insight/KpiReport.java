package app.regulars.insight;

import java.util.List;

/**
 * A period's key figures next to the previous period's and those of the same period a year
 * earlier, with the targets; {@code months}: the purchase figures of the months up to the
 * period's end, oldest first (the trend lines), when asked for.
 */
public record KpiReport(KpiValues current, KpiValues previous, KpiValues yearEarlier, InsightSettings settings, List<KpiValues> months) {
    public KpiReport {
        months = List.copyOf(months);
    }

    public Double target(Kpi kpi) {
        return kpi.target(settings);
    }

    public Boolean meets(Kpi kpi) {
        return kpi.meets(current.get(kpi), settings);
    }
}
