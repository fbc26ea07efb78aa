package app.regulars.app;

import app.regulars.i18n.UserException;
import app.regulars.store.ArchiveManifest;
import app.regulars.store.Backups;
import app.regulars.store.Password;
import app.regulars.store.ShopArchive;
import app.regulars.store.StoreKey;
import app.regulars.tables.Progress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.Comparator;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * The shop's data in one file and back, for the window and the command line (decision 0026):
 * {@code export all} writes everything each feature added to the {@link ShopArchive}; {@code import
 * all} builds the data of an export as a new store beside the user's (in {@value #IMPORTING}), loads
 * and checks every file, makes what each feature computes (search texts), backs the new store up
 * (verified), and then restores that backup in place of the user's data, which must be empty and is
 * backed up first. Until the restore nothing of the user's data changes; a failure, a cancel or a
 * killed process leaves only the folder {@value #IMPORTING}, deleted at the next open.
 */
public final class ArchiveJobs {
    private static final Logger LOG = LoggerFactory.getLogger(ArchiveJobs.class);
    /** The folder inside the data folder where an import builds its store. */
    public static final String IMPORTING = "importing";
    /** The files whose rows the messages name. */
    public static final String CUSTOMERS = "customers";
    public static final String PURCHASES = "purchases";

    private ArchiveJobs() {
    }

    /** Writes everything {@code ctx} holds to {@code zip}; see {@link ShopArchive#export}. */
    public static ShopArchive.Exported export(AppContext ctx, Path zip, Progress progress, BooleanSupplier cancelled) {
        return ctx.services().get(ShopArchive.class).export(zip, progress, cancelled);
    }

    /** An import made ready: the verified backup of the new store, to restore in place of the empty data, and what the export held. */
    public record Prepared(Path backup, ArchiveManifest manifest, Password password) {
    }

    /**
     * What the export {@code zip} holds, after checking that the data of {@code ctx} is empty and the
     * file is an export this Regulars reads: a {@code UserException} saying why not otherwise.
     */
    public static ArchiveManifest check(AppContext ctx, Path zip) {
        ctx.services().get(ShopArchive.class).requireEmpty();
        return ArchiveManifest.read(zip);
    }

    /**
     * Builds the data of the export {@code zip} as a new store in {@value #IMPORTING} beside the data
     * of {@code ctx} (which must be empty, and is not changed): every file loaded and checked, what the
     * features compute made again, then backed up and the backup verified. {@code progress} gets the
     * rows loaded out of all; {@code cancelled} stops it ({@code common.cancelled}). On any failure the
     * new store is deleted. Hand the result to {@link #finish}, or to the window's restore.
     */
    public static Prepared prepare(AppContext ctx, Path zip, Clock clock, Progress progress, BooleanSupplier cancelled) {
        ctx.database().session().requireOwner(); // decision 0033
        check(ctx, zip);
        Path dir = ctx.database().directory();
        Path scratch = dir.resolve(IMPORTING);
        deleteScratch(dir);
        Password password = ctx.password();
        try {
            Files.createDirectories(scratch);
            Path key = dir.resolve(StoreKey.FILE);
            if (Files.exists(key)) { // the new store under the same key: the password opens it, and its backup restores as it is
                Files.copy(key, scratch.resolve(StoreKey.FILE));
            }
            ShopArchive.Loaded loaded = ShopArchive.load(scratch, password, zip, progress, cancelled);
            ArchiveManifest manifest = loaded.manifest();
            try (AppContext made = AppContext.on(loaded.database(), clock, ctx.services().get(Locale.class), password)) {
                made.services().get(ShopArchive.class).afterImport();
                Backups.Backup backup = Backups.create(made.database(), Backups.folder(scratch), Backups.Kind.MANUAL, LocalDateTime.now(clock));
                if (!backup.verified()) {
                    throw new UserException("backup.error.failedVerification", backup.file().toString(), backup.problem());
                }
                // still empty? (the window may have been used meanwhile; the restore backs up what is there anyway)
                ctx.services().get(ShopArchive.class).requireEmpty();
                return new Prepared(backup.file(), manifest, password);
            }
        } catch (IOException e) {
            deleteScratch(dir);
            throw new UserException(e, "exchange.error.write", scratch.toString());
        } catch (RuntimeException e) {
            deleteScratch(dir);
            throw e;
        }
    }

    /**
     * {@code import all} into the EMPTY shared store of {@code server} (decision 0032): the export is
     * loaded and checked as a new H2 store in {@value #IMPORTING} of this computer's data folder, as for
     * a file, and that store is then copied into the server by {@code store copy}'s code, in one
     * transaction there (nothing of it stays on a failure). The folder is deleted after, whatever happened.
     */
    public static ArchiveManifest importIntoServer(AppContext server, Path zip, Clock clock, Progress progress, BooleanSupplier cancelled) {
        check(server, zip);
        Path dir = server.database().directory();
        Path scratch = dir.resolve(IMPORTING);
        deleteScratch(dir);
        try {
            Files.createDirectories(scratch);
            ShopArchive.Loaded loaded = ShopArchive.load(scratch, Password.NONE, zip, progress, cancelled);
            try (AppContext made = AppContext.on(loaded.database(), clock, server.services().get(Locale.class), Password.NONE)) {
                StoreCopies.toServer(made, server, app.regulars.store.StoreCopy.Listener.NONE, cancelled);
            }
            return loaded.manifest();
        } catch (IOException e) {
            throw new UserException(e, "exchange.error.write", scratch.toString());
        } finally {
            deleteScratch(dir);
        }
    }

    /**
     * Puts the prepared data in place of the (closed) data in {@code dataDirectory}, which is backed up
     * first ({@link BackupJobs#restore}), then deletes {@value #IMPORTING}. For the command line; the
     * window restores through its own reopen.
     */
    public static BackupJobs.Restored finish(Path dataDirectory, Prepared prepared, Clock clock) {
        try {
            return BackupJobs.restore(dataDirectory, prepared.backup(), clock, prepared.password());
        } finally {
            deleteScratch(dataDirectory);
        }
    }

    /** Deletes what an import left in {@code dataDirectory} (its new store, whole or half made); nothing when there is none. */
    public static void deleteScratch(Path dataDirectory) {
        Path scratch = dataDirectory.resolve(IMPORTING);
        if (!Files.exists(scratch)) {
            return;
        }
        try (Stream<Path> all = Files.walk(scratch)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            LOG.warn("Could not delete {}", scratch, e);
        }
    }
}
