package app.regulars.survey;

import app.regulars.fx.TaskRunner;
import app.regulars.i18n.Formats;
import app.regulars.i18n.Messages;
import app.regulars.tables.Table;
import app.regulars.tables.TableExport;
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

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
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
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
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
        results.addListener(o -> status.set(statusLine()));
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

    /**
     * Deletes {@code s} and reloads. The service refuses a survey that has answers: then
     * {@code refused} gets the reason, and the page offers to archive it instead.
     */
    public void delete(Survey s, Consumer<String> refused) {
        runner.run(() -> {
            service.delete(s.id());
            return s.id();
        }, id -> load(), e -> refused.accept(messages.describe(e)));
    }

    /** Archives {@code s} (hidden from the lists, its results kept) and reloads; a failure shows in the status. */
    public void archive(Survey s) {
        runner.run(() -> {
            service.archive(s.id(), true);
            return s.id();
        }, id -> load(), e -> status.set(messages.describe(e)));
    }

    /** The name the export offers for the shown survey: its English name, other characters as dashes, as Excel. */
    public String exportFileName() {
        return survey.get().name(false).replaceAll("[^\\p{L}\\p{N}]+", "-") + ".xlsx";
    }

    /**
     * Writes the shown survey to {@code file}, in the background; the status says how it went.
     * A {@code .pdf} is the results page (figures and the listed responses); {@code .csv} and
     * anything else (Excel) hold every response in the period and filters.
     */
    public void export(Path file) {
        Survey s = survey.get();
        String lower = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (lower.endsWith(".pdf")) {
            Table table = resultsTable();
            runner.run(() -> {
                new TableExport(messages).write(table, TableExport.Format.PDF, file);
                return table.rows().size();
            }, n -> status.set(messages.get("survey.page.pdfDone", file.toString())), e -> status.set(messages.describe(e)));
            return;
        }
        ResponseFiles.Format format = lower.endsWith(".csv") ? ResponseFiles.Format.CSV : ResponseFiles.Format.XLSX;
        ResultFilter f = filter();
        runner.run(() -> new ResponseFiles(service, messages).export(s, f, format, file),
                n -> status.set(messages.get("survey.export.done", n, file.toString())),
                e -> status.set(messages.describe(e)));
    }

    /** Shows {@code message} in the status line (until the next results), for example how printing went. */
    public void showStatus(String message) {
        status.set(message);
    }

    /** The entry of a walk-in's response, loading the surveys with the shown one picked. */
    public SurveyEntryViewModel walkInEntry() {
        SurveyEntryViewModel entry = new SurveyEntryViewModel(service, runner, messages, null, null);
        entry.load(selected.get() == null ? null : selected.get().id());
        return entry;
    }

    /** The editor of the shown survey. */
    public SurveyEditorViewModel surveyEditor() {
        return new SurveyEditorViewModel(service, runner, messages, survey.get());
    }

    /** The editor of a new survey. */
    public SurveyEditorViewModel newSurveyEditor() {
        return new SurveyEditorViewModel(service, runner, messages, null);
    }

    /** Who answered, as the list shows it: the customer with their code, or "Walk-in" with the name given. */
    public String who(ResponseRow r) {
        if (r.customerName() != null) {
            return r.customerName() + " (" + r.customerCode() + ")";
        }
        return messages.get("survey.page.walkIn") + (r.walkInName() == null ? "" : ": " + r.walkInName());
    }

    /** A tier's name in the user's language (a built-in tier's key), else as the shop named it. */
    public String tierName(TierChoice t) {
        return t.nameKey() != null && messages.has(t.nameKey()) ? messages.get(t.nameKey()) : t.name();
    }

    private String statusLine() {
        Survey s = survey.get();
        if (results.get() == null || s == null) {
            return "";
        }
        return messages.get("survey.page.status", s.name(messages.isChinese()), s.version(), responses.size());
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

    /** The line under the page: the survey and version shown, or how the last export or print went. */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /**
     * The results as a printable (or PDF) table: title the survey, subtitle the period, filters
     * and figures, rows the responses listed (date, customer, score, channel, comment).
     */
    public Table resultsTable() {
        Survey s = survey.get();
        SurveyResults r = results.get();
        boolean zh = messages.isChinese();
        Formats formats = new Formats(messages);
        StringBuilder sub = new StringBuilder();
        sub.append(from.get() == null ? "…" : formats.date(from.get())).append(" – ")
                .append(to.get() == null ? "…" : formats.date(to.get()));
        if (tag.get() != null) {
            sub.append(" · ").append(tag.get());
        }
        if (tier.get() != null) {
            sub.append(" · ").append(tierName(tier.get()));
        }
        sub.append(" · ").append(messages.get("survey.results.count", r.responses()));
        if (r.scored() == 0) {
            sub.append(" · ").append(messages.get("survey.results.noScores"));
        } else if (s.kind() == SurveyKind.NPS) {
            sub.append(" · ").append(messages.get("survey.results.npsLine", r.nps(), r.promoters(), r.passives(), r.detractors()));
        } else {
            sub.append(" · ").append(messages.get("survey.results.csatLine", r.csatAverage(), r.csatTopShare()));
        }
        List<Table.Column> columns = List.of(
                Table.Column.text(messages.get("survey.column.date"), 1.2),
                Table.Column.text(messages.get("survey.column.customer"), 2),
                Table.Column.number(messages.get("survey.column.score"), 0.7),
                Table.Column.text(messages.get("survey.column.channel"), 1),
                Table.Column.text(messages.get("survey.column.comment"), 4));
        List<List<Object>> rows = new ArrayList<>();
        for (ResponseRow row : responses) {
            rows.add(Arrays.asList(row.answeredOn(), who(row), row.score(), messages.get(row.channel().key()), row.comment()));
        }
        return new Table(s.name(zh), sub.toString(), columns, rows, false);
    }

    /** The scores at or below which a response opens a complaint: {@code then} gets NPS, CSAT. */
    public void loadThresholds(BiConsumer<Integer, Integer> then) {
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

}
