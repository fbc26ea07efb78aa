package app.regulars.app.team;

import app.regulars.i18n.Messages;
import app.regulars.store.ServerAddress;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The choice of a store as the first start and Settings › Where the data lives show it: this
 * computer only, or a shared server (host, port, database, user, and a secure connection). No
 * password here: it is asked when the server wants one ({@link SignInView}).
 */
public final class StoreForm {
    /** The secure connection (TLS) asked of the server: the driver's {@code sslmode} (docs/decisions/0030-two-engines.md). */
    public enum Tls {
        /** The driver's default: TLS when the server offers it, else without. */
        PREFER(null),
        /** TLS or no connection; the certificate not checked. */
        REQUIRE("require"),
        /** TLS with the server's certificate checked against a root certificate and its name. */
        VERIFY_FULL("verify-full");

        final String sslmode;

        Tls(String sslmode) {
            this.sslmode = sslmode;
        }

        static Tls of(String sslmode) {
            for (Tls t : values()) {
                if (t.sslmode != null && t.sslmode.equalsIgnoreCase(sslmode)) {
                    return t;
                }
            }
            return sslmode == null ? PREFER : REQUIRE; // verify-ca and the like: at least TLS
        }
    }

    private final Messages messages;
    private final BooleanProperty shared = new SimpleBooleanProperty(false);
    private final StringProperty host = new SimpleStringProperty("");
    private final StringProperty port = new SimpleStringProperty(String.valueOf(ServerAddress.DEFAULT_PORT));
    private final StringProperty database = new SimpleStringProperty("regulars");
    private final StringProperty user = new SimpleStringProperty(ServerAddress.DEFAULT_USER);
    private final ObjectProperty<Tls> tls = new SimpleObjectProperty<>(Tls.PREFER);
    private final StringProperty rootCertificate = new SimpleStringProperty("");
    private final StringProperty problem = new SimpleStringProperty("");

    public StoreForm(Messages messages) {
        this.messages = messages;
        // a problem said about the fields goes once they are changed: it is said again at the next try if it still holds
        javafx.beans.InvalidationListener edited = o -> problem.set("");
        for (javafx.beans.Observable field : java.util.List.of(shared, host, port, database, user, tls, rootCertificate)) {
            field.addListener(edited);
        }
    }

    /** Fills the form from {@code choice}. */
    public void load(StoreChoice choice) {
        shared.set(choice.shared());
        choice.server().ifPresent(s -> {
            host.set(s.host());
            port.set(String.valueOf(s.port()));
            database.set(s.database());
            user.set(s.user());
            tls.set(Tls.of(s.params().get("sslmode")));
            rootCertificate.set(s.params().getOrDefault("sslrootcert", ""));
        });
    }

    /** The choice the form holds; empty, with {@link #problemProperty()} saying why, when a field is missing or wrong. */
    public Optional<StoreChoice> choice() {
        problem.set("");
        if (!shared.get()) {
            return Optional.of(StoreChoice.LOCAL);
        }
        String h = host.get() == null ? "" : host.get().strip();
        if (h.isEmpty() || h.contains("/") || h.contains(" ")) {
            problem.set(messages.get("store.choice.problem.host"));
            return Optional.empty();
        }
        int p;
        try {
            p = Integer.parseInt(port.get() == null ? "" : port.get().strip());
        } catch (NumberFormatException e) {
            p = -1;
        }
        if (p < 1 || p > 65535) {
            problem.set(messages.get("store.choice.problem.port"));
            return Optional.empty();
        }
        String db = database.get() == null ? "" : database.get().strip();
        String u = user.get() == null ? "" : user.get().strip();
        if (db.isEmpty() || db.contains("/") || u.isEmpty()) {
            problem.set(messages.get("store.choice.problem.database"));
            return Optional.empty();
        }
        Map<String, String> params = new LinkedHashMap<>();
        Tls t = tls.get() == null ? Tls.PREFER : tls.get();
        if (t.sslmode != null) {
            params.put("sslmode", t.sslmode);
        }
        String cert = rootCertificate.get() == null ? "" : rootCertificate.get().strip();
        if (t == Tls.VERIFY_FULL && !cert.isEmpty()) {
            params.put("sslrootcert", cert);
        }
        return Optional.of(StoreChoice.server(new ServerAddress(h, p, db, u, params)));
    }

    public BooleanProperty sharedProperty() { return shared; }
    public StringProperty hostProperty() { return host; }
    public StringProperty portProperty() { return port; }
    public StringProperty databaseProperty() { return database; }
    public StringProperty userProperty() { return user; }
    public ObjectProperty<Tls> tlsProperty() { return tls; }
    public StringProperty rootCertificateProperty() { return rootCertificate; }
    public StringProperty problemProperty() { return problem; }
}
