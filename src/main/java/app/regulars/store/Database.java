package app.regulars.store;

import app.regulars.i18n.UserException;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.h2.api.ErrorCode;
import org.h2.jdbcx.JdbcConnectionPool;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.Table;
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
import java.util.Arrays;
import java.util.List;
import java.util.Map;
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
 *
 * <p>A shared store on a PostgreSQL server ({@link #connect}, team mode,
 * docs/decisions/0030-two-engines.md) is used through the same jOOQ code in PostgreSQL's dialect,
 * migrated by the same Flyway steps (and PostgreSQL's form of the few that differ). What is about
 * an H2 file has no part there, as {@link Engine} says: a commit is on the server's disk when it
 * returns (no {@code CHECKPOINT}), no folder lock (many clients share it), no compaction, no
 * encryption of a file, no copy of a file as a backup (the server's own backups, or
 * {@code export all}).
 */
public final class Database implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Database.class);
    public static final String FILE_NAME = "regulars";
    static final String USER = "regulars";
    /**
     * H2's page cache in KB: 8 MB, half its default. H2 counts a page by an estimate of its size;
     * the heap held about twice as much (its rows as objects), and the window's memory in use was
     * 16 MB less at 100,000 customers, with the list's pages, profiles and searches no slower
     * (they read a few rows at random places, which neither size holds all of). Another size with
     * {@code -Dregulars.h2CacheKb} (for measuring; decision 0028).
     */
    static final int CACHE_KB = Integer.getInteger("regulars.h2CacheKb", 8 * 1024);

    /**
     * Rows a read of a whole large table takes per query (a window of time, a range of ids). H2
     * gathers a query's whole result before the first row, and writes a result of more than
     * {@code MAX_MEMORY_ROWS} rows (40,000 per GB of heap: about 12,500 with the window's 320 MB)
     * to a temporary store and reads it back: at 100,000 customers and a million purchases about
     * twice the garbage and up to ten times the time of the same rows read in pieces (decision 0053).
     */
    public static final int ROWS_PER_READ = 10_000;
    /** How long an open waits for another process that is closing the folder (its backup at close, its compaction). */
    private static final java.time.Duration CLOSING_WAIT = java.time.Duration.ofMinutes(10);
    /** Space left on the disk after the copy of the live data, or the file is not compacted. */
    private static final long MIN_FREE_AFTER_COPY = 256L << 20;
    private static final long SYNC_DELAY_MS = 1000;
    private static final int DEFAULT_RETENTION_MS = 45_000;
    private static final int BULK_RETENTION_MS = 5_000;
    private static final int BULK_SYNC_MS = 1_000;

    /**
     * The two engines a store can be on. {@link #H2_FILE}: the file in the data folder, the default,
     * offline. {@link #POSTGRESQL}: a database on a server that several computers share, where the
     * server keeps its own files: what is here about a file (checkpoints, retention, compaction, the
     * folder lock, the file's key and integrity, copies of the file as backups) is not needed there.
     */
    public enum Engine {
        H2_FILE(SQLDialect.H2, "h2"),
        POSTGRESQL(SQLDialect.POSTGRES, "postgresql");

        private final SQLDialect dialect;
        private final String vendor;

        Engine(SQLDialect dialect, String vendor) {
            this.dialect = dialect;
            this.vendor = vendor;
        }

        public SQLDialect dialect() {
            return dialect;
        }

        /** The folder of this engine's form of the migrations that differ: {@code db/vendor/<vendor>}. */
        public String vendor() {
            return vendor;
        }
    }

    private final Engine engine;
    /** Who is signed in to this store (decision 0033). */
    private final Session session = new Session();
    /** The server's address; null for a file. */
    private final ServerAddress server;
    private final Path directory;
    private final FolderLock lock;
    private final JdbcConnectionPool pool;
    private final DSLContext dsl;
    private final ScheduledExecutorService syncer;
    private ScheduledFuture<?> pendingSync;
    private volatile boolean closed;
    private volatile boolean compactOnClose = true;
    /** Set by {@link #compactAtClose()}: the next close compacts whatever the file's size. */
    private volatile boolean mustCompact;
    private volatile java.util.function.Consumer<Compaction.Progress> compactionListener = p -> { };
    private final java.util.concurrent.atomic.AtomicLong writes = new java.util.concurrent.atomic.AtomicLong();
    /** The writes not made by {@link #automatically} work ({@link #writesToBackUp()}). */
    private final java.util.concurrent.atomic.AtomicLong writesNotAutomatic = new java.util.concurrent.atomic.AtomicLong();
    /** Set on a thread while it runs {@link #automatically} work. */
    private final ThreadLocal<Boolean> automatic = new ThreadLocal<>();
    /** The writes that changed each table, by its name in upper case ({@link #writeCount(Table[])}). */
    private final java.util.concurrent.ConcurrentHashMap<String, java.util.concurrent.atomic.AtomicLong> writesByTable =
            new java.util.concurrent.ConcurrentHashMap<>();
    /** The writes whose tables are not known (a bulk load, a statement other than INSERT, UPDATE, DELETE or MERGE): they count for every table. */
    private final java.util.concurrent.atomic.AtomicLong writesOfAnyTable = new java.util.concurrent.atomic.AtomicLong();
    /** The tables the write under way on this thread has changed ({@link #write}); null outside one. */
    private final ThreadLocal<WrittenTables> written = new ThreadLocal<>();
    /** Writes share it; a backup's copy of the file holds it alone, so the copy is of one moment. */
    private final java.util.concurrent.locks.ReentrantReadWriteLock still = new java.util.concurrent.locks.ReentrantReadWriteLock();
    /** The file's integrity check: null when every page read back, else what was wrong (writes wait for it). */
    private volatile java.util.concurrent.CompletableFuture<String> integrity = java.util.concurrent.CompletableFuture.completedFuture(null);
    /** Set when H2 failed to write (a full disk, a damaged file): the store is not used again, not even to close it. */
    private volatile UserException broken;
    /** Whether the data file is read-only: Regulars shows the data and refuses every change. */
    private volatile boolean readOnly;
    /** A file up to this size is checked page by page before the open returns; a larger one in the background. */
    static final long CHECK_IN_FOREGROUND_BYTES = 64L << 20;

    /** The key of an encrypted data file (docs/decisions/0022-encryption.md); null when it is not encrypted. */
    private final StoreKey key;

    private Database(Path directory, FolderLock lock, JdbcConnectionPool pool, StoreKey key) {
        this(Engine.H2_FILE, null, directory, lock, pool, key);
    }

    private Database(Engine engine, ServerAddress server, Path directory, FolderLock lock, JdbcConnectionPool pool, StoreKey key) {
        this.engine = engine;
        this.server = server;
        this.directory = directory;
        this.key = key;
        this.lock = lock;
        this.pool = pool;
        this.dsl = DSL.using(new Guarded(), engine.dialect(), settings(engine));
        this.syncer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "regulars-db-sync");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * jOOQ's settings for {@code engine}. The generated names are H2's, in upper case and quoted
     * ({@code "CUSTOMER"}); PostgreSQL folds the unquoted names of the migrations to lower case, so
     * there every name is rendered in lower case (still quoted: a column may be a word of SQL).
     */
    static org.jooq.conf.Settings settings(Engine engine) {
        org.jooq.conf.Settings settings = new org.jooq.conf.Settings();
        if (engine == Engine.POSTGRESQL) {
            settings.setRenderNameCase(org.jooq.conf.RenderNameCase.LOWER);
        }
        return settings;
    }

    /**
     * {@code field}'s column name as the engine of {@code dsl} spells it, for the few JDBC calls that
     * name a column outside jOOQ (the generated keys of a batch): H2's upper case, PostgreSQL's lower.
     */
    public static String columnName(DSLContext dsl, org.jooq.Field<?> field) {
        return dsl.dialect().family() == SQLDialect.POSTGRES ? field.getName().toLowerCase(java.util.Locale.ROOT) : field.getName();
    }

    /** How many connections the store holds at most (the window's two workers, its background lane, a backup). */
    private static final int MAX_CONNECTIONS = 8;
    /** How long a client waits for the server to answer before saying it cannot be reached. */
    static final int CONNECT_TIMEOUT_SECONDS = 10;

    /**
     * Connects to the shared store at {@code server} (team mode, docs/decisions/0030-two-engines.md),
     * signing in with {@code password} ({@link Password#NONE}: none, for a server that asks none),
     * and migrates its schema as {@link #open} does a file's. {@code localDirectory} is this
     * computer's data folder, which holds the log and nothing of the data. A server that cannot be
     * reached, a refused sign-in, a missing database and a schema from a newer Regulars are each a
     * {@code store.server.*} message; the data is never touched then.
     */
    public static Database connect(ServerAddress server, Password password, Path localDirectory) {
        org.postgresql.ds.PGConnectionPoolDataSource source = new org.postgresql.ds.PGConnectionPoolDataSource();
        source.setURL(server.jdbcUrl());
        source.setUser(server.user());
        char[] text = password.given() ? password.text() : null;
        if (text != null) {
            source.setPassword(new String(text));
        }
        source.setApplicationName("Regulars");
        source.setConnectTimeout(CONNECT_TIMEOUT_SECONDS);
        source.setLoginTimeout(CONNECT_TIMEOUT_SECONDS);
        source.setTcpKeepAlive(true);
        JdbcConnectionPool pool = JdbcConnectionPool.create(source);
        pool.setMaxConnections(MAX_CONNECTIONS);
        pool.setLoginTimeout(CONNECT_TIMEOUT_SECONDS);
        try (Connection probe = pool.getConnection()) {
            probe.isValid(CONNECT_TIMEOUT_SECONDS);
        } catch (SQLException e) {
            pool.dispose();
            throw ServerFaults.translate(e, server);
        }
        Database db = new Database(Engine.POSTGRESQL, server, localDirectory, null, pool, null);
        try {
            db.migrate(null, false);
        } catch (RuntimeException e) {
            db.close();
            throw e instanceof UserException ? e : ServerFaults.failed(e, server);
        }
        return db;
    }

    /** Opens (creating if needed) the database in {@code directory}, migrating it to this app's schema; not for an encrypted one. */
    public static Database open(Path directory) {
        return open(directory, Password.NONE);
    }

    /**
     * Opens (creating if needed) the database in {@code directory}, migrating it to this app's schema.
     * An encrypted one ({@value StoreKey#FILE} beside the data file) opens with the key {@code password}
     * gives; {@code store.error.passwordNeeded} without one, {@code store.error.wrongPassword} with
     * another (told before H2 sees the file: the key's check value says so).
     */
    public static Database open(Path directory, Password password) {
        return open(directory, password, null);
    }

    /**
     * Opens the database in {@code directory} migrated up to the schema version {@code upTo} only
     * (null: the newest), for {@link ShopArchive}: an export made by an older Regulars is loaded into
     * a new store at its own version, then migrated on ({@link #migrateToNewest}) as any older store is.
     */
    static Database open(Path directory, Password password, String upTo) {
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
        FolderLock lock = FolderLock.acquire(directory, CLOSING_WAIT);
        Path file = directory.resolve(FILE_NAME + ".mv.db");
        long size;
        try {
            Compaction.recover(directory); // an interrupted compaction is undone before H2 sees the file
            Encryption.recover(directory); // so is an interrupted change of password
            Files.deleteIfExists(directory.resolve(FolderLock.CLOSING)); // left by a process killed while closing
            Files.deleteIfExists(directory.resolve(Backups.RESTORING + ".mv.db")); // a restore that did not finish
            size = Files.exists(file) ? Files.size(file) : -1;
        } catch (IOException e) {
            lock.close();
            throw new UserException(e, "store.error.open", directory.toString(), e.getMessage());
        }
        if (size == 0) {
            // H2 would start a new, empty store over it, and the next import would write there
            lock.close();
            throw new UserException("store.error.empty", file.toString(), backupHint(directory));
        }
        StoreKey key;
        try {
            key = StoreKey.read(directory).map(password::key).orElse(null);
        } catch (UserException e) {
            lock.close();
            throw e;
        }
        if (key == null && size > 0 && startsEncrypted(file)) {
            lock.close();
            throw new UserException("store.error.keyMissing", file.toString(), directory.resolve(StoreKey.FILE).toString(), backupHint(directory));
        }
        try {
            IndexRebuild.removeTemporaryMaps(directory, key); // what a kill in the middle of an index's build left
        } catch (RuntimeException e) {
            lock.close();
            throw new UserException(e, "store.error.open", directory.toString(), String.valueOf(e.getMessage()));
        }
        String url = "jdbc:h2:file:" + directory.resolve(FILE_NAME).toAbsolutePath()
                + ";FILE_LOCK=FS;AUTO_SERVER=FALSE;CACHE_SIZE=" + CACHE_KB + StoreKey.urlSettings(key);
        JdbcConnectionPool pool = JdbcConnectionPool.create(url, USER, StoreKey.jdbcPassword(key));
        pool.setMaxConnections(8);
        try (Connection probe = pool.getConnection()) {
            probe.isValid(1);
        } catch (SQLException e) {
            pool.dispose();
            lock.close();
            throw translate(e, directory, size);
        }
        Database db = new Database(directory, lock, pool, key);
        try (Connection c = pool.getConnection()) {
            db.h2 = ((org.h2.engine.SessionLocal) c.unwrap(org.h2.jdbc.JdbcConnection.class).getSession()).getDatabase();
            db.mvStore = db.h2.getStore().getMvStore();
        } catch (SQLException | RuntimeException e) {
            LOG.debug("H2's store is not reachable", e);
        }
        try {
            db.readOnly = size > 0 && !Files.isWritable(file);
            if (!db.readOnly) { // a read-only file stays so: 600 would make it writable
                try {
                    DataDirectory.restrictFiles(directory); // the files H2 made with the umask: 600
                } catch (IOException e) {
                    LOG.warn("Could not restrict the permissions of the files in {}", directory, e);
                }
            }
            db.checkIntegrity(size);
            if (!db.readOnly) {
                db.recoverIndexes();
                db.restoreDefaults();
                db.migrate(upTo, true);
            }
        } catch (MigrationFailed failed) {
            db.compactOnClose(false);
            db.close();
            throw putBack(directory, failed, password);
        } catch (RuntimeException e) {
            db.compactOnClose(false); // a store that did not open is left as it is
            db.close();
            throw e;
        }
        return db;
    }

    /** Whether {@code file} begins as every H2 file does ({@code H:2,}, or {@code H2encrypt} encrypted): else it is another program's. */
    private static boolean startsLikeH2(Path file) {
        String head = head(file);
        return head == null || head.startsWith("H:2,") || head.startsWith(ENCRYPTED_HEAD);
    }

    /** How H2 begins an encrypted file. */
    private static final String ENCRYPTED_HEAD = "H2encrypt";

    /** Whether {@code file} is an encrypted H2 file. */
    static boolean startsEncrypted(Path file) {
        String head = head(file);
        return head != null && head.startsWith(ENCRYPTED_HEAD);
    }

    /** The first bytes of {@code file} as ASCII; null when they cannot be read. */
    private static String head(Path file) {
        try (java.io.InputStream in = Files.newInputStream(file)) {
            return new String(in.readNBytes(ENCRYPTED_HEAD.length()), java.nio.charset.StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            return null; // unknown: H2's own answer decides
        }
    }

    /** Smaller than H2's two file headers and one chunk: a file cut short. */
    private static final long SHORTEST_FILE = 3 * 4096;

    static UserException translate(SQLException e, Path directory, long size) {
        int code = e.getErrorCode();
        String file = directory.resolve(FILE_NAME + ".mv.db").toString();
        if (code == ErrorCode.DATABASE_ALREADY_OPEN_1) {
            return new UserException(e, "store.error.locked", directory.toString());
        }
        if (code == ErrorCode.FILE_ENCRYPTION_ERROR_1 && Files.exists(directory.resolve(StoreKey.FILE))) {
            // the password gave the key its parameters check, and the file does not open with it: the file is damaged
            LOG.error("The data file {} does not open with its key", file, e);
            return new UserException(e, "store.error.damaged", file, backupHint(directory));
        }
        if (code == ErrorCode.FILE_VERSION_ERROR_1 || code == ErrorCode.FILE_ENCRYPTION_ERROR_1) {
            return new UserException(e, "store.error.unreadable", file);
        }
        if (isDiskFull(e) || isWriteToAFullDisk(e, directory)) {
            LOG.error("The disk of {} is full", directory, e);
            return new UserException(e, "store.error.diskFull", directory.toString());
        }
        if (size > 0 && !startsLikeH2(directory.resolve(FILE_NAME + ".mv.db"))) {
            return new UserException(e, "store.error.unreadable", file); // not an H2 file: another program's
        }
        if (size > 0 && size < SHORTEST_FILE && code != ErrorCode.WRONG_USER_OR_PASSWORD) {
            LOG.error("The data file {} is cut short: {} bytes", file, size, e);
            return new UserException(e, "store.error.truncated", file, size, backupHint(directory));
        }
        if (size > 0 && isDamage(e, true)) {
            LOG.error("The data file {} is damaged", file, e);
            return new UserException(e, "store.error.damaged", file, backupHint(directory));
        }
        if (code == ErrorCode.FILE_CORRUPTED_1) {
            return new UserException(e, "store.error.unreadable", file);
        }
        if (code == ErrorCode.WRONG_USER_OR_PASSWORD) {
            return new UserException(e, "store.error.password", directory.toString());
        }
        LOG.error("Could not open the database in {}", directory, e);
        return new UserException(e, "store.error.open", directory.toString(), e.getMessage());
    }

    /** A sentence naming the newest verified backup of {@code directory} and how to restore it (or that there is none). */
    static UserException backupHint(Path directory) {
        Path folder = Backups.folder(directory);
        return Backups.newestVerified(folder)
                .map(b -> new UserException("store.hint.backup", java.util.Date.from(b.taken().atZone(java.time.ZoneId.systemDefault()).toInstant()),
                        b.file().toString()))
                .orElseGet(() -> new UserException("store.hint.noBackup", folder.toString()));
    }

    /**
     * Whether H2's failure {@code e} comes from pages that do not read back (rather than a lock, a
     * password, a full disk); {@code atOpen}: while the store opens ({@link #isPageTooLarge}).
     */
    private static boolean isDamage(Throwable e, boolean atOpen) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                int code = sql.getErrorCode();
                if (code == ErrorCode.FILE_CORRUPTED_1 || code == ErrorCode.GENERAL_ERROR_1 || code == ErrorCode.DATA_CONVERSION_ERROR_1
                        || code == ErrorCode.IO_EXCEPTION_1 || code == ErrorCode.IO_EXCEPTION_2
                        || code == ErrorCode.OUT_OF_MEMORY && isPageTooLarge(e, atOpen)) {
                    return !isDiskFull(e);
                }
            }
            if (t instanceof org.h2.mvstore.MVStoreException) {
                return !isDiskFull(e);
            }
        }
        return false;
    }

    /**
     * H2's "out of memory" (90108) from reading a page of the file: a damaged length in a page's
     * header asks for an array larger than the heap (seen with flipped bytes, DamagedStoreTest).
     * An out of memory elsewhere is not damage. While the store opens ({@code atOpen}: H2 reads
     * the file's headers and the schema's pages, no large arrays) the frames that read the page
     * are gone: H2's open refills the error's stack trace where it catches it ({@code
     * org.h2.engine.Database}'s constructor), and the JVM gives only its first four out-of-memory
     * errors a stack trace at all. There an out of memory inside H2, or one without a stack trace,
     * counts as the damaged length it almost surely is; once the store is open, as not damage.
     */
    private static boolean isPageTooLarge(Throwable e, boolean atOpen) {
        return anyInChain(e, t -> t instanceof OutOfMemoryError
                && (java.util.Arrays.stream(t.getStackTrace()).anyMatch(f -> f.getClassName().startsWith(atOpen ? "org.h2." : "org.h2.mvstore."))
                        || atOpen && t.getStackTrace().length == 0));
    }

    private static boolean isDiskFull(Throwable e) {
        return anyInChain(e, t -> {
            String m = String.valueOf(t.getMessage());
            return m.contains("No space left on device") || m.contains("There is not enough space on the disk");
        });
    }

    /** A failed write to the file ({@code MVStoreException} "Writing to ... failed") where the disk has almost no space left. */
    private static boolean isWriteToAFullDisk(Throwable e, Path directory) {
        if (!anyInChain(e, t -> String.valueOf(t.getMessage()).contains("Writing to "))) {
            return false;
        }
        try {
            return Files.getFileStore(directory).getUsableSpace() < FULL_DISK_BYTES;
        } catch (IOException io) {
            return false;
        }
    }

    /** Bulk loads running now: their slices check the disk's free space before each transaction. */
    private final java.util.concurrent.atomic.AtomicInteger bulkLoading = new java.util.concurrent.atomic.AtomicInteger();

    /**
     * Refuses a write while the disk has less than {@value #FULL_DISK_BYTES} bytes free: H2 stops
     * the whole store when a write to the file fails, and a statement that starts after that spins
     * forever inside H2, so the write is better refused before it reaches H2.
     */
    private void requireSpace() {
        long free;
        try {
            free = Files.getFileStore(directory).getUsableSpace();
        } catch (IOException e) {
            return; // unknown: H2 tells if it fails
        }
        if (free < FULL_DISK_BYTES) {
            LOG.warn("{} MB free on the disk of {}: the write is refused", free >> 20, directory);
            throw new UserException("store.error.diskFull", directory.toString());
        }
    }

    /** Less free space than this after a failed write: the disk is full (and no write starts with less). */
    private static final long FULL_DISK_BYTES = 16L << 20;

    /** Whether {@code test} holds for {@code e}, a cause or a suppressed exception of any of them. */
    private static boolean anyInChain(Throwable e, java.util.function.Predicate<Throwable> test) {
        java.util.Deque<Throwable> todo = new java.util.ArrayDeque<>();
        java.util.Set<Throwable> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        if (e != null) {
            todo.add(e);
        }
        while (!todo.isEmpty()) {
            Throwable t = todo.poll();
            if (!seen.add(t)) {
                continue;
            }
            if (test.test(t)) {
                return true;
            }
            if (t.getCause() != null) {
                todo.add(t.getCause());
            }
            todo.addAll(java.util.Arrays.asList(t.getSuppressed()));
            if (t instanceof SQLException sql && sql.getNextException() != null) {
                todo.add(sql.getNextException());
            }
        }
        return false;
    }

    private static boolean isReadOnly(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getErrorCode() == ErrorCode.DATABASE_IS_READ_ONLY) {
                return true;
            }
        }
        return false;
    }

    /**
     * What a failed write means for the user: a full disk, a read-only or damaged file each has its
     * message (and a full disk or damage leaves the store unused from then on: H2 has stopped it);
     * anything else is passed on as it is.
     */
    private RuntimeException failed(RuntimeException e) {
        if (e instanceof UserException u && !u.key().equals("store.error.open")) {
            return e;
        }
        if (engine != Engine.H2_FILE) {
            return ServerFaults.failed(e, server);
        }
        String file = directory.resolve(FILE_NAME + ".mv.db").toString();
        if (isReadOnly(e)) {
            return new UserException(e, "store.error.readOnly", file);
        }
        if (isDiskFull(e) || isWriteToAFullDisk(e, directory)) {
            LOG.error("The disk of {} is full", directory, e);
            UserException full = new UserException(e, "store.error.diskFull", directory.toString());
            broken = full;
            return full;
        }
        if (isDamage(e, false)) {
            LOG.error("Writing to {} failed", file, e);
            UserException damaged = new UserException(e, "store.error.damaged", file, backupHint(directory));
            broken = damaged;
            return damaged;
        }
        return e;
    }

    /** Refuses a write to a store that is read-only, damaged, stopped by H2 or not yet checked (waits for the check). */
    private void mayWrite() {
        if (broken != null) {
            throw broken;
        }
        if (engine != Engine.H2_FILE) {
            return; // the server refuses what it cannot write, with its own message (ServerFaults)
        }
        requireSpace();
        if (readOnly) {
            throw new UserException("store.error.readOnly", directory.resolve(FILE_NAME + ".mv.db").toString());
        }
        checkFile();
        String problem = integrity.join();
        if (problem != null) {
            throw new UserException("store.error.damaged", directory.resolve(FILE_NAME + ".mv.db").toString(), backupHint(directory));
        }
    }

    /**
     * Reads every page of every map of the file (each table's rows, each index), decoding what is
     * in them: damage that H2 would only meet at the next write (an index page) shows now. Before
     * the open returns for a file up to {@value #CHECK_IN_FOREGROUND_BYTES} bytes, else in the
     * background while the store is read, started once the first write needs it or a few seconds
     * after the open ({@link #pendingCheck}); writes wait for the answer.
     */
    private void checkIntegrity(long size) {
        if (size <= 0) {
            return;
        }
        if (size <= CHECK_IN_FOREGROUND_BYTES) {
            String problem = readEveryPage();
            integrity = java.util.concurrent.CompletableFuture.completedFuture(problem);
            if (problem != null) {
                LOG.error("The data file in {} is damaged: {}", directory, problem);
            }
            return;
        }
        java.util.concurrent.CompletableFuture<String> result = new java.util.concurrent.CompletableFuture<>();
        integrity = result;
        Thread check = new Thread(() -> {
            try {
                long start = System.nanoTime();
                String problem = readEveryPage();
                if (closed) { // nothing is known of the pages not read; the next open checks them
                    LOG.info("Integrity of {} not checked to the end: the store closed after {} ms", directory,
                            (System.nanoTime() - start) / 1_000_000);
                } else {
                    LOG.info("Integrity of {} checked in {} ms: {}", directory, (System.nanoTime() - start) / 1_000_000,
                            problem == null ? "every page reads back" : problem);
                }
                result.complete(problem);
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        }, "regulars-db-check");
        check.setDaemon(true);
        pendingCheck.set(check);
        syncer.schedule(this::checkFile, CHECK_DELAY_MS, TimeUnit.MILLISECONDS);
    }

    /**
     * The check of a large file, not started yet: it reads the whole file (some ten seconds at
     * 100,000 customers on two cores), and at the open it took a core from the first page. It
     * starts with the first write, backup or index repair (which wait for it), or
     * {@value #CHECK_DELAY_MS} ms after the open, whichever comes first.
     */
    private final java.util.concurrent.atomic.AtomicReference<Thread> pendingCheck = new java.util.concurrent.atomic.AtomicReference<>();
    static final long CHECK_DELAY_MS = 15_000;

    /** Starts the file's check if it waits (see {@link #pendingCheck}). Package-private for tests. */
    void checkFile() {
        Thread check = pendingCheck.getAndSet(null);
        if (check != null) {
            check.start();
        }
    }

    /** Null when every page reads back; else what failed. H2's own classes: SQL cannot reach the indexes' pages. */
    private String readEveryPage() {
        try (Connection c = connection()) {
            org.h2.engine.SessionLocal session = (org.h2.engine.SessionLocal) c.unwrap(org.h2.jdbc.JdbcConnection.class).getSession();
            org.h2.mvstore.MVStore store = session.getDatabase().getStore().getMvStore();
            Map<String, String> meta = store.getMetaMap();
            for (String name : store.getMapNames()) {
                String id = meta.get("name." + name);
                org.h2.mvstore.MVMap<Object, Object> map = id == null ? null : store.getMap(org.h2.mvstore.DataUtils.parseHexInt(id));
                if (map == null) {
                    continue; // not opened by H2: nothing of it is read
                }
                org.h2.mvstore.Cursor<Object, Object> cursor = map.cursor(null);
                for (long n = 1; cursor.hasNext(); n++) {
                    cursor.next();
                    cursor.getValue();
                    if ((n & 0xFFF) == 0 && closed) {
                        return null; // the store is closing: the check stops rather than meet the file closed
                    }
                }
            }
            return null;
        } catch (SQLException | RuntimeException | AssertionError e) {
            if (closed) { // closed under the check: H2's "store is closed", not damage
                LOG.debug("Reading every page of {} stopped at the close", directory, e);
                return null;
            }
            LOG.error("Reading every page of {} failed", directory, e);
            return String.valueOf(e.getMessage());
        }
    }

    /**
     * Copies the data file to {@code target} while no write runs (they wait: about a second at
     * 100,000 customers), after {@code CHECKPOINT SYNC}; returns every table's row count at that moment.
     * For {@link Backups}.
     */
    Map<String, Long> copyTo(Path target) throws IOException, SQLException {
        requireFile();
        if (broken != null) {
            throw broken;
        }
        checkFile();
        String problem = integrity.join();
        if (problem != null) {
            throw new UserException("store.error.damaged", directory.resolve(FILE_NAME + ".mv.db").toString(), backupHint(directory));
        }
        still.writeLock().lock();
        try (Connection c = connection()) {
            if (!readOnly) {
                try (Statement s = c.createStatement()) {
                    s.execute("CHECKPOINT SYNC");
                }
            }
            Map<String, Long> rows = Compaction.rows(c);
            Files.copy(directory.resolve(FILE_NAME + ".mv.db"), target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            return rows;
        } finally {
            still.writeLock().unlock();
        }
    }

    /** H2's store under the pool: asked whether H2 has stopped it (a failed write to the file). */
    private volatile org.h2.mvstore.MVStore mvStore;
    /** H2's database object, shut down immediately when H2 has stopped the store. */
    private volatile org.h2.engine.Database h2;

    /**
     * A connection from the pool, unless H2 has stopped the store after a failed write (a full disk,
     * a damaged page): then every later use, even a rollback, spins forever inside H2
     * ({@code MVStore.registerVersionUsage}), so none is handed out and the failure is told instead.
     */
    private Connection connection() throws SQLException {
        stopIfPanicked();
        return guard(engine == Engine.H2_FILE ? pool.getConnection() : serverConnection(), Connection.class);
    }

    /**
     * A connection to the server. H2's pool, which the server's connections go through, does not drop
     * a connection whose session the server or the network ended (it ignores the driver's report of a
     * fatal error) but hands it out again; the driver then refuses it at once ({@code 08003}: closed)
     * and the pool forgets it. So up to a pool's worth of those are passed over and a new connection
     * is made: once the server can be reached again, the next action works (decision 0031).
     */
    private Connection serverConnection() throws SQLException {
        for (int stale = 0; ; stale++) {
            try {
                return pool.getConnection();
            } catch (SQLException e) {
                if (!"08003".equals(e.getSQLState()) || stale >= MAX_CONNECTIONS) {
                    throw e;
                }
                LOG.info("A connection to {} had ended; a new one is taken", server);
            }
        }
    }

    /** The JDBC methods whose first argument is a statement's SQL (a connection's and a statement's). */
    private static final java.util.Set<String> SQL_METHODS = java.util.Set.of("prepareStatement", "prepareCall", "execute",
            "executeUpdate", "executeLargeUpdate", "executeQuery", "addBatch");

    /**
     * {@code target} behind a proxy that asks {@link #stopIfPanicked()} before every call (the
     * statements it makes too): a write that H2's background writer failed between two statements
     * stops the next one before it reaches H2. It also hands the SQL of each statement of a {@link
     * #write} under way on the calling thread to the count by table ({@link #writeCount(Table[])}).
     */
    private <T> T guard(T target, Class<T> type) {
        return type.cast(java.lang.reflect.Proxy.newProxyInstance(Database.class.getClassLoader(), new Class<?>[]{type}, (proxy, method, args) -> {
            String name = method.getName();
            if (!name.equals("close") && !name.equals("isClosed") && !name.equals("unwrap") && !name.equals("isWrapperFor")) {
                stopIfPanicked();
            }
            if (args != null && args.length > 0 && args[0] instanceof String sql && SQL_METHODS.contains(name)) {
                WrittenTables w = written.get();
                if (w != null) {
                    w.note(sql); // a write under way on this thread: which table it changes
                }
            }
            try {
                Object result = method.invoke(target, args);
                if (result instanceof java.sql.CallableStatement cs && method.getReturnType() == java.sql.CallableStatement.class) {
                    return guard(cs, java.sql.CallableStatement.class);
                }
                if (result instanceof java.sql.PreparedStatement ps && method.getReturnType() == java.sql.PreparedStatement.class) {
                    return guard(ps, java.sql.PreparedStatement.class);
                }
                if (result instanceof Statement st && method.getReturnType() == Statement.class) {
                    return guard(st, Statement.class);
                }
                return result;
            } catch (java.lang.reflect.InvocationTargetException e) {
                throw e.getCause();
            }
        }));
    }

    private void stopIfPanicked() {
        if (broken != null) {
            throw broken;
        }
        org.h2.mvstore.MVStore store = mvStore;
        if (store != null && (store.getPanicException() != null || store.isClosed() && !closed)) {
            RuntimeException f = failed(new IllegalStateException("H2 stopped the store", store.getPanicException()));
            if (broken == null) {
                String file = directory.resolve(FILE_NAME + ".mv.db").toString();
                broken = f instanceof UserException u ? u : new UserException(f, "store.error.damaged", file, backupHint(directory));
            }
            throw broken;
        }
    }

    /** The pool as jOOQ sees it: every connection through {@link #connection()}. */
    private final class Guarded implements javax.sql.DataSource {
        @Override
        public Connection getConnection() throws SQLException {
            if (bulkLoading.get() > 0 && engine == Engine.H2_FILE) {
                requireSpace(); // each slice of a bulk load (a server's disk is the server's)
            }
            return connection();
        }

        @Override
        public Connection getConnection(String user, String password) throws SQLException {
            return connection();
        }

        @Override
        public java.io.PrintWriter getLogWriter() throws SQLException {
            return pool.getLogWriter();
        }

        @Override
        public void setLogWriter(java.io.PrintWriter out) throws SQLException {
            pool.setLogWriter(out);
        }

        @Override
        public void setLoginTimeout(int seconds) throws SQLException {
            pool.setLoginTimeout(seconds);
        }

        @Override
        public int getLoginTimeout() throws SQLException {
            return pool.getLoginTimeout();
        }

        @Override
        public java.util.logging.Logger getParentLogger() {
            return java.util.logging.Logger.getLogger("app.regulars.store");
        }

        @Override
        public <T> T unwrap(Class<T> type) throws SQLException {
            return pool.unwrap(type);
        }

        @Override
        public boolean isWrapperFor(Class<?> type) throws SQLException {
            return pool.isWrapperFor(type);
        }
    }

    /** The engine the store is on: the local H2 file (the default) or a PostgreSQL server. */
    public Engine engine() {
        return engine;
    }

    /** Who is signed in to this store, for the services that refuse what only an owner may do (decision 0033). */
    public Session session() {
        return session;
    }

    /** Where the data is, for people: the data folder of the file, or the server's address. */
    public String where() {
        return server != null ? server.toString() : directory.toString();
    }

    /** The server's address for a shared store; empty for the local file. */
    public java.util.Optional<ServerAddress> server() {
        return java.util.Optional.ofNullable(server);
    }

    /**
     * Refuses what is about the data file (a copy of it, its size, SCRIPT) on a server:
     * {@code store.server.notAFile}, which names what a shared store does instead.
     */
    void requireFile() {
        if (engine != Engine.H2_FILE) {
            throw new UserException("store.server.notAFile", server.toString());
        }
    }

    /** Whether {@link #close} has run. */
    public boolean closed() {
        return closed;
    }

    /** The key of the data file, for its backups and its compaction; null when it is not encrypted. */
    StoreKey key() {
        return key;
    }

    /** Whether the data file is encrypted (protected by a password). */
    public boolean encrypted() {
        return key != null;
    }

    /** Whether writes are refused: the data file is read-only. */
    public boolean readOnly() {
        return readOnly;
    }

    /**
     * Migrates a store opened at an older schema version ({@link #open(Path, Password, String)}) to
     * the newest, without the backup an upgrade of the user's data takes first: for a new store that
     * is thrown away if anything fails ({@link ShopArchive}).
     */
    void migrateToNewest() {
        migrate(null, false);
    }

    /** The schema version of the store (the newest migration applied), e.g. {@code "10"}. */
    String schemaVersion() {
        return dsl.fetchValue("SELECT MAX(CAST(\"version\" AS INT)) FROM \"flyway_schema_history\" WHERE \"success\"").toString();
    }

    private void migrate(String upTo, boolean backUpFirst) {
        if (upTo == null && schemaCurrent()) {
            return; // nothing to migrate: Flyway's 900 classes (Jackson's among them) stay unloaded
        }
        var configuration = Flyway.configure()
                .dataSource(pool)
                .locations("classpath:" + MIGRATIONS, "classpath:" + VENDOR_MIGRATIONS + engine.vendor())
                .validateMigrationNaming(true);
        if (upTo != null) {
            configuration.target(upTo);
        }
        Flyway flyway = configuration.load();
        MigrationInfo[] all = flyway.info().all();
        if (Arrays.stream(all).anyMatch(m -> m.getState() == MigrationState.FUTURE_SUCCESS || m.getState() == MigrationState.FUTURE_FAILED)) {
            throw engine == Engine.H2_FILE ? new UserException("store.error.newer", directory.toString())
                    : new UserException("store.server.newer", server.toString());
        }
        boolean hasData = Arrays.stream(all).anyMatch(m -> m.getState().isApplied());
        boolean pending = flyway.info().pending().length > 0;
        Backups.Backup backup = null;
        // On a server each step runs in a transaction of its own (PostgreSQL's DDL is transactional),
        // so a step that fails leaves the schema as it was before it: no backup of a file to put back.
        if (hasData && pending && backUpFirst && engine == Engine.H2_FILE) {
            backup = Backups.create(this, Backups.folder(directory), Backups.Kind.BEFORE_UPGRADE, LocalDateTime.now());
            if (!backup.verified()) {
                throw new UserException("backup.error.failedVerification", backup.file().toString(), backup.problem());
            }
        }
        try {
            flyway.migrate();
            if (engine == Engine.H2_FILE) {
                // On the disk before anything else is written: otherwise H2's last chunk may be one it
                // wrote half-way through the steps, and a disk that fills (or a power cut) before the
                // next one leaves a file whose tables and Flyway's record disagree, never to open again.
                execute("CHECKPOINT SYNC");
            }
        } catch (RuntimeException e) {
            if (backup == null) {
                throw e; // a new store: nothing in it to put back
            }
            throw new MigrationFailed(backup.file(), e);
        }
    }

    /** A migration that failed half-way, and the verified backup taken just before it. */
    private static final class MigrationFailed extends RuntimeException {
        private final Path backup;

        MigrationFailed(Path backup, RuntimeException cause) {
            super(cause);
            this.backup = backup;
        }
    }

    /**
     * After a failed upgrade the file holds part of the new layout, and Flyway's record of a failed
     * step that would refuse every later open: the verified backup taken just before the upgrade
     * is put back in its place (the store is closed), so the data is exactly as the older version
     * left it. The returned message says so, and names the backup.
     */
    private static UserException putBack(Path directory, MigrationFailed failed, Password password) {
        LOG.error("The upgrade of {} failed; putting back the backup {}", directory, failed.backup, failed.getCause());
        try {
            Backups.restore(directory, failed.backup, false, LocalDateTime.now(), password);
        } catch (RuntimeException e) {
            LOG.error("Putting back {} after the failed upgrade failed", failed.backup, e);
            return new UserException(failed.getCause(), "store.error.upgradeFailedNotRestored", directory.toString(), failed.backup.toString());
        }
        return new UserException(failed.getCause(), "store.error.upgradeFailed", directory.toString(), failed.backup.toString());
    }

    /** Where the migrations are, on the class path: those every engine runs. */
    static final String MIGRATIONS = "db/migration";
    /** Where each engine's form of the migrations that differ by engine is: this and the engine's {@link Engine#vendor()}. */
    static final String VENDOR_MIGRATIONS = "db/vendor/";
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
        try (Connection c = connection(); Statement s = c.createStatement()) {
            String schema = engine == Engine.H2_FILE ? "'PUBLIC'" : "current_schema()";
            try (java.sql.ResultSet history = s.executeQuery("SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES"
                    + " WHERE TABLE_SCHEMA = " + schema + " AND TABLE_NAME = 'flyway_schema_history'")) {
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

    /**
     * The highest version among the migrations on the class path, those of every engine
     * ({@value #MIGRATIONS}) and H2's form of those that differ ({@code db/vendor/h2}: PostgreSQL's
     * has the same versions, {@code MigrationsTest}); null where they cannot be listed.
     */
    static java.math.BigInteger newestMigration(ClassLoader loader) {
        java.math.BigInteger common = newestMigration(loader, MIGRATIONS);
        java.math.BigInteger vendor = newestMigration(loader, VENDOR_MIGRATIONS + Engine.H2_FILE.vendor());
        if (common == null) {
            return null;
        }
        return vendor == null || common.compareTo(vendor) >= 0 ? common : vendor;
    }

    private static java.math.BigInteger newestMigration(ClassLoader loader, String folder) {
        java.net.URL dir = loader.getResource(folder);
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
                jar.stream().map(java.util.zip.ZipEntry::getName).filter(n -> n.startsWith(folder + "/"))
                        .forEach(n -> names.add(n.substring(folder.length() + 1)));
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
        requireFile();
        try {
            Files.createDirectories(target.getParent());
            try (Connection c = connection(); Statement s = c.createStatement()) {
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

    /**
     * How many write transactions have run that were not {@link #automatically} work: a backup at
     * close keeps what changed since the last backup, and what only the day's jobs changed since
     * the day's backup, they make again from it (each is safe to repeat).
     */
    public long writesToBackUp() {
        return writesNotAutomatic.get();
    }

    /**
     * Runs {@code work} (the day's jobs) with its writes on this thread counted as automatic: they
     * count in {@link #writeCount()}, not in {@link #writesToBackUp()}. Writes of other threads
     * meanwhile (the user's) count as always.
     */
    public void automatically(Runnable work) {
        Boolean before = automatic.get();
        automatic.set(Boolean.TRUE);
        try {
            work.run();
        } finally {
            if (before == null) {
                automatic.remove();
            } else {
                automatic.set(before);
            }
        }
    }

    /** One more write transaction, of this thread's. */
    private void wrote() {
        writes.incrementAndGet();
        if (automatic.get() == null) {
            writesNotAutomatic.incrementAndGet();
        }
    }

    /**
     * How many write transactions have changed any of {@code tables} (committed or not), counting
     * every bulk load and every write with a statement that names no table it changes (DDL, a
     * plain statement other than INSERT, UPDATE, DELETE or MERGE) as a change to all of them: a
     * cache of what these tables hold compares it, so that writes elsewhere leave it current. Each
     * SQL statement of a {@link #write} is looked at as it is prepared or run, whether jOOQ made it
     * or a repository's own JDBC; a statement prepared and not run counts too.
     */
    public long writeCount(Table<?>... tables) {
        long n = writesOfAnyTable.get();
        for (Table<?> t : tables) {
            java.util.concurrent.atomic.AtomicLong c = writesByTable.get(t.getName().toUpperCase(java.util.Locale.ROOT));
            if (c != null) {
                n += c.get();
            }
        }
        return n;
    }

    /**
     * Other computers changed the shared store (the live refresh's poll, decision 0034): counted as
     * a write to every table, so that caches compare their counts as after a write of this one's.
     */
    public void changedElsewhere() {
        writesOfAnyTable.incrementAndGet();
        writes.incrementAndGet();
    }

    /** The tables one write changed, as its statements came. */
    private static final class WrittenTables {
        final java.util.Set<String> tables = new java.util.HashSet<>();
        boolean any;

        void note(String sql) {
            String table = WrittenTable.of(sql);
            if (table == null) {
                any = true;
            } else if (!table.isEmpty()) {
                tables.add(table);
            }
        }
    }

    /** Counts a write that changed {@code w}'s tables (all of them when it named one it could not tell). */
    private void counted(WrittenTables w) {
        if (w.any) {
            writesOfAnyTable.incrementAndGet();
            return;
        }
        for (String t : w.tables) {
            writesByTable.computeIfAbsent(t, k -> new java.util.concurrent.atomic.AtomicLong()).incrementAndGet();
        }
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
        mayWrite();
        T result;
        still.readLock().lock();
        WrittenTables outer = written.get();
        WrittenTables mine = outer != null ? outer : new WrittenTables(); // a write inside a write is part of it
        if (outer == null) {
            written.set(mine);
        }
        try {
            try {
                result = dsl.transactionResult(work);
            } finally {
                if (outer == null) {
                    written.remove();
                }
            }
            if (engine == Engine.H2_FILE) {
                execute("CHECKPOINT"); // a server's commit is on its disk when it returns
            }
        } catch (RuntimeException e) {
            throw failed(e);
        } finally {
            counted(mine);
            wrote();
            still.readLock().unlock();
        }
        scheduleSync();
        return result;
    }

    private synchronized void scheduleSync() {
        if (closed || engine != Engine.H2_FILE) {
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
        return bulkLoad(null, load);
    }

    /**
     * The tables a bulk load fills and about how many rows it brings to the first of them ({@code rows};
     * -1: not known before it runs). When that is many next to what the table holds, the tables'
     * secondary indexes and foreign keys are taken off for the load and made again after it
     * ({@link IndexRebuild}, docs/decisions/0029-indexes-rebuilt-after-large-loads.md);
     * {@code foreignKeys} false keeps the foreign keys (each row checked as it comes, the indexes alone
     * rebuilt).
     */
    public record LoadInto(long rows, boolean foreignKeys, List<org.jooq.Table<?>> tables) {
        public LoadInto {
            tables = List.copyOf(tables);
        }

        public static LoadInto tables(long rows, org.jooq.Table<?>... tables) {
            return new LoadInto(rows, true, List.of(tables));
        }

        /** The same load, its foreign keys kept up row by row. */
        public LoadInto keepingForeignKeys() {
            return new LoadInto(rows, false, tables);
        }
    }

    /** Rows a load must bring (when their number is known) before its tables' indexes are rebuilt rather than kept up. */
    static final long REBUILD_MIN_ROWS = 5_000;

    /** Where a bulk load's indexes are, for the tests (each step may stop there). */
    public enum IndexStep {
        /** The indexes and foreign keys are taken off: the load's slices come next. */
        TAKEN_OFF,
        /** One of them is about to be made again ({@link IndexProgress#done} of {@link IndexProgress#total} are). */
        PUTTING_BACK,
        /** All of them are back. */
        PUT_BACK
    }

    public record IndexProgress(IndexStep step, int done, int total) {
    }

    private volatile java.util.function.Consumer<IndexProgress> indexListener = p -> { };

    /** Told each step of a bulk load's index rebuild (tests stop a child process there). */
    public void onIndexRebuild(java.util.function.Consumer<IndexProgress> listener) {
        this.indexListener = listener;
    }

    /**
     * {@link #bulkLoad(java.util.function.Supplier)} into the tables of {@code into}: when the load is
     * large next to what they hold (an empty table; or at least {@value #REBUILD_MIN_ROWS} rows and a
     * quarter of what the first table holds), their secondary indexes and foreign keys are taken off
     * before it and made again after it, from sorted runs, which costs a fraction of keeping them up
     * row by row. A kill between the two is repaired by the next {@link #open}. After a load that
     * failed the foreign keys come back unchecked (the caller deletes the load's rows next, through
     * their cascades); after one that succeeded they are checked against the rows, and if one does not
     * hold, this throws once everything is back. While the load runs, reads that need those indexes
     * scan their tables instead: a load into the tables is the only writer anyway (decision 0012).
     */
    public <T> T bulkLoad(LoadInto into, java.util.function.Supplier<T> load) {
        mayWrite();
        still.readLock().lock();
        bulkLoading.incrementAndGet();
        if (engine != Engine.H2_FILE) {
            return serverBulkLoad(load); // no file to keep small, no index taken off: committed slices as they are
        }
        IndexRebuild.Taken taken;
        try {
            taken = takeOff(into);
            execute("SET RETENTION_TIME " + BULK_RETENTION_MS);
        } catch (RuntimeException e) {
            try (Connection c = connection()) {
                IndexRebuild.recover(c); // whatever a failure half-way took off (the record says)
            } catch (SQLException | RuntimeException again) {
                e.addSuppressed(again);
            }
            bulkLoading.decrementAndGet();
            still.readLock().unlock();
            throw failed(e);
        }
        ScheduledFuture<?> syncing;
        synchronized (this) {
            syncing = syncer.scheduleWithFixedDelay(this::syncNow, BULK_SYNC_MS, BULK_SYNC_MS, TimeUnit.MILLISECONDS);
        }
        boolean loaded = false;
        try {
            T result = load.get();
            loaded = true;
            return result;
        } catch (RuntimeException e) {
            throw failed(e);
        } finally {
            bulkLoading.decrementAndGet();
            writesOfAnyTable.incrementAndGet();
            wrote(); // whatever the slices wrote, readers that cache must read again
            syncing.cancel(false);
            try {
                if (broken == null) {
                    // the default retention before the rebuild: its statements read whole tables for seconds
                    execute("SET RETENTION_TIME " + DEFAULT_RETENTION_MS);
                    putBack(taken, loaded);
                    if (loaded) {
                        // A load is confirmed once it is on the disk: its slices commit without a
                        // checkpoint, and a disk that fills while H2 still holds their chunks fails here.
                        execute("CHECKPOINT SYNC");
                    } else {
                        syncNow();
                    }
                }
            } catch (RuntimeException e) {
                RuntimeException f = failed(e);
                if (loaded) {
                    throw f; // a foreign key that does not hold: the caller undoes the load
                }
                LOG.warn("After the bulk load", f);
            } finally {
                still.readLock().unlock();
            }
        }
    }

    /** Takes off the indexes and foreign keys of {@code into}'s tables when its load is worth it. */
    private IndexRebuild.Taken takeOff(LoadInto into) {
        if (into == null || into.tables().isEmpty()) {
            return IndexRebuild.Taken.NOTHING;
        }
        long start = System.nanoTime();
        try (Connection c = connection()) {
            String first = into.tables().getFirst().getName().toUpperCase(java.util.Locale.ROOT);
            long existing;
            try (Statement s = c.createStatement(); java.sql.ResultSet r = s.executeQuery("SELECT COUNT(*) FROM \"" + first + "\"")) {
                r.next();
                existing = r.getLong(1);
            }
            boolean worth = into.rows() < 0 ? existing == 0 : into.rows() >= REBUILD_MIN_ROWS && 4 * into.rows() >= existing;
            if (!worth) {
                return IndexRebuild.Taken.NOTHING;
            }
            java.util.Set<String> tables = new java.util.LinkedHashSet<>();
            for (org.jooq.Table<?> t : into.tables()) {
                tables.add(t.getName().toUpperCase(java.util.Locale.ROOT));
            }
            IndexRebuild.Taken taken = IndexRebuild.takeOff(c, tables, into.foreignKeys());
            LOG.info("Bulk load of about {} rows into {} ({} rows there): {} indexes and foreign keys taken off in {} ms",
                    into.rows(), tables, existing, taken.restore().size(), (System.nanoTime() - start) / 1_000_000);
            if (!taken.isEmpty()) {
                indexListener.accept(new IndexProgress(IndexStep.TAKEN_OFF, 0, taken.restore().size()));
            }
            return taken;
        } catch (SQLException e) {
            throw new UserException(e, "store.error.open", directory.toString(), e.getMessage());
        }
    }

    /** Makes again what {@link #takeOff} took off; foreign keys checked after a load that succeeded ({@code check}). */
    private void putBack(IndexRebuild.Taken taken, boolean check) {
        if (taken.isEmpty()) {
            return;
        }
        long start = System.nanoTime();
        int total = taken.restore().size();
        IndexRebuild.mark(directory);
        try (Connection c = connection()) {
            try {
                IndexRebuild.putBack(c, taken, check, i -> indexListener.accept(new IndexProgress(IndexStep.PUTTING_BACK, i, total)));
            } finally {
                if (IndexRebuild.recorded(c).isEmpty()) {
                    IndexRebuild.unmark(directory); // every index made and checkpointed (a foreign key may not hold)
                }
            }
        } catch (SQLException e) {
            throw new UserException(e, "store.error.open", directory.toString(), e.getMessage());
        }
        LOG.info("{} indexes and foreign keys made again after the bulk load in {} ms", total, (System.nanoTime() - start) / 1_000_000);
        indexListener.accept(new IndexProgress(IndexStep.PUT_BACK, total, total));
    }

    /**
     * Puts back the indexes and foreign keys a bulk load had taken off when the process was killed
     * before it made them again ({@link IndexRebuild#recover}), before anything reads the store:
     * the schema is the migrations' again. Waits for the file's check first (it reads every map).
     */
    private void recoverIndexes() {
        try (Connection c = connection()) {
            if (IndexRebuild.recorded(c).isEmpty()) {
                return;
            }
            checkFile();
            String problem = integrity.join();
            if (problem != null) {
                return; // a damaged store is not written to
            }
            IndexRebuild.mark(directory);
            IndexRebuild.recover(c);
            IndexRebuild.unmark(directory);
        } catch (SQLException e) {
            throw new UserException(e, "store.error.open", directory.toString(), e.getMessage());
        }
    }

    /** {@link #bulkLoad} on a server: the slices as they are (each commit is on the server's disk). */
    private <T> T serverBulkLoad(java.util.function.Supplier<T> load) {
        try {
            return load.get();
        } catch (RuntimeException e) {
            throw failed(e);
        } finally {
            bulkLoading.decrementAndGet();
            writesOfAnyTable.incrementAndGet();
            wrote();
            still.readLock().unlock();
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
        try (Connection c = connection(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new UserException(e, "store.error.open", directory.toString(), e.getMessage());
        }
    }

    /** Forces everything committed so far onto the disk ({@code CHECKPOINT SYNC}). */
    public void syncNow() {
        if (broken != null || readOnly || engine != Engine.H2_FILE) {
            return;
        }
        try (Connection c = connection(); Statement s = c.createStatement()) {
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

    /**
     * Makes the close compact the file even when it is small (and even where compacting at close
     * is off): after personal data was erased, none of it may stay in the pages H2 no longer uses
     * (decision 0021).
     */
    public void compactAtClose() {
        this.mustCompact = true;
    }

    /** Told each step of a compaction at close (the command line prints a line; tests follow the steps). */
    public void onCompaction(java.util.function.Consumer<Compaction.Progress> listener) {
        this.compactionListener = listener;
    }

    /** The file's size and its live part now (see {@link Compaction#measure}). */
    public Compaction.Size size() {
        requireFile();
        try (Connection c = connection()) {
            return Compaction.measure(c);
        } catch (SQLException e) {
            throw new UserException(e, "store.error.open", directory.toString(), e.getMessage());
        }
    }

    /**
     * Says that this store is about to close, with work before the close itself (the backup at
     * close): a Regulars opening this folder meanwhile waits for the close instead of being told
     * the folder is open elsewhere. {@link #close()} takes the mark away. This computer's file only.
     */
    public void closing() {
        if (engine != Engine.H2_FILE || closed) {
            return;
        }
        try {
            FolderLock.markClosing(directory);
        } catch (IOException e) {
            LOG.debug("closing marker", e); // an opening Regulars is told the folder is in use, as before
        }
    }

    /** Whether the Regulars holding {@code directory} is closing it (a backup at close, a compaction): an open now waits for it. */
    public static boolean closingElsewhere(Path directory) {
        return FolderLock.closing(directory);
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
        try {
            stopIfPanicked();
        } catch (UserException e) {
            LOG.debug("closing a stopped store", e);
        }
        syncNow();
        closed = true;
        syncer.shutdownNow();
        if (engine != Engine.H2_FILE) {
            pool.dispose(); // the server keeps the data: nothing to sync, compact or unlock here
            return;
        }
        if (broken != null) {
            // H2 stopped the store after a failed write: asking it for a connection now spins
            // forever (JdbcConnectionPool.getConnection → rollback → MVStore.registerVersionUsage).
            // What was committed before is in the file; the process lets go of the rest as it ends.
            LOG.warn("Closing {} without SHUTDOWN: {}", directory, broken.key());
            try {
                if (h2 != null) {
                    h2.shutdownImmediately(); // closes H2's files and lets go of the database, with no statement run
                }
            } catch (RuntimeException e) {
                LOG.debug("H2's immediate shutdown", e);
            }
            try {
                Files.deleteIfExists(directory.resolve(FolderLock.CLOSING));
            } catch (IOException e) {
                LOG.debug("closing marker", e);
            }
            lock.close();
            return;
        }
        Compaction.Plan plan = (compactOnClose || mustCompact) && !readOnly ? plan() : null;
        try (Connection c = connection(); Statement s = c.createStatement()) {
            // The connection goes back to the pool after SHUTDOWN; the pool's rollback on a closed
            // database fails, and H2 wrote that to regulars.trace.db beside the data at every close.
            try {
                s.execute("SET TRACE_LEVEL_FILE 0");
            } catch (SQLException e) {
                LOG.debug("trace level", e);
            }
            s.execute("SHUTDOWN");
        } catch (SQLException e) {
            LOG.debug("SHUTDOWN", e);
            plan = null;
        }
        pool.dispose();
        try {
            if (plan != null) {
                Compaction.compact(directory, plan, key, compactionListener);
            }
        } finally {
            try {
                Files.deleteIfExists(directory.resolve(FolderLock.CLOSING));
            } catch (IOException e) {
                LOG.debug("closing marker", e);
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
        try (Connection c = connection()) {
            Compaction.Size size = Compaction.measure(c);
            if (!size.worthCompacting() && !mustCompact) {
                return null;
            }
            long free = Files.getFileStore(directory).getUsableSpace();
            if (free < size.liveBytes() + MIN_FREE_AFTER_COPY) {
                LOG.warn("Not compacting {}: {} MB free on the disk for a copy of about {} MB", directory, free >> 20, size.liveBytes() >> 20);
                return null;
            }
            LOG.info("The data file is {} MB, about {} MB of it live: compacting it", size.fileBytes() >> 20, size.liveBytes() >> 20);
            FolderLock.markClosing(directory); // a Regulars opening meanwhile waits (if closing() has not marked it yet)
            return new Compaction.Plan(size, Compaction.rows(c));
        } catch (SQLException | IOException | RuntimeException e) {
            LOG.warn("Not compacting {}", directory, e);
            return null;
        }
    }
}
