package app.regulars.insight;

import app.regulars.feature.Commands;
import app.regulars.feature.Feature;
import app.regulars.feature.Services;
import app.regulars.store.Database;

import java.time.Clock;
import java.util.List;

/**
 * Insights: the shop's history read back as advice (key figures against targets, RFM
 * segments, lifecycle stages, churn warning, lifetime value). It reads the other features'
 * records; it changes none but for the win-back follow-ups it plans.
 */
public final class InsightFeature implements Feature {
    @Override
    public void open(Services services) {
        services.put(InsightService.class, new InsightService(services.get(Database.class), new InsightRepository(), services.get(Clock.class)));
    }

    @Override
    public Commands commands() {
        return new Commands(List.of(InsightCommands.Insights.class), List.of(), List.of());
    }
}
