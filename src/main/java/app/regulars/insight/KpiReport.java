package app.regulars.insight;

/** A period's key figures next to the previous period's and those of the same period a year earlier, with the targets. */
public record KpiReport(KpiValues current, KpiValues previous, KpiValues yearEarlier, InsightSettings settings) {
    public Double target(Kpi kpi) {
        return kpi.target(settings);
    }

    public Boolean meets(Kpi kpi) {
        return kpi.meets(current.get(kpi), settings);
    }
}
