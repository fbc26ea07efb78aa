package app.regulars.store;

import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.zip.CRC32C;

/**
 * Brings the data file back to its live size without ever rewriting the only copy
 * (docs/decisions/0013-keeping-the-file-small.md). On the closed store, H2's own
 * {@code MVStore.compact} copies the live pages into a new file; that file is synced and swapped
 * in by atomic renames, the old one kept aside under another name. Checked on the way: every
 * map of the new file (each table and each index) holds as many entries as in the old file;
 * H2 opens the new file under its final name; every table holds as many rows as the store held
 * just before it closed, and every row reads back. Only then is the old file deleted.
 *
 * <p>A crash at any step leaves either the old file alone, or the old file aside with a new
 * one not yet confirmed: {@link #recover} runs before every open and puts the old file back in
 * the second case, so an interrupted compaction is undone, never half done. The folder stays
 * locked ({@link FolderLock}) until the end, so no other process writes to the old file meanwhile.
 *
 * <p>Raw SQL and H2's own classes: jOOQ has no words for the settings table, {@code ROW} casts
 * or the store underneath.
 */
public final class Compaction {
    private static final Logger LOG = LoggerFactory.getLogger(Compaction.class);

    /** A file more than this many times its live size is compacted at close. */
    public static final double MAX_RATIO = 1.5;
    /** ...if that frees at least this much: a small file is not worth the work. */
    public static final long MIN_WASTE_BYTES = 16L << 20;
    /**
     * Compressed pages (LZF, as H2's {@code SHUTDOWN COMPACT}): half the size; H2 reads them
     * back as fast, and pages it writes later are plain again. See the decision for the figures.
     */
    static final boolean COMPRESS = true;

    /** The new file while H2 writes it (deleted by {@link #recover}). */
    static final String COPYING = Database.FILE_NAME + "-compacting";
    /** The new file, complete and synced, before the swap. */
    static final String COPIED = Database.FILE_NAME + "-compacted";
    /** The old file, aside from the swap until H2 has opened the new one and its rows are checked. */
    static final String OLD = Database.FILE_NAME + "-before-compacting";

    private static final String MV = ".mv.db";

    /** What {@link Database#onCompaction} listeners are told, in this order (FAILED instead of the rest). */
    public enum Step {
        /** The store is closed and about to be copied. */
        STARTED,
        /** The new file is written and synced, not yet swapped in. */
        COPIED,
        /** The new file has the store's name, the old one is aside. */
        SWAPPED,
        /** H2 opened the new file and every table holds the same rows; the old file is still there. */
        VERIFIED,
        /** The old file is deleted. */
        DONE,
        /** Something failed: the old file is the store again. */
        FAILED
    }

    /**
     * One step of a compaction: the file's size and live size before, the new file's size
     * (0 until known) and the time since the store closed.
     */
    public record Progress(Step step, long fileBytes, long liveBytes, long newBytes, Duration elapsed) {
    }

    /** The data file's size on disk, and the part of it H2 still uses. */
    public record Size(long fileBytes, long liveBytes) {
        public double ratio() {
            return liveBytes == 0 ? Double.POSITIVE_INFINITY : (double) fileBytes / liveBytes;
        }

        /** More than {@link #MAX_RATIO} times its live size and at least {@link #MIN_WASTE_BYTES} to gain. */
        public boolean worthCompacting() {
            return fileBytes > MAX_RATIO * liveBytes && fileBytes - liveBytes >= MIN_WASTE_BYTES;
        }
    }

    /** Rows in one table and the sum of a hash of each row's values. */
    public record TableSum(long rows, long hashSum) {
    }

    /** What a closing store hands to {@link #compact}: its size, and its tables' row counts just before it closed. */
    record Plan(Size size, Map<String, Long> rows) {
    }

    private Compaction() {
    }

    /**
     * The file's size and H2's estimate of its live part, on an open store: {@code info.FILE_SIZE}
     * times {@code info.FILL_RATE} (the share of the file's blocks that chunks occupy) times
     * {@code info.CHUNKS_FILL_RATE} (the share of those chunks' pages still referenced).
     */
    public static Size measure(Connection c) throws SQLException {
        Map<String, String> info = new TreeMap<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT SETTING_NAME, SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS"
                + " WHERE SETTING_NAME IN ('info.FILE_SIZE', 'info.FILL_RATE', 'info.CHUNKS_FILL_RATE')")) {
            while (rs.next()) {
                info.put(rs.getString(1), rs.getString(2));
            }
        }
        long file = Long.parseLong(info.getOrDefault("info.FILE_SIZE", "0"));
        int fill = Integer.parseInt(info.getOrDefault("info.FILL_RATE", "100"));
        int chunks = Integer.parseInt(info.getOrDefault("info.CHUNKS_FILL_RATE", "100"));
        return new Size(file, file * fill / 100 * chunks / 100);
    }

    /** Every table's row count (H2 keeps it: no rows are read). */
    public static Map<String, Long> rows(Connection c) throws SQLException {
        Map<String, Long> rows = new TreeMap<>();
        for (String table : columns(c).keySet()) {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
                rs.next();
                rows.put(table, rs.getLong(1));
            }
        }
        return rows;
    }

    /**
     * Every table's rows counted by reading each one (its page found, checked and unpacked, its
     * values decoded): the number H2 keeps proves nothing about the pages; this does.
     */
    static Map<String, Long> rowsRead(Connection c) throws SQLException {
        Map<String, Long> rows = new TreeMap<>();
        for (Map.Entry<String, List<String>> table : columns(c).entrySet()) {
            String row = "ROW(" + String.join(", ", table.getValue()) + ")";
            // not COUNT(*): H2 answers that from the count it keeps, without reading a row
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COALESCE(SUM(CASE WHEN " + row
                    + " IS NULL THEN 0 ELSE 1 END), 0) FROM " + table.getKey())) {
                rs.next();
                rows.put(table.getKey(), rs.getLong(1));
            }
        }
        return rows;
    }

    /**
     * How each row of a table is hashed for {@link #sums}: what a backup's manifest records beside its
     * sums (docs/decisions/0049-backups-summed-in-java.md), so that a backup is always verified with
     * the hash it was summed with.
     */
    public enum RowHash {
        /**
         * H2's {@code ORA_HASH} of the row cast to text, summed in SQL: backups written before
         * decision 0049. H2's {@code ORA_HASH} is a SHA-1 per row, looked up for every row.
         */
        ORA_HASH,
        /**
         * A CRC-32C of each row's values as JDBC's {@code getString} gives them (UTF-8, each
         * with its length, a null marked apart from any text), summed in Java: the same 32 bits per
         * row, in less than half the time under the window's quick compiler.
         */
        CRC32C
    }

    /** The hash new sums are made with. */
    public static final RowHash ROW_HASH = RowHash.CRC32C;

    /** {@link #sums(Connection, RowHash)} with the hash new sums are made with. */
    public static Map<String, TableSum> sums(Connection c) throws SQLException {
        return sums(c, ROW_HASH);
    }

    /**
     * Every table's row count and the sum of each row's {@code hash}: two stores with the same
     * sums hold the same rows, as far as a checksum can tell. Reads every row and hashes it: about
     * 10 s at 100,000 customers, too slow for every close; backups, tests and the benchmark use it
     * to show that a copy kept the rows. On a connection of its own, {@code LAZY_QUERY_EXECUTION}
     * lets H2 hand the rows over as it reads them instead of gathering each table's first.
     */
    public static Map<String, TableSum> sums(Connection c, RowHash hash) throws SQLException {
        Map<String, TableSum> sums = new TreeMap<>();
        for (Map.Entry<String, List<String>> table : columns(c).entrySet()) {
            String values = String.join(", ", table.getValue());
            sums.put(table.getKey(), switch (hash) {
                case ORA_HASH -> oraHashSum(c, table.getKey(), values);
                case CRC32C -> crcSum(c, table.getKey(), values, table.getValue().size());
            });
        }
        return sums;
    }

    private static TableSum oraHashSum(Connection c, String table, String values) throws SQLException {
        String sql = "SELECT COUNT(*), COALESCE(SUM(ORA_HASH(CAST(ROW(" + values + ") AS VARCHAR))), 0) FROM " + table;
        try (PreparedStatement p = c.prepareStatement(sql); ResultSet rs = p.executeQuery()) {
            rs.next();
            return new TableSum(rs.getLong(1), rs.getLong(2));
        }
    }

    /** A null's mark: no value's UTF-8 length is negative. */
    private static final int NULL_VALUE = -1;

    private static TableSum crcSum(Connection c, String table, String values, int columns) throws SQLException {
        CRC32C crc = new CRC32C();
        ByteBuffer length = ByteBuffer.allocate(Integer.BYTES);
        long rows = 0;
        long sum = 0;
        try (PreparedStatement p = c.prepareStatement("SELECT " + values + " FROM " + table); ResultSet rs = p.executeQuery()) {
            while (rs.next()) {
                crc.reset();
                for (int i = 1; i <= columns; i++) {
                    String value = rs.getString(i);
                    byte[] bytes = value == null ? null : value.getBytes(StandardCharsets.UTF_8);
                    crc.update(length.clear().putInt(bytes == null ? NULL_VALUE : bytes.length).flip());
                    if (bytes != null) {
                        crc.update(bytes);
                    }
                }
                sum += crc.getValue();
                rows++;
            }
        }
        return new TableSum(rows, sum);
    }

    /** Each base table (quoted, with its schema) and its columns (quoted), in order. */
    private static Map<String, List<String>> columns(Connection c) throws SQLException {
        Map<String, List<String>> columns = new TreeMap<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT C.TABLE_SCHEMA, C.TABLE_NAME, C.COLUMN_NAME"
                + " FROM INFORMATION_SCHEMA.COLUMNS C JOIN INFORMATION_SCHEMA.TABLES T"
                + " ON T.TABLE_SCHEMA = C.TABLE_SCHEMA AND T.TABLE_NAME = C.TABLE_NAME"
                + " WHERE T.TABLE_TYPE = 'BASE TABLE' AND T.TABLE_SCHEMA <> 'INFORMATION_SCHEMA'"
                + " ORDER BY C.TABLE_SCHEMA, C.TABLE_NAME, C.ORDINAL_POSITION")) {
            while (rs.next()) {
                columns.computeIfAbsent(quote(rs.getString(1)) + "." + quote(rs.getString(2)), k -> new ArrayList<>())
                        .add(quote(rs.getString(3)));
            }
        }
        return columns;
    }

    private static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    /**
     * Compacts the closed store in {@code directory} (the caller holds the folder) into a new
     * file, swaps it in and checks it against {@code plan}; on any failure puts the old file
     * back. Returns the new file's size, or -1 if it failed.
     */
    static long compact(Path directory, Plan plan, StoreKey key, Consumer<Progress> listener) {
        long start = System.nanoTime();
        Path store = directory.resolve(Database.FILE_NAME + MV);
        Path copying = directory.resolve(COPYING + MV);
        Path copied = directory.resolve(COPIED + MV);
        Path old = directory.resolve(OLD + MV);
        long newBytes = 0;
        Step step = Step.STARTED;
        try {
            recover(directory); // nothing should be left over; if something is, start from the store as it is
            long fileBytes = Files.size(store);
            tell(listener, Step.STARTED, fileBytes, plan.size().liveBytes(), 0, start);
            copyLivePages(store, key, copying, key);
            sameEntries(store, key, copying, key);
            sync(copying);
            Files.move(copying, copied, StandardCopyOption.ATOMIC_MOVE);
            syncDirectory(directory);
            newBytes = Files.size(copied);
            tell(listener, step = Step.COPIED, fileBytes, plan.size().liveBytes(), newBytes, start);
            Files.move(store, old, StandardCopyOption.ATOMIC_MOVE);
            Files.move(copied, store, StandardCopyOption.ATOMIC_MOVE);
            syncDirectory(directory);
            tell(listener, step = Step.SWAPPED, fileBytes, plan.size().liveBytes(), newBytes, start);
            verify(directory, plan.rows(), key);
            newBytes = Files.size(store);
            tell(listener, step = Step.VERIFIED, fileBytes, plan.size().liveBytes(), newBytes, start);
            Files.delete(old);
            syncDirectory(directory);
            tell(listener, step = Step.DONE, fileBytes, plan.size().liveBytes(), newBytes, start);
            LOG.info("Compacted {}: {} MB to {} MB in {} ms", directory, fileBytes >> 20, newBytes >> 20, (System.nanoTime() - start) / 1_000_000);
            return newBytes;
        } catch (Exception | AssertionError e) {
            LOG.error("Compacting {} failed after {}; the old file is kept", directory, step, e);
            try {
                recover(directory);
            } catch (IOException again) {
                LOG.error("Putting the old file of {} back failed; the next start tries again", directory, again);
            }
            tell(listener, Step.FAILED, plan.size().fileBytes(), plan.size().liveBytes(), 0, start);
            return -1;
        }
    }

    private static void tell(Consumer<Progress> listener, Step step, long fileBytes, long liveBytes, long newBytes, long start) {
        listener.accept(new Progress(step, fileBytes, liveBytes, newBytes, Duration.ofNanos(System.nanoTime() - start)));
    }

    /**
     * Every map of the new file (each table, each index, the large-object maps) holds as many
     * entries as the same map of the old one: read from the maps' root pages, in milliseconds.
     */
    static void sameEntries(Path old, StoreKey oldKey, Path copy, StoreKey copyKey) throws IOException {
        Map<String, Long> before = entries(old, oldKey);
        Map<String, Long> after = entries(copy, copyKey);
        if (!before.equals(after)) {
            throw new IOException("The compacted file's maps differ from the old file's: " + after + " instead of " + before);
        }
    }

    private static Map<String, Long> entries(Path file, StoreKey key) {
        Map<String, Long> entries = new TreeMap<>();
        MVStore.Builder opening = new MVStore.Builder().fileName(file.toString()).readOnly();
        if (key != null) {
            opening.encryptionKey(key.fileKey());
        }
        try (MVStore store = opening.open()) {
            for (String name : store.getMapNames()) {
                MVMap.Builder<byte[], byte[]> builder = new MVMap.Builder<byte[], byte[]>().keyType(Opaque.TYPE).valueType(Opaque.TYPE);
                if (name.startsWith("undoLog")) {
                    builder.singleWriter(); // as H2 opens them (as MVStore.compact does too)
                }
                entries.put(name, store.openMap(name, builder).sizeAsLong());
            }
        }
        return entries;
    }

    /** A builder of any map of the file, its keys and values as undecoded bytes. */
    static MVMap.Builder<byte[], byte[]> opaqueMap() {
        return new MVMap.Builder<byte[], byte[]>().keyType(Opaque.TYPE).valueType(Opaque.TYPE);
    }

    /** Keys and values as undecoded bytes: enough to open any map and read its size from its root page. */
    private static final class Opaque extends BasicDataType<byte[]> {
        static final Opaque TYPE = new Opaque();

        @Override
        public int getMemory(byte[] bytes) {
            return bytes == null ? 0 : bytes.length;
        }

        @Override
        public boolean isMemoryEstimationAllowed() {
            return false;
        }

        @Override
        public byte[][] createStorage(int size) {
            return new byte[size][];
        }

        @Override
        public void write(WriteBuffer buffer, byte[] bytes) {
            if (bytes != null) {
                buffer.put(bytes);
            }
        }

        @Override
        public byte[] read(ByteBuffer buffer) {
            int length = buffer.remaining();
            if (length == 0) {
                return null;
            }
            byte[] bytes = new byte[length];
            buffer.get(bytes);
            return bytes;
        }
    }

    /**
     * H2 opens the swapped-in file under its final name; every table holds as many rows as
     * before the close, and every one of them reads back.
     */
    static void verify(Path directory, Map<String, Long> expected, StoreKey key) throws SQLException {
        // MAX_COMPACT_TIME=0: no compaction in place when this connection closes
        String url = "jdbc:h2:file:" + directory.resolve(Database.FILE_NAME).toAbsolutePath() + ";FILE_LOCK=FS;AUTO_SERVER=FALSE;MAX_COMPACT_TIME=0"
                + StoreKey.urlSettings(key);
        try (Connection c = DriverManager.getConnection(url, Database.USER, StoreKey.jdbcPassword(key))) {
            Map<String, Long> kept = rows(c);
            if (!kept.equals(expected)) {
                throw new SQLException("The compacted file holds other tables or row counts than the store did: " + kept + " instead of " + expected);
            }
            Map<String, Long> read = rowsRead(c);
            if (!read.equals(expected)) {
                throw new SQLException("Not every row of the compacted file reads back: " + read + " instead of " + expected);
            }
            try (Statement s = c.createStatement()) {
                s.execute("SHUTDOWN");
            }
        }
    }

    /**
     * Undoes what an interrupted compaction left: deletes a partial or unconfirmed new file and
     * puts the old file back if it was aside. Run with the folder held, before H2 opens the file.
     */
    static void recover(Path directory) throws IOException {
        Path store = directory.resolve(Database.FILE_NAME + MV);
        Path old = directory.resolve(OLD + MV);
        boolean changed = Files.deleteIfExists(directory.resolve(COPYING + MV));
        if (Files.exists(old)) {
            // The swap happened (or half happened) but was not confirmed: the old file is the store.
            LOG.warn("An interrupted compaction left the old data file aside in {}; putting it back", directory);
            Files.deleteIfExists(store); // a crash right after this is met by the same steps again
            Files.move(old, store, StandardCopyOption.ATOMIC_MOVE);
            changed = true;
        }
        changed |= Files.deleteIfExists(directory.resolve(COPIED + MV));
        for (String name : new String[]{COPYING, COPIED, OLD}) {
            Files.deleteIfExists(directory.resolve(name + ".trace.db"));
        }
        if (changed) {
            syncDirectory(directory);
        }
    }

    static void sync(Path file) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.force(true);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * H2's own copy of the live pages of the closed file {@code source} (encrypted with
     * {@code sourceKey}, or not: null) into a new file {@code target} encrypted with
     * {@code targetKey} (or not), pages compressed: what {@code MVStore.compact} does, which takes
     * one key for both files. With two keys this is how a file is encrypted, decrypted or given a
     * new key; H2's {@code ChangeFileEncryption} tool would rewrite the file in place instead.
     * H2's private {@code MVStore.compact(MVStore, MVStore)} does the copy: pinned to H2 2.4.240
     * like the page check at open, and {@code EncryptionTest} fails if a new H2 changes it.
     */
    static void copyLivePages(Path source, StoreKey sourceKey, Path target, StoreKey targetKey) throws IOException {
        if (sourceKey == null && targetKey == null) {
            MVStore.compact(source.toString(), target.toString(), COMPRESS, null);
            return;
        }
        Files.deleteIfExists(target);
        MVStore.Builder to = new MVStore.Builder().fileName(target.toString());
        if (COMPRESS) {
            to.compress();
        }
        if (targetKey != null) {
            to.encryptionKey(targetKey.fileKey());
        }
        MVStore.Builder from = new MVStore.Builder().fileName(source.toString()).readOnly();
        if (sourceKey != null) {
            from.encryptionKey(sourceKey.fileKey());
        }
        try (MVStore written = to.open(); MVStore read = from.open()) {
            PAGE_COPY.invoke(null, read, written);
        } catch (ReflectiveOperationException e) {
            Throwable cause = e instanceof java.lang.reflect.InvocationTargetException i ? i.getCause() : e;
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            throw new IOException("H2's page copy failed", cause);
        }
    }

    /** {@code MVStore.compact(MVStore source, MVStore target)}, private in H2 2.4.240. */
    private static final java.lang.reflect.Method PAGE_COPY;

    static {
        try {
            PAGE_COPY = MVStore.class.getDeclaredMethod("compact", MVStore.class, MVStore.class);
            PAGE_COPY.setAccessible(true);
        } catch (NoSuchMethodException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Makes renames durable where the system allows it (Linux, macOS); elsewhere a rename is durable by itself. */
    static void syncDirectory(Path directory) {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            LOG.debug("The folder {} cannot be synced here", directory, e);
        }
    }
}
