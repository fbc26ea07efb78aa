package app.regulars.app;

import app.regulars.i18n.UserException;
import app.regulars.store.Database;
import app.regulars.store.DataDirectory;
import app.regulars.store.Password;
import app.regulars.store.ShopArchive;
import app.regulars.store.StoreCopy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.Comparator;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * A shop's store moved whole to another store, for the command line ({@code store copy},
 * docs/decisions/0032-store-copy.md): a file into an empty database on a server (a shop that started
 * alone grows into team mode), and a server's store back into a new file. The tables are those each
 * feature declared for the export of everything; {@link StoreCopy} copies and checks them; what the
 * features compute (the search texts) is made again in the target, as after {@code import all}.
 */
public final class StoreCopies {
    private static final Logger LOG = LoggerFactory.getLogger(StoreCopies.class);
    /** The folder inside the target folder where a copy into a file builds its store, moved into place when whole. */
    public static final String COPYING = "copying";

    private StoreCopies() {
    }

    /**
     * Copies the store of {@code source} into the store of {@code target} (on a server), which must
     * hold no records: all or nothing, the copy is one transaction there. If making the search texts
     * fails after it, the copied rows are deleted again (one transaction), so the target is left empty.
     */
    public static StoreCopy.Copied toServer(AppContext source, AppContext target, StoreCopy.Listener listener, BooleanSupplier cancelled) {
        source.database().session().requireOwner(); // everything leaves the store: the owner's alone (decision 0033)
        ShopArchive from = source.services().get(ShopArchive.class);
        StoreCopy.Copied copied = StoreCopy.copy(from, target.database(), listener, cancelled);
        try {
            target.services().get(ShopArchive.class).afterImport();
        } catch (RuntimeException e) {
            try {
                StoreCopy.empty(from, target.database());
            } catch (RuntimeException again) {
                e.addSuppressed(again);
            }
            throw e;
        }
        return copied;
    }

    /**
     * Copies the store of {@code source} into a NEW data file in {@code directory} (refused with
     * {@code store.copy.fileExists} when it holds one already). The file is built in
     * {@value #COPYING} inside it, checked, and moved into place only when whole: a failure, a cancel or
     * a killed process leaves no data file there (a left {@value #COPYING} is deleted by the next copy, or when
     * Regulars opens the folder).
     * The new file has no password ({@code security encrypt} gives it one).
     */
    public static StoreCopy.Copied toFile(AppContext source, Path directory, Clock clock, StoreCopy.Listener listener,
                                          BooleanSupplier cancelled) {
        source.database().session().requireOwner(); // everything leaves the store: the owner's alone (decision 0033)
        Path dir = directory.toAbsolutePath().normalize();
        Path file = dir.resolve(Database.FILE_NAME + ".mv.db");
        if (Files.exists(file)) {
            throw new UserException("store.copy.fileExists", dir.toString());
        }
        Path scratch = dir.resolve(COPYING);
        try {
            DataDirectory.create(dir);
        } catch (IOException e) {
            throw new UserException(e, "store.error.unwritable", dir.toString());
        }
        deleteScratch(dir);
        try {
            StoreCopy.Copied copied;
            try (AppContext made = AppContext.on(Database.open(scratch), clock, source.services().get(Locale.class), Password.NONE)) {
                copied = StoreCopy.copy(source.services().get(ShopArchive.class), made.database(), listener, cancelled);
                made.services().get(ShopArchive.class).afterImport();
            }
            if (Files.exists(file)) { // made meanwhile by another Regulars: kept as it is
                throw new UserException("store.copy.fileExists", dir.toString());
            }
            Files.move(scratch.resolve(Database.FILE_NAME + ".mv.db"), file, StandardCopyOption.ATOMIC_MOVE);
            return copied;
        } catch (IOException e) {
            throw new UserException(e, "exchange.error.write", file.toString());
        } finally {
            deleteScratch(dir);
        }
    }

    /** Deletes what a copy into a file left in {@code directory} (its store, whole or half made); nothing when there is none. */
    public static void deleteScratch(Path directory) {
        Path scratch = directory.resolve(COPYING);
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
