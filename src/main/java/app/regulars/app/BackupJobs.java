package app.regulars.app;

import app.regulars.i18n.UserException;
import app.regulars.store.Backups;
import app.regulars.store.Database;
import app.regulars.store.Password;

import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Optional;

/**
 * What the window and the command line do with backups ({@link Backups} does the work): a
 * backup now, the automatic ones (at the start of a day, at close after a change, rotated), and a
 * restore that first backs up the data it replaces.
 */
public final class BackupJobs {
    /** The tables whose rows a backup's list shows. */
    public static final String CUSTOMERS = "CUSTOMER";
    public static final String PURCHASES = "PURCHASE";

    private BackupJobs() {
    }

    /** Backs {@code db} up into its backups folder (or {@code folder}); an automatic one then rotates the folder. */
    public static Backups.Backup backUp(Database db, Path folder, Backups.Kind kind, Clock clock) {
        Path into = folder != null ? folder : Backups.folder(db.directory());
        Backups.Backup backup = Backups.create(db, into, kind, LocalDateTime.now(clock));
        if (kind.automatic()) {
            Backups.rotate(into, Backups.Keep.DEFAULT);
        }
        return backup;
    }

    /** The start of a day's backup, unless one was already made today: empty then. */
    public static Optional<Backups.Backup> backUpForTheDay(Database db, Clock clock) {
        Path folder = Backups.folder(db.directory());
        LocalDate today = LocalDate.now(clock);
        boolean done = Backups.list(folder).stream()
                .anyMatch(b -> b.kind().automatic() && b.verified() && b.taken().toLocalDate().equals(today));
        if (done) {
            return Optional.empty();
        }
        return Optional.of(backUp(db, folder, Backups.Kind.DAILY, clock));
    }

    /** What a restore did: the backup of the data it replaced (empty if that could not be made) and the backup restored. */
    public record Restored(Optional<Backups.Backup> before, Backups.Backup restored) {
    }

    /**
     * Restores {@code file} into the closed data folder {@code dataDirectory}: the data there is
     * backed up first (when it opens and reads back; else its file is kept in the backups folder),
     * then replaced. Refused while another Regulars has the folder open.
     */
    public static Restored restore(Path dataDirectory, Path file, Clock clock) {
        return restore(dataDirectory, file, clock, Password.NONE);
    }

    /**
     * {@link #restore(Path, Path, Clock)} of an encrypted store or backup: {@code password} opens the
     * data and the backup (a wrong one is refused before anything changes).
     */
    public static Restored restore(Path dataDirectory, Path file, Clock clock, Password password) {
        Backups.Backup checked = Backups.verify(file, password); // a file that is not a backup, or a bad one, is refused before anything else
        if (!checked.verified()) {
            throw new UserException("backup.error.failedVerification", file.toString(), checked.problem());
        }
        Optional<Backups.Backup> before = Optional.empty();
        try (Database db = Database.open(dataDirectory, password)) {
            db.compactOnClose(false);
            Backups.Backup b = Backups.create(db, Backups.folder(dataDirectory), Backups.Kind.BEFORE_RESTORE, LocalDateTime.now(clock));
            before = b.verified() ? Optional.of(b) : Optional.empty();
        } catch (UserException e) {
            if (e.key().equals("store.error.locked")) {
                throw new UserException(e, "backup.error.restoreLocked", dataDirectory.toString());
            }
            if (e.key().equals("store.error.wrongPassword") || e.key().equals("store.error.passwordNeeded")) {
                throw e; // not damage: nothing is replaced
            }
            // a damaged, empty or unreadable store: its file is kept aside by the restore
        }
        Backups.Backup restored = Backups.restore(dataDirectory, file, before.isEmpty(), LocalDateTime.now(clock), password);
        return new Restored(before, restored);
    }
}
