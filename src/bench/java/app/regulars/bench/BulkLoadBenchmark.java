package app.regulars.bench;

import app.regulars.app.AppContext;
import app.regulars.customer.Customer;
import app.regulars.customer.CustomerService;
import app.regulars.app.demo.SampleShop;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Loads N sample customers into a fresh data folder the way {@code demo --customers N} does
 * and prints the load time and the file size right after the load and after closing. With
 * {@code --mode old} it loads them as {@code Database.bulkLoad} did before decision 0007
 * ({@code SET RETENTION_TIME 0} around the slices, then the default and {@code CHECKPOINT SYNC}),
 * with {@code --mode plain} in slices with H2's defaults, else through
 * {@code CustomerService.fillEmpty} as the app does now. Run with
 * {@code ./mvnw -Pbench-bulk verify [-Dbench.customers=N]} (both modes, one after the other).
 */
public final class BulkLoadBenchmark {
    private static final int SLICE = SampleShop.SLICE;

    private BulkLoadBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int customers = 100_000;
        String mode = "new";
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals("--customers")) {
                customers = Integer.parseInt(args[i + 1]);
            } else if (args[i].equals("--mode")) {
                mode = args[i + 1];
            }
        }
        Path dir = Files.createTempDirectory("regulars-bench-bulk");
        try {
            run(dir, customers, mode);
        } finally {
            try (Stream<Path> s = Files.walk(dir)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void run(Path dir, int count, String mode) throws IOException {
        Path file = dir.resolve("regulars.mv.db");
        long t0;
        long t1;
        double loadedMb;
        try (AppContext ctx = AppContext.open(dir, Clock.systemDefaultZone(), Locale.SIMPLIFIED_CHINESE)) {
            CustomerService service = ctx.customers();
            List<Customer> normalized = new SampleShop(20240101L, LocalDate.now()).customers(count).stream()
                    .map(service::normalize).toList();
            double before = Files.size(file) / 1e6;
            t0 = System.nanoTime();
            switch (mode) {
                case "old" -> {
                    ctx.database().dsl().execute("SET RETENTION_TIME 0");
                    try {
                        slices(service, normalized);
                    } finally {
                        ctx.database().dsl().execute("SET RETENTION_TIME 45000");
                        ctx.database().syncNow();
                    }
                }
                case "plain" -> {
                    slices(service, normalized);
                    ctx.database().syncNow();
                }
                default -> service.fillEmpty(normalized, SLICE, n -> { }, () -> false);
            }
            t1 = System.nanoTime();
            loadedMb = Files.size(file) / 1e6;
            if (Boolean.getBoolean("bench.info")) {
                ctx.database().dsl().fetch("SELECT SETTING_NAME, SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME LIKE 'info.%'")
                        .forEach(r -> System.out.println("  " + r.get(0) + " = " + r.get(1)));
            }
            System.out.printf(Locale.ROOT, "mode %s: %,d customers loaded in %.1f s (%.0f/s); file %.0f MB before, %.0f MB after the load%n",
                    mode, service.countAll(), (t1 - t0) / 1e9, count / ((t1 - t0) / 1e9), before, loadedMb);
        }
        long t2 = System.nanoTime();
        System.out.printf(Locale.ROOT, "mode %s: closed in %.1f s; file %.0f MB after closing%n", mode, (t2 - t1) / 1e9, Files.size(file) / 1e6);
    }

    private static void slices(CustomerService service, List<Customer> normalized) {
        for (int from = 0; from < normalized.size(); from += SLICE) {
            service.insertAll(normalized.subList(from, Math.min(normalized.size(), from + SLICE)), app.regulars.customer.ConsentSource.IMPORT, n -> { }, () -> false);
        }
    }
}
