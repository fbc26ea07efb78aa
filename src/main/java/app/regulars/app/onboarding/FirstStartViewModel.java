package app.regulars.app.onboarding;

import app.regulars.customer.CustomerCsvImporter;
import app.regulars.customer.ImportUndoService;
import app.regulars.customer.OnDuplicate;
import app.regulars.tables.ImportReport;
import app.regulars.tables.RejectedRow;
import app.regulars.i18n.Messages;
import app.regulars.store.Settings;
import app.regulars.fx.TaskRunner;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

/**
 * The first start: a sample shop, an empty start, or an imported customer list. Filling
 * and importing run in the background with progress and cancel; an import that has a bad
 * row stores nothing and lists every bad row. Rows for the same customer (same card number,
 * phone or email) are skipped, fill in or overwrite the customer, or are added, as chosen; the
 * import's result stays on screen with the offer to undo it, until the user goes on.
 */
public final class FirstStartViewModel {
    public static final int SAMPLE_SIZE = 300;

    private final Settings settings;
    private final SampleFiller samples;
    private final CustomerCsvImporter importer;
    private final ImportUndoService undo;
    private final TaskRunner runner;
    private final Messages messages;
    private final Runnable done;

    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(0);
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper problems = new ReadOnlyStringWrapper("");
    private final ObjectProperty<OnDuplicate> onDuplicate = new SimpleObjectProperty<>(OnDuplicate.SKIP);
    private final ReadOnlyBooleanWrapper imported = new ReadOnlyBooleanWrapper(false);
    private AtomicBoolean cancel = new AtomicBoolean();

    /** {@code undo}: the undo of the import just made (null: not offered). */
    public FirstStartViewModel(Settings settings, SampleFiller samples, CustomerCsvImporter importer, ImportUndoService undo,
                               TaskRunner runner, Messages messages, Runnable done) {
        this.settings = settings;
        this.samples = samples;
        this.importer = importer;
        this.undo = undo;
        this.runner = runner;
        this.messages = messages;
        this.done = done;
    }

    public void startWithSamples() {
        start(messages.get("onboarding.filling"), flag -> {
            int n = samples.fill(SAMPLE_SIZE, this::report, flag::get);
            return messages.get("onboarding.filled", n);
        }, true);
    }

    public void startEmpty() {
        start("", flag -> "", true);
    }

    /** Imports the customer list; its result stays on screen, with the offer to undo it ({@link #undoImport}) or go on ({@link #proceed}). */
    public void importFile(Path file) {
        OnDuplicate rule = onDuplicate.get();
        start(messages.get("onboarding.importing", file.getFileName()), flag -> {
            ImportReport report = importer.withRule(rule).importFile(file, this::report, flag::get);
            if (!report.succeeded()) {
                throw new ImportRejected(report);
            }
            return messages.get("onboarding.imported", file.getFileName().toString(), report.added(), report.updated(), report.skipped());
        }, false);
    }

    /** Goes on to the app after an import. */
    public void proceed() {
        imported.set(false);
        done.run();
    }

    /**
     * Undoes the import just made: its customers go, and the welcome offers its choices again; or
     * says why it cannot (the list was changed since).
     */
    public void undoImport() {
        if (running.get() || !imported.get() || undo == null) {
            return;
        }
        running.set(true);
        progress.set(-1);
        message.set(messages.get("import.undo.running"));
        runner.run(() -> {
            ImportUndoService.Outcome outcome = undo.undoLast();
            if (outcome.done()) {
                settings.remove(Settings.ONBOARDED); // empty again: the welcome is still to be chosen from
            }
            return outcome;
        }, outcome -> {
            running.set(false);
            progress.set(0);
            message.set(outcome.describe(messages));
            imported.set(!outcome.done());
        }, e -> {
            running.set(false);
            progress.set(0);
            message.set(messages.describe(e));
        });
    }

    private void start(String what, Work work, boolean openApp) {
        if (running.get()) {
            return;
        }
        AtomicBoolean flag = new AtomicBoolean();
        cancel = flag;
        running.set(true);
        progress.set(-1);
        problems.set("");
        message.set(what);
        runner.run(() -> {
            String result = work.run(flag);
            settings.put(Settings.ONBOARDED, "true");
            return result;
        }, result -> {
            running.set(false);
            progress.set(1);
            message.set(result);
            if (openApp) {
                done.run();
            } else {
                imported.set(true);
            }
        }, e -> {
            running.set(false);
            progress.set(0);
            if (e instanceof ImportRejected rejected) {
                ImportReport r = rejected.report;
                message.set(messages.get("onboarding.importRejected", r.rejected().size(), r.rowsRead()));
                problems.set(r.rejected().stream().map(this::line).collect(Collectors.joining("\n")));
            } else {
                message.set(messages.describe(e));
            }
        });
    }

    private String line(RejectedRow row) {
        return row.unit() == RejectedRow.Unit.LINE ? messages.get("onboarding.rejectedRow", row.line(), row.reason(messages))
                : messages.get("cli.import.rejectedAt", row.place().text(messages), row.reason(messages));
    }

    private void report(long doneCount, long total) {
        runner.onUiThread(() -> progress.set(total <= 0 ? -1 : (double) doneCount / total));
    }

    public void cancel() {
        cancel.set(true);
    }

    public ReadOnlyBooleanProperty runningProperty() { return running.getReadOnlyProperty(); }
    public ReadOnlyDoubleProperty progressProperty() { return progress.getReadOnlyProperty(); }
    public ReadOnlyStringProperty messageProperty() { return message.getReadOnlyProperty(); }
    public ReadOnlyStringProperty problemsProperty() { return problems.getReadOnlyProperty(); }
    /** What rows for a customer already there do; skipped unless chosen otherwise. */
    public ObjectProperty<OnDuplicate> onDuplicateProperty() { return onDuplicate; }
    /** An import's result is on screen: undo it or go on. */
    public ReadOnlyBooleanProperty importedProperty() { return imported.getReadOnlyProperty(); }
    /** Whether the undo of an import is offered at all. */
    public boolean undoOffered() { return undo != null; }

    @FunctionalInterface
    private interface Work {
        String run(AtomicBoolean cancelled) throws Exception;
    }

    /** An import with bad rows: nothing was stored. */
    private static final class ImportRejected extends RuntimeException {
        private final transient ImportReport report;

        ImportRejected(ImportReport report) {
            super("import rejected");
            this.report = report;
        }
    }
}
