package app.regulars.store;

import app.regulars.i18n.UserException;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.h2.api.ErrorCode;
import org.h2.jdbcx.JdbcConnectionPool;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.TransactionalCallable;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The one H2 file of a data folder: opened once per process, migrated by Flyway, used
 * through jOOQ. Durability: {@link #write} runs {@code CHECKPOINT} after each transaction,
 * which hands the commit to the operating system before it returns (a killed process loses
 * nothing it confirmed), and {@code CHECKPOINT SYNC} runs shortly after writes go idle and on
 * close (a power loss then loses at most that last second). {@code WRITE_DELAY=0} would do the
 * first too, but it also stops H2's background writer, which is what compacts the file: a
 * 100,000-customer load then left 4 GB. See docs/decisions/0002-durable-saves.md.
 *
 * <p>The folder is held ({@link FolderLock}) from the open to the end of the close; the close
 * compacts a file grown past 1.5 times its live size into a new file, checked before it
 * replaces the old one ({@link Compaction}, docs/decisions/0013-keeping-the-file-small.md),
 * and the open first undoes a compaction a crash interrupted.
 *
 * <p>H2's own commands here ({@code CHECKPOINT}, {@code SET RETENTION_TIME}, {@code SCRIPT TO},
 * {@code SHUTDOWN}, the settings table) are raw SQL: jOOQ has no words for them.
 */
public final class Database implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Database.class);
    public static final String FILE_NAME = "regulars";
    static final String USER = "regulars";
    /** How long an opening waits for another process that is compacting the file at its close. */
    private static final java.time.Duration COMPACTION_WAIT = java.time.Duration.ofMinutes(10);
    /** Space left on the disk after the copy of the live data, or the file is not compacted. */
    private static final long MIN_FREE_AFTER_COPY = 256L << 20;
    private static final long SYNC_DELAY_MS = 1000;
    private static final int DEFAULT_RETENTION_MS = 45_000;
    private static final int BULK_RETENTION_MS = 5_000;
    private static final int BULK_SYNC_MS = 1_000;

    private final Path directory;
    private final FolderLock lock;
    private final JdbcConnectionPool pool;
    private final DSLContext dsl;
    private final ScheduledExecutorService syncer;
    private ScheduledFuture<?> pendingSync;
    private volatile boolean closed;
    private volatile boolean compactOnClose = true;
    private volatile java.util.function.Consumer<Compaction.Progress> compactionListener = p -> { };
    private final java.util.concurrent.atomic.AtomicLong writes = new java.util.concurrent.atomic.AtomicLong();

    private Database(Path directory, FolderLock lock, JdbcConnectionPool pool) {
        this.directory = directory;
        this.lock = lock;
        this.pool = pool;
        this.dsl = DSL.using(pool, SQLDialect.H2);
        this.syncer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "regulars-db-sync");
            t.setDaemon(true);
            return t;
        });
    }

    /** Opens (creating if needed) the database in {@code directory}, migrating it to this app's schema. */
    public static Database open(Path directory) {
        try {
            DataDirectory.create(directory); // readable only by its user, where the system allows (700)
        } catch (AccessDeniedException e) {
            throw new UserException(e, "store.error.unwritable", directory.toString());
        } catch (IOException e) {
            throw new UserException(e, "store.error.unwritable", directory.toString());
        }
        if (!Files.isWritable(directory)) {
            throw new UserException("store.error.unwritable", directory.toString());
        }
        FolderLock lock = FolderLock.acquire(directory, COMPACTION_WAIT);
        try {
            Compaction.recover(directory); // an interrupted compaction is undone before H2 sees the file
            Files.deleteIfExists(directory.resolve(FolderLock.COMPACTING));
        } catch (IOException e) {
            lock.close();
            throw new UserException(e, "store.error.open", directory.toString(), e.getMessage());
        }
        String url = "jdbc:h2:file:" + directory.resolve(FILE_NAME).toAbsolutePath()
                + ";FILE_LOCK=FS;AUTO_SERVER=FALSE";
        JdbcConnectionPool pool = JdbcConnectionPool.create(url, USER, "");
        pool.setMaxConnections(8);
        try (Connection probe = pool.getConnection()) {
            probe.isValid(1);
        } catch (SQLException e) {
            pool.dispose();
            lock.close();
            throw translate(e, directory);
        }
        Database db = new Database(directory, lock, pool);
        try {
            DataDirectory.restrictFiles(directory); // the files H2 made with the umask: 600
        } catch (IOException e) {
            LOG.warn("Could not restrict the permissions of the files in {}", directory, e);
        }
        try {
            db.restoreDefaults();
            db.migrate();
        } catch (RuntimeException e) {
            db.compactOnClose(false); // a store that did not open is left as it is
            db.close();
            throw e;
        }
        return db;
    }

    static UserException translate(SQLException e, Path directory) {
        int code = e.getErrorCode();
        if (code == ErrorCode.DATABASE_ALREADY_OPEN_1) {
            return new UserException(e, "store.error.locked", directory.toString());
        }
        if (code == ErrorCode.FILE_CORRUPTED_1 || code == ErrorCode.FILE_VERSION_ERROR_1 || code == ErrorCode.FILE_ENCRYPTION_ERROR_1) {
            return new UserException(e, "store.error.unreadable", directory.resolve(FILE_NAME + ".mv.db").toString());
        }
        if (code == ErrorCode.WRONG_USER_OR_PASSWORD) {
            return new UserException(e, "store.error.password", directory.toString());
        }
        LOG.error("Could not open the database in {}", directory, e);
        return new UserException(e, "store.error.open", directory.toString(), e.getMessage());
    }

    private void migrate() {
        if (schemaCurrent()) {
            return; // nothing to migrate: Flyway's 900 classes (Jackson's among them) stay unloaded
        }
        Flyway flyway = Flyway.configure()
                .dataSource(pool)
                .locations("classpath:db/migration")
                .validateMigrationNaming(true)
                .load();
        MigrationInfo[] all = flyway.info().all();
        if (Arrays.stream(all).anyMatch(m -> m.getState() == MigrationState.FUTURE_SUCCESS || m.getState() == MigrationState.FUTURE_FAILED)) {
            throw new UserException("store.error.newer", directory.toString());
        }
        boolean hasData = Arrays.stream(all).anyMatch(m -> m.getState().isApplied());
        boolean pending = flyway.info().pending().length > 0;
        if (hasData && pending) {
            Path backup = directory.resolve("backups").resolve("before-upgrade-"
                    + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + ".zip");
            scriptBackup(backup);
        }
        flyway.migrate();
    }

    /** Where the migrations are, on the class path. */
    private static final String MIGRATIONS = "db/migration";
    private static final java.util.regex.Pattern MIGRATION = java.util.regex.Pattern.compile("V(\\d+)__.+\\.sql");

    /**
     * Whether the store is at the newest migration this build carries, every one applied with
     * success: the usual start, which then needs no Flyway. Anything else (a new store, a
     * pending, failed or newer migration, migrations not found in a directory or a jar) goes
     * to Flyway, which migrates, or refuses a store from a newer Regulars.
     */
    private boolean schemaCurrent() {
        java.math.BigInteger newest = newestMigration(Database.class.getClassLoader());
        if (newest == null) {
            return false;
        }
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            try (java.sql.ResultSet history = s.executeQuery("SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES"
                    + " WHERE TABLE_SCHEMA = 'PUBLIC' AND TABLE_NAME = 'flyway_schema_history'")) {
                if (!history.next() || history.getInt(1) == 0) {
                    return false; // a new store (asked first: a failed query would go to H2's trace file)
                }
            }
            java.sql.ResultSet rows = s.executeQuery("SELECT \"version\", \"success\" FROM \"flyway_schema_history\""
                    + " WHERE \"version\" IS NOT NULL");
            java.math.BigInteger applied = null;
            while (rows.next()) {
                if (!rows.getBoolean(2)) {
                    return false;
                }
                java.math.BigInteger v = new java.math.BigInteger(rows.getString(1));
                applied = applied == null || v.compareTo(applied) > 0 ? v : applied;
            }
            return newest.equals(applied);
        } catch (SQLException | NumberFormatException e) {
            return false; // versions Flyway must read
        }
    }

    /** The highest version among the migrations on the class path; null where they cannot be listed. */
    static java.math.BigInteger newestMigration(ClassLoader loader) {
        java.net.URL dir = loader.getResource(MIGRATIONS);
        if (dir == null) {
            return null;
        }
        List<String> names = new java.util.ArrayList<>();
        try {
            if (dir.getProtocol().equals("file")) {
                try (var files = Files.list(Path.of(dir.toURI()))) {
                    files.forEach(f -> names.add(f.getFileName().toString()));
                }
            } else if (dir.getProtocol().equals("jar")) {
                var jar = ((java.net.JarURLConnection) dir.openConnection()).getJarFile();
                jar.stream().map(java.util.zip.ZipEntry::getName).filter(n -> n.startsWith(MIGRATIONS + "/"))
                        .forEach(n -> names.add(n.substring(MIGRATIONS.length() + 1)));
            } else {
                return null;
            }
        } catch (IOException | java.net.URISyntaxException | RuntimeException e) {
            LOG.debug("Listing the migrations", e);
            return null;
        }
        return names.stream().map(MIGRATION::matcher).filter(java.util.regex.Matcher::matches)
                .map(m -> new java.math.BigInteger(m.group(1))).max(java.math.BigInteger::compareTo).orElse(null);
    }

    /** A logical backup ({@code SCRIPT ... COMPRESSION ZIP}); H2 verifies page checksums while writing it. */
    public void scriptBackup(Path target) {
        try {
            Files.createDirectories(target.getParent());
            try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
                s.execute("SCRIPT TO '" + target.toAbsolutePath().toString().replace("'", "''") + "' COMPRESSION ZIP");
            }
            LOG.info("Backup written to {}", target);
        } catch (IOException | SQLException e) {
            throw new UserException(e, "store.error.backup", target.toString());
        }
    }

    /** How many write transactions have run (committed or not): caches compare it to know they are stale. */
    public long writeCount() {
        return writes.get();
    }

    public Path directory() {
        return directory;
    }

    /** For reads, and for writes whose durability the caller settles itself. */
    public DSLContext dsl() {
        return dsl;
    }

    /**
     * Runs {@code work} as one transaction. When it returns, the commit has reached the
     * operating system (it survives the process being killed); an fsync follows within a second.
     */
    public <T> T write(TransactionalCallable<T> work) {
        T result;
        try {
            result = dsl.transactionResult(work);
        } finally {
            writes.incrementAndGet();
        }
        execute("CHECKPOINT");
        scheduleSync();
        return result;
    }

    private synchronized void scheduleSync() {
        if (closed) {
            return;
        }
        if (pendingSync != null) {
            pendingSync.cancel(false);
        }
        pendingSync = syncer.schedule(this::syncNow, SYNC_DELAY_MS, TimeUnit.MILLISECONDS);
    }

    /**
     * Runs a bulk load of many short transactions (slices) into an empty store. H2 keeps
     * overwritten chunks for 45 s ({@code RETENTION_TIME}), so that after a power cut an
     * older consistent state is still on the disk, counting on the operating system to have
     * written its buffers by then; a load rewrites the same index pages in chunk after chunk,
     * and keeping 45 s of them grew a 100,000-customer load to 3.3 GB. Inside this call H2
     * keeps them for {@value #BULK_RETENTION_MS} ms instead, and {@code CHECKPOINT SYNC}
     * forces everything to the disk every {@value #BULK_SYNC_MS} ms, so a chunk is only
     * overwritten once what replaced it has been synced five times over. Afterwards the
     * default comes back and everything is synced; {@link #open} restores the default too,
     * as H2 keeps the setting in the file and a killed load would otherwise leave it there.
     * Not {@code RETENTION_TIME 0}: it let H2 overwrite a chunk a running statement still
     * read ("Chunk ... not found") and left no margin for a power cut. Statements inside
     * should be short (well under {@value #BULK_RETENTION_MS} ms).
     * See docs/decisions/0007-bulk-load-retention.md.
     */
    public <T> T bulkLoad(java.util.function.Supplier<T> load) {
        execute("SET RETENTION_TIME " + BULK_RETENTION_MS);
        ScheduledFuture<?> syncing;
        synchronized (this) {
            syncing = syncer.scheduleWithFixedDelay(this::syncNow, BULK_SYNC_MS, BULK_SYNC_MS, TimeUnit.MILLISECONDS);
        }
        try {
            return load.get();
        } finally {
            writes.incrementAndGet(); // whatever the slices wrote, readers that cache must read again
            syncing.cancel(false);
            execute("SET RETENTION_TIME " + DEFAULT_RETENTION_MS);
            syncNow();
        }
    }

    /** H2's defaults for the settings {@link #bulkLoad} changes, in case a killed load left them in the file. */
    private void restoreDefaults() {
        Object retention = dsl.fetchValue("SELECT MAX(SETTING_VALUE) FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'RETENTION_TIME'");
        if (retention != null && !String.valueOf(DEFAULT_RETENTION_MS).equals(retention.toString())) {
            LOG.warn("RETENTION_TIME was {} (an interrupted bulk load); back to {}", retention, DEFAULT_RETENTION_MS);
            execute("SET RETENTION_TIME " + DEFAULT_RETENTION_MS);
        }
    }

    private void execute(String sql) {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new UserException(e, "store.error.open", directory.toString(), e.getMessage());
        }
    }

    /** Forces everything committed so far onto the disk ({@code CHECKPOINT SYNC}). */
    public void syncNow() {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            s.execute("CHECKPOINT SYNC");
        } catch (SQLException e) {
            if (!closed) {
                LOG.warn("CHECKPOINT SYNC failed", e);
            }
        }
    }

    /**
     * Whether {@link #close} compacts the file when it has grown past {@value Compaction#MAX_RATIO}
     * times its live size (the default; benchmarks turn it off to keep the grown file).
     */
    public void compactOnClose(boolean compact) {
        this.compactOnClose = compact;
    }

    /** Told each step of a compaction at close (the command line prints a line; tests follow the steps). */
    public void onCompaction(java.util.function.Consumer<Compaction.Progress> listener) {
        this.compactionListener = listener;
    }

    /** The file's size and its live part now (see {@link Compaction#measure}). */
    public Compaction.Size size() {
        try (Connection c = pool.getConnection()) {
            return Compaction.measure(c);
        } catch (SQLException e) {
            throw new UserException(e, "store.error.open", directory.toString(), e.getMessage());
        }
    }

    /**
     * Syncs and closes the store. If the file has grown past {@value Compaction#MAX_RATIO}
     * times its live size, it is then compacted into a new file that replaces it once checked
     * (docs/decisions/0013-keeping-the-file-small.md): seconds for a large store, so the window
     * is gone by then and the command line says so. The folder stays held until the end.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        if (pendingSync != null) {
            pendingSync.cancel(false);
        }
        syncNow();
        closed = true;
        syncer.shutdownNow();
        Compaction.Plan plan = compactOnClose ? plan() : null;
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            s.execute("SHUTDOWN");
        } catch (SQLException e) {
            LOG.debug("SHUTDOWN", e);
            plan = null;
        }
        pool.dispose();
        try {
            if (plan != null) {
                Compaction.compact(directory, plan, compactionListener);
            }
        } finally {
            try {
                Files.deleteIfExists(directory.resolve(FolderLock.COMPACTING));
            } catch (IOException e) {
                LOG.debug("compaction marker", e);
            }
            try {
                DataDirectory.restrictFiles(directory); // the compacted file, H2's trace file: 600 too
            } catch (IOException e) {
                LOG.debug("permissions", e);
            }
            lock.close();
        }
    }

    /** When the file is worth compacting: its size and every table's row count, just before it closes. */
    private Compaction.Plan plan() {
        try (Connection c = pool.getConnection()) {
            Compaction.Size size = Compaction.measure(c);
            if (!size.worthCompacting()) {
                return null;
            }
            long free = Files.getFileStore(directory).getUsableSpace();
            if (free < size.liveBytes() + MIN_FREE_AFTER_COPY) {
                LOG.warn("Not compacting {}: {} MB free on the disk for a copy of about {} MB", directory, free >> 20, size.liveBytes() >> 20);
                return null;
            }
            LOG.info("The data file is {} MB, about {} MB of it live: compacting it", size.fileBytes() >> 20, size.liveBytes() >> 20);
            Files.write(directory.resolve(FolderLock.COMPACTING), new byte[0]); // a Regulars opening meanwhile waits
            return new Compaction.Plan(size, Compaction.rows(c));
        } catch (SQLException | IOException | RuntimeException e) {
            LOG.warn("Not compacting {}", directory, e);
            return null;
        }
    }
}
