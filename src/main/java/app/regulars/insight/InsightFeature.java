package app.regulars.insight;

import app.regulars.customer.CustomerService;
import app.regulars.customer.ListColumn;
import app.regulars.customer.ListFilter;
import app.regulars.customer.ProfileFact;
import app.regulars.customer.ProfileSummary;
import app.regulars.feature.Commands;
import app.regulars.followup.FollowUpService;
import app.regulars.feature.Feature;
import app.regulars.feature.Lazy;
import app.regulars.feature.Page;
import app.regulars.feature.Services;
import app.regulars.feature.Ui;
import app.regulars.followup.BriefFacts;
import app.regulars.i18n.Messages;
import app.regulars.membership.MembershipService;
import app.regulars.store.Database;
import app.regulars.store.Settings;
import javafx.scene.Node;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Insights: the shop's history read back as advice (key figures against targets, RFM
 * segments, lifecycle stages, lifetime value). It reads the other features' records and
 * changes none of them.
 */
public final class InsightFeature implements Feature {
    /** The insights' facts come after membership's in a profile's summary row, their columns after the tier. */
    static final int POSITION = 20;

    private InsightService insights;
    private WinbackService winback;
    private InsightIndex index;
    private InsightFacts facts;
    private InsightListFilters listFilters;
    private Services services;
    private InsightRefresher refresher;

    /** Also puts the visit brief's facts in the services ({@link BriefFacts}: the command line makes briefs too). */
    @Override
    public void open(Services services) {
        this.services = services;
        insights = new InsightService(services.get(Database.class), new InsightRepository(), services.get(Clock.class));
        services.find(app.regulars.store.People.class).ifPresent(insights::usePeople); // staff figures of every person (decision 0033)
        index = new InsightIndex(insights, services.get(Settings.class));
        facts = new InsightFacts(index, services.get(MembershipService.class));
        services.put(InsightService.class, insights).put(BriefFacts.class, facts);
        winback = new WinbackService(insights, services.get(FollowUpService.class), services.get(CustomerService.class),
                services.get(MembershipService.class), services.get(Settings.class));
        services.put(WinbackService.class, winback);
        // What the insights make of a customer (segment, stage, churn risk, lifetime value) in their export:
        // profiling, which GDPR article 15 gives them the right to see. Nothing is stored to erase.
        services.get(app.regulars.customer.PrivacyService.class).add(new app.regulars.customer.PersonalData() {
            @Override
            public List<app.regulars.customer.DataSection> export(long customerId, Messages messages) {
                BriefFacts.Facts f = facts.of(customerId, messages);
                List<List<Object>> rows = new ArrayList<>();
                for (ProfileFact fact : f.facts()) {
                    rows.add(List.of(fact.label(), fact.value()));
                }
                if (f.riskReason() != null) {
                    rows.add(List.of(messages.get("insight.profile.atRisk"), f.riskReason()));
                }
                return List.of(app.regulars.customer.DataSection.list("insights", messages.get("privacy.section.insights"), List.of(
                        app.regulars.customer.DataSection.Field.of("fact", messages.get("privacy.pdf.field")),
                        new app.regulars.customer.DataSection.Field("value", messages.get("privacy.pdf.value"), 3)), rows));
            }

            @Override
            public void erase(org.jooq.DSLContext tx, app.regulars.customer.Erasure erasure) {
                // computed from the other features' records each time, never stored
            }
        });
    }

    /**
     * A profile's summary row gets last visit, segment, stage, churn risk, lifetime value and the
     * next expected visit (and why the customer is at risk); the customer list gets segment,
     * stage and value class as columns and as filters.
     */
    @Override
    public void contribute(Ui ui) {
        Messages messages = ui.messages();
        ui.extensions().add(ProfileSummary.class, POSITION, new ProfileSummary() {
            @Override
            public List<ProfileFact> facts(long customerId) {
                BriefFacts.Facts f = InsightFeature.this.facts.of(customerId, messages);
                if (f.riskReason() == null) {
                    return f.facts();
                }
                List<ProfileFact> all = new ArrayList<>(f.facts());
                all.add(new ProfileFact(messages.get("insight.profile.atRisk"), f.riskReason(), true));
                return all;
            }

            /** The first call of a day computes the snapshot of every customer. */
            @Override
            public boolean slow() {
                return true;
            }
        });
        for (InsightListColumn.Kind kind : InsightListColumn.Kind.values()) {
            ui.extensions().add(ListColumn.class, POSITION + kind.ordinal(), new InsightListColumn(kind, index, messages));
        }
        listFilters = new InsightListFilters(index, messages, ui.extensions());
        for (ListFilter filter : listFilters.all()) {
            ui.extensions().add(ListFilter.class, POSITION, filter);
        }
    }

    /**
     * The customer list's filters by segment, stage and value class, and the way to open the
     * list on one (a chart's bar); made by {@link #contribute}.
     */
    public InsightListFilters listFilters() {
        return listFilters;
    }

    /**
     * Plans a win-back due today for customers newly at risk (decision 0010), which the calendar
     * lists, then computes today's insights and this month's figures, so the page opens on
     * results already there. In that order: the win-backs and the day's check are writes, after
     * which results computed before them would be read again just after the day's jobs, while the
     * user works (before decision 0039 counted writes by table, the whole history: at 100,000
     * customers some ten seconds of a core and a garbage collection every tenth of a second).
     */
    @Override
    public void startOfDay(Services services, Messages messages) {
        winback.startOfDay(messages);
        InsightRefresher.refresh(insights, InsightSettings.load(services.get(Settings.class)));
    }

    @Override
    public void close() {
        if (refresher != null) {
            refresher.close();
        }
    }

    @Override
    public Optional<Page> page(Ui ui) {
        if (refresher == null) { // the window is open: keep the results fresh while it is
            refresher = new InsightRefresher(insights, () -> InsightSettings.load(services.get(Settings.class)),
                    work -> ui.runner().runInBackground(() -> {
                        work.run();
                        return null;
                    }, done -> { }, e -> { }));
            refresher.start();
        }
        // Built when first shown (Lazy): the customer list's first rows never wait for its charts.
        Lazy<Content> content = new Lazy<>(() -> {
            InsightsPage page = new InsightsPage(new InsightsViewModel(insights, services.get(Settings.class),
                    services.get(MembershipService.class), ui.runner(), ui.messages()), ui.messages());
            ReviewActions.install(page, services, ui);
            page.setOnOpenCustomers(key -> listFilters.open(switch (key) {
                case Segment s -> listFilters.segment(s);
                case Lifecycle l -> listFilters.stage(l);
                case InsightsViewModel.RfCell c -> listFilters.recencyFrequency(c.r(), c.f());
                default -> throw new IllegalArgumentException(String.valueOf(key));
            }));
            AtRiskPanel atRisk = new AtRiskPanel(new AtRiskViewModel(winback, services.get(MembershipService.class), ui.runner(),
                    ui.messages(), ui.dataChanged()), ui.messages());
            page.addSection(atRisk);
            return new Content(page, atRisk);
        });
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
                return content.get().page();
            }

            @Override
            public void refresh() {
                content.get().page().viewModel().load();
                content.get().atRisk().viewModel().load();
            }

            /** First in the navigation: what the shop's history says. */
            @Override
            public int position() {
                return 0;
            }
        });
    }

    /** The insights page and its at-risk panel, built together when the page is first shown. */
    private record Content(InsightsPage page, AtRiskPanel atRisk) {
    }

    @Override
    public Commands commands() {
        return new Commands(List.of(InsightCommands.Insights.class), List.of(), List.of());
    }
}
