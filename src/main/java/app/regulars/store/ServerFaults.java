package app.regulars.store;

import app.regulars.i18n.UserException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;

/**
 * What a PostgreSQL server's failures mean for the user (docs/decisions/0030-two-engines.md): each
 * a {@code store.server.*} message in the user's language, never the driver's text. Told by the
 * SQLSTATE the server or the driver gives: class 08 (no connection, or it broke), 28 (the sign-in
 * refused), 3D000 (no such database), 57P (the server shutting down or starting).
 */
final class ServerFaults {
    private static final Logger LOG = LoggerFactory.getLogger(ServerFaults.class);

    private ServerFaults() {
    }

    /** Why connecting to {@code server} failed. */
    static UserException translate(SQLException e, ServerAddress server) {
        String state = state(e);
        LOG.warn("Connecting to {} failed ({}): {}", server, state, e.getMessage());
        if (state.startsWith("28")) {
            return new UserException(e, "store.server.signInRefused", server.user(), server.toString());
        }
        if (state.equals("3D000")) {
            return new UserException(e, "store.server.noDatabase", server.database(), server.toString());
        }
        if (state.equals("08004") && String.valueOf(e.getMessage()).contains("password")) { // none given, or an empty one
            return new UserException(e, "store.server.passwordNeeded", server.toString());
        }
        if (isTls(e)) {
            return new UserException(e, "store.server.tls", server.toString());
        }
        if (state.startsWith("08") || state.startsWith("57P") || state.equals("53300")) {
            return new UserException(e, "store.server.unreachable", server.toString());
        }
        LOG.error("Could not open the shared store {}", server, e);
        return new UserException(e, "store.server.open", server.toString());
    }

    /** A failure while the store was in use: the connection lost is said as such; anything else is passed on. */
    static RuntimeException failed(RuntimeException e, ServerAddress server) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                String state = state(sql);
                if (state.startsWith("08") || state.startsWith("57P")) {
                    LOG.warn("The connection to {} broke ({})", server, state, e);
                    return new UserException(e, "store.server.lost", server.toString());
                }
            }
        }
        return e;
    }

    private static String state(SQLException e) {
        for (SQLException s = e; s != null; s = s.getNextException()) {
            if (s.getSQLState() != null) {
                return s.getSQLState();
            }
        }
        return "";
    }

    private static boolean isTls(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof javax.net.ssl.SSLException || String.valueOf(t.getMessage()).contains("SSL")) {
                return true;
            }
        }
        return false;
    }
}
