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
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Verified backups of a data folder (docs/decisions/0019-verified-backups.md). A backup is a
 * compacted copy of the data file ({@link BackupFile}) and, beside it, what it held: when it was
 * taken, why, and every table's rows and checksum ({@link Compaction.TableSum}), with whether the
 * copy was verified. Taking one: the store is held still while its file is copied and its row
 * counts read (a fraction of a second at 300 customers, about a second at 100,000), then the copy
 * is compacted into the backup, and the backup is verified against the copy: opened read-only,
 * every table's rows and checksum the same. A backup that fails is kept, marked failed, and said
 * so to the user.
 */
public final class Backups {
    private static final Logger LOG = LoggerFactory.getLogger(Backups.class);
    /** The default folder for backups, in the data folder. */
    public static final String FOLDER = "backups";
    /** A file in the data folder naming another folder for backups (a USB stick, a synced folder). */
    static final String LOCATION = "backup-folder.txt";
    private static final String MANIFEST = ".properties";
    private static final String PREFIX = Database.FILE_NAME + "-";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT);
    /** The data being restored, beside the data file until it replaces it. */
    static final String RESTORING = Database.FILE_NAME + "-restoring";

    /** Why a backup was taken; automatic ones rotate, the others stay until the user deletes them. */
    public enum Kind {
        DAILY("daily", true), CLOSE("close", true), MANUAL("manual", false), BEFORE_RESTORE("before-restore", false),
        BEFORE_UPGRADE("before-upgrade", false);

        private final String word;
        private final boolean automatic;

        Kind(String word, boolean automatic) {
            this.word = word;
            this.automatic = automatic;
        }

        public String word() {
            return word;
        }

        public boolean automatic() {
            return automatic;
        }

        static Optional<Kind> of(String word) {
            return Stream.of(values()).filter(k -> k.word.equals(word)).findFirst();
        }
    }

    /** Whether a backup was compared with its source (or, later, with what it says it holds) and matched. */
    public enum Status { VERIFIED, FAILED, UNCHECKED }

    /**
     * One backup: its file, when and why it was taken, its size, every table's rows and checksum
     * (each row hashed with {@code rowHash}: a backup is verified with the hash it was summed with),
     * and whether it was verified ({@code problem} says what did not match).
     */
    public record Backup(Path file, LocalDateTime taken, Kind kind, long bytes, Map<String, Compaction.TableSum> sums,
                         Compaction.RowHash rowHash, Status status, String problem, StoreKey.Params key) {
        public Backup {
            sums = Map.copyOf(sums);
        }

        /** The rows of table {@code name} (as in the schema: {@code CUSTOMER}); 0 if it has none. */
        public long rows(String name) {
            Compaction.TableSum sum = sums.get("\"PUBLIC\".\"" + name + "\"");
            return sum == null ? 0 : sum.rows();
        }

        public boolean verified() {
            return status == Status.VERIFIED;
        }

        /** Whether the backup is encrypted ({@link #key} then says how its key is derived from the password). */
        public boolean encrypted() {
            return key != null;
        }

        Backup with(Map<String, Compaction.TableSum> newSums, Status newStatus, String newProblem) {
            return new Backup(file, taken, kind, bytes, newSums, rowHash, newStatus, newProblem, key);
        }
    }

    /** How many automatic backups rotation keeps: the newest of each of so many days, ISO weeks and months. */
    public record Keep(int days, int weeks, int months) {
        public static final Keep DEFAULT = new Keep(7, 4, 12);
    }

    private Backups() {
    }

    /** Where the backups of {@code dataDirectory} go: the folder the user chose, else {@value #FOLDER} in it. */
    public static Path folder(Path dataDirectory) {
        Path location = dataDirectory.resolve(LOCATION);
        if (Files.isRegularFile(location)) {
            try {
                String chosen = Files.readString(location, StandardCharsets.UTF_8).strip();
                if (!chosen.isEmpty()) {
                    return Path.of(chosen).toAbsolutePath().normalize();
                }
            } catch (IOException | RuntimeException e) {
                LOG.warn("Could not read {}; backups go to the data folder", location, e);
            }
        }
        return dataDirectory.resolve(FOLDER);
    }

    /** Sets where backups go ({@code null}: back to {@value #FOLDER} in the data folder). */
    public static void chooseFolder(Path dataDirectory, Path folder) {
        Path location = dataDirectory.resolve(LOCATION);
        if (folder == null) {
            try {
                Files.deleteIfExists(location);
            } catch (IOException e) {
                throw new UserException(e, "store.error.unwritable", dataDirectory.toString());
            }
            return;
        }
        AtomicFile.write(location, out -> {
            out.write(folder.toAbsolutePath().normalize().toString().getBytes(StandardCharsets.UTF_8));
            return null;
        });
    }

    /**
     * Backs up {@code db} into {@code folder} and verifies the backup; a backup whose verification
     * failed is returned with {@link Status#FAILED} (a {@code UserException} only if none could be written).
     */
    public static Backup create(Database db, Path folder, Kind kind, LocalDateTime now) {
        String name = PREFIX + now.format(STAMP) + "-" + kind.word();
        Path target = folder.resolve(name + BackupFile.EXTENSION);
        for (int n = 2; Files.exists(target); n++) {
            target = folder.resolve(name + "-" + n + BackupFile.EXTENSION);
        }
        Path raw = folder.resolve("." + PREFIX + "copying" + BackupFile.EXTENSION);
        Path sealing = folder.resolve("." + PREFIX + "sealing" + BackupFile.EXTENSION);
        long start = System.nanoTime();
        try {
            Files.createDirectories(folder);
            StoreKey key = db.key();
            Map<String, Long> counted = db.copyTo(raw);
            Map<String, Compaction.TableSum> source = BackupFile.sums(raw, key, Compaction.ROW_HASH);
            BackupFile.seal(raw, sealing, key);
            Files.delete(raw);
            Map<String, Compaction.TableSum> copied = BackupFile.sums(sealing, key, Compaction.ROW_HASH);
            String problem = compare(counted, source, copied);
            Files.move(sealing, target, StandardCopyOption.ATOMIC_MOVE);
            Backup backup = new Backup(target, now, kind, Files.size(target), copied, Compaction.ROW_HASH,
                    problem == null ? Status.VERIFIED : Status.FAILED, problem, key == null ? null : key.params());
            writeManifest(backup);
            if (problem == null) {
                LOG.info("Backup {} written and verified in {} ms", target, (System.nanoTime() - start) / 1_000_000);
            } else {
                LOG.error("Backup {} failed its verification: {}", target, problem);
            }
            return backup;
        } catch (IOException | SQLException | UncheckedIOException e) {
            LOG.error("Backup into {} failed", folder, e);
            throw new UserException(e, "store.error.backup", target.toString());
        } finally {
            deleteQuietly(raw);
            deleteQuietly(sealing);
        }
    }

    /** What differs between the store's row counts, the copy's rows and checksums and the backup's; null if nothing. */
    private static String compare(Map<String, Long> counted, Map<String, Compaction.TableSum> source,
                                  Map<String, Compaction.TableSum> backup) {
        Map<String, Long> sourceRows = new TreeMap<>();
        source.forEach((t, s) -> sourceRows.put(t, s.rows()));
        if (!sourceRows.equals(counted)) {
            return "the copy's rows " + sourceRows + " differ from the store's " + counted;
        }
        for (String table : source.keySet()) {
            if (!source.get(table).equals(backup.get(table))) {
                return table + ": " + backup.get(table) + " in the backup, " + source.get(table) + " in the store";
            }
        }
        if (!backup.keySet().equals(source.keySet())) {
            return "the backup has the tables " + backup.keySet() + ", the store " + source.keySet();
        }
        return null;
    }

    /** {@link #verify(Path, Password)} of a backup that is not encrypted (an encrypted one asks for the password). */
    public static Backup verify(Path file) {
        return verify(file, Password.NONE);
    }

    /**
     * Verifies the backup {@code file} again: opened read-only (an encrypted one with the key
     * {@code password} gives with the parameters in its manifest: {@code store.error.wrongPassword}
     * if it gives another), every row read, every table's rows and checksum compared with what it
     * held when it was written. Never changes the file.
     */
    public static Backup verify(Path file, Password password) {
        if (!Files.isRegularFile(file) || !file.getFileName().toString().endsWith(BackupFile.EXTENSION)) {
            throw new UserException("backup.error.notABackup", file.toString());
        }
        Backup known = read(file);
        StoreKey key = known.key() == null ? null : password.key(known.key());
        Map<String, Compaction.TableSum> now;
        try {
            now = BackupFile.sums(file, key, known.rowHash());
        } catch (SQLException | RuntimeException e) {
            LOG.warn("Backup {} cannot be read", file, e);
            return known.with(known.sums(), Status.FAILED, String.valueOf(e.getMessage()));
        }
        String problem;
        if (known.sums().isEmpty()) {
            problem = null; // nothing recorded to compare with: readable is all it can show
        } else {
            problem = now.equals(known.sums()) ? null : "the backup now holds " + now + " instead of " + known.sums();
        }
        return known.with(now, problem == null ? Status.VERIFIED : Status.FAILED, problem);
    }

    /** Every backup in {@code folder}, newest first (none if the folder does not exist). */
    public static List<Backup> list(Path folder) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> {
                        String n = f.getFileName().toString();
                        return n.startsWith(PREFIX) && n.endsWith(BackupFile.EXTENSION);
                    })
                    .map(Backups::read)
                    .sorted(Comparator.comparing(Backup::taken).reversed().thenComparing(b -> b.file().getFileName().toString(),
                            Comparator.reverseOrder()))
                    .toList();
        } catch (IOException e) {
            throw new UserException(e, "backup.error.folder", folder.toString());
        }
    }

    /** The newest backup in {@code folder} that was verified. */
    public static Optional<Backup> newestVerified(Path folder) {
        try {
            return list(folder).stream().filter(Backup::verified).findFirst();
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * Deletes the automatic backups that rotation no longer keeps: of each of the {@code keep.days()}
     * newest days, {@code keep.weeks()} newest ISO weeks and {@code keep.months()} newest months with a
     * backup, the newest one is kept. Backups the user made (and those before a restore or an upgrade)
     * stay, and so does the newest verified backup. Returns the deleted files.
     */
    public static List<Path> rotate(Path folder, Keep keep) {
        List<Backup> automatic = list(folder).stream().filter(b -> b.kind().automatic()).toList();
        Set<Path> kept = new HashSet<>();
        keepNewest(automatic, keep.days(), b -> b.taken().toLocalDate().toString(), kept);
        keepNewest(automatic, keep.weeks(), b -> {
            LocalDate d = b.taken().toLocalDate();
            return d.get(IsoFields.WEEK_BASED_YEAR) + "-W" + d.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
        }, kept);
        keepNewest(automatic, keep.months(), b -> b.taken().getYear() + "-" + b.taken().getMonthValue(), kept);
        newestVerified(folder).ifPresent(b -> kept.add(b.file()));
        List<Path> deleted = new ArrayList<>();
        for (Backup b : automatic) {
            if (!kept.contains(b.file())) {
                deleteQuietly(b.file());
                deleteQuietly(manifest(b.file()));
                deleted.add(b.file());
            }
        }
        if (!deleted.isEmpty()) {
            LOG.info("Rotation deleted {} backups in {}", deleted.size(), folder);
        }
        return deleted;
    }

    /** Adds to {@code kept} the newest backup of each of the {@code count} newest periods ({@code newestFirst} is sorted). */
    private static void keepNewest(List<Backup> newestFirst, int count, java.util.function.Function<Backup, String> period,
                                   Set<Path> kept) {
        Set<String> seen = new LinkedHashSet<>();
        for (Backup b : newestFirst) {
            if (seen.size() >= count && !seen.contains(period.apply(b))) {
                break;
            }
            if (seen.add(period.apply(b))) {
                kept.add(b.file());
            }
        }
    }

    /**
     * Replaces the data of {@code dataDirectory} with the backup {@code file}: the folder is held
     * (refused while another Regulars has it open), the backup is copied beside the data file and
     * verified there (every row read, each table's rows and checksum as when it was written), then
     * it replaces the data file in one rename. The caller has backed up the
     * current data first; if it could not ({@code keepOld}), the old data file is kept in the backups
     * folder under a name of its own. Returns the restored backup as verified.
     *
     * <p>The data keeps its protection, not the backup's: an encrypted backup restored into an
     * encrypted store is put under the store's key (the same one, unless the password changed since),
     * into a store without a password it is decrypted; into a folder with no data file it brings its
     * key parameters with it. {@code password} opens both (docs/decisions/0022-encryption.md).
     */
    public static Backup restore(Path dataDirectory, Path file, boolean keepOld, LocalDateTime now, Password password) {
        if (!Files.isRegularFile(file) || !file.getFileName().toString().endsWith(BackupFile.EXTENSION)) {
            throw new UserException("backup.error.notABackup", file.toString());
        }
        Backup backup = read(file); // what it held when written: its copy beside the data file must hold the same
        FolderLock lock;
        try {
            lock = FolderLock.acquire(dataDirectory, Duration.ZERO);
        } catch (UserException e) {
            if (e.key().equals("store.error.locked")) {
                throw new UserException(e, "backup.error.restoreLocked", dataDirectory.toString());
            }
            throw e;
        }
        Path store = dataDirectory.resolve(Database.FILE_NAME + BackupFile.EXTENSION);
        Path restoring = dataDirectory.resolve(RESTORING + BackupFile.EXTENSION);
        try (lock) {
            Compaction.recover(dataDirectory);
            Encryption.recover(dataDirectory);
            StoreKey backupKey = backup.key() == null ? null : password.key(backup.key());
            java.util.Optional<StoreKey.Params> storeParams = StoreKey.read(dataDirectory);
            boolean adoptKey = storeParams.isEmpty() && !Files.exists(store) && backupKey != null;
            StoreKey storeKey = adoptKey ? backupKey : storeParams.map(password::key).orElse(null);
            BackupFile.unseal(file, backupKey, restoring, storeKey);
            Map<String, Compaction.TableSum> copied;
            try {
                copied = BackupFile.sums(restoring, storeKey, backup.rowHash()); // every row read back, in the copy that becomes the data
            } catch (SQLException | RuntimeException e) {
                throw new UserException(e, "backup.error.failedVerification", file.toString(), String.valueOf(e.getMessage()));
            }
            if (backup.status() == Status.FAILED || !backup.sums().isEmpty() && !copied.equals(backup.sums())) {
                throw new UserException("backup.error.failedVerification", file.toString(),
                        backup.status() == Status.FAILED ? backup.problem() : "the copy holds " + copied + " instead of " + backup.sums());
            }
            backup = backup.with(copied, Status.VERIFIED, null);
            if (keepOld && Files.exists(store)) {
                Path aside = folder(dataDirectory).resolve("replaced-" + now.format(STAMP) + BackupFile.EXTENSION);
                Files.createDirectories(aside.getParent());
                Files.copy(store, aside, StandardCopyOption.REPLACE_EXISTING);
                if (storeParams.isPresent()) { // its key's parameters beside it: the password opens it
                    StoreKey.write(storeParams.get(), aside.resolveSibling("replaced-" + now.format(STAMP) + ".key"));
                }
                LOG.warn("The data file replaced by the restore was kept as {}", aside);
            }
            if (adoptKey) {
                StoreKey.write(backupKey.params(), dataDirectory.resolve(StoreKey.FILE)); // no data file yet: nothing else to open with it
            }
            Files.move(restoring, store, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            Files.deleteIfExists(dataDirectory.resolve(Database.FILE_NAME + ".trace.db"));
            LOG.info("Restored {} from {}", dataDirectory, file);
            return backup;
        } catch (IOException e) {
            throw new UserException(e, "backup.error.restore", file.toString(), String.valueOf(e.getMessage()));
        } finally {
            deleteQuietly(restoring);
        }
    }

    /** What {@link #rekey} did: the backups now under the new key, and those it left as they were (another password's, unreadable). */
    public record Rekeyed(List<Path> done, List<Path> left) {
    }

    /**
     * Puts every backup in {@code folder} that opens with {@code from} (null: not encrypted) under
     * {@code to} (null: decrypted), so that one password opens the data and all of its backups. Each
     * is copied page by page under the new key beside itself, read back whole (rows and checksums as
     * when it was written), and takes the old one's place under a name of its own: its manifest
     * first, then the file, then the old file and manifest go. A crash leaves the old backup, or
     * both. Backups made under another password stay as they are, and are listed as left.
     */
    static Rekeyed rekey(Path folder, StoreKey from, StoreKey to, java.util.function.Consumer<Path> progress) {
        List<Path> done = new ArrayList<>();
        List<Path> left = new ArrayList<>();
        Path temp = folder.resolve("." + PREFIX + "rekeying" + BackupFile.EXTENSION);
        for (Backup b : list(folder)) {
            boolean opens = from == null ? b.key() == null : b.key() != null && b.key().sameAs(from.params());
            if (!opens) {
                left.add(b.file());
                continue;
            }
            progress.accept(b.file());
            try {
                BackupFile.unseal(b.file(), from, temp, to);
                Map<String, Compaction.TableSum> sums = BackupFile.sums(temp, to, b.rowHash()); // as its manifest was summed
                if (!b.sums().isEmpty() && !sums.equals(b.sums())) {
                    LOG.error("Backup {} under the new key holds {} instead of {}: left as it was", b.file(), sums, b.sums());
                    left.add(b.file());
                    continue;
                }
                Compaction.sync(temp);
                String name = PREFIX + b.taken().format(STAMP) + "-" + b.kind().word();
                Path target = folder.resolve(name + BackupFile.EXTENSION);
                for (int n = 2; Files.exists(target); n++) {
                    target = folder.resolve(name + "-" + n + BackupFile.EXTENSION);
                }
                writeManifest(new Backup(target, b.taken(), b.kind(), Files.size(temp), sums.isEmpty() ? b.sums() : sums, b.rowHash(), b.status(),
                        b.problem(), to == null ? null : to.params()));
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
                Compaction.syncDirectory(folder);
                Files.delete(b.file());
                Files.deleteIfExists(manifest(b.file()));
                done.add(target);
            } catch (IOException | SQLException | RuntimeException e) {
                LOG.error("Backup {} could not be put under the new key: left as it was", b.file(), e);
                left.add(b.file());
            } finally {
                deleteQuietly(temp);
            }
        }
        if (Files.isDirectory(folder)) { // a damaged data file kept aside by a restore: not a backup, left as it is, and named
            try (Stream<Path> files = Files.list(folder)) {
                files.filter(f -> f.getFileName().toString().startsWith("replaced-") && f.getFileName().toString().endsWith(BackupFile.EXTENSION))
                        .sorted().forEach(left::add);
            } catch (IOException e) {
                LOG.warn("Could not list {}", folder, e);
            }
        }
        Compaction.syncDirectory(folder);
        return new Rekeyed(done, left);
    }

    private static Path manifest(Path file) {
        String n = file.getFileName().toString();
        return file.resolveSibling(n.substring(0, n.length() - BackupFile.EXTENSION.length()) + MANIFEST);
    }

    private static void writeManifest(Backup b) {
        Properties p = new Properties();
        p.setProperty("taken", b.taken().toString());
        p.setProperty("kind", b.kind().word());
        p.setProperty("status", b.status().name());
        if (b.problem() != null) {
            p.setProperty("problem", b.problem());
        }
        if (b.key() != null) {
            b.key().store(p, KEY);
        }
        b.sums().forEach((table, sum) -> p.setProperty(sumKey(b.rowHash()) + table, sum.rows() + " " + sum.hashSum()));
        AtomicFile.write(manifest(b.file()), out -> {
            p.store(out, "Regulars backup " + b.file().getFileName());
            return null;
        });
    }

    /** What the manifest beside {@code file} says; a backup without one is unchecked, taken when the file was last changed. */
    static Backup read(Path file) {
        long bytes;
        LocalDateTime modified;
        try {
            bytes = Files.size(file);
            modified = LocalDateTime.ofInstant(Files.getLastModifiedTime(file).toInstant(), java.time.ZoneId.systemDefault());
        } catch (IOException e) {
            throw new UserException(e, "backup.error.notABackup", file.toString());
        }
        Path manifest = manifest(file);
        Properties p = new Properties();
        if (Files.isRegularFile(manifest)) {
            try (InputStream in = Files.newInputStream(manifest)) {
                p.load(in);
            } catch (IOException e) {
                LOG.warn("Could not read {}", manifest, e);
            }
        }
        Compaction.RowHash rowHash = Compaction.ROW_HASH;
        Map<String, Compaction.TableSum> sums = new TreeMap<>();
        for (Compaction.RowHash hash : List.of(Compaction.ROW_HASH, Compaction.RowHash.ORA_HASH)) { // the newest a manifest holds
            for (String key : p.stringPropertyNames()) {
                if (key.startsWith(sumKey(hash))) {
                    String[] v = p.getProperty(key).split(" ");
                    try {
                        sums.put(key.substring(sumKey(hash).length()), new Compaction.TableSum(Long.parseLong(v[0]), Long.parseLong(v[1])));
                    } catch (RuntimeException e) {
                        LOG.warn("{}: a bad line {}", manifest, key);
                    }
                }
            }
            if (!sums.isEmpty()) {
                rowHash = hash;
                break;
            }
        }
        LocalDateTime taken;
        try {
            taken = LocalDateTime.parse(p.getProperty("taken"));
        } catch (RuntimeException e) {
            taken = modified;
        }
        Kind kind = Kind.of(p.getProperty("kind", "")).orElse(Kind.MANUAL);
        Status status;
        try {
            status = Status.valueOf(p.getProperty("status", Status.UNCHECKED.name()));
        } catch (IllegalArgumentException e) {
            status = Status.UNCHECKED;
        }
        StoreKey.Params key;
        try {
            key = StoreKey.Params.load(p, KEY, manifest.toString()).orElse(null);
        } catch (UserException e) {
            LOG.warn("{}: unreadable key parameters", manifest);
            key = null;
            status = Status.FAILED;
        }
        return new Backup(file, taken, kind, bytes, sums, rowHash, status, p.getProperty("problem"), key);
    }

    /** The prefix of a backup's key parameters in its manifest. */
    private static final String KEY = "key.";
    /**
     * The start of a manifest's line that holds a table's rows and sum made with {@code hash}:
     * {@code table.} for the {@code ORA_HASH} sums of the backups before decision 0049, so that they
     * are still verified with it; {@code crc32c.} since, a key those versions do not read (they find
     * no sums, and verify such a backup by reading it whole rather than call it damaged).
     */
    private static String sumKey(Compaction.RowHash hash) {
        return switch (hash) {
            case ORA_HASH -> "table.";
            case CRC32C -> "crc32c.";
        };
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("Could not delete {}", file, e);
        }
    }
}
