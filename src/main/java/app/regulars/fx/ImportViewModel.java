package app.regulars.fx;

import app.regulars.i18n.Messages;
import app.regulars.tables.ColumnMapping;
import app.regulars.tables.ImportReport;
import app.regulars.tables.MappedImport;
import app.regulars.tables.RejectedRow;
import app.regulars.tables.RejectedRowsFile;
import app.regulars.tables.RowFile;
import app.regulars.tables.RowProblem;
import app.regulars.tables.RowReader;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * The import window's state (one {@link MappedImport}: customers, purchases or survey answers):
 * a file opened ({@link RowFile}: its encoding, its sheets), its first {@value #PREVIEW_ROWS}
 * rows, the mapping of each column to a field (the header's, changeable), the problems the
 * importer's own row checks find in those rows, each at its cell; then the import with progress
 * and cancel, its result, and the rejected rows saved as a CSV file with a reason column. The
 * file is read and checked, and the import run, on the {@link TaskRunner}; answers to an older
 * file or mapping are dropped.
 */
public final class ImportViewModel {
    public static final int PREVIEW_ROWS = 20;

    /** Where the window is: no file yet, a file mapped, importing, the result shown. */
    public enum Step { NO_FILE, MAPPING, IMPORTING, DONE }

    /** A preview row: its place in the file ({@code at}; {@code place} as the user reads it) and its cells. */
    public record PreviewRow(RejectedRow.Place at, String place, List<String> cells) {
    }

    /**
     * What the check found in the previewed rows: reasons by place (a line, or an Excel row of one of
     * the sheets a long list goes on over) and column (-1: the whole row), and warnings the same way;
     * how many of them the store has already (purchases: decision 0050), which the import leaves out.
     */
    public record Problems(Map<RejectedRow.Place, Map<Integer, String>> errors, Map<RejectedRow.Place, Map<Integer, String>> warnings,
                           int count, int warningCount, int alreadyHere) {
        static final Problems NONE = new Problems(Map.of(), Map.of(), 0, 0, 0);

        public String error(RejectedRow.Place at, int column) {
            Map<Integer, String> row = errors.get(at);
            return row == null ? null : row.get(column);
        }

        public String warning(RejectedRow.Place at, int column) {
            Map<Integer, String> row = warnings.get(at);
            return row == null ? null : row.get(column);
        }
    }

    private final MappedImport kind;
    private final TaskRunner runner;
    private final Messages messages;
    private final Runnable dataChanged;

    private final ReadOnlyObjectWrapper<Step> step = new ReadOnlyObjectWrapper<>(Step.NO_FILE);
    private final ReadOnlyStringWrapper fileName = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper encoding = new ReadOnlyStringWrapper("");
    // Each list is shown through one read-only view, kept here: a view made per call listens to its
    // list weakly, and a listener added to it would be lost when it is collected.
    private final ObservableList<String> sheets = FXCollections.observableArrayList();
    private final ObservableList<String> sheetsView = FXCollections.unmodifiableObservableList(sheets);
    private final ReadOnlyIntegerWrapper sheet = new ReadOnlyIntegerWrapper(0);
    private final ObservableList<MappedImport.Choice> choices = FXCollections.observableArrayList();
    private final ObservableList<MappedImport.Choice> choicesView = FXCollections.unmodifiableObservableList(choices);
    private final ReadOnlyObjectWrapper<MappedImport.Choice> choice = new ReadOnlyObjectWrapper<>();
    private final ObservableList<MappedImport.Field> fields = FXCollections.observableArrayList();
    private final ObservableList<MappedImport.Field> fieldsView = FXCollections.unmodifiableObservableList(fields);
    private final ObservableList<String> header = FXCollections.observableArrayList();
    private final ObservableList<String> headerView = FXCollections.unmodifiableObservableList(header);
    private final ObservableList<PreviewRow> rows = FXCollections.observableArrayList();
    private final ObservableList<PreviewRow> rowsView = FXCollections.unmodifiableObservableList(rows);
    private final ReadOnlyObjectWrapper<ColumnMapping> mapping = new ReadOnlyObjectWrapper<>(new ColumnMapping(List.of()));
    private final ReadOnlyObjectWrapper<Problems> problems = new ReadOnlyObjectWrapper<>(Problems.NONE);
    /** What keeps the mapping from being imported (no column for the name), or why the file cannot be read; empty when nothing does. */
    private final ReadOnlyStringWrapper blocker = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper checking = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(0);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<ImportReport> report = new ReadOnlyObjectWrapper<>();
    private final ObservableList<String> rejectedLines = FXCollections.observableArrayList();
    private final ObservableList<String> rejectedLinesView = FXCollections.unmodifiableObservableList(rejectedLines);
    private final ObservableList<String> warningLines = FXCollections.observableArrayList();
    private final ObservableList<String> warningLinesView = FXCollections.unmodifiableObservableList(warningLines);
    private final ReadOnlyBooleanWrapper canImport = new ReadOnlyBooleanWrapper(false);
    private final ObservableList<MappedImport.Field> duplicateRules = FXCollections.observableArrayList();
    private final ObservableList<MappedImport.Field> duplicateRulesView = FXCollections.unmodifiableObservableList(duplicateRules);
    /** What a row does that is a record already here (a key of {@link MappedImport#duplicateRules}); null when the import does not match rows. */
    private final ReadOnlyObjectWrapper<MappedImport.Field> duplicateRule = new ReadOnlyObjectWrapper<>();
    /** Whether the result shown can be undone (an import that stored something, of a kind with an undo, not undone yet). */
    private final ReadOnlyBooleanWrapper canUndo = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper undoing = new ReadOnlyBooleanWrapper(false);

    private Path path;
    private RowFile file;
    /** The rows read for the preview, one more than shown when there are more. */
    private long rowsInFile;
    private int generation;
    private AtomicBoolean cancel = new AtomicBoolean();

    public ImportViewModel(MappedImport kind, TaskRunner runner, Messages messages, Runnable dataChanged) {
        this.kind = kind;
        this.runner = runner;
        this.messages = messages;
        this.dataChanged = dataChanged;
        step.addListener((o, a, b) -> updateCanImport());
        blocker.addListener((o, a, b) -> updateCanImport());
        checking.addListener((o, a, b) -> updateCanImport());
        duplicateRules.setAll(kind.duplicateRules());
        duplicateRule.set(duplicateRules.isEmpty() ? null : duplicateRules.getFirst());
    }

    /** The import as the user set it up: with the duplicate rule chosen. */
    private MappedImport current() {
        MappedImport.Field rule = duplicateRule.get();
        return rule == null ? kind : kind.withDuplicateRule(rule.key());
    }

    /** What rows that are records already here do; the previewed rows are checked again. */
    public void chooseDuplicateRule(MappedImport.Field rule) {
        if (rule == null || rule.equals(duplicateRule.get()) || !duplicateRules.contains(rule)) {
            return;
        }
        duplicateRule.set(rule);
        if (step.get() == Step.MAPPING) {
            recheck();
        }
    }

    public MappedImport kind() {
        return kind;
    }

    /** Loads what is to be chosen before a file (the surveys), choosing the first. */
    public void start() {
        if (kind.choiceLabel() == null) {
            return;
        }
        runner.run(kind::choices, list -> {
            choices.setAll(list);
            if (!list.isEmpty() && choice.get() == null) {
                choice.set(list.getFirst());
            }
        }, e -> blocker.set(messages.describe(e)));
    }

    /** Opens {@code file}: its first rows, the header's mapping, and the check of those rows. */
    public void open(Path file) {
        path = file;
        load(null, true);
    }

    /** Reads a workbook's other sheet ({@code index} in {@link #sheets()}) and maps it afresh. */
    public void chooseSheet(int index) {
        if (file != null && index != sheet.get() && index >= 0 && index < sheets.size()) {
            load(String.valueOf(index + 1), true);
        }
    }

    /** Another survey: its questions become the fields, and the header is mapped afresh. */
    public void choose(MappedImport.Choice c) {
        if (c == null || c.equals(choice.get())) {
            return;
        }
        choice.set(c);
        if (file != null) {
            load(file.format() == RowFile.Format.XLSX ? String.valueOf(file.sheet() + 1) : null, true);
        }
    }

    /** Column {@code column} goes to {@code field} (null: ignored); the rows are checked again. */
    public void map(int column, String field) {
        if (step.get() != Step.MAPPING) {
            return;
        }
        mapping.set(mapping.get().with(column, field));
        recheck();
    }

    private record Loaded(RowFile file, List<String> header, List<PreviewRow> rows, long total, List<MappedImport.Field> fields,
                          ColumnMapping mapping) {
    }

    private void load(String sheetName, boolean remap) {
        int mine = ++generation;
        Path p = path;
        MappedImport.Choice c = choice.get();
        checking.set(true);
        blocker.set("");
        runner.run(() -> {
            RowFile f = RowFile.open(p, sheetName, kind.formats());
            List<String> h;
            List<PreviewRow> preview = new ArrayList<>();
            long total = 0;
            try (RowReader in = f.rows()) { // the first rows and whether there are more: never the whole file
                h = in.header();
                for (RowReader.Row row = in.next(); row != null && total <= PREVIEW_ROWS; row = in.next()) {
                    if (preview.size() < PREVIEW_ROWS) {
                        preview.add(new PreviewRow(row.place(), row.place().text(messages), row.cells()));
                    }
                    total++;
                }
            }
            return new Loaded(f, h, preview, total, kind.fields(c), kind.automatic(h, c));
        }, loaded -> {
            if (mine != generation) {
                return;
            }
            file = loaded.file();
            rowsInFile = loaded.total();
            fileName.set(fileName(path));
            encoding.set(switch (file.format()) {
                case CSV -> messages.get("import.encoding", file.charset().displayName(Locale.ROOT));
                case XLSX -> messages.get("import.format.xlsx");
                case VCARD -> messages.get("import.format.vcf") + " · " + messages.get("import.encoding", file.charset().displayName(Locale.ROOT));
            });
            sheets.setAll(file.sheets());
            sheet.set(file.sheet());
            fields.setAll(loaded.fields());
            int width = loaded.header().size();
            for (PreviewRow r : loaded.rows()) {
                width = Math.max(width, r.cells().size());
            }
            List<String> h = new ArrayList<>(loaded.header());
            while (h.size() < width) {
                h.add("");
            }
            header.setAll(h);
            rows.setAll(loaded.rows());
            if (remap) {
                mapping.set(loaded.mapping());
            }
            problems.set(Problems.NONE);
            step.set(Step.MAPPING);
            recheck();
        }, e -> {
            if (mine != generation) {
                return;
            }
            checking.set(false);
            file = null;
            fileName.set(fileName(path));
            encoding.set("");
            header.clear();
            rows.clear();
            sheets.clear();
            problems.set(Problems.NONE);
            step.set(Step.NO_FILE);
            blocker.set(messages.describe(e));
        });
    }

    private void recheck() {
        int mine = ++generation;
        RowFile f = file;
        ColumnMapping m = mapping.get();
        MappedImport.Choice c = choice.get();
        List<String> h = List.copyOf(header);
        checking.set(true);
        MappedImport k = current();
        runner.run(() -> k.check(f, m, c, PREVIEW_ROWS), checked -> {
            if (mine != generation) {
                return;
            }
            checking.set(false);
            blocker.set("");
            problems.set(problems(checked, h, m));
            updateSummary();
        }, e -> {
            if (mine != generation) {
                return;
            }
            checking.set(false);
            problems.set(Problems.NONE);
            blocker.set(messages.describe(e));
            updateSummary();
        });
    }

    private Problems problems(ImportReport checked, List<String> h, ColumnMapping m) {
        Map<RejectedRow.Place, Map<Integer, String>> errors = new HashMap<>();
        Map<RejectedRow.Place, Map<Integer, String>> warnings = new HashMap<>();
        int count = place(checked.rejected(), h, m, errors);
        int warningCount = place(checked.warnings(), h, m, warnings);
        return new Problems(errors, warnings, count, warningCount, checked.skipped());
    }

    /** Puts each problem at its cell (the mapped column its header names; else the whole row); returns how many. */
    private int place(List<RejectedRow> rejected, List<String> h, ColumnMapping m, Map<RejectedRow.Place, Map<Integer, String>> at) {
        int count = 0;
        for (RejectedRow r : rejected) {
            Map<Integer, String> row = at.computeIfAbsent(r.place(), l -> new HashMap<>());
            for (RowProblem p : r.problems()) {
                int column = column(p.column(), h, m);
                row.merge(column, p.text(messages), (a, b) -> a + "\n" + b);
                count++;
            }
        }
        return count;
    }

    private static int column(String name, List<String> h, ColumnMapping m) {
        if (name == null) {
            return -1;
        }
        int any = -1;
        for (int i = 0; i < h.size(); i++) {
            String hi = h.get(i) == null ? "" : h.get(i).strip();
            if (hi.equals(name.strip())) {
                if (m.field(i) != null) {
                    return i;
                }
                any = any < 0 ? i : any;
            }
        }
        return any;
    }

    private void updateSummary() {
        if (file == null) {
            summary.set("");
            return;
        }
        String shown = rowsInFile > rows.size() ? messages.get("import.preview", rows.size())
                : messages.get("import.previewAll", rowsInFile);
        Problems p = problems.get();
        summary.set(shown + " · " + messages.get("import.problems", p.count()) + messages.get("import.warnings", p.warningCount())
                + (p.alreadyHere() == 0 ? "" : " · " + messages.get("import.previewAlreadyHere", p.alreadyHere())));
    }

    private void updateCanImport() {
        canImport.set(step.get() == Step.MAPPING && blocker.get().isEmpty() && !checking.get() && file != null);
    }

    /** Imports the whole file with the mapping shown, in the background; {@link #cancel} stops it with nothing stored. */
    public void importNow() {
        if (!canImport.get()) {
            return;
        }
        AtomicBoolean flag = new AtomicBoolean();
        cancel = flag;
        RowFile f = file;
        ColumnMapping m = mapping.get();
        MappedImport.Choice c = choice.get();
        MappedImport k = current();
        step.set(Step.IMPORTING);
        progress.set(-1);
        canUndo.set(false);
        status.set(messages.get("import.importing", fileName.get()));
        runner.run(() -> k.run(f, m, c, (done, total) -> runner.onUiThread(() -> progress.set(total <= 0 ? -1 : (double) done / total)),
                flag::get), done -> {
            report.set(done);
            rejectedLines.setAll(done.rejected().stream().map(this::line).toList());
            warningLines.setAll(done.warnings().stream().map(this::line).toList());
            status.set(!done.succeeded() ? messages.get("import.rejected", done.rejected().size(), done.rowsRead())
                    : duplicateRules.isEmpty() ? addedOnly(done)
                    : messages.get("onboarding.imported", fileName.get(), done.imported(), done.updated(), done.skipped()));
            progress.set(1);
            step.set(Step.DONE);
            boolean stored = done.succeeded() && (done.imported() > 0 || done.updated() > 0);
            canUndo.set(stored && kind.undoable());
            if (stored) {
                dataChanged.run();
            }
        }, e -> {
            progress.set(0);
            status.set(messages.describe(e));
            step.set(Step.MAPPING);
        });
    }

    /**
     * Undoes the import just shown (removes what it added, puts back what it updated), in the
     * background; the status says what was done, or why nothing was (something changed its records since).
     */
    public void undo() {
        if (!canUndo.get() || undoing.get()) {
            return;
        }
        undoing.set(true);
        status.set(messages.get("import.undo.running"));
        runner.run(kind::undoLast, said -> {
            undoing.set(false);
            canUndo.set(false);
            status.set(said);
            dataChanged.run();
        }, e -> {
            undoing.set(false);
            status.set(messages.describe(e));
        });
    }

    /**
     * What an import that only adds (purchases, answers) did: the rows added, and the purchases
     * left out as voided or as already here.
     */
    private String addedOnly(ImportReport done) {
        String added = messages.get("import.done", done.imported(), fileName.get());
        if (done.leftOut() > 0) {
            added = messages.get("import.done.more", added, messages.get("membership.cli.voidedLeftOut", done.leftOut()));
        }
        if (done.skipped() > 0) {
            added = messages.get("import.done.more", added, messages.get("membership.cli.alreadyHere", done.skipped()));
        }
        return added;
    }

    private String line(RejectedRow r) {
        return messages.get("import.place", r.place().text(messages), r.reason(messages));
    }

    public void cancel() {
        cancel.set(true);
    }

    /** Back from the result to the same file's mapping (to correct it and import again). */
    public void back() {
        if (step.get() == Step.DONE && file != null) {
            report.set(null);
            canUndo.set(false);
            status.set("");
            step.set(Step.MAPPING);
            recheck();
        }
    }

    /** The name a file of the rejected rows is offered under: the file's own name with "-rejected". */
    public String rejectedFileName() {
        String name = fileName.get();
        int dot = name.lastIndexOf('.');
        return messages.get("import.rejectedFile", dot > 0 ? name.substring(0, dot) : name);
    }

    /** Writes the rejected rows (original columns and a reason) to {@code out}, in the background; {@code saved} gets how many. */
    public void saveRejected(Path out, Consumer<Integer> saved) {
        ImportReport r = report.get();
        RowFile f = file;
        if (r == null || r.rejected().isEmpty() || f == null) {
            return;
        }
        runner.run(() -> RejectedRowsFile.write(f, r, messages, out), n -> {
            status.set(messages.get("import.savedRejected", n, out.getFileName()));
            saved.accept(n);
        }, e -> status.set(messages.describe(e)));
    }

    private static String fileName(Path p) {
        return p == null || p.getFileName() == null ? "" : p.getFileName().toString();
    }

    public ReadOnlyObjectProperty<Step> stepProperty() { return step.getReadOnlyProperty(); }
    public ReadOnlyStringProperty fileNameProperty() { return fileName.getReadOnlyProperty(); }
    public ReadOnlyStringProperty encodingProperty() { return encoding.getReadOnlyProperty(); }
    public ObservableList<String> sheets() { return sheetsView; }
    public ReadOnlyIntegerProperty sheetProperty() { return sheet.getReadOnlyProperty(); }
    public ObservableList<MappedImport.Choice> choices() { return choicesView; }
    public ReadOnlyObjectProperty<MappedImport.Choice> choiceProperty() { return choice.getReadOnlyProperty(); }
    public ObservableList<MappedImport.Field> fields() { return fieldsView; }
    public ObservableList<String> header() { return headerView; }
    public ObservableList<PreviewRow> rows() { return rowsView; }
    public ReadOnlyObjectProperty<ColumnMapping> mappingProperty() { return mapping.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<Problems> problemsProperty() { return problems.getReadOnlyProperty(); }
    public ReadOnlyStringProperty blockerProperty() { return blocker.getReadOnlyProperty(); }
    public ReadOnlyStringProperty summaryProperty() { return summary.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty checkingProperty() { return checking.getReadOnlyProperty(); }
    public ReadOnlyDoubleProperty progressProperty() { return progress.getReadOnlyProperty(); }
    public ReadOnlyStringProperty statusProperty() { return status.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<ImportReport> reportProperty() { return report.getReadOnlyProperty(); }
    public ObservableList<String> rejectedLines() { return rejectedLinesView; }
    public ObservableList<String> warningLines() { return warningLinesView; }
    public ReadOnlyBooleanProperty canImportProperty() { return canImport.getReadOnlyProperty(); }
    public ObservableList<MappedImport.Field> duplicateRules() { return duplicateRulesView; }
    public ReadOnlyObjectProperty<MappedImport.Field> duplicateRuleProperty() { return duplicateRule.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty canUndoProperty() { return canUndo.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty undoingProperty() { return undoing.getReadOnlyProperty(); }
}
