package app.regulars.app.demo;

import org.h2.api.Trigger;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A pause on demand, for a kill at a chosen moment: an H2 trigger that, in a JVM with the
 * system property {@value #PROPERTY}, stops the first write after customers are in the store
 * (a setting written, a purchase inserted), prints {@code paused} and waits there for good, for
 * the parent to kill the process. In other JVMs it does nothing.
 */
public final class PauseAfterCustomers implements Trigger {
    static final String PROPERTY = "regulars.test.pauseAfterCustomers";

    @Override
    public void fire(Connection conn, Object[] oldRow, Object[] newRow) throws SQLException {
        if (System.getProperty(PROPERTY) == null) {
            return;
        }
        try (Statement s = conn.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM customer")) {
            rs.next();
            if (rs.getLong(1) == 0) {
                return;
            }
        }
        System.out.println("paused");
        System.out.flush();
        try {
            Thread.sleep(Long.MAX_VALUE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted", e);
        }
    }

    /** Raw SQL: jOOQ has no words for H2's Java triggers. */
    static void install(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TRIGGER pause_setting BEFORE INSERT, UPDATE ON app_setting FOR EACH ROW CALL '" + PauseAfterCustomers.class.getName() + "'");
            s.execute("CREATE TRIGGER pause_purchase BEFORE INSERT ON purchase FOR EACH ROW CALL '" + PauseAfterCustomers.class.getName() + "'");
        }
    }
}
