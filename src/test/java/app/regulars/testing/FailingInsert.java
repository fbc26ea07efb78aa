package app.regulars.testing;

import org.h2.api.Trigger;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A store error on demand: an H2 trigger that refuses any inserted row with a cell
 * {@value #MARK}, as a full disk or a broken file would refuse it, in the middle of a bulk load.
 * {@link #install} puts it on a table, {@link #remove} takes it off. On PostgreSQL the same
 * trigger is a PL/pgSQL function.
 */
public final class FailingInsert implements Trigger {
    public static final String MARK = "FAIL-HERE";

    @Override
    public void fire(Connection conn, Object[] oldRow, Object[] newRow) throws SQLException {
        if (newRow != null) {
            for (Object v : newRow) {
                if (MARK.equals(v)) {
                    throw new SQLException("injected store error");
                }
            }
        }
    }

    /** Raw SQL: jOOQ has no words for H2's Java triggers (nor PostgreSQL's functions). */
    public static void install(Connection c, String table) throws SQLException {
        try (Statement s = c.createStatement()) {
            if (onPostgres(c)) {
                s.execute("CREATE OR REPLACE FUNCTION fail_here() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
                        + " IF row_to_json(NEW)::text LIKE '%\"" + MARK + "\"%' THEN RAISE EXCEPTION 'injected store error'; END IF;"
                        + " RETURN NEW; END $$");
                s.execute("CREATE TRIGGER fail_" + table + " BEFORE INSERT ON " + table + " FOR EACH ROW EXECUTE FUNCTION fail_here()");
                return;
            }
            s.execute("CREATE TRIGGER fail_" + table + " BEFORE INSERT ON " + table + " FOR EACH ROW CALL '" + FailingInsert.class.getName() + "'");
        }
    }

    public static void remove(Connection c, String table) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("DROP TRIGGER fail_" + table + (onPostgres(c) ? " ON " + table : ""));
        }
    }

    private static boolean onPostgres(Connection c) throws SQLException {
        return c.getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT).contains("postgres");
    }
}
