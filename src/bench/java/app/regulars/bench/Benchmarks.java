package app.regulars.bench;

import app.regulars.app.AppContext;
import app.regulars.customer.Customer;
import app.regulars.store.Database;
import app.regulars.customer.CustomerService;
import app.regulars.customer.CustomerSort;
import app.regulars.customer.Pinyin;
import app.regulars.app.demo.SampleShop;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * Loads N sample customers into a fresh data folder through {@link CustomerService}, then
 * times what the customer list does on each keystroke (search, then the first page of
 * rows) over a mix of realistic queries, against a naive LIKE query measured in the same
 * run on the same data. Run with {@code ./mvnw -Pbench verify [-Dbench.customers=N]}.
 */
public final class Benchmarks {
    private static final int PAGE = 50;
    private static final int QUERIES_PER_KIND = 50;
    private static final long SEED = 20240101L;
    private static final String NAIVE = "SELECT id FROM customer WHERE archived = FALSE AND (LOWER(name) LIKE ? OR email LIKE ?"
            + " OR id IN (SELECT customer_id FROM customer_phone WHERE number LIKE ?)) ORDER BY sort_name LIMIT " + PAGE;

    private Benchmarks() {
    }

    public static void main(String[] args) throws Exception {
        int customers = 100_000;
        boolean loadOnly = false;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--customers") && i + 1 < args.length) {
                customers = Integer.parseInt(args[i + 1]);
            }
            loadOnly |= args[i].equals("--load-only");
        }
        for (Database.Engine engine : Engines.selected()) { // -Dbench.engine=h2|postgresql|both
            Path dir = Files.createTempDirectory("regulars-bench");
            try {
                run(dir, customers, loadOnly, engine);
            } finally {
                deleteTree(dir);
            }
        }
        Engines.printSideBySide(String.format(Locale.ROOT, "Search at %,d customers", customers));
    }

    private static void run(Path dir, int count, boolean loadOnly, Database.Engine engine) throws SQLException {
        System.out.printf(Locale.ROOT, "Regulars benchmark: %,d customers, %s, data in %s%n", count, Engines.name(engine), dir);
        try (AppContext ctx = Engines.open(engine, dir, Clock.systemDefaultZone(), Locale.SIMPLIFIED_CHINESE)) {
            CustomerService service = ctx.customers();
            long t0 = System.nanoTime();
            List<Customer> sample = new SampleShop(SEED, LocalDate.now()).customers(count);
            List<Customer> normalized = sample.stream().map(service::normalize).toList();
            long t1 = System.nanoTime();
            service.fillEmpty(normalized, 2000, n -> { }, () -> false); // as the demo command loads
            long t2 = System.nanoTime();
            ctx.database().syncNow();
            long t3 = System.nanoTime();
            System.out.printf(Locale.ROOT, "generate + validate: %.1f s; load (slices of 2,000): %.1f s (%.0f customers/s); CHECKPOINT SYNC %.1f s%n",
                    (t1 - t0) / 1e9, (t2 - t1) / 1e9, count / ((t2 - t1) / 1e9), (t3 - t2) / 1e9);
            Engines.put("load (customers/s)", engine, String.format(Locale.ROOT, "%.1f s (%.0f/s)", (t2 - t1) / 1e9, count / ((t2 - t1) / 1e9)));
            if (engine == Database.Engine.H2_FILE) {
                System.out.printf(Locale.ROOT, "file size: %.0f MB%n", sizeMb(dir));
            }
            long i0 = System.nanoTime();
            service.buildSearchIndex(); // as the app does in the background after opening
            Runtime rt = Runtime.getRuntime();
            rt.gc();
            System.out.printf(Locale.ROOT, "search index built in %.1f s; heap in use after: %.0f MB%n",
                    (System.nanoTime() - i0) / 1e9, (rt.totalMemory() - rt.freeMemory()) / 1e6);
            Engines.put("search index built", engine, String.format(Locale.ROOT, "%.1f s", (System.nanoTime() - i0) / 1e9));
            if (loadOnly) {
                return;
            }

            Map<String, List<String>> mix = queries(sample);
            List<String> all = mix.values().stream().flatMap(List::stream).toList();
            System.out.printf(Locale.ROOT, "%d queries: %s%n", all.size(), examples(mix));

            // Warm up both paths (JIT, H2 page cache), then measure.
            for (int round = 0; round < 3; round++) {
                for (String q : all) {
                    keystroke(service, q);
                }
            }
            Map<String, long[]> byKind = new LinkedHashMap<>();
            List<Long> everything = new ArrayList<>();
            long matches = 0;
            for (var e : mix.entrySet()) {
                long[] times = new long[e.getValue().size()];
                for (int i = 0; i < times.length; i++) {
                    long s = System.nanoTime();
                    matches += keystroke(service, e.getValue().get(i));
                    times[i] = System.nanoTime() - s;
                    everything.add(times[i]);
                }
                byKind.put(e.getKey(), times);
            }
            long[] ours = everything.stream().mapToLong(Long::longValue).toArray();

            long[] naive = ctx.database().dsl().connectionResult(c -> naive(c, service, all));

            System.out.println();
            System.out.printf(Locale.ROOT, "%-22s %8s %8s %8s%n", "search + first page", "p50 ms", "p95 ms", "max ms");
            for (var e : byKind.entrySet()) {
                print(e.getKey(), e.getValue());
            }
            print("ALL (Regulars)", ours);
            print("naive LIKE baseline", naive);
            System.out.printf(Locale.ROOT, "ratio naive/Regulars: p50 %.1fx, p95 %.1fx (the baseline finds no pinyin, initials or last digits)%n",
                    pct(naive, 50) / pct(ours, 50), pct(naive, 95) / pct(ours, 95));
            System.out.printf(Locale.ROOT, "average matches per query: %.0f (capped at %d)%n", matches / (double) ours.length, CustomerService.SEARCH_LIMIT);
            System.out.printf(Locale.ROOT, "target p95 <= 10 ms: %s%n", pct(ours, 95) <= 10 ? "MET" : "MISSED");
            Engines.put("search + first page, p50 / p95 / max ms", engine, String.format(Locale.ROOT, "%.2f / %.2f / %.2f",
                    pct(ours, 50), pct(ours, 95), pct(ours, 100)));
            Engines.put("naive LIKE baseline, p50 / p95 ms", engine, String.format(Locale.ROOT, "%.1f / %.1f", pct(naive, 50), pct(naive, 95)));
            Engines.put("target p95 <= 10 ms", engine, pct(ours, 95) <= 10 ? "MET" : "MISSED");
        }
    }

    /** One keystroke in the list: the matching ids in name order, then the first page of rows. */
    private static int keystroke(CustomerService service, String query) {
        long[] ids = service.search(query, null, false, CustomerSort.NAME, true);
        service.summaries(Arrays.copyOf(ids, Math.min(PAGE, ids.length)));
        return ids.length;
    }

    private static long[] naive(Connection c, CustomerService service, List<String> queries) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(NAIVE)) {
            // A short warm-up: the naive query is slow enough that JIT and cache settle quickly.
            for (String q : queries.subList(0, Math.min(50, queries.size()))) {
                naiveOnce(ps, service, q);
            }
            long[] times = new long[queries.size()];
            for (int i = 0; i < times.length; i++) {
                long s = System.nanoTime();
                naiveOnce(ps, service, queries.get(i));
                times[i] = System.nanoTime() - s;
            }
            return times;
        }
    }

    private static void naiveOnce(PreparedStatement ps, CustomerService service, String q) throws SQLException {
        String like = "%" + q.toLowerCase(Locale.ROOT) + "%";
        ps.setString(1, like);
        ps.setString(2, like);
        ps.setString(3, like);
        List<Long> ids = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                ids.add(rs.getLong(1));
            }
        }
        service.summaries(ids.stream().mapToLong(Long::longValue).toArray());
    }

    /**
     * What people type, taken from the sample itself: name fragments and surnames, pinyin
     * as it is being typed, initials, the last four digits or the start of a phone, the
     * start of an email, tags and English names.
     */
    private static Map<String, List<String>> queries(List<Customer> sample) {
        SplittableRandom rnd = new SplittableRandom(7);
        List<Customer> chinese = sample.stream().filter(c -> Pinyin.of(c.name()).hasHan()).toList();
        List<Customer> english = sample.stream().filter(c -> !Pinyin.of(c.name()).hasHan()).toList();
        List<Customer> withEmail = sample.stream().filter(c -> c.email() != null).toList();
        Map<String, List<String>> mix = new LinkedHashMap<>();
        mix.put("surname (王)", draw(rnd, chinese, c -> c.name().substring(0, 1)));
        mix.put("given name (小明)", draw(rnd, chinese, c -> c.name().substring(1)));
        mix.put("full name", draw(rnd, chinese, Customer::name));
        mix.put("pinyin prefix", draw(rnd, chinese, c -> {
            String py = Pinyin.of(c.name()).joined();
            return py.substring(0, Math.min(py.length(), 2 + rnd.nextInt(5)));
        }));
        mix.put("initials (wxm)", draw(rnd, chinese, c -> Pinyin.of(c.name()).initials()));
        mix.put("phone last 4", draw(rnd, sample, c -> {
            String p = c.phones().getFirst();
            return p.substring(p.length() - 4);
        }));
        mix.put("phone prefix", draw(rnd, sample, c -> {
            String p = c.phones().getFirst().startsWith("+86") ? c.phones().getFirst().substring(3) : c.phones().getFirst();
            return p.substring(0, 3 + rnd.nextInt(5));
        }));
        mix.put("email prefix", draw(rnd, withEmail, c -> c.email().substring(0, Math.min(c.email().indexOf('@'), 3 + rnd.nextInt(4)))));
        mix.put("tag", draw(rnd, sample.stream().filter(c -> !c.tags().isEmpty()).toList(), c -> c.tags().getFirst()));
        mix.put("English name", draw(rnd, english, c -> c.name().substring(0, 2 + rnd.nextInt(Math.max(1, c.name().length() - 2)))));
        return mix;
    }

    private static List<String> draw(SplittableRandom rnd, List<Customer> from, java.util.function.Function<Customer, String> query) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < QUERIES_PER_KIND && !from.isEmpty(); i++) {
            out.add(query.apply(from.get(rnd.nextInt(from.size()))));
        }
        return out;
    }

    private static String examples(Map<String, List<String>> mix) {
        List<String> ex = new ArrayList<>();
        mix.values().forEach(l -> ex.addAll(l.subList(0, Math.min(2, l.size()))));
        return String.join(", ", ex);
    }

    private static void print(String label, long[] nanos) {
        System.out.printf(Locale.ROOT, "%-22s %8.2f %8.2f %8.2f%n", label, pct(nanos, 50), pct(nanos, 95), pct(nanos, 100));
    }

    private static double pct(long[] nanos, int p) {
        long[] s = nanos.clone();
        Arrays.sort(s);
        int i = Math.min(s.length - 1, (int) Math.ceil(p / 100.0 * s.length) - 1);
        return s[Math.max(0, i)] / 1e6;
    }

    private static double sizeMb(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum() / 1e6;
        } catch (IOException e) {
            return -1;
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
