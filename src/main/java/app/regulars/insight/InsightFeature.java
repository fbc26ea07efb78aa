package app.regulars.insight;

import app.regulars.feature.Commands;
import app.regulars.feature.Feature;
import app.regulars.feature.Page;
import app.regulars.feature.Services;
import app.regulars.feature.Ui;
import app.regulars.i18n.Messages;
import app.regulars.membership.MembershipService;
import app.regulars.store.Database;
import app.regulars.store.Settings;
import javafx.scene.Node;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Insights: the shop's history read back as advice (key figures against targets, RFM
 * segments, lifecycle stages, lifetime value). It reads the other features' records and
 * changes none of them.
 */
public final class InsightFeature implements Feature {
    private InsightService insights;
    private Services services;

    @Override
    public void open(Services services) {
        this.services = services;
        insights = new InsightService(services.get(Database.class), new InsightRepository(), services.get(Clock.class));
        services.put(InsightService.class, insights);
    }

    /** Computes today's insights once, so the page opens on results already there. */
    @Override
    public void startOfDay(Services services, Messages messages) {
        insights.snapshot(insights.today(), InsightSettings.load(services.get(Settings.class)));
    }

    @Override
    public Optional<Page> page(Ui ui) {
        InsightsPage page = new InsightsPage(new InsightsViewModel(insights, services.get(Settings.class),
                services.get(MembershipService.class), ui.runner(), ui.messages()), ui.messages());
        return Optional.of(new Page() {
            @Override
            public String navId() {
                return "navInsights";
            }

            @Override
            public String title() {
                return ui.messages().get("insight.nav");
            }

            @Override
            public Ikon icon() {
                return MaterialDesignC.CHART_BOX_OUTLINE;
            }

            @Override
            public Node node() {
                return page;
            }

            @Override
            public void refresh() {
                page.viewModel().load();
            }

            /** Figures at 100,000 customers take seconds: computed now, in the background, so the page opens on them. */
            @Override
            public void dataChangedElsewhere() {
                page.viewModel().prepare();
            }

            /** First in the navigation: what the shop's history says. */
            @Override
            public int position() {
                return 0;
            }
        });
    }

    @Override
    public Commands commands() {
        return new Commands(List.of(InsightCommands.Insights.class), List.of(), List.of());
    }
}
