package app.regulars.store;

import app.regulars.i18n.UserException;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * One store's rows copied into another, empty, store at the same schema version, on either engine
 * ({@code store copy}, docs/decisions/0032-store-copy.md): the tables the features declared for the
 * export of everything ({@link ShopArchive#tables()}, in their load order), every column with its
 * value as it is (ids kept), read in one snapshot of the source a page at a time
 * ({@link ShopArchive#readRows}) and written in JDBC batches; then the identities and counters set
 * after the rows, and each table's rows counted in the target and compared with the source's.
 *
 * <p>All or nothing: on a server the whole copy is ONE transaction, committed only after the counts
 * agree, so a failure, a cancel, a lost connection or a killed process leaves the server as it was.
 * Into a file it commits in slices (H2 keeps a long transaction's rows in memory); the caller builds
 * that file apart and puts it in place only when this returned ({@code app.StoreCopies}).
 */
public final class StoreCopy {
    private static final Logger LOG = LoggerFactory.getLogger(StoreCopy.class);
    /** Rows a JDBC batch. */
    private static final int BATCH = 1000;
    /** Rows a transaction into a file. */
    private static final int SLICE = 20_000;

    /** Hears of each table once its rows are written (not yet committed on a server). */
    @FunctionalInterface
    public interface Listener {
        void copied(ArchiveTable table, long rows);

        Listener NONE = (t, n) -> { };
    }

    /** What was copied: each file's rows (by {@link ArchiveTable#file()}), in load order, and how long it took. */
    public record Copied(Map<String, Long> rows, Duration took) {
        public Copied {
            rows = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(rows));
        }

        public long totalRows() {
            return rows.values().stream().mapToLong(Long::longValue).sum();
        }

        public int tables() {
            return rows.size();
        }
    }

    private StoreCopy() {
    }

    /**
     * Refuses ({@code store.copy.notEmpty}, naming what is there) unless {@code target} holds no records
     * in the tables of {@code from} (customers, purchases, follow-ups, ...; its setup, the tiers and
     * settings a new store starts with, is replaced by the copy).
     */
    public static void requireEmpty(ShopArchive from, Database target) {
        List<String> what = new ArrayList<>();
        long total = 0;
        for (ArchiveTable t : from.tables()) {
            if (!t.setup()) {
                long n = target.dsl().fetchCount(t.table(), t.where());
                if (n > 0) {
                    what.add(t.file() + " " + n);
                    total += n;
                }
            }
        }
        if (!what.isEmpty()) {
            String shown = String.join(", ", what.subList(0, Math.min(3, what.size()))) + (what.size() > 3 ? ", …" : "");
            throw new UserException("store.copy.notEmpty", target.where(), total, shown);
        }
    }

    /**
     * Copies every table of {@code from} (the source's archive: its store and the tables its features
     * declared) into {@code target}, which must be empty ({@link #requireEmpty}, checked again here) and
     * at the same schema version. {@code listener} hears of each table; {@code cancelled} stops it
     * ({@code common.cancelled}) with the target as it was on a server (into a file, the caller throws
     * the file away). {@code store.copy.countsDiffer} when a table's rows in the target are not the
     * source's.
     */
    public static Copied copy(ShopArchive from, Database target, Listener listener, BooleanSupplier cancelled) {
        long start = System.nanoTime();
        Database source = from.database();
        requireEmpty(from, target);
        String version = source.schemaVersion();
        if (!version.equals(target.schemaVersion())) {
            throw new IllegalStateException("The source is at schema " + version + ", the target at " + target.schemaVersion());
        }
        List<ArchiveTable> tables = from.tables();
        Map<String, Long> copied = source.dsl().connectionResult(src -> {
            ShopArchive.snapshot(src, true, source.engine());
            try {
                Map<ArchiveTable, Long> counts = new LinkedHashMap<>();
                for (ArchiveTable t : tables) {
                    counts.put(t, count(src, source.engine(), t));
                }
                Map<String, Long> sequences = new LinkedHashMap<>();
                for (ShopArchive.Part p : from.parts()) {
                    for (org.jooq.Sequence<?> seq : p.sequences()) {
                        sequences.put(seq.getName(), ShopArchive.nextValue(src, seq.getName(), source.engine()));
                    }
                }
                if (target.engine() == Database.Engine.H2_FILE) {
                    return target.bulkLoad(() -> into(target, src, source.engine(), counts, sequences, true, listener, cancelled));
                }
                return into(target, src, source.engine(), counts, sequences, false, listener, cancelled);
            } finally {
                ShopArchive.snapshot(src, false, source.engine());
            }
        });
        Copied done = new Copied(copied, Duration.ofNanos(System.nanoTime() - start));
        LOG.info("Copied {} rows of {} tables from {} to {} in {} ms", done.totalRows(), done.tables(), source.where(), target.where(),
                done.took().toMillis());
        return done;
    }

    /**
     * Deletes from {@code target} the rows of every table of {@code from} (in one transaction, the last
     * loaded first): a copy undone when what follows it failed. The target was empty before it.
     */
    public static void empty(ShopArchive from, Database target) {
        target.dsl().transaction(cfg -> {
            for (ArchiveTable t : from.tables().reversed()) {
                cfg.dsl().deleteFrom(t.table()).where(t.where()).execute();
            }
        });
    }

    /** The copy on one connection of the target, committed at the end (a server) or every {@value #SLICE} rows too (a file). */
    private static Map<String, Long> into(Database target, Connection src, Database.Engine from, Map<ArchiveTable, Long> counts,
                                          Map<String, Long> sequences, boolean slices, Listener listener, BooleanSupplier cancelled) {
        return target.dsl().connectionResult(c -> {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                Database.Engine to = target.engine();
                DSLContext render = org.jooq.impl.DSL.using(to.dialect(), Database.settings(to));
                // what a new store starts with (the default tiers, its settings) makes way for the source's
                for (ArchiveTable t : counts.keySet().stream().toList().reversed()) {
                    try (Statement s = c.createStatement()) {
                        s.executeUpdate(render.renderInlined(render.deleteFrom(t.table()).where(t.where())));
                    }
                }
                Map<String, Long> rows = new LinkedHashMap<>();
                long[] sinceCommit = {0};
                for (Map.Entry<ArchiveTable, Long> e : counts.entrySet()) {
                    ArchiveTable t = e.getKey();
                    long n = table(src, from, c, to, t, slices, sinceCommit, cancelled);
                    long there = count(c, to, t); // what the target holds now, in the copy's transaction
                    if (n != e.getValue() || there != n) {
                        throw new UserException("store.copy.countsDiffer", t.file(), e.getValue(), n != e.getValue() ? n : there);
                    }
                    rows.put(t.file(), n);
                    listener.copied(t, n);
                }
                restartIdentities(c, to);
                for (Map.Entry<String, Long> seq : sequences.entrySet()) {
                    try (Statement s = c.createStatement()) {
                        s.execute("ALTER SEQUENCE " + ShopArchive.quote(seq.getKey(), to) + " RESTART WITH " + seq.getValue());
                    }
                }
                for (Map.Entry<ArchiveTable, Long> e : counts.entrySet()) { // again once all are in (a delete cascades), before the commit
                    long n = count(c, to, e.getKey());
                    if (n != e.getValue()) {
                        throw new UserException("store.copy.countsDiffer", e.getKey().file(), e.getValue(), n);
                    }
                }
                c.commit();
                return rows;
            } catch (RuntimeException | SQLException | Error e) {
                try {
                    c.rollback();
                } catch (SQLException r) {
                    e.addSuppressed(r);
                }
                throw e;
            } finally {
                c.setAutoCommit(auto);
            }
        });
    }

    /** Copies the rows of {@code t}; returns how many. */
    private static long table(Connection src, Database.Engine from, Connection c, Database.Engine to, ArchiveTable t, boolean slices,
                              long[] sinceCommit, BooleanSupplier cancelled) throws SQLException {
        List<String> columns = t.columns();
        String names = String.join(", ", columns.stream().map(n -> ShopArchive.quote(n, to)).toList());
        int[] types = new int[columns.size()];
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT " + names + " FROM "
                + ShopArchive.quote(t.tableName(), to) + " WHERE 1 = 0")) {
            ResultSetMetaData md = rs.getMetaData();
            for (int i = 0; i < types.length; i++) {
                types[i] = md.getColumnType(i + 1);
            }
        }
        String insert = "INSERT INTO " + ShopArchive.quote(t.tableName(), to) + " (" + names + ") VALUES ("
                + String.join(", ", java.util.Collections.nCopies(columns.size(), "?")) + ")";
        try (PreparedStatement ps = c.prepareStatement(insert)) {
            int[] inBatch = {0};
            long rows = ShopArchive.readRows(src, t, from, Object[]::new, StoreCopy::value, cells -> {
                for (int i = 0; i < cells.length; i++) {
                    if (cells[i] == null) {
                        ps.setNull(i + 1, types[i]);
                    } else {
                        ps.setObject(i + 1, cells[i]);
                    }
                }
                ps.addBatch();
                if (++inBatch[0] == BATCH) {
                    ps.executeBatch();
                    inBatch[0] = 0;
                    if (cancelled.getAsBoolean()) {
                        throw new UserException("common.cancelled");
                    }
                }
                if (slices && ++sinceCommit[0] >= SLICE && inBatch[0] == 0) {
                    c.commit();
                    sinceCommit[0] = 0;
                }
            });
            if (inBatch[0] > 0) {
                ps.executeBatch();
            }
            if (cancelled.getAsBoolean()) {
                throw new UserException("common.cancelled");
            }
            return rows;
        }
    }

    /** The value of column {@code i} of the current row, as Java holds it (null for none): the same on both engines' drivers. */
    private static Object value(ArchiveCells kind, ResultSet rs, int i) throws SQLException {
        Object v = switch (kind) {
            case TEXT -> rs.getString(i);
            case BOOLEAN -> rs.getBoolean(i);
            case INTEGER -> rs.getInt(i);
            case BIGINT -> rs.getLong(i);
            case DECIMAL -> rs.getBigDecimal(i);
            case DATE -> rs.getObject(i, LocalDate.class);
            case TIMESTAMP -> rs.getObject(i, LocalDateTime.class);
        };
        return rs.wasNull() ? null : v;
    }

    /** The rows of {@code t} (those its condition takes) on {@code c}. */
    private static long count(Connection c, Database.Engine engine, ArchiveTable t) throws SQLException {
        DSLContext render = org.jooq.impl.DSL.using(engine.dialect(), Database.settings(engine));
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(render.renderInlined(
                render.selectCount().from(t.table()).where(t.where())))) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Every identity column of the schema starts after its table's highest id (the rows came with their ids). */
    private static void restartIdentities(Connection c, Database.Engine engine) throws SQLException {
        String schema = engine == Database.Engine.POSTGRESQL ? "current_schema()" : "'PUBLIC'";
        List<String[]> identities = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT TABLE_NAME, COLUMN_NAME FROM INFORMATION_SCHEMA.COLUMNS"
                + " WHERE TABLE_SCHEMA = " + schema + " AND IS_IDENTITY = 'YES'")) {
            while (rs.next()) {
                identities.add(new String[] {rs.getString(1).toLowerCase(Locale.ROOT), rs.getString(2).toLowerCase(Locale.ROOT)});
            }
        }
        for (String[] id : identities) {
            String table = ShopArchive.quote(id[0], engine);
            String column = ShopArchive.quote(id[1], engine);
            long next;
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COALESCE(MAX(" + column + "), 0) + 1 FROM " + table)) {
                rs.next();
                next = rs.getLong(1);
            }
            try (Statement s = c.createStatement()) {
                s.execute("ALTER TABLE " + table + " ALTER COLUMN " + column + " RESTART WITH " + next);
            }
        }
    }
}
