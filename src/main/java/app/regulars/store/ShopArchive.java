package app.regulars.store;

import app.regulars.i18n.UserException;
import app.regulars.tables.AtomicFile;
import app.regulars.tables.Progress;
import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import org.jooq.DSLContext;
import org.jooq.Sequence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedInputStream;
import java.io.BufferedWriter;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PushbackReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import static app.regulars.store.jooq.Tables.APP_SETTING;

/**
 * Everything a store holds as one ZIP of CSV files ({@code export all}, decision 0026), and an empty
 * store made again from it ({@code import all}): one file per table, every column, each table's rows
 * in the order of its primary key, a {@value ArchiveReadme#NAME} that describes every column (English
 * and Chinese) and an {@link ArchiveManifest} with each file's rows and SHA-256, the schema version
 * and the counters. No date anywhere: the same data gives the same bytes.
 *
 * <p>Each feature adds its tables as a {@link Part} when it opens (found in the {@code Services}, so
 * the command line has them too); the store's own settings come first. Export reads every table in
 * one transaction at {@code SNAPSHOT} isolation (the files agree with each other while the window
 * goes on writing), a page of rows at a time in the order of the table's key (the next page after the
 * last key read), so a million purchases are never held in memory. (Not with H2's lazy query
 * execution, which decision 0018 saw fail with "Chunk not found" while H2 rewrote its file.)
 *
 * <p>Import never writes into the user's store: {@link #load} makes a NEW store (a folder of its
 * own) at the export's schema version, loads every file into it in committed slices of JDBC
 * batches, checks each file's rows and checksum, then migrates it to this Regulars' schema, as any
 * older store is. The app then puts it in place of an empty store as a backup is restored; if
 * anything fails before, the new folder is deleted and nothing has changed.
 */
public final class ShopArchive {
    private static final Logger LOG = LoggerFactory.getLogger(ShopArchive.class);
    /** Rows a query of the export reads (the next page starts after the last one's key: H2 never holds a whole table). */
    private static final int PAGE = 10_000;
    /** Rows a JDBC batch. */
    private static final int BATCH = 1000;
    /** Rows a transaction when loading (decision 0012: slices, not one transaction). */
    private static final int SLICE = 20_000;
    /** The time every entry of the ZIP carries: the export has no date (1980-01-01, ZIP's first day). */
    private static final LocalDateTime ENTRY_TIME = LocalDateTime.of(1980, 1, 1, 0, 0);
    /**
     * Tables an export never holds: Flyway's history; what each store computes again (the search
     * texts); and the record of the last import, which only its undo reads (decision 0024): an
     * import cannot be undone in another store, and the profiles it replaced stay behind; and the
     * shared store's log of changes (live refresh, decision 0034).
     */
    private static final java.util.Set<String> NEVER = java.util.Set.of("flyway_schema_history", "customer_search",
            "import_run", "import_added", "import_updated", "change_log",
            "person"); // people and their PIN hashes stay with the store they sign in to (decision 0033)

    /**
     * A feature's part of the export: its tables, in the order an import loads them (a table after
     * those its rows refer to; parts load in the order they were added); the counters it draws
     * numbers from; and what it computes again in the new store after an import (search texts).
     */
    public record Part(String name, List<ArchiveTable> tables, List<Sequence<? extends Number>> sequences, Runnable afterImport) {
        public Part {
            tables = List.copyOf(tables);
            sequences = List.copyOf(sequences);
        }

        public Part(String name, List<ArchiveTable> tables) {
            this(name, tables, List.of(), () -> { });
        }
    }

    /** What an export wrote: the file, its size, and each file's rows by its name without {@code .csv}. */
    public record Exported(Path file, long bytes, ArchiveManifest manifest) {
        public long rows(String stem) {
            return manifest.rows(stem);
        }
    }

    private final Database db;
    private final List<Part> parts = new CopyOnWriteArrayList<>();

    public ShopArchive(Database db) {
        this.db = db;
        // The store's own settings (language, theme, each feature's settings); a bulk load's pending flag is not the shop's.
        add(new Part("store", List.of(ArchiveTable.setup("settings", APP_SETTING).where(APP_SETTING.SETTING_KEY.notLike("bulk.%")))));
    }

    /** Adds a feature's part: its files come after those added before. */
    public void add(Part part) {
        parts.add(part);
    }

    /** The store whose tables these are. */
    public Database database() {
        return db;
    }

    public List<Part> parts() {
        return List.copyOf(parts);
    }

    /** Every file's table, in load order. */
    public List<ArchiveTable> tables() {
        return parts.stream().flatMap(p -> p.tables().stream()).toList();
    }

    /** The tables of the schema that an export never holds (computed again, or Flyway's own), lower case. */
    public static java.util.Set<String> neverExported() {
        return NEVER;
    }

    // ---- export ----

    /**
     * Writes everything to {@code zip} (replaced; written whole or not at all). {@code progress} gets
     * the rows written out of all; {@code cancelled} stops it ({@code common.cancelled}) with the old
     * file, if any, untouched.
     */
    public Exported export(Path zip, Progress progress, BooleanSupplier cancelled) {
        db.session().requireOwner(); // the owner's alone in team mode (decision 0033)
        long start = System.nanoTime();
        List<ArchiveTable> tables = tables();
        ArchiveManifest manifest = AtomicFile.write(zip, out -> write(out, tables, progress, cancelled));
        long bytes;
        try {
            bytes = Files.size(zip);
        } catch (IOException e) {
            bytes = -1;
        }
        LOG.info("Exported {} rows in {} files to {} ({} bytes) in {} ms", manifest.totalRows(), manifest.files().size(), zip,
                bytes, (System.nanoTime() - start) / 1_000_000);
        return new Exported(zip, bytes, manifest);
    }

    private ArchiveManifest write(OutputStream out, List<ArchiveTable> tables, Progress progress, BooleanSupplier cancelled) throws IOException {
        java.io.BufferedOutputStream buffered = new java.io.BufferedOutputStream(out, 1 << 16); // the deflater writes 512 bytes at a time
        ZipOutputStream zip = new ZipOutputStream(buffered, StandardCharsets.UTF_8);
        ArchiveManifest manifest;
        try {
            manifest = db.dsl().connectionResult(c -> {
                snapshot(c, true, db.engine());
                try {
                    return write(c, zip, tables, progress, cancelled);
                } finally {
                    snapshot(c, false, db.engine());
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        zip.finish();
        buffered.flush();
        return manifest;
    }

    /**
     * One transaction that sees the store as it was when it began ({@code SNAPSHOT}: H2 keeps the
     * versions it needs while the window goes on writing; PostgreSQL's {@code REPEATABLE READ} is
     * the same snapshot, while other counters go on writing); or the pool's default back.
     */
    static void snapshot(Connection c, boolean on, Database.Engine engine) throws SQLException {
        if (engine == Database.Engine.POSTGRESQL) {
            if (on) {
                c.setAutoCommit(false);
                c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
                c.setReadOnly(true);
            } else {
                c.rollback();
                c.setReadOnly(false);
                c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
                c.setAutoCommit(true);
            }
            return;
        }
        try (Statement s = c.createStatement()) {
            if (on) {
                s.execute("SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL SNAPSHOT");
                c.setAutoCommit(false);
            } else {
                c.rollback();
                c.setAutoCommit(true);
                s.execute("SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL READ COMMITTED");
            }
        }
    }

    private ArchiveManifest write(Connection c, ZipOutputStream zip, List<ArchiveTable> tables, Progress progress,
                                  BooleanSupplier cancelled) throws SQLException {
        try {
            DSLContext render = org.jooq.impl.DSL.using(db.engine().dialect(), Database.settings(db.engine()));
            Map<ArchiveTable, Long> counts = new LinkedHashMap<>();
            long sum = 0;
            for (ArchiveTable t : tables) {
                long n = count(c, render.renderInlined(render.selectCount().from(t.table()).where(t.where())));
                counts.put(t, n);
                sum += n;
            }
            long total = sum;
            String schema = schemaVersion(c);
            entry(zip, ArchiveReadme.NAME);
            zip.write(ArchiveReadme.text(tables).getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
            List<ArchiveManifest.File> files = new ArrayList<>();
            long[] done = {0};
            for (ArchiveTable t : tables) {
                MessageDigest sha = sha256();
                entry(zip, t.fileName());
                Writer writer = new BufferedWriter(new OutputStreamWriter(new DigestOutputStream(keepOpen(zip), sha), StandardCharsets.UTF_8), 1 << 16);
                writer.write('\uFEFF'); // a BOM: Excel then reads the file as UTF-8 (Chinese shows right)
                CsvWriter csv = CsvWriter.builder().lineDelimiter(LineDelimiter.CRLF).build(writer);
                csv.writeRecord(t.columns());
                long rows = readRows(c, t, db.engine(), String[]::new, ArchiveCells::read, cells -> {
                    csv.writeRecord(cells);
                    if (++done[0] % BATCH == 0) {
                        if (cancelled.getAsBoolean()) {
                            throw new UserException("common.cancelled");
                        }
                        progress.update(done[0], total);
                    }
                });
                csv.flush();
                writer.flush();
                zip.closeEntry();
                if (rows != counts.get(t)) {
                    throw new IllegalStateException(t.tableName() + ": " + rows + " rows read, " + counts.get(t) + " counted in the same snapshot");
                }
                files.add(new ArchiveManifest.File(t.fileName(), t.tableName(), rows, HexFormat.of().formatHex(sha.digest())));
            }
            Map<String, Long> sequences = new LinkedHashMap<>();
            for (Part p : parts) {
                for (Sequence<?> seq : p.sequences()) {
                    sequences.put(seq.getName().toLowerCase(Locale.ROOT), nextValue(c, seq.getName(), db.engine()));
                }
            }
            ArchiveManifest manifest = new ArchiveManifest(ArchiveManifest.FORMAT_VERSION, schema, files, sequences);
            entry(zip, ArchiveManifest.NAME);
            zip.write(manifest.text().getBytes(StandardCharsets.US_ASCII));
            zip.closeEntry();
            progress.update(total, total);
            return manifest;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What a reader of {@link #readRows} takes of each cell: the export a text ({@link ArchiveCells#read}), a copy the value. */
    @FunctionalInterface
    interface CellReader<T> {
        T read(ArchiveCells kind, ResultSet rs, int column) throws SQLException;
    }

    /** Takes each row {@link #readRows} reads, its cells in the order of {@link ArchiveTable#columns()}. */
    @FunctionalInterface
    interface RowSink<T> {
        void accept(T[] cells) throws SQLException;
    }

    /**
     * Reads every row of {@code t} on {@code c} (a page of {@value #PAGE} rows at a time, in the order
     * of its key, the next page after the last key read: the engine never holds a whole table) and
     * hands each to {@code sink} (the array is reused); returns how many. {@code c}'s transaction is the
     * caller's (a snapshot: {@link #snapshot}).
     */
    static <T> long readRows(Connection c, ArchiveTable t, Database.Engine engine, java.util.function.IntFunction<T[]> array,
                             CellReader<T> reader, RowSink<T> sink) throws SQLException {
        DSLContext render = org.jooq.impl.DSL.using(engine.dialect(), Database.settings(engine));
        java.util.function.UnaryOperator<String> quote = n -> quote(n, engine);
        long rows = 0;
        List<String> key = t.table().getPrimaryKey().getFields().stream().map(ArchiveTable::column).toList();
        int[] keyAt = key.stream().mapToInt(k -> t.columns().indexOf(k) + 1).toArray();
        String where = render.renderInlined(t.where());
        where = where.isBlank() ? "TRUE" : where;
        String select = "SELECT " + String.join(", ", t.columns().stream().map(quote).toList()) + " FROM " + quote.apply(t.tableName())
                + " WHERE " + where;
        String order = " ORDER BY " + String.join(", ", key.stream().map(quote).toList()) + " LIMIT " + PAGE;
        String after = " AND (" + String.join(", ", key.stream().map(quote).toList()) + ") > ("
                + String.join(", ", java.util.Collections.nCopies(key.size(), "?")) + ")";
        ArchiveCells[] kinds = null;
        Object[] last = null;
        T[] cells = null;
        while (true) {
            int page = 0;
            try (PreparedStatement ps = c.prepareStatement(select + (last == null ? "" : after) + order)) {
                for (int i = 0; last != null && i < last.length; i++) {
                    ps.setObject(i + 1, last[i]);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    if (kinds == null) {
                        kinds = kinds(t, rs.getMetaData());
                        cells = array.apply(kinds.length);
                    }
                    while (rs.next()) {
                        for (int i = 0; i < kinds.length; i++) {
                            cells[i] = reader.read(kinds[i], rs, i + 1);
                        }
                        last = new Object[keyAt.length];
                        for (int i = 0; i < keyAt.length; i++) {
                            last[i] = rs.getObject(keyAt[i]);
                        }
                        sink.accept(cells);
                        rows++;
                        page++;
                    }
                }
            }
            if (page < PAGE) {
                return rows;
            }
        }
    }

    /** How the export writes each column of {@code t} (as the query {@code md} describes them). */
    private static ArchiveCells[] kinds(ArchiveTable t, ResultSetMetaData md) throws SQLException {
        ArchiveCells[] kinds = new ArchiveCells[md.getColumnCount()];
        for (int i = 0; i < kinds.length; i++) {
            kinds[i] = ArchiveCells.of(md.getColumnType(i + 1));
            if (kinds[i] == null) {
                throw new IllegalStateException(t.tableName() + "." + md.getColumnName(i + 1) + ": a type the export does not know ("
                        + md.getColumnTypeName(i + 1) + ")");
            }
        }
        return kinds;
    }

    private static void entry(ZipOutputStream zip, String name) throws IOException {
        ZipEntry e = new ZipEntry(name);
        e.setTimeLocal(ENTRY_TIME);
        zip.putNextEntry(e);
    }

    /** The ZIP's stream for one entry, which its writers may flush but not close. */
    private static OutputStream keepOpen(OutputStream out) {
        return new FilterOutputStream(out) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                flush();
            }
        };
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The next number the sequence {@code name} (as H2 names it) gives. */
    static long nextValue(Connection c, String name, Database.Engine engine) throws SQLException {
        if (engine == Database.Engine.POSTGRESQL) {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT last_value, is_called FROM " + quote(name, engine))) {
                rs.next();
                return rs.getBoolean(2) ? rs.getLong(1) + 1 : rs.getLong(1); // the app's sequences count up by one
            }
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT BASE_VALUE FROM INFORMATION_SCHEMA.SEQUENCES"
                + " WHERE SEQUENCE_SCHEMA = 'PUBLIC' AND SEQUENCE_NAME = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException("No sequence " + name);
                }
                return rs.getLong(1);
            }
        }
    }

    private static String schemaVersion(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT MAX(CAST(\"version\" AS INT)) FROM \"flyway_schema_history\" WHERE \"success\"")) {
            rs.next();
            return Long.toString(rs.getLong(1));
        }
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- is the store empty ----

    /** The files whose tables hold records (not setup) in this store, with their rows: none when it is empty. */
    public Map<String, Long> records() {
        Map<String, Long> out = new LinkedHashMap<>();
        for (ArchiveTable t : tables()) {
            if (!t.setup()) {
                long n = db.dsl().fetchCount(t.table(), t.where());
                if (n > 0) {
                    out.put(t.file(), n);
                }
            }
        }
        return out;
    }

    /**
     * Refuses ({@code archive.error.notEmpty}, naming what is there) unless this store is empty: no
     * customers, purchases, follow-ups, survey answers, ... (its settings, tiers and survey questions
     * are replaced by an import, and count for nothing here).
     */
    public void requireEmpty() {
        Map<String, Long> records = records();
        if (!records.isEmpty()) {
            List<String> what = new ArrayList<>();
            records.forEach((file, n) -> what.add(file + " " + n));
            String shown = String.join(", ", what.subList(0, Math.min(3, what.size()))) + (what.size() > 3 ? ", …" : "");
            throw new UserException("archive.error.notEmpty", db.where(),
                    records.values().stream().mapToLong(Long::longValue).sum(), shown);
        }
    }

    // ---- import ----

    /** A new store made from an export, still open (its caller closes it), and what the export held. */
    public record Loaded(Database database, ArchiveManifest manifest) {
    }

    /**
     * Makes a new store in {@code directory} (which must hold none) from the export {@code zip}: at the
     * export's schema version, every file loaded in committed slices and checked (rows, SHA-256, each
     * cell), the identities and counters set after the rows, then migrated to this Regulars' schema.
     * Returned open: closed and opened again, H2 would rewrite the chunks of the large load in the
     * background while the opening reads every page (decision 0018 saw such a read fail). A
     * {@code UserException} when the export is not one of Regulars, damaged, from a newer Regulars,
     * cancelled ({@code common.cancelled}), or does not fit a store; the store is closed then, and the
     * caller deletes {@code directory}.
     */
    public static Loaded load(Path directory, Password password, Path zip, Progress progress, BooleanSupplier cancelled) {
        long start = System.nanoTime();
        if (Files.exists(directory.resolve(Database.FILE_NAME + ".mv.db"))) {
            throw new IllegalArgumentException(directory + " already holds a store");
        }
        try (ZipFile file = new ZipFile(zip.toFile(), StandardCharsets.UTF_8)) {
            ArchiveManifest manifest = ArchiveManifest.read(file, zip);
            Database db = Database.open(directory, password, manifest.schemaVersion());
            try {
                db.compactOnClose(false); // the app backs it up (a compacted copy) and deletes it
                long total = manifest.totalRows();
                long[] done = {0};
                // A new store: every table's ix_ indexes made again after the load (decision 0029). The foreign keys
                // stay: a row that refers to none is refused with its line, and taking them off as well gained
                // nothing measurable here (the rows come in key order).
                List<org.jooq.Table<?>> tables = new ArrayList<>();
                for (ArchiveManifest.File f : manifest.files()) {
                    if (!f.table().equalsIgnoreCase(APP_SETTING.getName())) { // the settings hold the record of what is taken off
                        tables.add(org.jooq.impl.DSL.table(org.jooq.impl.DSL.name(f.table())));
                    }
                }
                db.bulkLoad(new Database.LoadInto(total, false, tables), () -> {
                    emptyTables(db, manifest);
                    for (ArchiveManifest.File f : manifest.files()) {
                        loadFile(db, file, zip, f, done, total, progress, cancelled);
                    }
                    return null;
                });
                restartIdentities(db);
                restartSequences(db, manifest, zip);
                for (ArchiveManifest.File f : manifest.files()) {
                    long n = ((Number) db.dsl().fetchValue("SELECT COUNT(*) FROM " + quote(f.table()))).longValue();
                    if (n != f.rows()) {
                        throw new UserException("archive.error.damaged", zip.toString(), f.name());
                    }
                }
                db.migrateToNewest();
            } catch (RuntimeException e) {
                db.close();
                throw e;
            }
            LOG.info("Loaded {} rows of {} into a new store in {} in {} ms", manifest.totalRows(), zip, directory,
                    (System.nanoTime() - start) / 1_000_000);
            return new Loaded(db, manifest);
        } catch (IOException e) {
            throw new UserException(e, "archive.error.notZip", zip.toString());
        }
    }

    /** The rows a new store starts with (the default tiers, the 12-month window) make way for the export's. */
    private static void emptyTables(Database db, ArchiveManifest manifest) {
        db.dsl().transaction(cfg -> {
            for (ArchiveManifest.File f : manifest.files().reversed()) {
                cfg.dsl().execute("DELETE FROM " + quote(f.table()));
            }
        });
    }

    private static String quote(String name) {
        return "\"" + name.toUpperCase(Locale.ROOT) + "\"";
    }

    /** {@code name} quoted as {@code engine} spells the schema's names: H2's upper case, PostgreSQL's lower. */
    static String quote(String name, Database.Engine engine) {
        return engine == Database.Engine.POSTGRESQL ? "\"" + name.toLowerCase(Locale.ROOT) + "\"" : quote(name);
    }

    /** A column of a table being loaded: its kind of cells, whether it may be empty, its JDBC type. */
    private record Column(String name, ArchiveCells cells, boolean nullable, int jdbcType) {
    }

    private static void loadFile(Database db, ZipFile file, Path zip, ArchiveManifest.File f, long[] done, long total,
                                 Progress progress, BooleanSupplier cancelled) {
        if (NEVER.contains(f.table())) {
            throw new UserException("archive.error.damaged", zip.toString(), f.name());
        }
        MessageDigest sha = sha256();
        try (InputStream raw = file.getInputStream(file.getEntry(f.name()));
             DigestInputStream in = new DigestInputStream(new BufferedInputStream(raw, 1 << 16), sha)) {
            Reader decoder = new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT));
            PushbackReader reader = new PushbackReader(decoder, 1);
            int first = reader.read();
            if (first != '\uFEFF' && first != -1) {
                reader.unread(first);
            }
            long rows = 0;
            try (CsvReader<CsvRecord> csv = CsvReader.builder().ofCsvRecord(reader)) {
                var records = csv.iterator();
                if (!records.hasNext()) {
                    throw new UserException("archive.error.damaged", zip.toString(), f.name());
                }
                List<String> header = records.next().getFields();
                List<Column> columns = columns(db, f, header, zip);
                String insert = "INSERT INTO " + quote(f.table()) + " (" + String.join(", ", columns.stream().map(c -> quote(c.name())).toList())
                        + ") VALUES (" + String.join(", ", java.util.Collections.nCopies(columns.size(), "?")) + ")";
                while (records.hasNext()) {
                    long before = rows;
                    rows += db.dsl().<Long>transactionResult(cfg -> cfg.dsl().connectionResult(c -> slice(c, insert, columns, records, f, zip,
                            before, done, total, progress, cancelled)));
                }
                in.transferTo(OutputStream.nullOutputStream()); // the checksum covers every byte (before the reader closes the stream)
            } catch (CsvParseException | UncheckedIOException e) {
                throw new UserException(e, "archive.error.damaged", zip.toString(), f.name());
            }
            if (rows != f.rows() || !HexFormat.of().formatHex(sha.digest()).equals(f.sha256())) {
                LOG.warn("{} in {}: {} rows (the manifest says {}) or another checksum", f.name(), zip, rows, f.rows());
                throw new UserException("archive.error.damaged", zip.toString(), f.name());
            }
        } catch (IOException e) { // a cut or damaged entry, or text that is not UTF-8
            throw new UserException(e, "archive.error.damaged", zip.toString(), f.name());
        }
    }

    /**
     * The table's columns the file's header names, each once, every column of the table (this export's
     * schema version) but those the database generates.
     */
    private static List<Column> columns(Database db, ArchiveManifest.File f, List<String> header, Path zip) {
        Map<String, Column> table = db.dsl().connectionResult(c -> {
            Map<String, Column> out = new LinkedHashMap<>();
            // A generated column (customer.email_key) is computed by the new store, and H2 refuses a value for it.
            try (PreparedStatement ps = c.prepareStatement("SELECT COLUMN_NAME, DATA_TYPE, IS_NULLABLE FROM INFORMATION_SCHEMA.COLUMNS"
                    + " WHERE TABLE_SCHEMA = 'PUBLIC' AND TABLE_NAME = ? AND IS_GENERATED = 'NEVER' ORDER BY ORDINAL_POSITION")) {
                ps.setString(1, f.table().toUpperCase(Locale.ROOT));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String name = rs.getString(1).toLowerCase(Locale.ROOT);
                        out.put(name, new Column(name, null, "YES".equals(rs.getString(3)), 0));
                    }
                }
            }
            if (!out.isEmpty()) {
                String probe = "SELECT " + String.join(", ", out.keySet().stream().map(ShopArchive::quote).toList()) + " FROM " + quote(f.table())
                        + " WHERE FALSE";
                try (PreparedStatement ps = c.prepareStatement(probe)) {
                    ResultSetMetaData md = ps.getMetaData();
                    int i = 1;
                    for (String name : List.copyOf(out.keySet())) {
                        int type = md.getColumnType(i++);
                        out.put(name, new Column(name, ArchiveCells.of(type), out.get(name).nullable(), type));
                    }
                }
            }
            return out;
        });
        if (table.isEmpty() || header.size() != table.size() || !new java.util.HashSet<>(header).equals(table.keySet())
                || table.values().stream().anyMatch(c -> c.cells() == null)) {
            LOG.warn("{} in {}: the columns {} do not match the table {}'s {}", f.name(), zip, header, f.table(), table.keySet());
            throw new UserException("archive.error.damaged", zip.toString(), f.name());
        }
        return header.stream().map(table::get).toList();
    }

    /** Up to {@value #SLICE} rows of the file in the transaction of {@code c}, as JDBC batches; returns how many. */
    private static long slice(Connection c, String insert, List<Column> columns, java.util.Iterator<CsvRecord> records,
                              ArchiveManifest.File f, Path zip, long before, long[] done, long total, Progress progress,
                              BooleanSupplier cancelled) throws SQLException {
        long rows = 0;
        long[] lines = new long[BATCH];
        int inBatch = 0;
        try (PreparedStatement ps = c.prepareStatement(insert)) {
            while (rows < SLICE && records.hasNext()) {
                CsvRecord record = records.next();
                long line = record.getStartingLineNumber();
                List<String> cells = record.getFields();
                if (cells.size() != columns.size()) {
                    throw new UserException("archive.error.badRow", zip.toString(), f.name(), line);
                }
                for (int i = 0; i < cells.size(); i++) {
                    Column col = columns.get(i);
                    try {
                        col.cells().bind(ps, i + 1, cells.get(i), col.nullable(), col.jdbcType());
                    } catch (IllegalArgumentException e) {
                        throw new UserException(e, "archive.error.badRow", zip.toString(), f.name(), line);
                    }
                }
                ps.addBatch();
                lines[inBatch++] = line;
                rows++;
                if (inBatch == BATCH) {
                    execute(ps, lines, inBatch, f, zip);
                    inBatch = 0;
                }
                if (++done[0] % BATCH == 0) {
                    if (cancelled.getAsBoolean()) {
                        throw new UserException("common.cancelled");
                    }
                    progress.update(done[0], total);
                }
            }
            if (inBatch > 0) {
                execute(ps, lines, inBatch, f, zip);
            }
        }
        progress.update(done[0], total);
        return rows;
    }

    /**
     * Runs the batch of {@code ps}, whose rows came from {@code lines}. A row that does not fit (one it
     * refers to is missing, a key twice): the export is not as it was made, and the line is named.
     */
    private static void execute(PreparedStatement ps, long[] lines, int count, ArchiveManifest.File f, Path zip) throws SQLException {
        try {
            ps.executeBatch();
        } catch (java.sql.BatchUpdateException e) {
            int[] counts = e.getUpdateCounts();
            int failed = 0;
            while (counts != null && failed < counts.length && failed < count - 1 && counts[failed] != Statement.EXECUTE_FAILED) {
                failed++;
            }
            LOG.warn("{} in {}, line {}: {}", f.name(), zip, lines[failed], e.getMessage());
            throw new UserException(e, "archive.error.rejected", zip.toString(), f.name(), lines[failed]);
        }
    }

    /** Every identity column starts after its table's highest id (the rows came with their ids). */
    private static void restartIdentities(Database db) {
        db.dsl().connection(c -> {
            List<String[]> identities = new ArrayList<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT TABLE_NAME, COLUMN_NAME FROM INFORMATION_SCHEMA.COLUMNS"
                    + " WHERE TABLE_SCHEMA = 'PUBLIC' AND IS_IDENTITY = 'YES'")) {
                while (rs.next()) {
                    identities.add(new String[] {rs.getString(1), rs.getString(2)});
                }
            }
            for (String[] id : identities) {
                long next;
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COALESCE(MAX(" + quote(id[1]) + "), 0) + 1 FROM " + quote(id[0]))) {
                    rs.next();
                    next = rs.getLong(1);
                }
                try (Statement s = c.createStatement()) {
                    s.execute("ALTER TABLE " + quote(id[0]) + " ALTER COLUMN " + quote(id[1]) + " RESTART WITH " + next);
                }
            }
        });
    }

    /** Each counter gives next what it would have given in the exported store (the next card number). */
    private static void restartSequences(Database db, ArchiveManifest manifest, Path zip) {
        db.dsl().connection(c -> {
            for (Map.Entry<String, Long> seq : manifest.sequences().entrySet()) {
                try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM INFORMATION_SCHEMA.SEQUENCES WHERE SEQUENCE_SCHEMA = 'PUBLIC'"
                        + " AND SEQUENCE_NAME = ?")) {
                    ps.setString(1, seq.getKey().toUpperCase(Locale.ROOT));
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        if (rs.getLong(1) == 0) {
                            throw new UserException("archive.error.damaged", zip.toString(), ArchiveManifest.NAME);
                        }
                    }
                }
                try (Statement s = c.createStatement()) {
                    s.execute("ALTER SEQUENCE " + quote(seq.getKey()) + " RESTART WITH " + seq.getValue());
                }
            }
        });
    }

    /** Each part's work after an import, in the new store once it is at this Regulars' schema (search texts). */
    public void afterImport() {
        for (Part p : parts) {
            p.afterImport().run();
        }
    }
}
