package app.regulars.insight;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/** The key figures of one period; a figure is absent (null) when the period gives it no meaning (no customers, no answers). */
public record KpiValues(Period period, Map<Kpi, Double> values) {
    public KpiValues {
        EnumMap<Kpi, Double> copy = new EnumMap<>(Kpi.class);
        values.forEach((k, v) -> {
            if (v != null && Double.isFinite(v)) {
                copy.put(k, v);
            }
        });
        values = Collections.unmodifiableMap(copy);
    }

    public Double get(Kpi kpi) {
        return values.get(kpi);
    }
}
