package app.regulars.app.settings;

import app.regulars.app.AppContext;
import app.regulars.app.ArchiveJobs;
import app.regulars.fx.TaskRunner;
import app.regulars.i18n.Messages;
import app.regulars.i18n.UserException;
import app.regulars.store.ArchiveManifest;
import app.regulars.tables.Progress;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Settings › Everything in one file (decision 0026): export everything to a ZIP, or import one into
 * this (empty) data. Both run off the JavaFX thread through the {@link TaskRunner} with progress
 * ({@code progress}: 0 to 1, -1 while it is not known yet) and a cancel; an import that has been
 * built and checked is put in place by the window's restore, which reopens on it.
 */
public final class ArchiveViewModel {
    private final AppContext context;
    private final TaskRunner runner;
    private final Messages messages;
    private final Clock clock;
    private final StringProperty status = new SimpleStringProperty("");
    private final BooleanProperty busy = new SimpleBooleanProperty();
    private final BooleanProperty failed = new SimpleBooleanProperty();
    private final DoubleProperty progress = new SimpleDoubleProperty(0);
    private volatile AtomicBoolean cancel = new AtomicBoolean();

    public ArchiveViewModel(AppContext context, TaskRunner runner, Messages messages, Clock clock) {
        this.context = context;
        this.runner = runner;
        this.messages = messages;
        this.clock = clock;
    }

    public ReadOnlyStringProperty statusProperty() {
        return status;
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy;
    }

    public ReadOnlyBooleanProperty failedProperty() {
        return failed;
    }

    public ReadOnlyDoubleProperty progressProperty() {
        return progress;
    }

    /** The file name an export proposes: {@code regulars-2026-11-23.zip}. */
    public String proposedName() {
        return "regulars-" + LocalDate.now(clock) + ".zip";
    }

    /** Stops the export or import under way (it ends with "Cancelled. Nothing was changed."). */
    public void cancel() {
        cancel.set(true);
    }

    private AtomicBoolean start(String text) {
        AtomicBoolean flag = new AtomicBoolean();
        cancel = flag;
        busy.set(true);
        failed.set(false);
        progress.set(-1);
        status.set(text);
        return flag;
    }

    /** Progress told to the JavaFX thread, at most once per hundredth of the work. */
    private Progress progress(String key) {
        AtomicLong shown = new AtomicLong(-1);
        return (done, total) -> {
            long hundredth = total <= 0 ? 0 : done * 100 / total;
            if (shown.getAndSet(hundredth) != hundredth) {
                runner.onUiThread(() -> {
                    if (busy.get()) {
                        progress.set(total <= 0 ? -1 : (double) done / total);
                        status.set(messages.get(key, done, total));
                    }
                });
            }
        };
    }

    private void failed(Throwable e) {
        busy.set(false);
        progress.set(0);
        failed.set(!(e instanceof UserException u && u.key().equals("common.cancelled")));
        status.set(messages.describe(e));
    }

    /** Writes everything to {@code zip}; the status then says how much, and that the file is not under the password when the data is. */
    public void export(Path zip) {
        if (busy.get()) {
            return;
        }
        AtomicBoolean flag = start(messages.get("settings.archive.exporting", 0, 0));
        Progress p = progress("settings.archive.exporting");
        runner.run(() -> ArchiveJobs.export(context, zip, p, flag::get), done -> {
            busy.set(false);
            progress.set(0);
            String text = messages.get("archive.exported", done.file().toAbsolutePath().toString(), done.rows(ArchiveJobs.CUSTOMERS),
                    done.rows(ArchiveJobs.PURCHASES), done.manifest().totalRows(), done.manifest().files().size(),
                    String.format(java.util.Locale.ROOT, "%.1f", done.bytes() / 1_000_000.0));
            status.set(context.database().encrypted() ? text + "\n" + messages.get("archive.unprotected") : text);
        }, this::failed);
    }

    /**
     * Checks that this data is empty and {@code zip} an export this Regulars reads, then hands what it
     * holds to {@code confirm} (on the JavaFX thread) for the user to say yes; a refusal goes to the status.
     */
    public void check(Path zip, Consumer<ArchiveManifest> confirm) {
        if (busy.get()) {
            return;
        }
        start(messages.get("settings.archive.checking"));
        runner.run(() -> ArchiveJobs.check(context, zip), manifest -> {
            busy.set(false);
            progress.set(0);
            status.set("");
            confirm.accept(manifest);
        }, this::failed);
    }

    /** The question before an import: what the export holds and what happens next. */
    public String confirmText(Path zip, ArchiveManifest manifest) {
        return messages.get("settings.archive.confirm", zip.getFileName().toString(), manifest.rows(ArchiveJobs.CUSTOMERS),
                manifest.rows(ArchiveJobs.PURCHASES), manifest.totalRows(), manifest.files().size());
    }

    /**
     * Builds the data of {@code zip} beside this data and checks it (the data here does not change),
     * then hands it to the window, which backs up this data, puts the import in its place and reopens.
     */
    public void importFrom(Path zip) {
        if (busy.get()) {
            return;
        }
        AtomicBoolean flag = start(messages.get("settings.archive.importing", 0, 0));
        Progress p = progress("settings.archive.importing");
        runner.run(() -> ArchiveJobs.prepare(context, zip, clock, p, flag::get), prepared -> {
            progress.set(-1);
            status.set(messages.get("settings.archive.putting"));
            context.restore(prepared.backup());
        }, this::failed);
    }
}
