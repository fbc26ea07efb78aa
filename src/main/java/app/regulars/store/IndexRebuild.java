package app.regulars.store;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
 * would differ from one the migrations made), checked against the rows after a load that
 * succeeded, unchecked after a failure or a kill (the load's rows are deleted next, by the undo
 * that the load's own flag calls for, which needs the foreign keys' cascades).
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
        }
        return new Taken(List.copyOf(restore));
    }

    /**
     * Runs each statement of {@code taken} whose index or constraint is missing, foreign keys checked
     * against the rows when {@code check} (else as H2's script has them: not checked), then forgets
     * the record. A foreign key whose check fails is put back unchecked, the others still run, and
     * the failure is thrown at the end: the caller undoes the load.
     */
    static void putBack(Connection c, Taken taken, boolean check, java.util.function.IntConsumer step) throws SQLException {
        SQLException failure = null;
        int i = 0;
        for (String sql : taken.restore()) {
            step.accept(i++);
            if (exists(c, sql)) {
                continue;
            }
            try (Statement s = c.createStatement()) {
                if (check && sql.endsWith(" NOCHECK")) {
                    try {
                        s.execute(sql.substring(0, sql.length() - " NOCHECK".length()));
                        continue;
                    } catch (SQLException e) {
                        LOG.warn("A foreign key did not hold after a bulk load: {}", e.getMessage());
                        failure = failure == null ? e : failure;
                    }
                }
                s.execute(sql);
            }
        }
        forget(c);
        if (failure != null) {
            throw failure;
        }
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
            if (!exists(c, sql)) {
                try (Statement s = c.createStatement()) {
                    s.execute(sql);
                }
                ran++;
            }
        }
        forget(c);
        if (ran > 0) {
            LOG.warn("An interrupted bulk load had taken off {} indexes and foreign keys; put them back", ran);
        }
        return ran;
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
