package app.regulars.bench;

import app.regulars.app.demo.SampleShop;
import app.regulars.customer.Customer;
import app.regulars.customer.CustomerCsvExporter;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * Duplicates on import (decision 0024), before and after, in the same run: {@code import customers}
 * of N sample customers (as {@code export customers} writes them, card numbers C0000001...) into an
 * empty store, then the same file again, by a build before the change ({@code --baseline DIR}: its
 * {@code target} folder, {@code regulars.jar} and {@code lib/}) and by this one ({@code --current
 * DIR}), each in a class loader of its own, called the way the command does (open the store, import,
 * close), the clock around the import alone. The build before adds every row and refuses a file whose
 * card numbers are taken, so the file again is refused in its check pass; this one skips the
 * customers already there (the default), fills them ({@code update}) or overwrites them
 * ({@code update --overwrite}). Each step in a fresh folder per round; rounds alternate which build
 * goes first. Then the same rows without their card numbers (a list from another till): the build
 * before adds them all again, as copies; this one finds them by phone and skips or fills them.
 * Prints, per step, the best and the median wall time, the least process CPU time, and rows a
 * second at the best wall time.
 *
 * <pre>
 * ./mvnw -B -o -Pbench-import test-compile -DskipTests &amp;&amp; ./mvnw -B -o package -DskipTests
 * ./mvnw -B -o dependency:build-classpath -Dmdep.outputFile=cp.txt
 * java -cp target/classes:target/test-classes:$(cat cp.txt) app.regulars.bench.DuplicateImportBenchmark \
 *     --customers 20000 --baseline /tmp/regulars-base/target --current target [--rounds 2]
 * </pre>
 */
public final class DuplicateImportBenchmark {
    private DuplicateImportBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int customers = 20_000;
        int rounds = 2;
        Path baseline = null;
        Path current = Path.of("target");
        for (int i = 0; i + 1 < args.length; i++) {
            switch (args[i]) {
                case "--customers" -> customers = Integer.parseInt(args[i + 1]);
                case "--rounds" -> rounds = Integer.parseInt(args[i + 1]);
                case "--baseline" -> baseline = Path.of(args[i + 1]);
                case "--current" -> current = Path.of(args[i + 1]);
                default -> { }
            }
        }
        if (baseline == null) {
            throw new IllegalArgumentException("--baseline DIR: the target folder of a build before the change");
        }
        Path work = Files.createTempDirectory("regulars-bench-dup");
        try (Build before = new Build("before", baseline); Build after = new Build("after", current)) {
            System.out.printf(Locale.ROOT, "duplicate import benchmark: %,d customers, %d rounds; %d cores, load average %.1f%n",
                    customers, rounds, Runtime.getRuntime().availableProcessors(), load());
            Path file = work.resolve("customers.csv");
            write(file, customers, true);
            Path noCodes = work.resolve("customers-without-card-numbers.csv");
            write(noCodes, customers, false);
            Path small = work.resolve("warm-up.csv");
            write(small, 2_000, true);
            System.out.printf(Locale.ROOT, "file: %.1f MB%n", Files.size(file) / 1e6);
            for (Build b : List.of(before, after)) { // compile both builds' code before the clock runs
                Path dir = work.resolve("warm-up-" + b.label);
                b.run(dir, small, null);
                b.run(dir, small, b == after ? "SKIP" : null);
                if (b == after) {
                    b.run(dir, small, "FILL");
                }
            }
            Map<String, List<Figures>> results = new LinkedHashMap<>();
            for (int round = 0; round < rounds; round++) {
                List<Build> order = round % 2 == 0 ? List.of(before, after) : List.of(after, before);
                for (Build b : order) {
                    Path dir = work.resolve("r" + round + "-" + b.label);
                    add(results, b.label + ": into an empty store", b.run(dir, file, b == after ? "SKIP" : null));
                    if (b == before) {
                        add(results, "before: the same file again (refused: card numbers taken)", b.run(dir, file, null));
                        add(results, "before: the same rows without card numbers (copies)", b.run(dir, noCodes, null));
                    } else {
                        add(results, "after: the same file again, skip (the default)", b.run(dir, file, "SKIP"));
                        add(results, "after: the same file again, update", b.run(dir, file, "FILL"));
                        add(results, "after: the same file again, update --overwrite", b.run(dir, file, "OVERWRITE"));
                        add(results, "after: the same rows without card numbers, skip", b.run(dir, noCodes, "SKIP"));
                        add(results, "after: the same rows without card numbers, update", b.run(dir, noCodes, "FILL"));
                    }
                    delete(dir);
                }
            }
            System.out.printf(Locale.ROOT, "%n%-58s %8s %8s %8s %10s  %s%n", "step (" + rounds + " rounds)", "best s", "median s",
                    "CPU s", "rows/s", "added/updated/skipped/rejected");
            for (Map.Entry<String, List<Figures>> e : results.entrySet()) {
                List<Figures> all = e.getValue().stream().sorted(Comparator.comparingDouble(Figures::wall)).toList();
                Figures best = all.getFirst();
                double median = all.size() % 2 == 1 ? all.get(all.size() / 2).wall
                        : (all.get(all.size() / 2 - 1).wall + all.get(all.size() / 2).wall) / 2;
                double leastCpu = all.stream().mapToDouble(Figures::cpu).min().orElseThrow();
                System.out.printf(Locale.ROOT, "%-58s %8.2f %8.2f %8.2f %,10.0f  %s%n", e.getKey(), best.wall, median, leastCpu,
                        customers / best.wall, best.counts);
            }
            System.out.printf(Locale.ROOT, "load average at the end %.1f%n", load());
        } finally {
            delete(work);
        }
    }

    private static void add(Map<String, List<Figures>> results, String step, Figures f) {
        results.computeIfAbsent(step, k -> new ArrayList<>()).add(f);
    }

    private record Figures(double wall, double cpu, String counts) {
    }

    /** N sample customers as the export writes them, with card numbers C0000001... or none (matched by phone then). */
    private static void write(Path file, int n, boolean codes) throws IOException {
        List<Customer> sample = new ArrayList<>(n);
        int i = 0;
        for (Customer c : new SampleShop(20240101L, LocalDate.now()).customers(n)) {
            ++i;
            sample.add(c.toBuilder().code(codes ? String.format(Locale.ROOT, "C%07d", i) : null).build());
        }
        try (OutputStream out = Files.newOutputStream(file)) {
            CustomerCsvExporter.writeAll(out, sample);
        }
    }

    /** A build of the program in a class loader of its own, driven by reflection as the command drives it. */
    private static final class Build implements AutoCloseable {
        final String label;
        final URLClassLoader loader;

        Build(String label, Path target) throws IOException {
            this.label = label;
            List<URL> urls = new ArrayList<>();
            urls.add(target.resolve("regulars.jar").toUri().toURL());
            try (Stream<Path> libs = Files.list(target.resolve("lib"))) {
                for (Path p : libs.sorted().toList()) {
                    urls.add(p.toUri().toURL());
                }
            }
            loader = new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
        }

        /** Opens the store in {@code dir}, imports {@code file} ({@code rule} null: the build's one-argument importer), closes. */
        Figures run(Path dir, Path file, String rule) throws Exception {
            ClassLoader before = Thread.currentThread().getContextClassLoader();
            Thread.currentThread().setContextClassLoader(loader);
            try {
                Class<?> appContext = loader.loadClass("app.regulars.app.AppContext");
                Object ctx = appContext.getMethod("open", Path.class, Clock.class, Locale.class)
                        .invoke(null, dir, Clock.systemDefaultZone(), Locale.SIMPLIFIED_CHINESE);
                try {
                    Object service = appContext.getMethod("customers").invoke(ctx);
                    Class<?> serviceClass = loader.loadClass("app.regulars.customer.CustomerService");
                    Class<?> importerClass = loader.loadClass("app.regulars.customer.CustomerCsvImporter");
                    Object importer;
                    if (rule == null) {
                        importer = importerClass.getConstructor(serviceClass).newInstance(service);
                    } else {
                        Class<?> source = loader.loadClass("app.regulars.customer.ConsentSource");
                        Class<?> onDuplicate = loader.loadClass("app.regulars.customer.OnDuplicate");
                        importer = importerClass.getConstructor(serviceClass, source, onDuplicate)
                                .newInstance(service, enumValue(source, "COMMAND_LINE"), enumValue(onDuplicate, rule));
                    }
                    Class<?> progress = loader.loadClass("app.regulars.tables.Progress");
                    Object none = progress.getField("NONE").get(null);
                    Method importFile = importerClass.getMethod("importFile", Path.class, progress, BooleanSupplier.class);
                    BooleanSupplier never = () -> false;
                    double cpu0 = cpu();
                    long t0 = System.nanoTime();
                    Object report = importFile.invoke(importer, file, none, never);
                    double wall = (System.nanoTime() - t0) / 1e9;
                    double cpu = cpu() - cpu0;
                    return new Figures(wall, cpu, counts(report));
                } finally {
                    appContext.getMethod("close").invoke(ctx);
                }
            } finally {
                Thread.currentThread().setContextClassLoader(before);
            }
        }

        @SuppressWarnings({"unchecked", "rawtypes"})
        private static Object enumValue(Class<?> type, String name) {
            return Enum.valueOf((Class) type, name);
        }

        private static String counts(Object report) throws Exception {
            Class<?> c = report.getClass();
            int added = (int) c.getMethod("imported").invoke(report);
            int rejected = ((List<?>) c.getMethod("rejected").invoke(report)).size();
            String updated = "-";
            String skipped = "-";
            try {
                updated = c.getMethod("updated").invoke(report).toString();
                skipped = c.getMethod("skipped").invoke(report).toString();
            } catch (NoSuchMethodException e) {
                // the build before counts only what it added
            }
            return added + "/" + updated + "/" + skipped + "/" + rejected;
        }

        @Override
        public void close() throws IOException {
            loader.close();
        }
    }

    private static double cpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime() / 1e9;
    }

    private static double load() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
