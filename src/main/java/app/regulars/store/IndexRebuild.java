package app.regulars.store;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The secondary indexes and the foreign keys of the tables a large bulk load fills, taken off
 * before the load and put back after it (docs/decisions/0029-indexes-rebuilt-after-large-loads.md).
 * H2 writes a row into every index of its table as it goes, each a B-tree kept in order, at random
 * places when the rows come in another order than the index's; an index made on a filled table is
 * built from sorted runs instead (MVTable's rebuild), several times cheaper for a large load.
 *
 * <p>What is taken off: every index of those tables that no constraint uses (the {@code ix_}
 * indexes of the migrations), and every foreign key of those tables that owns the index H2 made
 * for it (the index goes with it). Primary keys and unique constraints stay: they keep the load's
 * rows unique as it goes. The statements that put them back are H2's own definition of them
 * ({@code SCRIPT NODATA}: the schema as the migrations made it), written to {@code app_setting}
 * ({@value #KEY_PREFIX}NNN, one statement each) and committed before anything is dropped. H2
 * commits each of its DDL statements at once, so a process killed at any point between the first
 * drop and the last re-creation leaves a store where some of them are missing: the next
 * {@link Database#open} runs every recorded statement whose index or constraint is not there
 * ({@link #recover}), then removes the record. Foreign keys come back before the indexes (H2 would
 * otherwise let a foreign key use an {@code ix_} index instead of making its own, and the store
 * would differ from one the migrations made), as H2's script has them (not checked as they are
 * added); after a load that succeeded a query then checks them against the rows ({@link #holds}),
 * after a failure or a kill not (the load's rows are deleted next, by the undo that the load's own
 * flag calls for, which needs the foreign keys' cascades). Each statement is followed by
 * {@code CHECKPOINT}, and {@link #MARKER} lies in the folder while indexes are being made
 * ({@link #removeTemporaryMaps}).
 *
 * <p>One thing does not come back as it was: the name H2 gives the index it makes for a foreign
 * key. It names it after the table ({@code FK_PURCHASE_CUSTOMER_INDEX_} and a character of the hash
 * of the table's name); the migrations that added a column (V007) made H2 copy the table under a
 * temporary name, whose hash named the index then ({@code ..._5} where the table's own gives
 * {@code ..._9}). Such names appear in no SQL of Regulars or of H2's script, only in
 * {@code INFORMATION_SCHEMA}; renaming the index back would make H2 store it as an index of its
 * own, no longer the foreign key's, at the next start.
 */
final class IndexRebuild {
    private static final Logger LOG = LoggerFactory.getLogger(IndexRebuild.class);
    /** The settings that hold the statements putting back what a load took off. */
    static final String KEY_PREFIX = "bulk.rebuild.";
    private static final Pattern CREATE_INDEX = Pattern.compile("^CREATE INDEX \"PUBLIC\"\\.\"([^\"]+)\" ON (\"PUBLIC\"\\.\"[^\"]+\")\\(.*");
    private static final Pattern ADD_CONSTRAINT = Pattern.compile("^ALTER TABLE (\"PUBLIC\"\\.\"[^\"]+\") ADD CONSTRAINT \"PUBLIC\"\\.\"([^\"]+)\" FOREIGN KEY.*");

    /** What was taken off before a load: the statements that put it back, in the order to run them. */
    record Taken(List<String> restore) {
        static final Taken NOTHING = new Taken(List.of());

        boolean isEmpty() {
            return restore.isEmpty();
        }
    }

    private IndexRebuild() {
    }

    /**
     * Records, then drops, the indexes and foreign keys of {@code tables} (upper-case names) that a
     * load rebuilds; returns the statements that put them back. Nothing is dropped when one of them
     * cannot be found in H2's script (a definition this class does not know).
     */
    static Taken takeOff(Connection c, Set<String> tables, boolean withForeignKeys) throws SQLException {
        if (tables.isEmpty()) {
            return Taken.NOTHING;
        }
        Set<String> indexes = new LinkedHashSet<>();
        Set<String> foreignKeys = new LinkedHashSet<>();
        String in = String.join(", ", java.util.Collections.nCopies(tables.size(), "?"));
        // indexes no constraint uses (the primary key's, a unique constraint's, a foreign key's are all used)
        try (PreparedStatement ps = c.prepareStatement("SELECT i.INDEX_NAME FROM INFORMATION_SCHEMA.INDEXES i"
                + " WHERE i.TABLE_SCHEMA = 'PUBLIC' AND i.TABLE_NAME IN (" + in + ") AND i.INDEX_TYPE_NAME = 'INDEX'"
                + " AND NOT EXISTS (SELECT 1 FROM INFORMATION_SCHEMA.TABLE_CONSTRAINTS k WHERE k.INDEX_SCHEMA = i.INDEX_SCHEMA"
                + " AND k.INDEX_NAME = i.INDEX_NAME) ORDER BY i.TABLE_NAME, i.INDEX_NAME")) {
            bind(ps, tables);
            try (ResultSet r = ps.executeQuery()) {
                while (r.next()) {
                    indexes.add(r.getString(1));
                }
            }
        }
        // foreign keys with an index of their own (H2 made it for them: it goes and comes back with them)
        if (withForeignKeys) {
            try (PreparedStatement ps = c.prepareStatement("SELECT k.CONSTRAINT_NAME FROM INFORMATION_SCHEMA.TABLE_CONSTRAINTS k"
                    + " JOIN INFORMATION_SCHEMA.INDEXES i ON i.INDEX_SCHEMA = k.INDEX_SCHEMA AND i.INDEX_NAME = k.INDEX_NAME"
                    + " WHERE k.TABLE_SCHEMA = 'PUBLIC' AND k.TABLE_NAME IN (" + in + ") AND k.CONSTRAINT_TYPE = 'FOREIGN KEY'"
                    + " AND i.IS_GENERATED AND i.INDEX_TYPE_NAME = 'INDEX' ORDER BY k.TABLE_NAME, k.CONSTRAINT_NAME")) {
                bind(ps, tables);
                try (ResultSet r = ps.executeQuery()) {
                    while (r.next()) {
                        foreignKeys.add(r.getString(1));
                    }
                }
            }
        }
        if (indexes.isEmpty() && foreignKeys.isEmpty()) {
            return Taken.NOTHING;
        }
        List<String> createIndexes = new ArrayList<>();
        List<String> addKeys = new ArrayList<>();
        List<String> drops = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SCRIPT NODATA NOPASSWORDS NOSETTINGS")) {
            while (r.next()) {
                String sql = r.getString(1).strip();
                if (sql.endsWith(";")) {
                    sql = sql.substring(0, sql.length() - 1);
                }
                Matcher index = CREATE_INDEX.matcher(sql);
                Matcher key = ADD_CONSTRAINT.matcher(sql);
                if (index.matches() && indexes.contains(index.group(1))) {
                    createIndexes.add(sql);
                    drops.add("DROP INDEX \"PUBLIC\".\"" + index.group(1) + "\"");
                } else if (key.matches() && foreignKeys.contains(key.group(2))) {
                    addKeys.add(sql);
                    drops.add("ALTER TABLE " + key.group(1) + " DROP CONSTRAINT \"PUBLIC\".\"" + key.group(2) + "\"");
                }
            }
        }
        if (createIndexes.size() != indexes.size() || addKeys.size() != foreignKeys.size()) {
            LOG.warn("Not rebuilding the indexes of {}: H2's script has {} of {} indexes and {} of {} foreign keys", tables,
                    createIndexes.size(), indexes.size(), addKeys.size(), foreignKeys.size());
            return Taken.NOTHING;
        }
        List<String> restore = new ArrayList<>(addKeys);
        restore.addAll(createIndexes);
        record(c, restore);
        try (Statement s = c.createStatement()) {
            for (String drop : drops) {
                s.execute(drop); // each commits at once: a kill between two is repaired by recover()
            }
            s.execute("CHECKPOINT");
        }
        return new Taken(List.copyOf(restore));
    }

    /**
     * Runs each statement of {@code taken} whose index or constraint is missing, as H2's script has
     * them (foreign keys not checked while added), then, when {@code check}, checks every foreign key
     * against the rows as H2 would have, and forgets the record. A foreign key that does not hold is
     * back all the same, and the failure is thrown at the end: the caller undoes the load. (Added
     * with H2's own check, a failing foreign key would come back under another index name than a
     * fresh store has: H2 keeps the first name taken until it restarts.)
     */
    static void putBack(Connection c, Taken taken, boolean check, java.util.function.IntConsumer step) throws SQLException {
        int i = 0;
        for (String sql : taken.restore()) {
            step.accept(i++);
            restore(c, sql);
        }
        List<String> broken = new ArrayList<>();
        if (check) {
            // one scan of each table for all its foreign keys; the one that does not hold named on a second look
            java.util.Map<String, List<String>> byTable = new java.util.LinkedHashMap<>();
            for (String sql : taken.restore()) {
                Matcher key = ADD_CONSTRAINT.matcher(sql);
                if (key.matches()) {
                    byTable.computeIfAbsent(key.group(1), t -> new ArrayList<>()).add(key.group(2));
                }
            }
            for (List<String> keys : byTable.values()) {
                if (!holds(c, keys)) {
                    for (String key : keys) {
                        if (!holds(c, List.of(key))) {
                            broken.add(key);
                        }
                    }
                }
            }
        }
        forget(c);
        if (!broken.isEmpty()) {
            LOG.warn("Foreign keys that do not hold after a bulk load: {}", broken);
            throw new SQLException("Referential integrity constraint violation after the bulk load: " + String.join(", ", broken));
        }
    }

    /**
     * Whether every row of the foreign keys' table ({@code names} are of one table) refers to rows
     * that are there: H2's own check (a row whose columns are all set and match no row of the other
     * table), as one query over the table.
     */
    static boolean holds(Connection c, List<String> names) throws SQLException {
        String child = null;
        List<String> violations = new ArrayList<>();
        for (String name : names) {
            String parent = null;
            List<String[]> pairs = new ArrayList<>(); // child column, parent column
            try (PreparedStatement ps = c.prepareStatement("SELECT f.TABLE_NAME, f.COLUMN_NAME, u.TABLE_NAME, u.COLUMN_NAME"
                    + " FROM INFORMATION_SCHEMA.REFERENTIAL_CONSTRAINTS r"
                    + " JOIN INFORMATION_SCHEMA.KEY_COLUMN_USAGE f ON f.CONSTRAINT_SCHEMA = r.CONSTRAINT_SCHEMA AND f.CONSTRAINT_NAME = r.CONSTRAINT_NAME"
                    + " JOIN INFORMATION_SCHEMA.KEY_COLUMN_USAGE u ON u.CONSTRAINT_SCHEMA = r.UNIQUE_CONSTRAINT_SCHEMA"
                    + " AND u.CONSTRAINT_NAME = r.UNIQUE_CONSTRAINT_NAME AND u.ORDINAL_POSITION = f.POSITION_IN_UNIQUE_CONSTRAINT"
                    + " WHERE r.CONSTRAINT_SCHEMA = 'PUBLIC' AND r.CONSTRAINT_NAME = ? ORDER BY f.ORDINAL_POSITION")) {
                ps.setString(1, name);
                try (ResultSet r = ps.executeQuery()) {
                    while (r.next()) {
                        child = r.getString(1);
                        parent = r.getString(3);
                        pairs.add(new String[] {r.getString(2), r.getString(4)});
                    }
                }
            }
            if (pairs.isEmpty()) {
                throw new SQLException("No foreign key " + name);
            }
            StringBuilder violation = new StringBuilder("(");
            StringBuilder match = new StringBuilder();
            for (String[] p : pairs) {
                violation.append("c.").append(column(p[0])).append(" IS NOT NULL AND ");
                match.append(match.isEmpty() ? "" : " AND ").append("p.").append(column(p[1])).append(" = c.").append(column(p[0]));
            }
            violation.append("NOT EXISTS (SELECT 1 FROM ").append(quote(parent)).append(" p WHERE ").append(match).append("))");
            violations.add(violation.toString());
        }
        String sql = "SELECT 1 FROM " + quote(child) + " c WHERE " + String.join(" OR ", violations) + " FETCH FIRST ROW ONLY";
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            return !r.next();
        }
    }

    private static String quote(String table) {
        return "\"PUBLIC\"." + column(table);
    }

    private static String column(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    /**
     * After a load that did not end (the process was killed, the power went): puts back whatever
     * the record says is missing, unchecked. Run by {@link Database#open} before the migrations.
     * Returns how many statements it ran.
     */
    static int recover(Connection c) throws SQLException {
        List<String> restore = recorded(c);
        if (restore.isEmpty()) {
            return 0;
        }
        int ran = 0;
        for (String sql : restore) {
            if (restore(c, sql)) {
                ran++;
            }
        }
        forget(c);
        if (ran > 0) {
            LOG.warn("An interrupted bulk load had taken off {} indexes and foreign keys; put them back", ran);
        }
        return ran;
    }

    /**
     * Runs {@code sql} unless what it makes is there, committed and written to the file
     * ({@code CHECKPOINT}: a kill after it finds no temporary map of the index's build there).
     * Returns whether it ran.
     */
    private static boolean restore(Connection c, String sql) throws SQLException {
        if (exists(c, sql)) {
            return false;
        }
        try (Statement s = c.createStatement()) {
            s.execute(sql);
            s.execute("CHECKPOINT");
        }
        return true;
    }

    /** The statements recorded by a load that has not put back what it took off (empty: none). */
    static List<String> recorded(Connection c) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES"
                + " WHERE TABLE_SCHEMA = 'PUBLIC' AND TABLE_NAME = 'APP_SETTING'")) {
            if (!r.next() || r.getInt(1) == 0) {
                return out; // a new store: nothing recorded
            }
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT SETTING_VALUE FROM APP_SETTING WHERE SETTING_KEY LIKE ? ORDER BY SETTING_KEY")) {
            ps.setString(1, KEY_PREFIX + "%");
            try (ResultSet r = ps.executeQuery()) {
                while (r.next()) {
                    out.add(r.getString(1));
                }
            }
        }
        return out;
    }

    private static void record(Connection c, List<String> restore) throws SQLException {
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO APP_SETTING (SETTING_KEY, SETTING_VALUE) VALUES (?, ?)")) {
            for (int i = 0; i < restore.size(); i++) {
                ps.setString(1, KEY_PREFIX + String.format(Locale.ROOT, "%03d", i));
                ps.setString(2, restore.get(i));
                ps.addBatch();
            }
            ps.executeBatch();
            c.commit();
        } catch (SQLException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(auto);
        }
    }

    /** Lies in the data folder while indexes are being made: a process killed then may have left H2's temporary maps. */
    static final String MARKER = "regulars.rebuilding";

    static void mark(Path directory) {
        try {
            Files.write(directory.resolve(MARKER), new byte[0]);
        } catch (IOException e) {
            LOG.warn("Could not write {}", directory.resolve(MARKER), e);
        }
    }

    static void unmark(Path directory) {
        try {
            Files.deleteIfExists(directory.resolve(MARKER));
        } catch (IOException e) {
            LOG.warn("Could not delete {}", directory.resolve(MARKER), e);
        }
    }

    /**
     * After a process was killed while H2 made an index ({@link #MARKER} in the folder), removes the
     * temporary maps of the build from the file before H2 opens it. H2 builds an index on a filled
     * table in sorted runs, each a temporary map whose pages it counts as pinned to their chunk; the
     * opening that follows a kill removes such maps (H2's {@code Store.removeTemporaryMaps}) as if
     * their pages were not pinned, so a chunk keeps counting pinned pages it no longer has: H2's own
     * assertion ({@code Chunk.accountForRemovedPage}) stops the store when assertions are on, and
     * without them the chunk is never compacted in place. Removed here as H2 made them (single-writer
     * maps), nothing else in the file is touched.
     */
    static void removeTemporaryMaps(Path directory, StoreKey key) {
        Path marker = directory.resolve(MARKER);
        Path file = directory.resolve(Database.FILE_NAME + ".mv.db");
        if (!Files.exists(marker)) {
            return;
        }
        if (Files.exists(file)) {
            org.h2.mvstore.MVStore.Builder opening = new org.h2.mvstore.MVStore.Builder().fileName(file.toString()).autoCommitDisabled();
            if (key != null) {
                opening.encryptionKey(key.fileKey());
            }
            int removed = 0;
            try (org.h2.mvstore.MVStore store = opening.open()) {
                for (String name : store.getMapNames()) {
                    if (name.startsWith("temp.")) {
                        store.removeMap(store.openMap(name, Compaction.opaqueMap().singleWriter()));
                        removed++;
                    }
                }
                if (removed > 0) {
                    store.commit();
                }
            }
            if (removed > 0) {
                LOG.warn("A process killed while it made indexes left {} temporary maps in {}; removed them", removed, file);
            }
        }
        unmark(directory);
    }

    private static void forget(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM APP_SETTING WHERE SETTING_KEY LIKE ?")) {
            ps.setString(1, KEY_PREFIX + "%");
            ps.executeUpdate();
        }
    }

    /** Whether the index or constraint {@code sql} makes is there. */
    private static boolean exists(Connection c, String sql) throws SQLException {
        Matcher index = CREATE_INDEX.matcher(sql);
        Matcher key = ADD_CONSTRAINT.matcher(sql);
        String query;
        String name;
        if (index.matches()) {
            query = "SELECT COUNT(*) FROM INFORMATION_SCHEMA.INDEXES WHERE INDEX_SCHEMA = 'PUBLIC' AND INDEX_NAME = ?";
            name = index.group(1);
        } else if (key.matches()) {
            query = "SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLE_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = 'PUBLIC' AND CONSTRAINT_NAME = ?";
            name = key.group(2);
        } else {
            throw new SQLException("Not a statement of an index or foreign key: " + sql);
        }
        try (PreparedStatement ps = c.prepareStatement(query)) {
            ps.setString(1, name);
            try (ResultSet r = ps.executeQuery()) {
                return r.next() && r.getInt(1) > 0;
            }
        }
    }

    private static void bind(PreparedStatement ps, Set<String> tables) throws SQLException {
        int i = 1;
        for (String t : tables) {
            ps.setString(i++, t);
        }
    }
}
