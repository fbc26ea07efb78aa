package app.regulars.app.settings;

import app.regulars.app.AppContext;
import app.regulars.app.BackupJobs;
import app.regulars.fx.TaskRunner;
import app.regulars.i18n.Messages;
import app.regulars.store.Backups;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/**
 * The backups section of Settings: the list of backups, where they go, a backup now, and the
 * restore (which the window does: it closes the store, restores and reopens). Work off the
 * JavaFX thread through the {@link TaskRunner}; {@code failed} is true while the last backup
 * failed its verification.
 */
public final class BackupsViewModel {
    private final AppContext context;
    private final TaskRunner runner;
    private final Messages messages;
    private final Clock clock;
    private final ObservableList<Backups.Backup> backups = FXCollections.observableArrayList();
    private final StringProperty folder = new SimpleStringProperty("");
    private final StringProperty status = new SimpleStringProperty("");
    private final BooleanProperty busy = new SimpleBooleanProperty();
    private final BooleanProperty failed = new SimpleBooleanProperty();

    public BackupsViewModel(AppContext context, TaskRunner runner, Messages messages, Clock clock) {
        this.context = context;
        this.runner = runner;
        this.messages = messages;
        this.clock = clock;
    }

    public ObservableList<Backups.Backup> backups() {
        return backups;
    }

    public ReadOnlyStringProperty folderProperty() {
        return folder;
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

    private Path dataDirectory() {
        return context.database().directory();
    }

    /** The shared store's address when the data is on a server: no backups of a file there (the server's own back it up). */
    public java.util.Optional<String> server() {
        return context.database().server().map(Object::toString);
    }

    /** Reads the folder's backups again. */
    public void reload() {
        if (server().isPresent()) {
            return;
        }
        Path dir = dataDirectory();
        runner.run(() -> {
            Path where = Backups.folder(dir);
            return new Listing(where, Backups.list(where));
        }, listing -> {
            folder.set(listing.folder().toString());
            backups.setAll(listing.backups());
        }, e -> status.set(messages.describe(e)));
    }

    private record Listing(Path folder, List<Backups.Backup> backups) {
    }

    /** Backs up now, verifies the backup and lists it; a failed verification is said in {@code status}. */
    public void backUpNow() {
        if (busy.get()) {
            return;
        }
        busy.set(true);
        failed.set(false);
        status.set(messages.get("settings.backups.working"));
        runner.run(() -> {
            context.database().session().requireOwner(); // decision 0033
            long writes = context.database().writesToBackUp();
            Backups.Backup b = BackupJobs.backUp(context.database(), null, Backups.Kind.MANUAL, clock);
            if (b.verified()) {
                context.backedUp(writes);
            }
            return b;
        }, b -> {
            busy.set(false);
            failed.set(!b.verified());
            status.set(b.verified()
                    ? messages.get("settings.backups.done", b.rows(BackupJobs.CUSTOMERS), b.rows(BackupJobs.PURCHASES))
                    : messages.get("settings.backups.failed", b.file().getFileName(), b.problem()));
            reload();
        }, e -> {
            busy.set(false);
            failed.set(true);
            status.set(messages.describe(e));
        });
    }

    /** Where backups go from now on ({@code null}: the data folder's own). */
    public void chooseFolder(Path chosen) {
        Path dir = dataDirectory();
        runner.run(() -> {
            Backups.chooseFolder(dir, chosen);
            return null;
        }, ok -> reload(), e -> status.set(messages.describe(e)));
    }

    /** Restores {@code backup} (after the user confirmed its preview): the window takes over from here. */
    public void restore(Backups.Backup backup) {
        busy.set(true);
        status.set(messages.get("settings.backups.restoring"));
        context.restore(backup.file());
    }
}
