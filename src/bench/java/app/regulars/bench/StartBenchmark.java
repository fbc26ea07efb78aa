package app.regulars.bench;

import app.regulars.app.JvmOptions;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Start and memory at N customers ({@code ./mvnw -Pbench-start verify}): makes a store with the
 * {@code demo} command (customers, purchases, the story), then starts the built program on a
 * fresh copy of it four times and prints each figure next to its baseline from the same run:
 *
 * <ol>
 *   <li>as a person starts it, {@code java -jar target/regulars.jar}, which starts the window
 *       in a second JVM with the options of {@code jvm.options}: time to the window, to the
 *       first rows of the customer list, to the search index and to the end of the day's jobs;
 *       the memory of both processes;</li>
 *   <li>the window in a JVM with those options, used through its controls by
 *       {@link StartDriver} (searches, scrolling, profiles, the calendar, the insights): the same
 *       times, each search's time to its first row next to the same search through SQL, and the
 *       memory after that use, step by step and with the JVM's own account of it (Native Memory
 *       Tracking). Its classes come from a class data archive, as both real starts have them
 *       (java -jar's archive, the installed app's ahead-of-time cache): a first driven start makes
 *       it when the jar is newer, printed but not counted;</li>
 *   <li>the same with the JVM's default options (the baseline for memory);</li>
 *   <li>a JVM that only reads the first page with plain JDBC ({@link FirstPageProbe}: the
 *       floor for the first rows).</li>
 * </ol>
 *
 * The window needs a display: the session's ({@code DISPLAY}), else an Xvfb started here,
 * else JavaFX's headless platform, which the output then says (no X11 or GTK memory counted).
 * Options: {@code --customers N}, {@code --keep=DIR} (make the store there once, reuse it
 * after), {@code --jfr} or {@code --jfr=true} (record the second run with Flight Recorder: the heap
 * after each collection, the pauses), {@code --runs=jar,options,defaults,probes} (the runs to make,
 * all by default), {@code --options=...} (JVM options added after jvm.options in the run in use,
 * to weigh one before it goes into the file). The memory of a run in use: RSS sampled every
 * quarter second once the day's jobs are done (median and largest), at the end RSS, NMT, the
 * heap and the largest classes live after a full collection.
 */
public final class StartBenchmark {
    private static final long TIMEOUT_MS = 15 * 60_000;
    /** The program's own logging (a file in the data folder), not the tests' (the test classes are on the class path). */
    private static final List<String> ALL_RUNS = List.of("jar", "options", "defaults", "probes");
    private static final String LOG_CONFIG = "-D" + app.regulars.app.LogSetup.FORCE + "=true";

    private final Path jar;
    private final Path classes;
    private final Display display;
    private final boolean jfr;
    private final Path work;
    /** The runs to make (all by default): jar, options, defaults, probes. */
    private final java.util.Set<String> runs;
    /** JVM options added after jvm.options in the run in use (to weigh an option before it goes into the file). */
    private final List<String> extra;

    private StartBenchmark(Path jar, Path classes, Display display, boolean jfr, Path work, java.util.Set<String> runs, List<String> extra) {
        this.jar = jar;
        this.classes = classes;
        this.display = display;
        this.jfr = jfr;
        this.work = work;
        this.runs = runs;
        this.extra = extra;
    }

    public static void main(String[] args) throws Exception {
        int customers = 100_000;
        Path jar = Path.of("target/regulars.jar");
        Path classes = Path.of("target/test-classes");
        String keep = "";
        boolean jfr = false;
        java.util.Set<String> runs = new java.util.LinkedHashSet<>(ALL_RUNS);
        List<String> extra = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--customers" -> customers = Integer.parseInt(args[++i]);
                case "--jar" -> jar = Path.of(args[++i]);
                case "--classes" -> classes = Path.of(args[++i]);
                case "--jfr" -> jfr = true;
                default -> {
                    if (args[i].startsWith("--jfr=")) {
                        jfr = Boolean.parseBoolean(args[i].substring("--jfr=".length()));
                    } else if (args[i].startsWith("--keep=")) {
                        keep = args[i].substring("--keep=".length());
                    } else if (args[i].startsWith("--runs=")) {
                        String list = args[i].substring("--runs=".length()).strip();
                        if (!list.isEmpty()) {
                            runs.clear();
                            for (String r : list.split(",")) {
                                if (!ALL_RUNS.contains(r.strip())) {
                                    throw new IllegalArgumentException("Unknown run " + r + " (of " + ALL_RUNS + ")");
                                }
                                runs.add(r.strip());
                            }
                        }
                    } else if (args[i].startsWith("--options=")) {
                        String list = args[i].substring("--options=".length()).strip();
                        if (!list.isEmpty()) {
                            extra.addAll(List.of(list.split("\\s+")));
                        }
                    } else {
                        throw new IllegalArgumentException("Unknown argument " + args[i]);
                    }
                }
            }
        }
        Path work = Files.createTempDirectory("regulars-start-bench");
        Path store = keep.isBlank() ? work.resolve("store") : Path.of(keep).toAbsolutePath();
        try (Display display = Display.open()) {
            System.out.printf(Locale.ROOT, "Start benchmark: %,d customers; %s%n", customers, machine());
            System.out.println("Display: " + display.describe());
            StartBenchmark bench = new StartBenchmark(jar.toAbsolutePath(), classes.toAbsolutePath(), display, jfr, work, runs, extra);
            bench.makeStore(store, customers);
            bench.runAll(store);
            System.out.println("Load average at the end: " + loadAverage());
        } finally {
            deleteTree(work);
        }
    }

    private void makeStore(Path store, int customers) throws Exception {
        if (Files.exists(store.resolve("regulars.mv.db"))) {
            System.out.printf(Locale.ROOT, "Store: %s (kept from an earlier run, %.0f MB)%n", store, Files.size(store.resolve("regulars.mv.db")) / 1e6);
            return;
        }
        Files.createDirectories(store);
        System.out.printf(Locale.ROOT, "Store: making %,d customers with the demo command in %s ...%n", customers, store);
        long t0 = System.nanoTime();
        Process demo = new ProcessBuilder(java(), "-jar", jar.toString(), "--data-dir", store.toString(), "demo",
                "--customers", String.valueOf(customers)).redirectErrorStream(true).start();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(demo.getInputStream(), StandardCharsets.UTF_8))) {
            r.lines().forEach(line -> System.out.println("  demo: " + line));
        }
        if (demo.waitFor() != 0) {
            throw new IllegalStateException("The demo command failed");
        }
        System.out.printf(Locale.ROOT, "Store made in %.0f s: %.0f MB%n", (System.nanoTime() - t0) / 1e9,
                Files.size(store.resolve("regulars.mv.db")) / 1e6);
    }

    private void runAll(Path store) throws Exception {
        List<String> options = JvmOptions.load();
        System.out.println("JVM options (jvm.options): " + String.join(" ", options));
        String cp = classes + java.io.File.pathSeparator + jar;

        List<String> day = List.of("first-rows", "search-index", "day-started");
        List<String> used = List.of("first-rows", "search-index", "day-started", "scripted-use");
        if (runs.contains("jar")) {
            prepareArchive(store, day);
        }
        Run started = !runs.contains("jar") ? Run.skipped("java -jar")
                : launch("java -jar", store, List.of("-Dregulars.milestones=true", "-jar", jar.toString()), day, true);
        List<String> withOptions = new ArrayList<>(options);
        if (!extra.isEmpty()) {
            System.out.println("Added to jvm.options in the run in use: " + String.join(" ", extra));
            withOptions.addAll(extra);
        }
        withOptions.addAll(List.of("-D" + JvmOptions.MARK + "=true", "-XX:NativeMemoryTracking=summary"));
        // The window as both real starts have it, its classes mapped from an archive (java -jar's class
        // data archive, the installed app's ahead-of-time cache): the driver in a jar of its own (the JVM
        // archives no folder), the archive made by a first driven start, printed but not counted.
        String driven = driverJar() + java.io.File.pathSeparator + jar;
        Path drivenArchive = JvmOptions.classDataArchive(driven);
        List<String> sharing = JvmOptions.commandDataSharing(drivenArchive, driven);
        withOptions.addAll(sharing);
        List<String> driver = List.of("-Dregulars.milestones=true", LOG_CONFIG, "-cp", driven, StartDriver.class.getName());
        if (runs.contains("options") && !sharing.isEmpty() && !newer(drivenArchive, jar)) {
            System.out.println("Class data archive " + drivenArchive + ": none for the driven window; a first driven start makes it (not counted)");
            launch("options, used, first start", store, concat(withOptions, driver), used, true);
        }
        Path recording = work.resolve("start.jfr");
        if (jfr) {
            withOptions.add("-XX:StartFlightRecording=filename=" + recording + ",settings=default");
        }
        withOptions.addAll(driver);
        Run inUse = !runs.contains("options") ? Run.skipped("options, used") : launch("options, used", store, withOptions, used, true);
        Run defaults = !runs.contains("defaults") ? Run.skipped("JVM defaults, used")
                : launch("JVM defaults, used", store, List.of("-D" + JvmOptions.MARK + "=true", "-XX:NativeMemoryTracking=summary",
                "-Dregulars.milestones=true", "--enable-native-access=ALL-UNNAMED", LOG_CONFIG, "-cp", cp, StartDriver.class.getName()),
                used, true);
        boolean probes = runs.contains("probes");
        Run probe = !probes ? Run.skipped("plain JDBC") : launch("plain JDBC", store, List.of("-cp", cp, FirstPageProbe.class.getName()), List.of("first-rows"), false);
        Run sql = !probes ? Run.skipped("SQL searches") : launch("SQL searches", store, List.of("-cp", cp, SearchProbe.class.getName()), List.of("done"), false);

        System.out.println();
        System.out.println("| from the launch | `java -jar` (relaunches with jvm.options) | jvm.options, in use | JVM defaults, in use | plain JDBC first page |");
        System.out.println("| --- | --- | --- | --- | --- |");
        for (String m : List.of("main", "window", "store-open", "shell", "first-rows", "search-index", "slow-columns", "day-started")) {
            System.out.printf(Locale.ROOT, "| %s | %s | %s | %s | %s |%n", m, started.at(m), inUse.at(m), defaults.at(m),
                    m.equals("first-rows") ? probe.at(m) : "");
        }
        System.out.printf(Locale.ROOT, "| RSS at the end (MB) | %s | %s | %s | |%n", started.rss(), inUse.rss(), defaults.rss());
        System.out.printf(Locale.ROOT, "| peak RSS (MB) | %s | %s | %s | |%n", started.peak(), inUse.peak(), defaults.peak());
        System.out.printf(Locale.ROOT, "| RSS after the day's jobs, median (max) (MB) | %s | %s | %s | |%n", started.inUse(), inUse.inUse(),
                defaults.inUse());
        System.out.println();
        System.out.println("Targets at 100,000 customers: first rows within 2 s of the launch; a search within 50 ms once the"
                + " index is built; RSS at most 400 MB in use.");
        searches(inUse, defaults, sql);
        profiles(inUse);
        memory("jvm.options, in use", inUse);
        memory("JVM defaults, in use", defaults);
        if (jfr && Files.exists(recording)) {
            heapAfterGc(recording);
        }
        if (!unfinished.isEmpty()) {
            // a window that never opened (no display, no GTK) is a failed benchmark, not a table of blanks
            throw new IllegalStateException("Runs that did not reach their milestones: " + unfinished + " (their last output is above)");
        }
    }

    /** The runs that did not reach every milestone they waited for. */
    private final List<String> unfinished = new ArrayList<>();

    /**
     * The class data archive that {@code java -jar} gives the window's JVM (decision 0036) is made
     * when a window closes without one that matches the jar: after a build, a first start makes it
     * (its figures printed, not counted), so that the run measured is a start as a person has it
     * every day after the first.
     */
    private void prepareArchive(Path store, List<String> day) throws Exception {
        Path archive = JvmOptions.classDataArchive(jar.toString());
        if (!newer(archive, jar)) {
            System.out.println("Class data archive " + archive + ": none for this jar; a first start makes it (not counted)");
            launch("java -jar, first start", store, List.of("-Dregulars.milestones=true", "-jar", jar.toString()), day, true);
        }
        System.out.printf(Locale.ROOT, "Class data archive %s: %s%n", archive,
                Files.exists(archive) ? String.format(Locale.ROOT, "%.0f MB", Files.size(archive) / 1e6) : "not made");
    }

    /** Whether {@code file} is there and younger than {@code than}. */
    private static boolean newer(Path file, Path than) throws IOException {
        return Files.exists(file) && Files.getLastModifiedTime(file).compareTo(Files.getLastModifiedTime(than)) > 0;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    /**
     * {@link StartDriver}'s classes in a jar beside the program's ({@code regulars-start-driver.jar}),
     * written again only when they changed: the driven window's class path, which a class data
     * archive can hold.
     */
    private Path driverJar() throws IOException {
        Path driverJar = jar.resolveSibling("regulars-start-driver.jar");
        Path dir = classes.resolve(StartDriver.class.getPackageName().replace('.', '/'));
        List<Path> entries;
        try (var files = Files.list(dir)) {
            entries = files.filter(f -> f.getFileName().toString().startsWith(StartDriver.class.getSimpleName())).sorted().toList();
        }
        boolean current = Files.exists(driverJar);
        for (int i = 0; current && i < entries.size(); i++) {
            current = Files.getLastModifiedTime(entries.get(i)).compareTo(Files.getLastModifiedTime(driverJar)) < 0;
        }
        if (!current) {
            try (var out = new java.util.jar.JarOutputStream(Files.newOutputStream(driverJar))) {
                for (Path f : entries) {
                    out.putNextEntry(new java.util.jar.JarEntry(classes.relativize(f).toString().replace('\\', '/')));
                    Files.copy(f, out);
                    out.closeEntry();
                }
            }
        }
        return driverJar;
    }

    /**
     * Starts {@code java args} on a fresh copy of the store ({@code --data-dir COPY}, or the folder
     * as the last argument of a probe), waits for the {@code wanted} milestones, then measures
     * its memory (when {@code measure}) and ends it.
     */
    private Run launch(String name, Path store, List<String> args, List<String> wanted, boolean measure) throws Exception {
        Path copy = work.resolve("run-" + name.replaceAll("\\W+", "-"));
        deleteTree(copy);
        Files.createDirectories(copy);
        Files.copy(store.resolve("regulars.mv.db"), copy.resolve("regulars.mv.db"), StandardCopyOption.REPLACE_EXISTING);
        List<String> command = new ArrayList<>();
        command.add(java());
        command.addAll(display.jvmOptions());
        command.addAll(args);
        if (measure) {
            command.addAll(List.of("--data-dir", copy.toString()));
        } else {
            command.add(copy.toString());
        }
        System.out.printf(Locale.ROOT, "%nRun \"%s\" (load average %s) ...%n", name, loadAverage());
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().putAll(display.environment());
        if (name.startsWith("options")) {
            JvmOptions.environment(pb.environment()); // as java -jar starts the window: two malloc arenas (decision 0028)
        }
        long t0 = System.currentTimeMillis();
        Process p = pb.start();
        Run run = new Run(name, t0, p);
        Thread reader = Thread.ofPlatform().daemon().start(run::read);
        Thread sampler = Thread.ofPlatform().daemon().start(run::sample);
        long end = System.currentTimeMillis() + TIMEOUT_MS;
        while (!run.reachedAll(wanted) && p.isAlive() && System.currentTimeMillis() < end) {
            Thread.sleep(20);
        }
        if (measure) {
            Thread.sleep(2000); // let the last rows and columns settle
            sampler.interrupt();
            run.measure(true);
            p.toHandle().descendants().forEach(ProcessHandle::destroy);
            p.destroy();
        }
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
        reader.join(5000);
        if (!run.reachedAll(wanted)) {
            unfinished.add(name);
            System.out.println("  did not reach " + wanted + "; last output:");
            run.tail().forEach(l -> System.out.println("    " + l));
        }
        System.out.println("  " + run.summary());
        deleteTree(copy);
        return run;
    }

    private static void profiles(Run used) {
        if (used.profiles.size() < 2) {
            return;
        }
        List<Double> rest = used.profiles.subList(1, used.profiles.size());
        System.out.println();
        System.out.printf(Locale.ROOT, "Profiles opened from the list (jvm.options, in use), from the call to the frame that shows"
                + " the profile: the first %.1f ms (its nodes meet CSS and layout for the first time), the next %d median %.1f ms, max %.1f ms%n",
                used.profiles.getFirst(), rest.size(), median(rest), max(rest));
    }

    private static void searches(Run used, Run defaults, Run sql) {
        System.out.println();
        System.out.println("Searches typed into the list once the index is built, from the text set to the first row on screen,"
                + " next to the same search and first page through SQL (the list's path until the index is ready; in a JVM of"
                + " its own on the same data, after the runs), ms:");
        System.out.println("| query | matches | jvm.options | JVM defaults | SQL |");
        System.out.println("| --- | --- | --- | --- | --- |");
        Map<String, String> other = new LinkedHashMap<>();
        defaults.searches.forEach(s -> other.put(s[0], s[1]));
        Map<String, String> bySql = new LinkedHashMap<>();
        sql.sql.forEach(s -> bySql.put(s[0], s[1]));
        List<Double> list = new ArrayList<>();
        List<Double> plain = new ArrayList<>();
        for (String[] s : used.searches) {
            System.out.printf(Locale.ROOT, "| %s | %s | %s | %s | %s |%n", s[0].replace('_', ' '), s[2], s[1],
                    other.getOrDefault(s[0], "–"), bySql.getOrDefault(s[0], "–"));
            list.add(Double.parseDouble(s[1]));
            if (bySql.containsKey(s[0])) {
                plain.add(Double.parseDouble(bySql.get(s[0])));
            }
        }
        if (!list.isEmpty() && !plain.isEmpty()) {
            System.out.printf(Locale.ROOT, "list (jvm.options): median %.1f ms, max %.1f ms; SQL: median %.1f ms, max %.1f ms%n",
                    median(list), max(list), median(plain), max(plain));
        }
    }

    private static void memory(String name, Run run) {
        System.out.println();
        if (!run.steps.isEmpty()) {
            System.out.printf(Locale.ROOT, "The use step by step, %s (sampled every 50 ms inside the window's JVM; the heap as the collector had it"
                    + " at the step's largest RSS), MB:%n", name);
            System.out.println("| step | largest RSS | heap committed | heap used | non-heap committed | RSS outside the heap |");
            System.out.println("| --- | --- | --- | --- | --- | --- |");
            for (String[] s : run.steps) {
                long rss = Long.parseLong(s[1]);
                long committed = Long.parseLong(s[2]);
                System.out.printf(Locale.ROOT, "| %s | %.0f | %.0f | %.0f | %.0f | %.0f |%n", s[0], rss / 1024.0, committed / 1024.0,
                        Long.parseLong(s[3]) / 1024.0, Long.parseLong(s[4]) / 1024.0, (rss - committed) / 1024.0);
            }
        }
        System.out.printf(Locale.ROOT, "Where the memory goes, %s (RSS %s MB; %s):%n", name, run.rss(), run.rollup);
        if (run.nmt.isEmpty()) {
            System.out.println("  (no Native Memory Tracking summary)");
            return;
        }
        long total = run.nmt.getOrDefault("Total", 0L);
        run.nmt.entrySet().stream().filter(e -> !e.getKey().equals("Total") && e.getValue() >= 1024)
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(e -> System.out.printf(Locale.ROOT, "  %-24s %6.1f MB committed%n", e.getKey(), e.getValue() / 1024.0));
        System.out.printf(Locale.ROOT, "  %-24s %6.1f MB committed%n", "JVM total (NMT)", total / 1024.0);
        run.heap.forEach(l -> System.out.println("  heap: " + l));
        if (run.rssKb > total) {
            System.out.printf(Locale.ROOT, "  %-24s %6.1f MB (RSS minus what the JVM tracks: native libraries, JavaFX, GTK, fonts, malloc outside the JVM)%n",
                    "outside NMT", (run.rssKb - total) / 1024.0);
        } else if (run.rssKb > 0) {
            System.out.println("  (the JVM committed more than the process has touched: RSS is below its total)");
        }
        if (!run.liveHistogram.isEmpty()) {
            System.out.println("  live objects after a full collection (jcmd GC.class_histogram, after the RSS was read), the largest classes:");
            run.liveHistogram.forEach(l -> System.out.println("    " + l.strip()));
            System.out.println("    " + run.liveTotal);
        }
    }

    private static void heapAfterGc(Path recording) throws IOException {
        long peak = 0;
        long last = 0;
        int gcs = 0;
        double pauses = 0;
        double longest = 0;
        for (RecordedEvent e : RecordingFile.readAllEvents(recording)) {
            switch (e.getEventType().getName()) {
                case "jdk.GCHeapSummary" -> {
                    if ("After GC".equals(e.getString("when"))) {
                        last = e.getLong("heapUsed");
                        peak = Math.max(peak, last);
                    }
                }
                case "jdk.GarbageCollection" -> {
                    gcs++;
                    double ms = e.getDuration("sumOfPauses").toNanos() / 1e6;
                    pauses += ms;
                    longest = Math.max(longest, ms);
                }
                default -> { }
            }
        }
        System.out.println();
        System.out.printf(Locale.ROOT, "Flight Recorder, jvm.options run: heap in use after GC peak %.0f MB, last %.0f MB; %d collections,"
                + " pauses %.0f ms in all, longest %.0f ms%n", peak / 1e6, last / 1e6, gcs, pauses, longest);
    }

    private static double median(List<Double> v) {
        List<Double> s = v.stream().sorted().toList();
        return s.get(s.size() / 2);
    }

    private static double max(List<Double> v) {
        return v.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }

    /** One launch: its milestones, searches and memory as read from outside. */
    private static final class Run {
        final String name;
        final long started;
        final Process process;
        final Map<String, Long> milestones = new ConcurrentHashMap<>();
        final List<String[]> searches = new CopyOnWriteArrayList<>();
        /** Each profile opened, in order: ms from the call to the frame that shows it. */
        final List<Double> profiles = new CopyOnWriteArrayList<>();
        final List<String[]> sql = new CopyOnWriteArrayList<>();
        /** The driver's steps in use: step, largest RSS, heap committed and used then, non-heap committed (KB). */
        final List<String[]> steps = new CopyOnWriteArrayList<>();
        final List<String> lines = new CopyOnWriteArrayList<>();
        final Map<String, Long> nmt = new LinkedHashMap<>();
        /** RSS in KB every quarter second once the day's jobs are done, until the memory is measured. */
        final List<Long> rssInUse = new CopyOnWriteArrayList<>();
        long rssKb;
        long peakKb;
        long launcherRssKb;
        String rollup = "";
        List<String> heap = List.of();
        List<String> liveHistogram = List.of();
        String liveTotal = "";

        /** A run left out ({@code --runs}): its figures are dashes. */
        static Run skipped(String name) {
            return new Run(name, 0, null);
        }

        Run(String name, long started, Process process) {
            this.name = name;
            this.started = started;
            this.process = process;
        }

        void read() {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    lines.add(line);
                    if (lines.size() > 400) {
                        lines.removeFirst();
                    }
                    String[] f = line.trim().split(" ");
                    if (f[0].equals("regulars-milestone") && f.length == 3) {
                        milestones.putIfAbsent(f[1], Long.parseLong(f[2]) - started);
                    } else if (f[0].equals("regulars-bench") && f.length == 5 && f[1].equals("search")) {
                        searches.add(new String[]{f[2], f[3], f[4]});
                    } else if (f[0].equals("regulars-bench") && f.length == 4 && f[1].equals("profile")) {
                        profiles.add(Double.parseDouble(f[3]));
                    } else if (f[0].equals("regulars-bench") && f.length == 7 && f[1].equals("memory")) {
                        steps.add(java.util.Arrays.copyOfRange(f, 2, 7));
                    } else if (f[0].equals("regulars-bench") && f.length == 5 && f[1].equals("sql")) {
                        sql.add(new String[]{f[2], f[3], f[4]});
                    } else if (f[0].equals("regulars-bench") && f[1].equals("failed")) {
                        System.out.println("  driver: " + line);
                    }
                }
            } catch (IOException e) {
                lines.add("(output ended: " + e.getMessage() + ")");
            }
        }

        boolean reachedAll(List<String> wanted) {
            return milestones.keySet().containsAll(wanted);
        }

        /** The window's JVM: the launched process, or its child when it started the window in a JVM of its own. */
        ProcessHandle app() {
            return process.toHandle().children().findFirst().orElse(process.toHandle());
        }

        void measure(boolean withNmt) throws Exception {
            if (process == null || !process.isAlive()) {
                return;
            }
            ProcessHandle app = app();
            rssKb = status(app.pid(), "VmRSS");
            peakKb = status(app.pid(), "VmHWM");
            if (app.pid() != process.pid()) {
                launcherRssKb = status(process.pid(), "VmRSS");
            }
            rollup = rollup(app.pid());
            if (withNmt) {
                String out = jcmd(app.pid(), "VM.native_memory", "summary");
                for (String line : out.split("\n")) {
                    String t = line.trim();
                    var m = java.util.regex.Pattern.compile("^-?\\s*([A-Za-z][A-Za-z ]*?) \\(reserved=\\d+KB, committed=(\\d+)KB").matcher(t);
                    if (m.find()) {
                        nmt.put(m.group(1).trim(), Long.parseLong(m.group(2)));
                    } else if (t.startsWith("Total:")) {
                        var tm = java.util.regex.Pattern.compile("committed=(\\d+)KB").matcher(t);
                        if (tm.find()) {
                            nmt.put("Total", Long.parseLong(tm.group(1)));
                        }
                    }
                }
                // The heap as the collector sees it, then what is live in it (the histogram collects first).
                heap = jcmd(app.pid(), "GC.heap_info").lines().filter(l -> l.contains("total") || l.contains("used"))
                        .map(l -> l.replaceAll("\\[0x[^]]*\\)", "").strip()).filter(l -> !l.isEmpty()).toList();
                List<String> histogram = jcmd(app.pid(), "GC.class_histogram").lines().toList();
                liveHistogram = histogram.stream().filter(l -> l.matches("\\s*\\d+:\\s+\\d+.*")).limit(20).toList();
                histogram.stream().filter(l -> l.startsWith("Total")).findFirst().ifPresent(t -> liveTotal = t.strip());
            }
        }

        private static String jcmd(long pid, String... command) throws Exception {
            List<String> args = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(), String.valueOf(pid)));
            args.addAll(List.of(command));
            Process jcmd = new ProcessBuilder(args).redirectErrorStream(true).start();
            String out = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            jcmd.waitFor();
            return out;
        }

        String at(String milestone) {
            Long ms = milestones.get(milestone);
            return ms == null ? "–" : String.format(Locale.ROOT, "%.2f s", ms / 1000.0);
        }

        String rss() {
            if (rssKb == 0) {
                return "–";
            }
            return launcherRssKb > 0
                    ? String.format(Locale.ROOT, "%.0f (+ launcher %.0f)", rssKb / 1024.0, launcherRssKb / 1024.0)
                    : String.format(Locale.ROOT, "%.0f", rssKb / 1024.0);
        }

        String peak() {
            return peakKb == 0 ? "–" : String.format(Locale.ROOT, "%.0f", peakKb / 1024.0);
        }

        List<String> tail() {
            return lines.subList(Math.max(0, lines.size() - 30), lines.size());
        }

        /** Samples the window's RSS from the end of the day's jobs (the app in use) until interrupted. */
        void sample() {
            try {
                while (!milestones.containsKey("day-started")) {
                    if (!process.isAlive()) {
                        return;
                    }
                    Thread.sleep(250);
                }
                while (process.isAlive()) {
                    long kb = status(app().pid(), "VmRSS");
                    if (kb > 0) {
                        rssInUse.add(kb);
                    }
                    Thread.sleep(250);
                }
            } catch (InterruptedException e) {
                // measured: done
            }
        }

        /** The median and the largest RSS sampled after the day's jobs, in MB. */
        String inUse() {
            if (rssInUse.isEmpty()) {
                return "–";
            }
            List<Long> sorted = rssInUse.stream().sorted().toList();
            return String.format(Locale.ROOT, "%.0f (%.0f)", sorted.get(sorted.size() / 2) / 1024.0, sorted.getLast() / 1024.0);
        }

        String summary() {
            return String.format(Locale.ROOT, "%s: window %s, first rows %s, search index %s, day started %s, RSS %s MB, peak %s MB,"
                    + " after the day's jobs median (max) %s MB", name, at("window"), at("first-rows"), at("search-index"), at("day-started"),
                    rss(), peak(), inUse());
        }
    }

    private static long status(long pid, String key) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
                if (line.startsWith(key + ":")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
        return 0;
    }

    /** Of the RSS: anonymous memory, file-backed pages (libraries, the class data archive) and shared memory. */
    private static String rollup(long pid) {
        try {
            Map<String, Long> v = new LinkedHashMap<>();
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "smaps_rollup"))) {
                String[] f = line.split(":\\s+");
                if (f.length == 2 && f[1].endsWith(" kB")) {
                    v.put(f[0], Long.parseLong(f[1].replace(" kB", "").trim()));
                }
            }
            long rss = v.getOrDefault("Rss", 0L);
            long anon = v.getOrDefault("Anonymous", 0L);
            return String.format(Locale.ROOT, "anonymous %.0f MB, files and shared memory %.0f MB, PSS %.0f MB",
                    anon / 1024.0, (rss - anon) / 1024.0, v.getOrDefault("Pss", 0L) / 1024.0);
        } catch (IOException | RuntimeException e) {
            return "no smaps_rollup";
        }
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    static String machine() {
        String cpu = "?";
        long memKb = 0;
        try {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name")).findFirst()
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("?");
            memKb = Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal")).findFirst()
                    .map(l -> Long.parseLong(l.replaceAll("\\D", ""))).orElse(0L);
        } catch (IOException e) {
            // not Linux: leave it out
        }
        return String.format(Locale.ROOT, "%d cores (%s), %.1f GB, %s %s, Java %s, load average %s",
                Runtime.getRuntime().availableProcessors(), cpu, memKb / 1024.0 / 1024.0, System.getProperty("os.name"),
                System.getProperty("os.version"), System.getProperty("java.version"), loadAverage());
    }

    static String loadAverage() {
        try {
            return String.join(" ", List.of(Files.readString(Path.of("/proc/loadavg")).split(" ")).subList(0, 3));
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** Where the window is shown: the session's display, an Xvfb of our own, or JavaFX's headless platform. */
    static final class Display implements AutoCloseable {
        private final String name;
        private final Process xvfb;

        private Display(String name, Process xvfb) {
            this.name = name;
            this.xvfb = xvfb;
        }

        static Display open() throws Exception {
            String session = System.getenv("DISPLAY");
            if (session != null && !session.isBlank()) {
                return new Display(session, null);
            }
            Optional<Path> xvfb = Stream.of(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                    .map(d -> Path.of(d, "Xvfb")).filter(Files::isExecutable).findFirst();
            if (xvfb.isPresent()) {
                for (int n = 90; n < 100; n++) {
                    if (Files.exists(Path.of("/tmp/.X11-unix/X" + n)) || Files.exists(Path.of("/tmp/.X" + n + "-lock"))) {
                        continue;
                    }
                    Process p = new ProcessBuilder(xvfb.get().toString(), ":" + n, "-screen", "0", "1920x1080x24", "-nolisten", "tcp")
                            .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                    for (int i = 0; i < 100 && p.isAlive() && !Files.exists(Path.of("/tmp/.X11-unix/X" + n)); i++) {
                        Thread.sleep(50);
                    }
                    if (p.isAlive()) {
                        return new Display(":" + n, p);
                    }
                }
            }
            return new Display(null, null);
        }

        List<String> jvmOptions() {
            return name == null ? List.of("-Dglass.platform=Headless", "-Dprism.order=sw") : List.of();
        }

        Map<String, String> environment() {
            return name == null ? Map.of() : Map.of("DISPLAY", name);
        }

        String describe() {
            if (name == null) {
                return "NO DISPLAY and no Xvfb: the window runs on JavaFX's headless platform with software rendering, so the"
                        + " figures leave out what a real window costs (X11, GTK, the desktop's fonts); install Xvfb"
                        + " (apt-get install xvfb) or run in a desktop session for the real figures";
            }
            return xvfb != null ? "Xvfb " + name + " started for the benchmark (no GPU: JavaFX draws in software)" : "the session's " + name;
        }

        @Override
        public void close() {
            if (xvfb != null) {
                xvfb.destroy();
            }
        }
    }
}
