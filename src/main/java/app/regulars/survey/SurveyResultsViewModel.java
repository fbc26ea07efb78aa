package app.regulars.survey;

import app.regulars.i18n.Messages;
import app.regulars.fx.TaskRunner;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.time.LocalDate;
import java.util.List;
import java.util.function.Supplier;

/**
 * The results page: which survey, which period and tag, month or quarter; the figures, the
 * responses (or only those with comments, or only walk-ins) as the service computes them.
 */
public final class SurveyResultsViewModel {
    private final SurveyService service;
    private final TaskRunner runner;
    private final Messages messages;
    private final Supplier<List<String>> tags;

    private final ObservableList<SurveySummary> surveys = FXCollections.observableArrayList();
    private final ObservableList<String> tagChoices = FXCollections.observableArrayList();
    private final ObjectProperty<SurveySummary> selected = new SimpleObjectProperty<>();
    private final ObjectProperty<LocalDate> from = new SimpleObjectProperty<>();
    private final ObjectProperty<LocalDate> to = new SimpleObjectProperty<>();
    private final StringProperty tag = new SimpleStringProperty();
    private final ObservableList<TierChoice> tierChoices = FXCollections.observableArrayList();
    private final ObjectProperty<TierChoice> tier = new SimpleObjectProperty<>();
    private final BooleanProperty byQuarter = new SimpleBooleanProperty();
    private final BooleanProperty commentsOnly = new SimpleBooleanProperty();
    private final BooleanProperty walkInsOnly = new SimpleBooleanProperty();
    private final ReadOnlyObjectWrapper<SurveyResults> results = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<Survey> survey = new ReadOnlyObjectWrapper<>();
    private final ObservableList<ResponseRow> responses = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private boolean loading;

    public SurveyResultsViewModel(SurveyService service, TaskRunner runner, Messages messages, Supplier<List<String>> tags) {
        this.service = service;
        this.runner = runner;
        this.messages = messages;
        this.tags = tags;
        LocalDate today = service.today();
        from.set(today.withDayOfYear(1));
        to.set(today);
        selected.addListener((o, a, b) -> refresh());
        from.addListener((o, a, b) -> refresh());
        to.addListener((o, a, b) -> refresh());
        tag.addListener((o, a, b) -> refresh());
        tier.addListener((o, a, b) -> refresh());
        byQuarter.addListener((o, a, b) -> refresh());
        commentsOnly.addListener((o, a, b) -> refresh());
        walkInsOnly.addListener((o, a, b) -> refresh());
    }

    /** Loads the surveys and tags, keeping the selected survey when it is still there. */
    public void load() {
        Long keep = selected.get() == null ? null : selected.get().id();
        runner.run(() -> new Object[] {service.list(), tags.get(), service.tiers()}, x -> {
            @SuppressWarnings("unchecked") List<SurveySummary> list = (List<SurveySummary>) x[0];
            @SuppressWarnings("unchecked") List<String> t = (List<String>) x[1];
            loading = true;
            surveys.setAll(list);
            String keepTag = tag.get();
            tagChoices.setAll(t);
            tag.set(keepTag != null && t.contains(keepTag) ? keepTag : null);
            @SuppressWarnings("unchecked") List<TierChoice> tiers = (List<TierChoice>) x[2];
            Long keepTier = tier.get() == null ? null : tier.get().id();
            tierChoices.setAll(tiers);
            tier.set(tiers.stream().filter(z -> keepTier != null && z.id() == keepTier).findFirst().orElse(null));
            loading = false;
            SurveySummary pick = list.stream().filter(s -> keep != null && s.id() == keep).findFirst()
                    .orElse(list.isEmpty() ? null : list.getFirst());
            if (pick == selected.get()) {
                refresh();
            } else {
                selected.set(pick);
            }
        }, this::fail);
    }

    public ResultFilter filter() {
        return new ResultFilter(from.get(), to.get(), tag.get(), tier.get() == null ? null : tier.get().id());
    }

    /** Recomputes the figures and the list for the current choices. */
    public void refresh() {
        SurveySummary s = selected.get();
        if (loading) {
            return;
        }
        if (s == null) {
            results.set(null);
            survey.set(null);
            responses.clear();
            return;
        }
        if (from.get() != null && to.get() != null && from.get().isAfter(to.get())) {
            error.set(messages.get("survey.results.badPeriod"));
            return;
        }
        ResultFilter f = filter();
        boolean quarter = byQuarter.get();
        boolean comments = commentsOnly.get();
        boolean walkIns = walkInsOnly.get();
        runner.run(() -> new Object[] {service.get(s.id()), service.results(s.id(), f, quarter), service.responses(s.id(), f, comments, walkIns)}, x -> {
            error.set("");
            @SuppressWarnings("unchecked") List<ResponseRow> rows = (List<ResponseRow>) x[2];
            responses.setAll(rows);
            survey.set((Survey) x[0]);
            results.set((SurveyResults) x[1]);
        }, this::fail);
    }

    /** Links a walk-in response to the customer with {@code code}; refreshes after. */
    public void link(ResponseRow row, String code, Runnable onDone) {
        runner.run(() -> service.link(row.id(), code), r -> {
            error.set("");
            refresh();
            onDone.run();
        }, this::fail);
    }

    private void fail(Throwable e) {
        error.set(messages.describe(e));
    }

    public ObservableList<SurveySummary> surveys() {
        return surveys;
    }

    public ObservableList<String> tagChoices() {
        return tagChoices;
    }

    public ObjectProperty<SurveySummary> selectedProperty() {
        return selected;
    }

    public ObjectProperty<LocalDate> fromProperty() {
        return from;
    }

    public ObjectProperty<LocalDate> toProperty() {
        return to;
    }

    public StringProperty tagProperty() {
        return tag;
    }

    public ObservableList<TierChoice> tierChoices() {
        return tierChoices;
    }

    public ObjectProperty<TierChoice> tierProperty() {
        return tier;
    }

    public BooleanProperty byQuarterProperty() {
        return byQuarter;
    }

    public BooleanProperty commentsOnlyProperty() {
        return commentsOnly;
    }

    public BooleanProperty walkInsOnlyProperty() {
        return walkInsOnly;
    }

    public ReadOnlyObjectProperty<SurveyResults> resultsProperty() {
        return results.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Survey> surveyProperty() {
        return survey.getReadOnlyProperty();
    }

    public ObservableList<ResponseRow> responses() {
        return responses;
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /**
     * The results as a printable (or PDF) table: title the survey, subtitle the period, filters
     * and figures, rows the responses listed (date, customer, score, channel, comment).
     */
    public app.regulars.tables.Table resultsTable() {
        Survey s = survey.get();
        SurveyResults r = results.get();
        boolean zh = messages.isChinese();
        app.regulars.i18n.Formats formats = new app.regulars.i18n.Formats(messages);
        StringBuilder sub = new StringBuilder();
        sub.append(from.get() == null ? "…" : formats.date(from.get())).append(" – ")
                .append(to.get() == null ? "…" : formats.date(to.get()));
        if (tag.get() != null) {
            sub.append(" · ").append(tag.get());
        }
        if (tier.get() != null) {
            TierChoice t = tier.get();
            sub.append(" · ").append(t.nameKey() != null && messages.has(t.nameKey()) ? messages.get(t.nameKey()) : t.name());
        }
        sub.append(" · ").append(messages.get("survey.results.count", r.responses()));
        if (r.scored() == 0) {
            sub.append(" · ").append(messages.get("survey.results.noScores"));
        } else if (s.kind() == SurveyKind.NPS) {
            sub.append(" · ").append(messages.get("survey.results.npsLine", r.nps(), r.promoters(), r.passives(), r.detractors()));
        } else {
            sub.append(" · ").append(messages.get("survey.results.csatLine", r.csatAverage(), r.csatTopShare()));
        }
        List<app.regulars.tables.Table.Column> columns = List.of(
                app.regulars.tables.Table.Column.text(messages.get("survey.column.date"), 1.2),
                app.regulars.tables.Table.Column.text(messages.get("survey.column.customer"), 2),
                app.regulars.tables.Table.Column.number(messages.get("survey.column.score"), 0.7),
                app.regulars.tables.Table.Column.text(messages.get("survey.column.channel"), 1),
                app.regulars.tables.Table.Column.text(messages.get("survey.column.comment"), 4));
        List<List<Object>> rows = new java.util.ArrayList<>();
        for (ResponseRow row : responses) {
            String who = row.customerName() != null ? row.customerName() + " (" + row.customerCode() + ")"
                    : messages.get("survey.page.walkIn") + (row.walkInName() == null ? "" : ": " + row.walkInName());
            rows.add(java.util.Arrays.asList(row.answeredOn(), who, row.score(), messages.get(row.channel().key()), row.comment()));
        }
        return new app.regulars.tables.Table(s.name(zh), sub.toString(), columns, rows, false);
    }

    /** The scores at or below which a response opens a complaint: {@code then} gets NPS, CSAT. */
    public void loadThresholds(java.util.function.BiConsumer<Integer, Integer> then) {
        runner.run(() -> new int[] {service.threshold(SurveyKind.NPS), service.threshold(SurveyKind.CSAT)},
                t -> then.accept(t[0], t[1]), e -> error.set(messages.describe(e)));
    }

    /** Saves both thresholds (checked against each scale); {@code onDone} runs after the save. */
    public void saveThresholds(int nps, int csat, Runnable onDone) {
        runner.run(() -> {
            service.setThreshold(SurveyKind.NPS, nps);
            service.setThreshold(SurveyKind.CSAT, csat);
            return null;
        }, ok -> {
            error.set("");
            onDone.run();
        }, e -> error.set(messages.describe(e)));
    }

    /** The editor of {@code survey} (null: a new survey). */
    public SurveyEditorViewModel editor(Survey survey) {
        return new SurveyEditorViewModel(service, runner, messages, survey);
    }

    public SurveyService service() {
        return service;
    }
}
