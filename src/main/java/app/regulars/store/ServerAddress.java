package app.regulars.store;

import app.regulars.i18n.UserException;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Where a shared store is (team mode, docs/decisions/0030-two-engines.md): a database on a
 * PostgreSQL server, given as {@code postgresql://[user@]host[:port]/database[?sslmode=...]}
 * ({@code --db-url} or {@code REGULARS_DB_URL}). The user is {@value #DEFAULT_USER} unless the
 * address names one; the port 5432 unless it gives one. Parameters after {@code ?} go to the JDBC
 * driver as they are: TLS through {@code sslmode} ({@code require}, {@code verify-ca},
 * {@code verify-full}) and {@code sslrootcert}. A password in the address is refused: it would end
 * up in the shell's history and the process list ({@code REGULARS_DB_PASSWORD} or the prompt).
 *
 * @param host     the server's name or address
 * @param port     its port
 * @param database the database's name
 * @param user     the account Regulars signs in with
 * @param params   the driver's parameters, in the order given
 */
public record ServerAddress(String host, int port, String database, String user, Map<String, String> params) {
    public static final String DEFAULT_USER = "regulars";
    public static final int DEFAULT_PORT = 5432;

    public ServerAddress {
        params = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }

    /** {@code text} read as an address: {@code store.server.badUrl} when it is none. */
    public static ServerAddress parse(String text) {
        String t = text == null ? "" : text.strip();
        String lower = t.toLowerCase(Locale.ROOT);
        for (String scheme : new String[] {"jdbc:postgresql://", "postgresql://", "postgres://"}) {
            if (lower.startsWith(scheme)) {
                return parse(t, "postgresql://" + t.substring(scheme.length()));
            }
        }
        throw new UserException("store.server.badUrl", t);
    }

    private static ServerAddress parse(String text, String normal) {
        URI uri;
        try {
            uri = new URI(normal);
        } catch (URISyntaxException e) {
            throw new UserException(e, "store.server.badUrl", text);
        }
        String host = uri.getHost();
        String path = uri.getPath();
        if (host == null || host.isBlank() || path == null || path.length() < 2 || path.indexOf('/', 1) >= 0) {
            throw new UserException("store.server.badUrl", text);
        }
        String user = DEFAULT_USER;
        String info = uri.getUserInfo();
        if (info != null) {
            if (info.contains(":")) {
                throw new UserException("store.server.passwordInUrl");
            }
            user = info;
        }
        Map<String, String> params = new LinkedHashMap<>();
        String query = uri.getRawQuery();
        if (query != null && !query.isEmpty()) {
            for (String pair : query.split("&")) {
                int eq = pair.indexOf('=');
                String key = java.net.URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), java.nio.charset.StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : java.net.URLDecoder.decode(pair.substring(eq + 1), java.nio.charset.StandardCharsets.UTF_8);
                if (key.equalsIgnoreCase("password")) {
                    throw new UserException("store.server.passwordInUrl");
                }
                if (key.equalsIgnoreCase("user")) {
                    user = value;
                } else {
                    params.put(key, value);
                }
            }
        }
        return new ServerAddress(host, uri.getPort() < 0 ? DEFAULT_PORT : uri.getPort(), path.substring(1), user, params);
    }

    /** The driver's address: the host, port, database and the parameters given (never the user or a password). */
    public String jdbcUrl() {
        StringBuilder s = new StringBuilder("jdbc:postgresql://");
        s.append(host.contains(":") ? "[" + host + "]" : host).append(':').append(port).append('/').append(database);
        String sep = "?";
        for (Map.Entry<String, String> p : params.entrySet()) {
            s.append(sep).append(java.net.URLEncoder.encode(p.getKey(), java.nio.charset.StandardCharsets.UTF_8))
                    .append('=').append(java.net.URLEncoder.encode(p.getValue(), java.nio.charset.StandardCharsets.UTF_8));
            sep = "&";
        }
        return s.toString();
    }

    /** How the address is shown to people: {@code user@host:port/database}. */
    @Override
    public String toString() {
        return user + "@" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port + "/" + database;
    }
}
