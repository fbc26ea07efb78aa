package app.regulars.store;

import app.regulars.i18n.UserException;
import app.regulars.tables.AtomicFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Protects a data folder with a password, changes the password, removes it
 * (docs/decisions/0022-encryption.md). Each works on the closed store, with the folder held, the
 * way a compaction does (decision 0013): H2's live pages are copied into a new file under the new
 * key ({@link Compaction#copyLivePages}), the copy is read back whole (every table's rows and
 * checksum as in the old file, every map as many entries), and only then do the new file and its
 * key's parameters take the old ones' place. A journal ({@value #JOURNAL}) is written before the
 * first rename and deleted once H2 has opened the new file under its final name and every row
 * read back: {@link #recover}, run before every open, puts the old file and key parameters back
 * while the journal is there, so a crash leaves the old protection or the new, never a mix. The
 * backups then follow the store's key ({@link Backups#rekey}), so one password opens everything.
 */
public final class Encryption {
    private static final Logger LOG = LoggerFactory.getLogger(Encryption.class);
    /** Present from just before the swap until the new file is confirmed: its presence means "undo". */
    static final String JOURNAL = Database.FILE_NAME + ".rekeying";
    /** The data under the new key (and its key parameters), before the swap. */
    static final String NEW = Database.FILE_NAME + "-rekeyed";
    /** The old file (and key parameters), aside from the swap until the new file is confirmed. */
    static final String OLD = Database.FILE_NAME + "-before-rekeying";
    private static final String MV = ".mv.db";
    private static final String KEY = ".key";

    /** What a change of protection did: whether the data is now encrypted, the backups put under the new key and those left, the time. */
    public record Result(boolean encrypted, Backups.Rekeyed backups, Duration took) {
    }

    private Encryption() {
    }

    /** Whether the data folder is protected by a password (its key parameters are beside the data file). */
    public static boolean encrypted(Path dataDirectory) {
        return Files.exists(dataDirectory.resolve(StoreKey.FILE));
    }

    /** Protects the data of the closed folder {@code dataDirectory}, and its backups, with {@code password}. */
    public static Result encrypt(Path dataDirectory, Password password, Consumer<Path> progress) {
        requireNew(password);
        return change(dataDirectory, null, password, progress);
    }

    /** Changes the password of the closed folder from {@code current} to {@code password}; the data and backups get a new key. */
    public static Result changePassword(Path dataDirectory, Password current, Password password, Consumer<Path> progress) {
        requireNew(password);
        return change(dataDirectory, current, password, progress);
    }

    /** Removes the password of the closed folder ({@code current} opens it): the data and backups are decrypted. */
    public static Result decrypt(Path dataDirectory, Password current, Consumer<Path> progress) {
        return change(dataDirectory, current, null, progress);
    }

    private static void requireNew(Password password) {
        if (password == null || password.empty()) {
            throw new UserException("security.error.emptyPassword");
        }
    }

    /** From the protection {@code current} opens (null: none expected) to {@code next} (null: none). */
    private static Result change(Path dir, Password current, Password next, Consumer<Path> progress) {
        long start = System.nanoTime();
        FolderLock lock;
        try {
            lock = FolderLock.acquire(dir, Duration.ZERO);
        } catch (UserException e) {
            if (e.key().equals("store.error.locked")) {
                throw new UserException(e, "security.error.locked", dir.toString());
            }
            throw e;
        }
        Path store = dir.resolve(Database.FILE_NAME + MV);
        try (lock) {
            Compaction.recover(dir);
            recover(dir);
            java.util.Optional<StoreKey.Params> params = StoreKey.read(dir);
            if (current == null && params.isPresent()) {
                throw new UserException("security.error.already", dir.toString());
            }
            if (current != null && params.isEmpty()) {
                throw new UserException("security.error.notEncrypted", dir.toString());
            }
            StoreKey from = params.isPresent() ? current.key(params.get()) : null; // a wrong password stops here
            StoreKey to = next == null ? null : next.newKey();
            if (Files.exists(store)) {
                swap(dir, from, to);
            } else if (to != null) {
                StoreKey.write(to.params(), dir.resolve(StoreKey.FILE)); // no data yet: H2 makes it under this key
            } else {
                Files.deleteIfExists(dir.resolve(StoreKey.FILE));
            }
            if (to != null) {
                // H2's trace file is never encrypted; the old one may name customers in failed statements
                Files.deleteIfExists(dir.resolve(Database.FILE_NAME + ".trace.db"));
            }
            Backups.Rekeyed backups = Backups.rekey(Backups.folder(dir), from, to, progress);
            DataDirectory.restrictFiles(dir);
            LOG.info("Protection of {} changed: encrypted {}, {} backups under the new key, {} left", dir, to != null,
                    backups.done().size(), backups.left().size());
            return new Result(to != null, backups, Duration.ofNanos(System.nanoTime() - start));
        } catch (IOException | UncheckedIOException e) {
            throw new UserException(e, "security.error.failed", dir.toString(), String.valueOf(e.getMessage()));
        }
    }

    /** The data file under {@code to} beside the old one, checked, swapped in, checked again; undone on any failure. */
    private static void swap(Path dir, StoreKey from, StoreKey to) throws IOException {
        Path store = dir.resolve(Database.FILE_NAME + MV);
        Path keyFile = dir.resolve(StoreKey.FILE);
        Path copy = dir.resolve(NEW + MV);
        Path copyKey = dir.resolve(NEW + KEY);
        Map<String, Compaction.TableSum> before;
        try {
            before = BackupFile.sums(store, from, Compaction.ROW_HASH); // every row of the old file read: a damaged one is not copied
        } catch (SQLException | RuntimeException e) {
            LOG.error("The data file of {} does not read back whole; its protection was not changed", dir, e);
            throw new UserException(e, "store.error.damaged", store.toString(), Database.backupHint(dir));
        }
        try {
            Compaction.copyLivePages(store, from, copy, to);
            Compaction.sameEntries(store, from, copy, to);
            Map<String, Compaction.TableSum> after = BackupFile.sums(copy, to, Compaction.ROW_HASH);
            if (!after.equals(before)) {
                throw new IOException("the copy holds " + after + " instead of " + before);
            }
            Compaction.sync(copy);
            if (to != null) {
                StoreKey.write(to.params(), copyKey);
            }
            Properties journal = new Properties();
            journal.setProperty("oldKey", Boolean.toString(from != null));
            AtomicFile.write(dir.resolve(JOURNAL), out -> {
                journal.store(out, "Regulars: a change of password under way; the next start undoes it unless this file is gone");
                return null;
            });
            Compaction.sync(dir.resolve(JOURNAL));
            Compaction.syncDirectory(dir);
            Files.move(store, dir.resolve(OLD + MV), StandardCopyOption.ATOMIC_MOVE);
            if (from != null) {
                Files.move(keyFile, dir.resolve(OLD + KEY), StandardCopyOption.ATOMIC_MOVE);
            }
            if (to != null) {
                Files.move(copyKey, keyFile, StandardCopyOption.ATOMIC_MOVE);
            }
            Files.move(copy, store, StandardCopyOption.ATOMIC_MOVE);
            Compaction.syncDirectory(dir);
            Map<String, Long> rows = new TreeMap<>();
            before.forEach((t, s) -> rows.put(t, s.rows()));
            Compaction.verify(dir, rows, to); // H2 opens it under its own name, with the new key; every row reads back
            Files.delete(dir.resolve(JOURNAL)); // the new protection is the store's from here on
            Compaction.syncDirectory(dir);
            Files.deleteIfExists(dir.resolve(OLD + MV));
            Files.deleteIfExists(dir.resolve(OLD + KEY));
            Compaction.syncDirectory(dir);
        } catch (IOException | SQLException | RuntimeException e) {
            LOG.error("Changing the protection of {} failed; the old file is kept", dir, e);
            try {
                recover(dir);
            } catch (IOException again) {
                LOG.error("Putting the old file of {} back failed; the next start tries again", dir, again);
            }
            if (e instanceof UserException u) {
                throw u;
            }
            throw new UserException(e, "security.error.failed", dir.toString(), String.valueOf(e.getMessage()));
        }
    }

    /**
     * Undoes a change of protection that did not finish: while the journal is there, the old data
     * file and key parameters go back in place; then whatever a finished or undone change left is
     * deleted. Run with the folder held, before H2 opens the file.
     */
    static void recover(Path dir) throws IOException {
        Path journal = dir.resolve(JOURNAL);
        Path store = dir.resolve(Database.FILE_NAME + MV);
        Path keyFile = dir.resolve(StoreKey.FILE);
        boolean changed = false;
        if (Files.exists(journal)) {
            Properties p = new Properties();
            try (InputStream in = Files.newInputStream(journal)) {
                p.load(new java.io.InputStreamReader(in, StandardCharsets.ISO_8859_1));
            }
            boolean oldKey = Boolean.parseBoolean(p.getProperty("oldKey", "false"));
            Path old = dir.resolve(OLD + MV);
            if (Files.exists(old)) { // the swap began: the old file (and key parameters) are the store's
                LOG.warn("An interrupted change of password left the old data file aside in {}; putting it back", dir);
                Files.deleteIfExists(store);
                Files.move(old, store, StandardCopyOption.ATOMIC_MOVE);
                Path oldKeyFile = dir.resolve(OLD + KEY);
                if (oldKey && Files.exists(oldKeyFile)) {
                    Files.deleteIfExists(keyFile);
                    Files.move(oldKeyFile, keyFile, StandardCopyOption.ATOMIC_MOVE);
                } else if (!oldKey) {
                    Files.deleteIfExists(keyFile); // the new one, moved in: the old data has none
                }
            }
            Files.delete(journal);
            changed = true;
        }
        for (String name : new String[]{NEW + MV, NEW + KEY, OLD + MV, OLD + KEY, NEW + ".trace.db", OLD + ".trace.db"}) {
            changed |= Files.deleteIfExists(dir.resolve(name));
        }
        if (changed) {
            Compaction.syncDirectory(dir);
        }
    }
}
