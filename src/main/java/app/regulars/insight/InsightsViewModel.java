package app.regulars.insight;

import app.regulars.fx.TaskRunner;
import app.regulars.i18n.Formats;
import app.regulars.i18n.Messages;
import app.regulars.membership.MembershipService;
import app.regulars.store.Settings;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;

/**
 * The Insights page: the key figures of a month, quarter or year against the previous period,
 * the same period a year earlier and the targets; customers per segment and per lifecycle
 * stage, the R × F grid, and the monthly trend. Everything is computed in the background; the
 * page shows text ready to display.
 */
public final class InsightsViewModel {
    /** One key figure as a card shows it. {@code good}: whether the change against the previous period is for the better (null: no change or no comparison). */
    public record Card(Kpi kpi, String name, String value, String vsPrevious, Boolean good, String vsYear, String target,
                       Boolean met, String formula) {
    }

    /** One bar of a chart: its text, how many customers, and a hint (a segment's suggested action). */
    public record Bar(Object key, String label, int count, String hint) {
    }

    /** A cell of the R × F grid, as a chart click names it. */
    public record RfCell(int r, int f) {
    }

    /** One owner's figures as the staff table shows them. */
    public record StaffRow(String owner, String onTime, String resolved, String followedUp, String nps, String csat) {
    }

    /** One month of the trend. */
    public record Month(String label, double revenue, int active, Double repurchaseRate) {
    }

    static final int TREND_MONTHS = 12;

    private final InsightService insights;

    /** Whether whoever is signed in may do what only the owner may (decision 0033): the view hides the rest. */
    public boolean owner() {
        return insights.owner();
    }

    private final Settings settings;
    private final MembershipService membership;
    private final TaskRunner runner;
    private final Messages messages;
    private final Formats formats;
    private final ObjectProperty<Period.Kind> kind = new SimpleObjectProperty<>(Period.Kind.MONTH);
    private final ReadOnlyObjectWrapper<Period> period = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper periodText = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper modelText = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();
    private final ReadOnlyObjectWrapper<int[][]> recencyByFrequency = new ReadOnlyObjectWrapper<>(new int[5][5]);
    private final ObservableList<Card> cards = FXCollections.observableArrayList();
    private final ObservableList<Bar> segments = FXCollections.observableArrayList();
    private final ObservableList<Bar> stages = FXCollections.observableArrayList();
    private final ObservableList<Month> trend = FXCollections.observableArrayList();
    private final ObservableList<StaffRow> staff = FXCollections.observableArrayList();
    private LocalDate today;
    private int request;

    public InsightsViewModel(InsightService insights, Settings settings, MembershipService membership, TaskRunner runner, Messages messages) {
        this.insights = insights;
        this.settings = settings;
        this.membership = membership;
        this.runner = runner;
        this.messages = messages;
        this.formats = new Formats(messages);
        kind.addListener((obs, o, n) -> {
            if (n != null && period.get() != null) {
                period.set(Period.containing(n, period.get().end()));
                load();
            }
        });
    }

    public ObjectProperty<Period.Kind> kindProperty() { return kind; }
    public ReadOnlyObjectProperty<Period> periodProperty() { return period.getReadOnlyProperty(); }
    public ReadOnlyStringProperty periodTextProperty() { return periodText.getReadOnlyProperty(); }
    public ReadOnlyStringProperty modelTextProperty() { return modelText.getReadOnlyProperty(); }
    public ReadOnlyStringProperty errorProperty() { return error.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty busyProperty() { return busy.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<int[][]> recencyByFrequencyProperty() { return recencyByFrequency.getReadOnlyProperty(); }
    public ObservableList<Card> cards() { return cards; }
    public ObservableList<Bar> segments() { return segments; }
    public ObservableList<Bar> stages() { return stages; }
    public ObservableList<Month> trend() { return trend; }
    public ObservableList<StaffRow> staff() { return staff; }

    /** The form of the rules and targets; the page recomputes after it is saved. */
    public InsightSettingsViewModel settingsForm() {
        return new InsightSettingsViewModel(settings, runner, messages);
    }

    /** The period before the one shown. */
    public void previous() {
        if (period.get() != null) {
            period.set(period.get().previous());
            load();
        }
    }

    /** The period after the one shown, up to the one with today in it. */
    public void next() {
        Period p = period.get();
        if (p != null && today != null && p.end().isBefore(today)) {
            period.set(Period.containing(p.kind(), p.end().plusDays(1)));
            load();
        }
    }

    public boolean canGoNext() {
        return period.get() != null && today != null && period.get().end().isBefore(today);
    }

    private record Result(LocalDate today, Period period, KpiReport report, InsightSnapshot snapshot, Currency currency,
                          List<StaffFigures> staff) {
    }

    /**
     * Computes (or takes the kept results) on the background lane, behind the day's jobs (it can
     * take seconds at 100,000 customers); the current period when none is shown yet.
     */
    public void load() {
        int id = ++request;
        busy.set(true);
        Period wanted = period.get();
        Period.Kind k = kind.get();
        runner.runInBackground(() -> {
            LocalDate now = insights.today();
            Period p = wanted == null ? Period.containing(k, now) : wanted;
            InsightSettings s = InsightSettings.load(settings);
            KpiReport report = insights.kpis(p, now, s, TREND_MONTHS);
            InsightSnapshot snapshot = insights.snapshot(now, s);
            return new Result(now, p, report, snapshot, membership.settings().currency(), insights.staffFigures(p, now));
        }, r -> {
            if (id != request) {
                return;
            }
            busy.set(false);
            error.set("");
            show(r);
        }, e -> {
            if (id == request) {
                busy.set(false);
                error.set(messages.describe(e));
            }
        });
    }

    private void show(Result r) {
        today = r.today();
        period.set(r.period());
        periodText.set(periodText(r.report().current().period(), r.period()));
        modelText.set(ModelText.describe(r.snapshot().model(), messages));
        List<Card> c = new ArrayList<>();
        for (Kpi kpi : Kpi.values()) {
            c.add(card(kpi, r.report(), r.currency()));
        }
        cards.setAll(c);
        List<Bar> seg = new ArrayList<>();
        for (Map.Entry<Segment, Integer> e : r.snapshot().segmentCounts().entrySet()) {
            seg.add(new Bar(e.getKey(), messages.get(e.getKey().key()), e.getValue(), messages.get(e.getKey().key() + ".action")));
        }
        segments.setAll(seg);
        List<Bar> st = new ArrayList<>();
        for (Map.Entry<Lifecycle, Integer> e : r.snapshot().lifecycleCounts().entrySet()) {
            st.add(new Bar(e.getKey(), messages.get(e.getKey().key()), e.getValue(), ""));
        }
        stages.setAll(st);
        recencyByFrequency.set(r.snapshot().recencyByFrequency());
        staff.setAll(r.staff().stream().map(this::staffRow).toList());
        trend.setAll(r.report().months().stream().map(m -> new Month(monthLabel(m.period().start()),
                valueOr(m.get(Kpi.REVENUE)), (int) valueOr(m.get(Kpi.ACTIVE_CUSTOMERS)), m.get(Kpi.REPURCHASE_RATE))).toList());
    }

    StaffRow staffRow(StaffFigures s) {
        return new StaffRow(s.unassigned() ? messages.get("insight.review.noOwner") : s.owner(),
                messages.get("insight.review.withRate", s.doneOnTime(), percent(s.onTimeRate())) + " / " + s.due(),
                messages.get("insight.review.withRate", s.resolvedIn24h(), percent(s.resolvedRate())) + " / " + s.complaints(),
                formats.integer(s.followedUp()),
                s.nps() == null ? "–" : messages.get("insight.review.withCount", messages.get("insight.number", s.nps()), s.npsAnswers()),
                s.csat() == null ? "–" : messages.get("insight.review.withCount", messages.get("insight.percent", s.csat()), s.csatAnswers()));
    }

    private String percent(Double v) {
        return v == null ? "–" : messages.get("insight.percent", v);
    }

    private static double valueOr(Double v) {
        return v == null ? 0 : v;
    }

    private String monthLabel(LocalDate start) {
        return messages.isChinese() ? start.getMonthValue() + "月"
                : start.getMonth().getDisplayName(TextStyle.SHORT, messages.locale());
    }

    private String periodText(Period shown, Period whole) {
        String text = switch (whole.kind()) {
            case MONTH -> messages.get("insight.period.month", whole.start().getYear(), whole.start().getMonthValue(),
                    whole.start().getMonth().getDisplayName(TextStyle.FULL, messages.locale()));
            case QUARTER -> messages.get("insight.period.quarter", whole.start().getYear(), (whole.start().getMonthValue() - 1) / 3 + 1);
            case YEAR -> messages.get("insight.period.year", whole.start().getYear());
            case DAYS -> formats.date(whole.start()) + " – " + formats.date(whole.end());
        };
        return shown.end().equals(whole.end()) ? text : messages.get("insight.period.soFar", text, formats.date(shown.end()));
    }

    Card card(Kpi kpi, KpiReport report, Currency currency) {
        Double now = report.current().get(kpi);
        Double before = report.previous().get(kpi);
        Double yearAgo = report.yearEarlier().get(kpi);
        Double target = report.target(kpi);
        Boolean good = null;
        if (now != null && before != null && Double.compare(now, before) != 0) {
            good = (now > before) == kpi.higherIsBetter();
        }
        return new Card(kpi, messages.get(kpi.key()), value(kpi, now, currency),
                messages.get("insight.card.vsPrevious", change(kpi, now, before)),
                good, messages.get("insight.card.vsYear", change(kpi, now, yearAgo)),
                target == null ? "" : messages.get(kpi.higherIsBetter() ? "insight.card.targetAtLeast" : "insight.card.targetAtMost",
                        value(kpi, target, currency)),
                report.meets(kpi), messages.get(kpi.key() + ".formula"));
    }

    /** A figure in its unit; a dash when the period gives it no meaning. */
    String value(Kpi kpi, Double v, Currency currency) {
        if (v == null) {
            return "–";
        }
        return switch (kpi.unit()) {
            case COUNT -> formats.integer(Math.round(v));
            case MONEY -> formats.money(BigDecimal.valueOf(v), currency);
            case PERCENT -> messages.get("insight.percent", v);
            case NUMBER -> messages.get("insight.number", v);
        };
    }

    /** The change from {@code before} to {@code now}: points for percentages, else a relative change. */
    String change(Kpi kpi, Double now, Double before) {
        if (now == null || before == null) {
            return "–";
        }
        if (kpi.unit() == Kpi.Unit.PERCENT || kpi == Kpi.NPS) {
            return messages.get("insight.change.points", now - before);
        }
        if (before == 0) {
            return now == 0 ? messages.get("insight.change.percent", 0.0) : "–";
        }
        return messages.get("insight.change.percent", 100 * (now - before) / Math.abs(before));
    }
}
