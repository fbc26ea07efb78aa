package app.regulars.bench;

import app.regulars.app.AppContext;
import app.regulars.app.demo.SampleShop;
import app.regulars.customer.CustomerService;
import app.regulars.store.Compaction;
import app.regulars.store.Database;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The data file's size after {@code demo --customers N} (customers, their purchases and the
 * story, as {@code DemoCommand} makes them), and what the compaction at close makes of it, next
 * to H2's own {@code SHUTDOWN COMPACT} on a copy of the same file in the same run. Prints the
 * file after the load, H2's estimate of its live part, the file after a close that does not
 * compact (as before decision 0013), after the close that does, and both compactions' times;
 * then checks that both compacted files hold the same rows (every table's count and checksum).
 * Run with {@code ./mvnw -Pbench-file verify [-Dbench.customers=N]}.
 */
public final class FileSizeBenchmark {
    private static final long SEED = 20240101L;

    private FileSizeBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int customers = 100_000;
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals("--customers")) {
                customers = Integer.parseInt(args[i + 1]);
            }
        }
        Path root = Files.createTempDirectory("regulars-bench-file");
        try {
            run(root, customers);
        } finally {
            try (Stream<Path> s = Files.walk(root)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void run(Path root, int count) throws Exception {
        Path dir = root.resolve("store");
        Path file = dir.resolve(Database.FILE_NAME + ".mv.db");
        Compaction.Size loaded;
        int purchases;
        long t0 = System.nanoTime();
        try (AppContext ctx = AppContext.open(dir, Clock.systemDefaultZone(), Locale.SIMPLIFIED_CHINESE)) {
            CustomerService service = ctx.customers();
            new SampleShop(SEED, service.today()).fill(service, count, n -> { }, () -> false);
            SampleShop shop = new SampleShop(SEED, service.today());
            purchases = SampleShop.allOrNothing(ctx, () -> {
                int bought = shop.fillPurchases(ctx.membership(), (n, all) -> { }, () -> false);
                shop.fillStory(ctx, (n, all) -> { }, () -> false);
                return bought;
            });
            loaded = ctx.database().size();
            ctx.database().compactOnClose(false);
        }
        double loadSeconds = (System.nanoTime() - t0) / 1e9;
        long plainClose = Files.size(file);
        System.out.printf(Locale.ROOT, "%,d customers and %,d purchases loaded as demo does, in %.0f s%n", count, purchases, loadSeconds);
        System.out.printf(Locale.ROOT, "file after the load %s, live (H2's estimate) %s: %.1f x%n",
                mb(loaded.fileBytes()), mb(loaded.liveBytes()), loaded.ratio());
        System.out.printf(Locale.ROOT, "file after a close without compaction (as before): %s%n", mb(plainClose));

        // Baseline: H2's SHUTDOWN COMPACT on a copy of the same closed file.
        Path copy = root.resolve("copy");
        Files.createDirectories(copy);
        Files.copy(file, copy.resolve(file.getFileName()));
        long t1 = System.nanoTime();
        String copyUrl = "jdbc:h2:file:" + copy.resolve(Database.FILE_NAME).toAbsolutePath();
        try (Connection c = DriverManager.getConnection(copyUrl, "regulars", ""); Statement s = c.createStatement()) {
            s.execute("SHUTDOWN COMPACT");
        }
        double baselineSeconds = (System.nanoTime() - t1) / 1e9;
        long baselineBytes = Files.size(copy.resolve(file.getFileName()));

        // Regulars: the store opens (as at the next start) and closes, compacting its file.
        List<Compaction.Progress> steps = new ArrayList<>();
        long t2 = System.nanoTime();
        long t3;
        try (Database db = Database.open(dir)) {
            db.onCompaction(steps::add);
            t3 = System.nanoTime();
        }
        double closeSeconds = (System.nanoTime() - t3) / 1e9;
        double openSeconds = (t3 - t2) / 1e9;
        Compaction.Progress done = steps.isEmpty() ? null : steps.getLast();
        long compacted = Files.size(file);
        Compaction.Size after;
        Map<String, Compaction.TableSum> ours;
        try (Database db = Database.open(dir)) {
            db.compactOnClose(false);
            after = db.size();
            ours = db.dsl().connectionResult(Compaction::sums);
        }
        Map<String, Compaction.TableSum> theirs;
        try (Connection c = DriverManager.getConnection(copyUrl + ";MAX_COMPACT_TIME=0", "regulars", "")) {
            theirs = Compaction.sums(c);
        }

        System.out.printf(Locale.ROOT, "Regulars' compaction at close: %s (%.2f x the live size before, %.2f x after) in %s; "
                        + "the whole close %.1f s (the open before it %.1f s); steps %s%n",
                mb(compacted), (double) compacted / loaded.liveBytes(), after.ratio(),
                done == null ? "-" : String.format(Locale.ROOT, "%.1f s", done.elapsed().toMillis() / 1000.0),
                closeSeconds, openSeconds, steps.stream().map(p -> p.step().name()).toList());
        System.out.printf(Locale.ROOT, "baseline, H2's SHUTDOWN COMPACT on a copy: %s in %.1f s (with its open)%n", mb(baselineBytes), baselineSeconds);
        System.out.printf(Locale.ROOT, "target: at most 1.5 x live and 400 MB: %s; same rows as the baseline's file: %s%n",
                compacted <= 1.5 * loaded.liveBytes() && compacted <= 400_000_000L ? "met" : "NOT MET",
                ours.equals(theirs) ? "yes (" + ours.size() + " tables, counts and checksums)" : "NO: " + ours + " / " + theirs);
    }

    private static String mb(long bytes) {
        return String.format(Locale.ROOT, "%,.0f MB", bytes / 1e6);
    }
}
