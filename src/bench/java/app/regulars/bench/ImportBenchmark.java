package app.regulars.bench;

import app.regulars.app.AppContext;
import app.regulars.app.cli.RegularsCommand;
import app.regulars.app.demo.SampleShop;
import app.regulars.customer.Customer;
import app.regulars.customer.CustomerCsvExporter;
import app.regulars.customer.CustomerCsvImporter;
import app.regulars.customer.CustomerService;
import app.regulars.customer.MarketingChannel;
import app.regulars.customer.SearchTokens;
import app.regulars.i18n.Messages;
import app.regulars.membership.PurchaseCsvImporter;
import app.regulars.membership.PurchaseLine;
import app.regulars.store.Database;
import app.regulars.tables.ImportReport;
import app.regulars.tables.Progress;
import picocli.CommandLine;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Imports at scale, each figure next to the engine's own limit measured in the same run: a
 * plain JDBC batch insert of the same rows into H2 (prepared statements, 1,000 rows per batch,
 * committed in the importer's slices, inside {@code Database.bulkLoad} like the importer, every
 * value computed before the clock starts), twice: with every index kept up row by row (the
 * baseline before decision 0029), and with the tables' secondary indexes and foreign keys taken
 * off and made again after, as the importers now do ({@code Database.LoadInto}). The ratios are
 * printed against both; the second is the engine's limit the issue's "within 2 x" means.
 * {@code --skip-kept} leaves the first out (at a million purchases it takes minutes).
 *
 * <ol>
 *   <li>Makes the files: N sample customers ({@link SampleShop}, codes {@code C0000001}...) as
 *   {@code export customers} writes them, and M purchases of theirs (the sample shop's rhythms,
 *   in date order, as a till would export them): {@code code,date,amount,note}.</li>
 *   <li>{@code import customers FILE} ({@link CustomerCsvImporter}: reading twice, checking,
 *   phones, pinyin, search tokens, codes, the slices and their flag) into an empty store, next to
 *   the plain insert of its customer, search text, phone, tag and consent history rows into another.</li>
 *   <li>{@code import purchases FILE} into that store ({@link PurchaseCsvImporter}: customers
 *   looked up, points, ledger, 12-month totals, tiers), next to the plain insert of the purchase
 *   and ledger rows into the other.</li>
 *   <li>{@code regulars demo --customers D} in a fresh folder, next to the plain insert of the
 *   same customers' and purchases' rows (the demo also tells its story of contacts and surveys).</li>
 * </ol>
 * Prints rows a second, the data file's size after each load, and each step's CPU time (the
 * machine is shared: wall time says as much about the other processes). Run with
 * {@code ./mvnw -Pbench-import verify [-Dbench.import.customers=N -Dbench.import.purchases=M
 * -Dbench.import.demo=D]}, or this class with {@code --customers N --purchases M --demo D
 * [--skip-demo]}; {@code --files-only DIR} only writes the two files into DIR (to import them with
 * another build of the program).
 */
public final class ImportBenchmark {
    private static final long SEED = 20240101L;
    private static final DateTimeFormatter AT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    /** The engine of the current pass ({@code -Dbench.engine}); the files are made once for all. */
    private static Database.Engine engine = Database.Engine.H2_FILE;

    private ImportBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int customers = 100_000;
        int purchases = 1_000_000;
        int demo = 100_000;
        for (int i = 0; i + 1 < args.length; i++) {
            switch (args[i]) {
                case "--customers" -> customers = Integer.parseInt(args[i + 1]);
                case "--purchases" -> purchases = Integer.parseInt(args[i + 1]);
                case "--demo" -> demo = Integer.parseInt(args[i + 1]);
                default -> { }
            }
        }
        int filesOnly = List.of(args).indexOf("--files-only");
        if (filesOnly >= 0) {
            // the two files alone, into a folder, to import with another build (java -jar regulars.jar import ...)
            Path out = Path.of(args[filesOnly + 1]);
            Files.createDirectories(out);
            List<Customer> sample = sampleCustomers(customers, LocalDate.now());
            try (OutputStream o = Files.newOutputStream(out.resolve("customers.csv"))) {
                CustomerCsvExporter.writeAll(o, sample);
            }
            writePurchases(out.resolve("purchases.csv"), samplePurchases(purchases, customers, LocalDate.now()));
            return;
        }
        Path work = Files.createTempDirectory("regulars-bench-import");
        try {
            System.out.printf(Locale.ROOT, "import benchmark: %,d customers, %,d purchases, demo of %,d; %d cores, load average %.1f%n",
                    customers, purchases, demo, Runtime.getRuntime().availableProcessors(), load());
            LocalDate today = LocalDate.now();
            Files.createDirectories(work.resolve("files"));
            Path customerFile = work.resolve("files/customers.csv");
            Path purchaseFile = work.resolve("files/purchases.csv");
            long t0 = System.nanoTime();
            List<Customer> sample = sampleCustomers(customers, today);
            try (OutputStream out = Files.newOutputStream(customerFile)) {
                CustomerCsvExporter.writeAll(out, sample);
            }
            List<Row> rows = samplePurchases(purchases, customers, today);
            writePurchases(purchaseFile, rows);
            System.out.printf(Locale.ROOT, "files made in %.1f s: customers %.1f MB, purchases %.1f MB%n",
                    seconds(t0), Files.size(customerFile) / 1e6, Files.size(purchaseFile) / 1e6);

            for (Database.Engine e : Engines.selected()) { // -Dbench.engine=h2|postgresql|both
                engine = e;
                System.out.printf(Locale.ROOT, "%n== %s ==%n", Engines.name(e));
                warmUp(work.resolve("warm-up-" + e.vendor()), today);

                Path plainDir = work.resolve("plain-" + e.vendor());
                Path rebuiltDir = work.resolve("plain-rebuilt-" + e.vendor());
                Path importDir = work.resolve("import-" + e.vendor());
                boolean keptBaseline = !List.of(args).contains("--skip-kept");
                Figures plainCustomers = keptBaseline ? plainCustomers(plainDir, sample, false) : null;
                Figures rebuiltCustomers = plainCustomers(rebuiltDir, sample, true);
                Figures importedCustomers = importCustomers(importDir, customerFile);
                report("customers", "customers", customers, importedCustomers, plainCustomers, rebuiltCustomers);
                Figures plainPurchases = keptBaseline ? plainPurchases(plainDir, rows, false) : null;
                Figures rebuiltPurchases = plainPurchases(rebuiltDir, rows, true);
                Figures importedPurchases = importPurchases(importDir, purchaseFile);
                report("purchases", "purchases", purchases, importedPurchases, plainPurchases, rebuiltPurchases);
                delete(plainDir);
                delete(rebuiltDir);
                delete(importDir);
            }
            sample = null;
            rows = null;
            engine = Database.Engine.H2_FILE; // the demo is the command line on a data folder
            Engines.printSideBySide(String.format(Locale.ROOT, "Imports of %,d customers and %,d purchases", customers, purchases));
            boolean keptBaseline = !List.of(args).contains("--skip-kept");

            if (!List.of(args).contains("--skip-demo")) {
                Figures plainDemo = keptBaseline ? plainDemo(work.resolve("plain-demo"), demo, today, false) : null;
                delete(work.resolve("plain-demo"));
                Figures rebuiltDemo = plainDemo(work.resolve("plain-demo-rebuilt"), demo, today, true);
                delete(work.resolve("plain-demo-rebuilt"));
                Figures demoRun = demo(work.resolve("demo"), demo);
                System.out.printf(Locale.ROOT, "%n%-50s %10s %12s %10s %12s %12s %6s%n", "demo --customers " + String.format(Locale.ROOT, "%,d", demo),
                        "wall s", "CPU s", "file MB", "closed MB", "", "load");
                line("regulars demo (customers, purchases, story)", demoRun);
                if (plainDemo != null) {
                    line(KEPT + " (customers + purchases)", plainDemo);
                }
                line(REBUILT + " (customers + purchases)", rebuiltDemo);
                System.out.printf(Locale.ROOT, "demo / plain: %s%.2f against the plain insert with rebuilt indexes (target: demo at most 30 s)%n",
                        plainDemo == null ? "" : String.format(Locale.ROOT, "%.2f against the plain insert with its indexes kept up, ",
                                demoRun.wall / plainDemo.wall), demoRun.wall / rebuiltDemo.wall);
            }
            System.out.printf(Locale.ROOT, "load average at the end %.1f%n", load());
        } finally {
            delete(work);
        }
    }

    /** One load: wall and CPU seconds, the file after it (open) and after closing. */
    private record Figures(double wall, double cpu, double fileMb, double closedMb, double load) {
    }

    private static final String KEPT = "plain JDBC, indexes kept up";
    private static final String REBUILT = "plain JDBC, indexes rebuilt after";

    /** The import's figures, then each baseline's ({@code kept} null: not measured), and the ratios to both. */
    private static void report(String what, String unit, int n, Figures imported, Figures kept, Figures rebuilt) {
        System.out.printf(Locale.ROOT, "%n%-50s %10s %12s %10s %12s %12s %6s%n", "import " + what + String.format(Locale.ROOT, " (%,d)", n),
                "wall s", "CPU s", "file MB", "closed MB", unit + "/s", "load");
        rate("regulars import " + what, imported, n);
        if (kept != null) {
            rate(KEPT, kept, n);
        }
        rate(REBUILT, rebuilt, n);
        System.out.printf(Locale.ROOT, "import / plain: %s%.2f against the plain insert with rebuilt indexes (CPU %.2f; target: at most 2)%n",
                kept == null ? "" : String.format(Locale.ROOT, "%.2f against the plain insert with its indexes kept up (CPU %.2f), ",
                        imported.wall / kept.wall, imported.cpu / kept.cpu), imported.wall / rebuilt.wall, imported.cpu / rebuilt.cpu);
        Engines.put("import " + what + ": wall s (" + unit + "/s)", engine, String.format(Locale.ROOT, "%.1f (%,.0f)", imported.wall, n / imported.wall));
        Engines.put("  " + what + ": plain JDBC, indexes rebuilt after", engine, String.format(Locale.ROOT, "%.1f (%,.0f)", rebuilt.wall, n / rebuilt.wall));
        Engines.put("  " + what + ": import / plain (target at most 2)", engine, String.format(Locale.ROOT, "%.2f", imported.wall / rebuilt.wall));
    }

    private static void rate(String label, Figures f, int n) {
        System.out.printf(Locale.ROOT, "%-50s %10.1f %12.1f %10.0f %12.0f %12s %6.1f%n", label, f.wall, f.cpu, f.fileMb, f.closedMb,
                String.format(Locale.ROOT, "%,.0f", n / f.wall), f.load);
    }

    private static void line(String label, Figures f) {
        System.out.printf(Locale.ROOT, "%-50s %10.1f %12.1f %10.0f %12.0f %12s %6.1f%n", label, f.wall, f.cpu, f.fileMb, f.closedMb, "", f.load);
    }

    /** Both ways once on a small scale first, so that neither pays for compiling H2's and the importers' code. */
    private static void warmUp(Path dir, LocalDate today) throws IOException {
        long t0 = System.nanoTime();
        List<Customer> sample = sampleCustomers(2_000, today);
        Path customerFile = dir.resolve("customers.csv");
        Path purchaseFile = dir.resolve("purchases.csv");
        Files.createDirectories(dir);
        try (OutputStream out = Files.newOutputStream(customerFile)) {
            CustomerCsvExporter.writeAll(out, sample);
        }
        List<Row> rows = samplePurchases(20_000, 2_000, today);
        writePurchases(purchaseFile, rows);
        plainCustomers(dir.resolve("plain"), sample, false);
        plainPurchases(dir.resolve("plain"), rows, false);
        plainCustomers(dir.resolve("plain-rebuilt"), sample, true);
        plainPurchases(dir.resolve("plain-rebuilt"), rows, true);
        importCustomers(dir.resolve("import"), customerFile);
        importPurchases(dir.resolve("import"), purchaseFile);
        delete(dir);
        System.out.printf(Locale.ROOT, "warm-up (2,000 customers, 20,000 purchases both ways) %.1f s%n", seconds(t0));
    }

    // ---- the files ----

    private static List<Customer> sampleCustomers(int n, LocalDate today) {
        List<Customer> out = new ArrayList<>(n);
        int i = 0;
        for (Customer c : new SampleShop(SEED, today).customers(n)) {
            out.add(c.toBuilder().code(code(++i)).build());
        }
        return out;
    }

    private static String code(int i) {
        return String.format(Locale.ROOT, "C%07d", i);
    }

    /** A purchase as the file has it: the customer's code, when, how much, the note. */
    private record Row(String code, LocalDateTime at, BigDecimal amount, String note) {
    }

    /** The sample shop's purchases of customers 1, 2, ... (round again if needed) until there are {@code m}, by date. */
    private static List<Row> samplePurchases(int m, int customers, LocalDate today) {
        SampleShop shop = new SampleShop(SEED, today);
        List<Row> out = new ArrayList<>(m);
        for (long id = 1; out.size() < m; id++) {
            for (PurchaseLine l : shop.purchases(List.of(id))) {
                if (out.size() < m) {
                    out.add(new Row(code((int) ((id - 1) % customers) + 1), l.at(), l.amount(), l.note()));
                }
            }
        }
        out.sort(Comparator.comparing(Row::at));
        return out;
    }

    private static void writePurchases(Path file, List<Row> rows) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("code,date,amount,note\r\n");
            for (Row r : rows) {
                w.write(r.code() + "," + AT.format(r.at()) + "," + r.amount().toPlainString() + "," + (r.note() == null ? "" : r.note()) + "\r\n");
            }
        }
    }

    // ---- the importers and the demo ----

    private static Figures importCustomers(Path dir, Path file) throws IOException {
        return timed(dir, ctx -> {
            ImportReport r = new CustomerCsvImporter(ctx.customers()).importFile(file, Progress.NONE, () -> false);
            check(r.succeeded() && r.imported() == r.rowsRead(), "customer import: " + r.rejected().stream().limit(3).toList());
        });
    }

    private static Figures importPurchases(Path dir, Path file) throws IOException {
        return timed(dir, ctx -> {
            ImportReport r = new PurchaseCsvImporter(ctx.membership(), ctx.customers().phones()).importFile(file);
            check(r.succeeded() && r.imported() == r.rowsRead(), "purchase import: " + r.rejected().stream().limit(3).toList());
        });
    }

    /** Opens the folder as the command line does, times {@code work}, and measures the file open and closed. */
    private static Figures timed(Path dir, java.util.function.Consumer<AppContext> work) throws IOException {
        AppContext ctx = Engines.open(engine, dir, Clock.systemDefaultZone(), Locale.SIMPLIFIED_CHINESE);
        double wall;
        double cpu;
        double load0 = load();
        try {
            double cpu0 = cpu();
            long t0 = System.nanoTime();
            work.accept(ctx);
            wall = seconds(t0);
            cpu = cpu() - cpu0;
        } catch (RuntimeException e) {
            ctx.close();
            throw e;
        }
        double fileMb = mb(dir);
        ctx.close();
        return new Figures(wall, cpu, fileMb, mb(dir), load0);
    }

    private static Figures demo(Path dir, int n) throws IOException {
        CommandLine cl = RegularsCommand.create(new Messages(Locale.ENGLISH));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        double load0 = load();
            double cpu0 = cpu();
        long t0 = System.nanoTime();
        int code = cl.execute("--data-dir", dir.toString(), "demo", "--customers", Integer.toString(n));
        double wall = seconds(t0);
        double cpu = cpu() - cpu0;
        check(code == 0, "demo: " + err);
        String[] lines = out.toString().strip().split("\\R");
        System.out.println("demo said: " + lines[lines.length - 1]);
        double mb = mb(dir); // the command closed the store
        return new Figures(wall, cpu, mb, mb, load0);
    }

    // ---- the engine's limit: plain JDBC batches of the same rows ----

    /** The tables a customer import fills, as the importer names them to {@code Database.bulkLoad}. */
    private static Database.LoadInto customerTables(long n) {
        return app.regulars.customer.CustomerRepository.newCustomers(n);
    }

    /** The tables a purchase import fills, as the importer names them. */
    private static Database.LoadInto purchaseTables(long n) {
        return app.regulars.membership.MembershipRepository.importedPurchases(n);
    }

    /** {@code rebuilt}: the tables' indexes and foreign keys taken off before and made again after, as the importers do (decision 0029). */
    private static Figures plainCustomers(Path dir, List<Customer> sample, boolean rebuilt) throws IOException {
        List<Customer> normalized;
        try (AppContext ctx = Engines.open(engine, dir, Clock.systemDefaultZone(), Locale.SIMPLIFIED_CHINESE)) {
            CustomerService service = ctx.customers();
            normalized = sample.stream().map(service::normalize).toList();
        }
        CustomerRows rows = CustomerRows.of(normalized);
        try (Database db = Engines.database(engine, dir)) {
            double load0 = load();
            double cpu0 = cpu();
            long t0 = System.nanoTime();
            db.bulkLoad(rebuilt ? customerTables(sample.size()) : null, () -> {
                db.dsl().connection(c -> insertCustomers(c, rows));
                return null;
            });
            double wall = seconds(t0);
            double cpu = cpu() - cpu0;
            double fileMb = mb(dir);
            db.close();
            return new Figures(wall, cpu, fileMb, mb(dir), load0);
        }
    }

    private static Figures plainPurchases(Path dir, List<Row> rows, boolean rebuilt) throws IOException {
        try (Database db = Engines.database(engine, dir)) {
            Map<String, Long> ids = new HashMap<>();
            db.dsl().connection(c -> {
                try (PreparedStatement ps = c.prepareStatement("SELECT code, id FROM customer"); ResultSet r = ps.executeQuery()) {
                    while (r.next()) {
                        ids.put(r.getString(1), r.getLong(2));
                    }
                }
            });
            List<PurchaseLine> lines = new ArrayList<>(rows.size());
            for (Row r : rows) {
                lines.add(new PurchaseLine(ids.get(r.code()), r.at(), r.amount(), r.note()));
            }
            double load0 = load();
            double cpu0 = cpu();
            long t0 = System.nanoTime();
            db.bulkLoad(rebuilt ? purchaseTables(lines.size()) : null, () -> {
                db.dsl().connection(c -> insertPurchases(c, lines));
                return null;
            });
            double wall = seconds(t0);
            double cpu = cpu() - cpu0;
            double fileMb = mb(dir);
            db.close();
            return new Figures(wall, cpu, fileMb, mb(dir), load0);
        }
    }

    /** The demo's customers and purchases (not its story) as plain JDBC batches, into a fresh store. */
    private static Figures plainDemo(Path dir, int n, LocalDate today, boolean rebuilt) throws IOException {
        SampleShop shop = new SampleShop(SEED, today);
        List<Customer> normalized;
        try (AppContext ctx = AppContext.open(dir, Clock.systemDefaultZone(), Locale.SIMPLIFIED_CHINESE)) {
            CustomerService service = ctx.customers();
            List<Customer> made = shop.customers(n);
            normalized = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                normalized.add(service.normalize(made.get(i)).toBuilder().code(String.format(Locale.ROOT, "%06d", i + 1)).build());
            }
        }
        CustomerRows rows = CustomerRows.of(normalized);
        List<Long> ids = java.util.stream.LongStream.rangeClosed(1, n).boxed().toList();
        List<PurchaseLine> lines = shop.purchases(ids);
        try (Database db = Database.open(dir)) {
            double load0 = load();
            double cpu0 = cpu();
            long t0 = System.nanoTime();
            db.bulkLoad(rebuilt ? customerTables(n) : null, () -> {
                db.dsl().connection(c -> insertCustomers(c, rows));
                return null;
            });
            db.bulkLoad(rebuilt ? purchaseTables(lines.size()) : null, () -> {
                db.dsl().connection(c -> insertPurchases(c, lines));
                return null;
            });
            double wall = seconds(t0);
            double cpu = cpu() - cpu0;
            double fileMb = mb(dir);
            db.close();
            System.out.printf(Locale.ROOT, "plain demo rows: %,d customers, %,d purchases%n", n, lines.size());
            return new Figures(wall, cpu, fileMb, mb(dir), load0);
        }
    }

    /** Customers with everything derived from them computed in advance: the plain insert only writes. */
    private record CustomerRows(List<Customer> customers, List<String> sortKeys, List<String> searchTexts, List<String> optOuts) {
        static CustomerRows of(List<Customer> customers) {
            List<String> sortKeys = new ArrayList<>(customers.size());
            List<String> searchTexts = new ArrayList<>(customers.size());
            List<String> optOuts = new ArrayList<>(customers.size());
            for (Customer c : customers) {
                sortKeys.add(SearchTokens.sortKey(c.name()));
                searchTexts.add(SearchTokens.text(c));
                StringBuilder sb = new StringBuilder();
                for (MarketingChannel ch : c.consent().optOutsInOrder()) {
                    sb.append(ch.name()).append(',');
                }
                // the consent history row the importer writes for a customer with consent or an opt-out; null: none
                optOuts.add(c.consent().marketing() || !c.consent().optOuts().isEmpty() ? sb.toString() : null);
            }
            return new CustomerRows(customers, sortKeys, searchTexts, optOuts);
        }
    }

    private static final int CUSTOMER_SLICE = CustomerService.SLICE;
    private static final int PURCHASE_SLICE = app.regulars.membership.MembershipService.IMPORT_SLICE;
    private static final int BATCH = 1000;

    private static void insertCustomers(Connection c, CustomerRows rows) throws SQLException {
        c.setAutoCommit(false);
        try (PreparedStatement customer = c.prepareStatement("INSERT INTO customer (code, name, sort_name, gender, birthday_calendar, "
                + "birth_year, birth_month, birth_day, birth_leap_month, email, wechat, address, company, job_title, source, notes, "
                + "preferences, marketing_consent, consent_date, opt_out_phone, opt_out_sms, opt_out_wechat, opt_out_email, archived, "
                + "created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", new String[] {key()});
             PreparedStatement phone = c.prepareStatement("INSERT INTO customer_phone (customer_id, position, number) VALUES (?,?,?)");
             PreparedStatement tag = c.prepareStatement("INSERT INTO customer_tag (customer_id, tag) VALUES (?,?)");
             PreparedStatement search = c.prepareStatement("INSERT INTO customer_search (customer_id, search_text) VALUES (?,?)");
             PreparedStatement consent = c.prepareStatement("INSERT INTO consent_change (customer_id, changed_at, source, marketing, "
                     + "consent_date, opt_outs) VALUES (?,?,'IMPORT',?,?,?)")) {
            LocalDateTime now = LocalDateTime.now().withNano(0);
            List<Customer> all = rows.customers();
            for (int from = 0; from < all.size(); from += BATCH) {
                int to = Math.min(all.size(), from + BATCH);
                for (int i = from; i < to; i++) {
                    Customer x = all.get(i);
                    var b = x.birthday();
                    int k = 1;
                    customer.setString(k++, x.code());
                    customer.setString(k++, x.name());
                    customer.setString(k++, rows.sortKeys().get(i));
                    customer.setString(k++, x.gender() == null ? null : x.gender().name());
                    customer.setString(k++, b == null ? null : b.kind().name());
                    customer.setObject(k++, b == null ? null : b.year());
                    customer.setObject(k++, b == null ? null : b.month());
                    customer.setObject(k++, b == null ? null : b.day());
                    customer.setBoolean(k++, b != null && b.leapMonth());
                    customer.setString(k++, x.email());
                    customer.setString(k++, x.wechat());
                    customer.setString(k++, x.address());
                    customer.setString(k++, x.company());
                    customer.setString(k++, x.jobTitle());
                    customer.setString(k++, x.source());
                    customer.setString(k++, x.notes());
                    customer.setString(k++, x.preferences());
                    customer.setBoolean(k++, x.consent().marketing());
                    customer.setObject(k++, x.consent().date());
                    customer.setBoolean(k++, x.consent().optOuts().contains(MarketingChannel.PHONE));
                    customer.setBoolean(k++, x.consent().optOuts().contains(MarketingChannel.SMS));
                    customer.setBoolean(k++, x.consent().optOuts().contains(MarketingChannel.WECHAT));
                    customer.setBoolean(k++, x.consent().optOuts().contains(MarketingChannel.EMAIL));
                    customer.setBoolean(k++, false);
                    customer.setObject(k++, x.createdAt() != null ? x.createdAt() : now);
                    customer.setObject(k, x.updatedAt() != null ? x.updatedAt() : now);
                    customer.addBatch();
                }
                customer.executeBatch();
                long[] ids = new long[to - from];
                try (ResultSet keys = customer.getGeneratedKeys()) {
                    for (int i = 0; i < ids.length && keys.next(); i++) {
                        ids[i] = keys.getLong(1);
                    }
                }
                for (int i = from; i < to; i++) {
                    Customer x = all.get(i);
                    long id = ids[i - from];
                    search.setLong(1, id);
                    search.setString(2, rows.searchTexts().get(i));
                    search.addBatch();
                    String optOuts = rows.optOuts().get(i);
                    if (optOuts != null) {
                        consent.setLong(1, id);
                        consent.setObject(2, now);
                        consent.setBoolean(3, x.consent().marketing());
                        consent.setObject(4, x.consent().date());
                        consent.setString(5, optOuts);
                        consent.addBatch();
                    }
                    for (int p = 0; p < x.phones().size(); p++) {
                        phone.setLong(1, id);
                        phone.setInt(2, p);
                        phone.setString(3, x.phones().get(p));
                        phone.addBatch();
                    }
                    for (String t : x.tags()) {
                        tag.setLong(1, id);
                        tag.setString(2, t);
                        tag.addBatch();
                    }
                }
                search.executeBatch();
                phone.executeBatch();
                tag.executeBatch();
                consent.executeBatch();
                if (to % CUSTOMER_SLICE == 0 || to == all.size()) {
                    c.commit();
                }
            }
        }
        c.setAutoCommit(true);
    }

    /** The purchases and one earned lot each (points at 1 a unit, the default tiers' rate; 24 months). */
    private static void insertPurchases(Connection c, List<PurchaseLine> lines) throws SQLException {
        c.setAutoCommit(false);
        try (PreparedStatement purchase = c.prepareStatement("INSERT INTO purchase (customer_id, purchased_at, amount, note, points, "
                + "voided, created_at, updated_at) VALUES (?,?,?,?,?,FALSE,?,?)", new String[] {key()});
             PreparedStatement lot = c.prepareStatement("INSERT INTO point_entry (customer_id, kind, points, remaining, entry_at, "
                     + "expires_on, purchase_id) VALUES (?,'EARNED',?,?,?,?,?)")) {
            LocalDateTime now = LocalDateTime.now().withNano(0);
            for (int from = 0; from < lines.size(); from += BATCH) {
                int to = Math.min(lines.size(), from + BATCH);
                int[] points = new int[to - from];
                for (int i = from; i < to; i++) {
                    PurchaseLine l = lines.get(i);
                    points[i - from] = l.amount().setScale(0, RoundingMode.FLOOR).intValueExact();
                    purchase.setLong(1, l.customerId());
                    purchase.setObject(2, l.at());
                    purchase.setBigDecimal(3, l.amount());
                    purchase.setString(4, l.note());
                    purchase.setInt(5, points[i - from]);
                    purchase.setObject(6, now);
                    purchase.setObject(7, now);
                    purchase.addBatch();
                }
                purchase.executeBatch();
                try (ResultSet keys = purchase.getGeneratedKeys()) {
                    for (int i = from; i < to && keys.next(); i++) {
                        if (points[i - from] > 0) {
                            PurchaseLine l = lines.get(i);
                            lot.setLong(1, l.customerId());
                            lot.setInt(2, points[i - from]);
                            lot.setInt(3, points[i - from]);
                            lot.setObject(4, l.at());
                            lot.setObject(5, l.at().toLocalDate().plusMonths(24));
                            lot.setLong(6, keys.getLong(1));
                            lot.addBatch();
                        }
                    }
                }
                lot.executeBatch();
                if (to % PURCHASE_SLICE == 0 || to == lines.size()) {
                    c.commit();
                }
            }
        }
        c.setAutoCommit(true);
    }

    // ---- measuring ----

    /** The data file's size; 0 on a server (its files are the server's). */
    private static double mb(Path dir) throws IOException {
        Path file = dir.resolve(Database.FILE_NAME + ".mv.db");
        return Files.exists(file) ? Files.size(file) / 1e6 : 0;
    }

    /** The generated key's column as the engine names it (H2's upper case, PostgreSQL's lower). */
    private static String key() {
        return engine == Database.Engine.H2_FILE ? "ID" : "id";
    }

    private static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }

    private static double cpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime() / 1e9;
    }

    private static double load() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new IllegalStateException(what);
        }
    }

    private static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
