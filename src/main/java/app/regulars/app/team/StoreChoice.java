package app.regulars.app.team;

import app.regulars.store.ServerAddress;
import app.regulars.tables.AtomicFile;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

/**
 * Which store the window opens (issue 17, docs/decisions/0034-the-window-on-a-shared-store.md):
 * this computer's file in the data folder, or a shared store on a PostgreSQL server. Kept in the
 * data folder's {@value #FILE_NAME} and not in the store, since it says which store to open; the
 * server's address only, never a password (that goes to the system's {@link CredentialStore}).
 * No file: not chosen yet (a first start) or a folder from before team mode, which is the file.
 *
 * @param server the shared store, or empty for this computer's file
 */
public record StoreChoice(Optional<ServerAddress> server) {
    public static final String FILE_NAME = "store-choice.properties";
    /** This computer's file. */
    public static final StoreChoice LOCAL = new StoreChoice(Optional.empty());

    public static StoreChoice server(ServerAddress address) {
        return new StoreChoice(Optional.of(address));
    }

    public boolean shared() {
        return server.isPresent();
    }

    /** The choice kept in {@code dataDirectory}; empty when none was made there. A file that cannot be read is no choice. */
    public static Optional<StoreChoice> read(Path dataDirectory) {
        Path file = dataDirectory.resolve(FILE_NAME);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            p.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            org.slf4j.LoggerFactory.getLogger(StoreChoice.class).warn("Could not read {}", file, e);
            return Optional.empty();
        }
        String url = p.getProperty("server", "").strip();
        if (!"server".equals(p.getProperty("store", "file")) || url.isEmpty()) {
            return Optional.of(LOCAL);
        }
        try {
            return Optional.of(server(ServerAddress.parse(url)));
        } catch (RuntimeException e) {
            org.slf4j.LoggerFactory.getLogger(StoreChoice.class).warn("The shared store's address in {} is none: {}", file, url);
            return Optional.empty();
        }
    }

    /** Keeps this choice in {@code dataDirectory} (whole or not at all). */
    public void write(Path dataDirectory) {
        String text = "# Which store Regulars opens: file (this computer) or server (a shared store). No password here.\n"
                + "store=" + (shared() ? "server" : "file") + "\n"
                + (shared() ? "server=" + url(server.get()) + "\n" : "");
        AtomicFile.write(dataDirectory.resolve(FILE_NAME), out -> {
            out.write(text.getBytes(StandardCharsets.UTF_8));
            return null;
        });
    }

    /** {@code address} as {@code postgresql://user@host:port/database?params}, the form {@link ServerAddress#parse} reads. */
    public static String url(ServerAddress address) {
        String jdbc = address.jdbcUrl(); // jdbc:postgresql://host:port/database?params
        String rest = jdbc.substring("jdbc:postgresql://".length());
        return "postgresql://" + java.net.URLEncoder.encode(address.user(), StandardCharsets.UTF_8) + "@" + rest;
    }
}
