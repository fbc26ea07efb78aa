package app.regulars.bench;

import app.regulars.app.AppContext;
import app.regulars.store.Database;
import app.regulars.store.Password;
import app.regulars.testing.TestPostgres;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The engines a service-level benchmark runs on (issue 17 item 7): {@code -Dbench.engine=h2} (the
 * default), {@code postgresql} or {@code both}. PostgreSQL is the tests' own server
 * ({@code testing/TestPostgres}: PostgreSQL 18 from Maven Central, started on this machine, fsync
 * and synchronous commit off as for the tests), a new database per run; the data folder then holds
 * only the log. Each benchmark notes its headline figures here per engine, and {@link #printSideBySide}
 * prints each PostgreSQL figure next to the H2 one measured in the same run.
 */
final class Engines {
    /** The system property that chooses the engines. */
    static final String PROPERTY = "bench.engine";

    private static final Map<String, Map<Database.Engine, String>> FIGURES = new LinkedHashMap<>();

    private Engines() {
    }

    /** The engines {@value #PROPERTY} asks for, H2 first. */
    static List<Database.Engine> selected() {
        String asked = System.getProperty(PROPERTY, "h2").strip().toLowerCase(Locale.ROOT);
        return switch (asked) {
            case "h2", "" -> List.of(Database.Engine.H2_FILE);
            case "postgresql", "postgres", "pg" -> List.of(Database.Engine.POSTGRESQL);
            case "both" -> List.of(Database.Engine.H2_FILE, Database.Engine.POSTGRESQL);
            default -> throw new IllegalArgumentException("-D" + PROPERTY + "=h2|postgresql|both, not " + asked);
        };
    }

    /** Each folder's database on the tests' server: the same folder, the same database. */
    private static final Map<Path, String> DATABASES = new java.util.HashMap<>();

    /**
     * The store of {@code dir} on {@code engine}: the file in {@code dir}, or the folder's database on
     * the tests' server (new and empty the first time; the log in {@code dir}).
     */
    static AppContext open(Database.Engine engine, Path dir, Clock clock, Locale locale) {
        if (engine == Database.Engine.H2_FILE) {
            return AppContext.open(dir, clock, locale);
        }
        return AppContext.open(TestPostgres.get().address(databaseOf(dir)), Password.of(TestPostgres.PASSWORD), dir, clock, locale);
    }

    /** {@link #open} without the features: the bare store, for a benchmark's plain-JDBC baseline. */
    static Database database(Database.Engine engine, Path dir) {
        if (engine == Database.Engine.H2_FILE) {
            return Database.open(dir);
        }
        try {
            java.nio.file.Files.createDirectories(dir);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return Database.connect(TestPostgres.get().address(databaseOf(dir)), Password.of(TestPostgres.PASSWORD), dir);
    }

    private static synchronized String databaseOf(Path dir) {
        return DATABASES.computeIfAbsent(dir.toAbsolutePath().normalize(), d -> TestPostgres.get().emptyDatabase());
    }

    /** How the figures name {@code engine}. */
    static String name(Database.Engine engine) {
        return engine == Database.Engine.H2_FILE ? "H2 file" : "PostgreSQL 18 (same machine)";
    }

    /** Rows numbered {@code from} to {@code to} as {@code x} (BIGINT): H2's {@code SYSTEM_RANGE}, PostgreSQL's {@code generate_series}. */
    static String range(Database.Engine engine, long from, long to) {
        return engine == Database.Engine.H2_FILE ? "SYSTEM_RANGE(" + from + ", " + to + ")"
                : "generate_series(CAST(" + from + " AS BIGINT), CAST(" + to + " AS BIGINT)) AS r(x)";
    }

    /** Notes {@code figure} of {@code what} on {@code engine}, for {@link #printSideBySide}. */
    static void put(String what, Database.Engine engine, String figure) {
        FIGURES.computeIfAbsent(what, k -> new LinkedHashMap<>()).put(engine, figure);
    }

    /** Prints every noted figure, the engines side by side, under {@code title}; then forgets them. */
    static void printSideBySide(String title) {
        List<Database.Engine> engines = new ArrayList<>();
        FIGURES.values().forEach(m -> m.keySet().forEach(e -> {
            if (!engines.contains(e)) {
                engines.add(e);
            }
        }));
        engines.sort(null);
        if (engines.size() < 2) {
            FIGURES.clear();
            return;
        }
        System.out.println();
        System.out.println(title + ", the engines side by side (same run, same data):");
        StringBuilder head = new StringBuilder(String.format(Locale.ROOT, "%-52s", ""));
        engines.forEach(e -> head.append(String.format(Locale.ROOT, " | %-30s", name(e))));
        System.out.println(head);
        FIGURES.forEach((what, byEngine) -> {
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-52s", what));
            engines.forEach(e -> line.append(String.format(Locale.ROOT, " | %-30s", byEngine.getOrDefault(e, "-"))));
            System.out.println(line);
        });
        FIGURES.clear();
    }
}
