package app.regulars.store;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Where the user's data lives: {@code --data-dir}, else {@value #ENV}, else the platform's
 * data folder (XDG data home on Linux, Application Support on macOS, %APPDATA% on Windows).
 */
public final class DataDirectory {
    public static final String ENV = "REGULARS_DATA_DIR";
    static final String APP_FOLDER = "Regulars";

    private DataDirectory() {
    }

    public static Path resolve(Path explicit) {
        return resolve(explicit, System.getenv(), System.getProperty("os.name", ""), System.getProperty("user.home", "."));
    }

    static Path resolve(Path explicit, Map<String, String> env, String osName, String userHome) {
        if (explicit != null) {
            return explicit.toAbsolutePath().normalize();
        }
        String fromEnv = env.get(ENV);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return Path.of(fromEnv).toAbsolutePath().normalize();
        }
        return platformFolder(Kind.DATA, env, osName, userHome);
    }

    /** The per-user folders a platform gives an application: its data, and what can be made again. */
    public enum Kind {
        /** The user's data: the store, its backups, the log. */
        DATA,
        /** What can be made again (the window JVM's class data archive, decision 0036). */
        CACHE
    }

    /** This user's platform folder of {@code kind} for Regulars, from this process's environment. */
    public static Path platformFolder(Kind kind) {
        return platformFolder(kind, System.getenv(), System.getProperty("os.name", ""), System.getProperty("user.home", "."));
    }

    /**
     * This user's platform folder of {@code kind} for Regulars. Windows: {@code %APPDATA%\Regulars}
     * and {@code %LOCALAPPDATA%\Regulars\Cache}; macOS: {@code ~/Library/Application Support/Regulars}
     * and {@code ~/Library/Caches/Regulars}; elsewhere the XDG folders ({@code $XDG_DATA_HOME} or
     * {@code ~/.local/share}, {@code $XDG_CACHE_HOME} or {@code ~/.cache}; a relative one is ignored,
     * as the XDG specification says) with a folder {@code regulars} in them.
     */
    static Path platformFolder(Kind kind, Map<String, String> env, String osName, String userHome) {
        String os = osName.toLowerCase(Locale.ROOT);
        Path home = Path.of(userHome);
        if (os.startsWith("windows")) {
            return kind == Kind.DATA
                    ? given(env, "APPDATA").orElse(home.resolve("AppData").resolve("Roaming")).resolve(APP_FOLDER)
                    : given(env, "LOCALAPPDATA").orElse(home.resolve("AppData").resolve("Local")).resolve(APP_FOLDER).resolve("Cache");
        }
        if (os.startsWith("mac")) {
            return home.resolve("Library").resolve(kind == Kind.DATA ? "Application Support" : "Caches").resolve(APP_FOLDER);
        }
        Path base = kind == Kind.DATA
                ? given(env, "XDG_DATA_HOME").filter(Path::isAbsolute).orElse(home.resolve(".local").resolve("share"))
                : given(env, "XDG_CACHE_HOME").filter(Path::isAbsolute).orElse(home.resolve(".cache"));
        return base.resolve(APP_FOLDER.toLowerCase(Locale.ROOT));
    }

    /** The folder named by the environment variable {@code name}, when it is set and not blank. */
    private static java.util.Optional<Path> given(Map<String, String> env, String name) {
        String value = env.get(name);
        return value == null || value.isBlank() ? java.util.Optional.empty() : java.util.Optional.of(Path.of(value));
    }

    private static final Set<PosixFilePermission> OWNER_DIR = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");

    /** Whether the file system has POSIX permissions (Linux, macOS; not Windows, where the profile folder is the user's alone). */
    static boolean posix(Path dir) {
        return dir.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    /**
     * Makes the data folder when it is missing, readable only by its user (700) where the file
     * system has POSIX permissions; a folder that exists is left as the user made it (it may be
     * one they chose and share), the data files in it are restricted by {@link #restrictFiles}.
     */
    public static void create(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        if (dir.getParent() != null) {
            Files.createDirectories(dir.getParent());
        }
        if (posix(dir)) {
            Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(OWNER_DIR));
            Files.setPosixFilePermissions(dir, OWNER_DIR); // the umask may have taken some away, never added
        } else {
            Files.createDirectories(dir);
        }
    }

    /**
     * The files of the data folder (the database, its lock and trace files, and what else is in
     * it at the top, logs and backups folders' files included) readable and writable only by
     * their user (600) where the file system has POSIX permissions. Run when the store opens:
     * H2 creates its file with the process's umask (often 644).
     */
    public static void restrictFiles(Path dir) throws IOException {
        if (!posix(dir)) {
            return;
        }
        restrict(dir, 2);
    }

    private static void restrict(Path dir, int depth) throws IOException {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path p : entries) {
                if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    if (!Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS).equals(OWNER_FILE)) {
                        Files.setPosixFilePermissions(p, OWNER_FILE);
                    }
                } else if (depth > 1 && Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    restrict(p, depth - 1);
                }
            }
        }
    }

}
