package app.regulars.bench;

import app.regulars.app.AppContext;
import app.regulars.app.demo.SampleShop;
import app.regulars.customer.Customer;
import app.regulars.customer.CustomerCsvExporter;
import app.regulars.customer.CustomerCsvImporter;
import app.regulars.tables.ImportReport;
import app.regulars.tables.Progress;
import app.regulars.tables.RowFile;
import app.regulars.tables.RowReader;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The same customers imported from a CSV file and from an Excel workbook, in the same run
 * (decision 0023): N sample customers ({@link SampleShop}) written by {@code export customers}'s
 * two writers, each file imported into an empty store by {@code import customers}'s importer
 * ({@link CustomerCsvImporter}: two passes, checks, the bulk store), alternating, three rounds
 * after a warm-up; and each file's two reading passes alone ({@link RowFile}), to show what the
 * format itself costs. Prints rows a second (wall) and CPU seconds. Run with
 * {@code java -cp ... app.regulars.bench.FormatImportBenchmark [--customers N]} (default 20,000).
 */
public final class FormatImportBenchmark {
    private FormatImportBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int n = 20_000;
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals("--customers")) {
                n = Integer.parseInt(args[i + 1]);
            }
        }
        Path work = Files.createTempDirectory("regulars-bench-formats");
        try {
            List<Customer> sample = new ArrayList<>(n);
            int i = 0;
            for (Customer c : new SampleShop(20240101L, LocalDate.now()).customers(n)) {
                sample.add(c.toBuilder().code(String.format(Locale.ROOT, "C%07d", ++i)).build());
            }
            Path csv = work.resolve("customers.csv");
            Path xlsx = work.resolve("customers.xlsx");
            try (OutputStream out = Files.newOutputStream(csv)) {
                CustomerCsvExporter.writeAll(out, sample);
            }
            try (OutputStream out = Files.newOutputStream(xlsx)) {
                CustomerCsvExporter.writeAllXlsx(out, sample);
            }
            System.out.printf(Locale.ROOT, "format benchmark: %,d customers; CSV %.1f MB, xlsx %.1f MB; %d cores, load %.1f%n",
                    n, Files.size(csv) / 1e6, Files.size(xlsx) / 1e6, Runtime.getRuntime().availableProcessors(), load());
            importOnce(work.resolve("warm-csv"), csv);
            importOnce(work.resolve("warm-xlsx"), xlsx);
            readOnly(csv);
            readOnly(xlsx);
            System.out.printf(Locale.ROOT, "%-34s %10s %10s %10s%n", "", "wall s", "CPU s", "rows/s");
            for (int round = 1; round <= 3; round++) {
                for (Path f : round % 2 == 1 ? List.of(csv, xlsx) : List.of(xlsx, csv)) {
                    double[] t = importOnce(work.resolve("r" + round + "-" + f.getFileName()), f);
                    System.out.printf(Locale.ROOT, "%-34s %10.2f %10.2f %,10.0f%n",
                            "import customers " + f.getFileName() + " #" + round, t[0], t[1], n / t[0]);
                }
            }
            for (Path f : List.of(csv, xlsx, csv, xlsx)) {
                double[] t = readOnly(f);
                System.out.printf(Locale.ROOT, "%-34s %10.2f %10.2f %,10.0f%n", "read twice, no store: " + f.getFileName(), t[0], t[1], 2 * n / t[0]);
            }
        } finally {
            try (Stream<Path> files = Files.walk(work)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    private static double[] importOnce(Path dir, Path file) {
        long cpu = cpu();
        long t0 = System.nanoTime();
        try (AppContext ctx = AppContext.open(dir)) {
            ImportReport r = new CustomerCsvImporter(ctx.customers()).importFile(file, Progress.NONE, () -> false);
            if (!r.succeeded() || r.imported() != r.rowsRead()) {
                throw new IllegalStateException("import of " + file + ": " + r.rejected().stream().limit(3).toList());
            }
        }
        return new double[] {(System.nanoTime() - t0) / 1e9, (cpu() - cpu) / 1e9};
    }

    /** The two passes an import makes over the file, without checking or storing anything. */
    private static double[] readOnly(Path file) {
        long cpu = cpu();
        long t0 = System.nanoTime();
        RowFile rows = RowFile.open(file);
        long cells = 0;
        for (int pass = 0; pass < 2; pass++) {
            try (RowReader in = rows.rows()) {
                for (RowReader.Row r = in.next(); r != null; r = in.next()) {
                    cells += r.cells().size();
                }
            }
        }
        if (cells == 0) {
            throw new IllegalStateException("no cells");
        }
        return new double[] {(System.nanoTime() - t0) / 1e9, (cpu() - cpu) / 1e9};
    }

    private static long cpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static double load() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }
}
