package app.regulars.bench;

import app.regulars.app.AppContext;
import app.regulars.insight.BgNbd;
import app.regulars.insight.CustomerMetrics;
import app.regulars.insight.CustomerModel;
import app.regulars.insight.InsightService;
import app.regulars.insight.InsightSettings;
import app.regulars.insight.InsightSnapshot;
import app.regulars.insight.KpiReport;
import app.regulars.insight.Period;
import app.regulars.insight.RepeatHistory;
import app.regulars.insight.RfmScores;
import app.regulars.insight.Segment;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The insights at scale: N customers and M purchases (set-based, as {@link TierBenchmark} loads
 * them: spread over two years, each customer about M/N purchases), then, each next to a baseline
 * measured in the same run on the same data:
 * <ul>
 * <li>every customer's metrics, RFM scores and segment ({@link InsightService#metrics} and
 *     {@link RfmScores}) against one hand-written {@code GROUP BY customer_id} of count, sum, min
 *     and max over the same purchases (the naive read; it gives no purchase days, gaps or scores);</li>
 * <li>the BG/NBD and gamma-gamma fit ({@link CustomerModel#fit}, likelihood grouped by
 *     (x, tx, T)) against {@value #PLAIN_EVALUATIONS} evaluations of the plain BG/NBD
 *     log-likelihood summed customer by customer: a floor for any ungrouped fit, which needs
 *     hundreds of evaluations ({@link ModelBenchmark} runs it whole);</li>
 * <li>the full snapshot and the key figures (month and year, with the page's 12-month trend)
 *     against the same {@code GROUP BY};</li>
 * <li>the dashboard opening: a second snapshot plus key figures with no change in between (the
 *     results kept), and after a write to a table the insights' history does not read (a setting:
 *     the figures of surveys and follow-ups read again, decision 0039), against the first call,
 *     computed after a change to the purchases.</li>
 * </ul>
 * Run with {@code ./mvnw -Pbench verify} or directly:
 * {@code InsightBenchmark --customers N --purchases M [--keep DIR] [--rounds R]}.
 */
public final class InsightBenchmark {
    private static final int SLICE = 50_000;
    private static final int PLAIN_EVALUATIONS = 20;
    private static final int TREND_MONTHS = 12;
    private static final String GROUP_BY = "SELECT customer_id, COUNT(*), SUM(amount), MIN(purchased_at), MAX(purchased_at)"
            + " FROM purchase WHERE voided = FALSE AND purchased_at < ? GROUP BY customer_id";
    private static final String GROUP_BY_MONTH = "SELECT YEAR(purchased_at), MONTH(purchased_at), COUNT(*), SUM(amount),"
            + " COUNT(DISTINCT customer_id) FROM purchase WHERE voided = FALSE AND purchased_at >= ? AND purchased_at < ?"
            + " GROUP BY YEAR(purchased_at), MONTH(purchased_at)";

    private InsightBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int customers = 100_000;
        int purchases = 1_000_000;
        int rounds = 3;
        Path keep = null;
        for (int i = 0; i + 1 < args.length; i++) {
            switch (args[i]) {
                case "--customers" -> customers = Integer.parseInt(args[i + 1]);
                case "--purchases" -> purchases = Integer.parseInt(args[i + 1]);
                case "--rounds" -> rounds = Integer.parseInt(args[i + 1]);
                case "--keep" -> keep = Path.of(args[i + 1]);
                default -> { }
            }
        }
        if (keep != null) {
            // --keep DIR: the data stays in DIR; a second run on it skips the load
            Files.createDirectories(keep);
            run(keep, customers, purchases, rounds);
            return;
        }
        Path dir = Files.createTempDirectory("regulars-insight-bench");
        try {
            run(dir, customers, purchases, rounds);
        } finally {
            try (Stream<Path> s = Files.walk(dir)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void run(Path dir, int n, int m, int rounds) throws Exception {
        System.out.printf(Locale.ROOT, "Insight benchmark: %,d customers, %,d purchases, %d cores, max heap %d MB, load average %.1f, data in %s%n",
                n, m, Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20, loadAverage(), dir);
        try (AppContext ctx = AppContext.open(dir, Clock.systemDefaultZone(), Locale.SIMPLIFIED_CHINESE)) {
            long t0 = System.nanoTime();
            boolean loaded = ctx.customers().countAll() > 0;
            if (!loaded) {
                load(ctx, n, m);
            }
            System.out.printf(Locale.ROOT, loaded ? "data already there (--keep)%n" : "load (set-based INSERT ... SELECT): %.1f s%n",
                    (System.nanoTime() - t0) / 1e9);

            InsightService insights = ctx.services().get(InsightService.class);
            LocalDate today = insights.today();
            InsightSettings settings = InsightSettings.DEFAULTS;
            LocalDateTime end = today.plusDays(1).atStartOfDay();

            // warm-up: the JIT and H2's page cache, for both sides
            insights.metrics(today, null);
            groupBy(ctx, end);

            double[] metrics = new double[rounds];
            double[] baseline = new double[rounds];
            double[] metricsCpu = new double[rounds];
            double[] baselineCpu = new double[rounds];
            List<CustomerMetrics> all = null;
            Map<Segment, Integer> segments = new EnumMap<>(Segment.class);
            for (int round = 0; round < rounds; round++) {
                long s0 = System.nanoTime();
                double c0 = cpu();
                all = insights.metrics(today, null);
                RfmScores rfm = new RfmScores(all);
                segments.clear();
                for (CustomerMetrics c : all) {
                    segments.merge(rfm.segment(c), 1, Integer::sum);
                }
                metrics[round] = seconds(s0);
                double ourCpu = cpu() - c0;
                long b0 = System.nanoTime();
                double c1 = cpu();
                long groups = groupBy(ctx, end);
                baseline[round] = seconds(b0);
                metricsCpu[round] = ourCpu;
                baselineCpu[round] = cpu() - c1;
                System.out.printf(Locale.ROOT, "  round %d: metrics + RFM + segments %.3f s (CPU %.3f s; %,d customers) | GROUP BY customer_id %.3f s (CPU %.3f s; %,d groups)%n",
                        round + 1, metrics[round], ourCpu, all.size(), baseline[round], baselineCpu[round], groups);
            }
            System.out.printf(Locale.ROOT, "  segments: %s%n", segments);

            List<RepeatHistory> histories = all.stream().map(c -> c.repeatHistory(today)).toList();
            double[] fit = new double[rounds];
            CustomerModel model = null;
            for (int round = 0; round < rounds; round++) {
                long f0 = System.nanoTime();
                CustomerModel.Outcome outcome = CustomerModel.fit(histories);
                fit[round] = seconds(f0);
                if (!(outcome instanceof CustomerModel.Fitted fitted)) {
                    throw new IllegalStateException("no fit: " + outcome);
                }
                model = fitted.model();
                System.out.printf(Locale.ROOT, "  round %d: fit of BG/NBD and gamma-gamma %.3f s%n", round + 1, fit[round]);
            }
            System.out.printf(Locale.ROOT, "  BG/NBD r=%.4f alpha=%.4f a=%.4f b=%.4f; gamma-gamma p=%.4f q=%.4f gamma=%.4f%n",
                    model.purchases().r(), model.purchases().alpha(), model.purchases().a(), model.purchases().b(),
                    model.spend().p(), model.spend().q(), model.spend().gamma());
            BgNbd plain = model.purchases();
            long p0 = System.nanoTime();
            double sink = 0;
            for (int e = 0; e < PLAIN_EVALUATIONS; e++) {
                BgNbd shifted = BgNbd.of(plain.r() * (1 + e * 1e-3), plain.alpha(), plain.a(), plain.b());
                for (RepeatHistory h : histories) {
                    sink += shifted.logLikelihood(h);
                }
            }
            double plainSeconds = seconds(p0);
            System.out.printf(Locale.ROOT, "  baseline: %d evaluations of the plain per-customer BG/NBD likelihood %.3f s (%.1f ms each; LL %.0f)%n",
                    PLAIN_EVALUATIONS, plainSeconds, plainSeconds * 1000 / PLAIN_EVALUATIONS, sink / PLAIN_EVALUATIONS);

            // The full snapshot, computed: a write to the purchases in between makes the kept one stale.
            double[] snapshot = new double[rounds];
            InsightSnapshot snap = null;
            for (int round = 0; round < rounds; round++) {
                touch(ctx);
                long s0 = System.nanoTime();
                double c0 = cpu();
                snap = insights.snapshot(today, settings);
                snapshot[round] = seconds(s0);
                System.out.printf(Locale.ROOT, "  round %d: full snapshot (metrics, RFM, fit, predictions, stages, value classes) %.3f s (CPU %.3f s)%n",
                        round + 1, snapshot[round], cpu() - c0);
            }
            System.out.printf(Locale.ROOT, "  lifecycle: %s; model: %s%n", snap.lifecycleCounts(), snap.model().getClass().getSimpleName());

            double[] monthKpi = new double[rounds];
            double[] yearKpi = new double[rounds];
            double[] monthSql = new double[rounds];
            Period month = Period.containing(Period.Kind.MONTH, today);
            Period year = Period.containing(Period.Kind.YEAR, today);
            for (int round = 0; round < rounds; round++) {
                touch(ctx);
                long k0 = System.nanoTime();
                insights.kpis(month, today, settings, TREND_MONTHS);
                monthKpi[round] = seconds(k0);
                touch(ctx);
                long k1 = System.nanoTime();
                insights.kpis(year, today, settings, TREND_MONTHS);
                yearKpi[round] = seconds(k1);
                long b0 = System.nanoTime();
                long rows = groupByMonth(ctx, today.minusMonths(TREND_MONTHS + 13).withDayOfMonth(1).atStartOfDay(), end);
                monthSql[round] = seconds(b0);
                System.out.printf(Locale.ROOT, "  round %d: key figures, month %.3f s, year %.3f s | GROUP BY month over 25 months %.3f s (%d rows)%n",
                        round + 1, monthKpi[round], yearKpi[round], monthSql[round], rows);
            }

            // The dashboard opening: what the page asks for (key figures, then the snapshot) after
            // the background has computed them, with no change in between; against the computed call.
            double[] computed = new double[rounds];
            double[] kept = new double[rounds];
            double[] elsewhere = new double[rounds];
            for (int round = 0; round < rounds; round++) {
                touch(ctx);
                long c0 = System.nanoTime();
                open(insights, month, today, settings);
                computed[round] = seconds(c0);
                long o0 = System.nanoTime();
                open(insights, month, today, settings);
                kept[round] = seconds(o0);
                touchElsewhere(ctx);
                long e0 = System.nanoTime();
                open(insights, month, today, settings);
                elsewhere[round] = seconds(e0);
                System.out.printf(Locale.ROOT, "  round %d: dashboard open from kept results %.3f s | after a write elsewhere %.3f s"
                        + " | computed after a change to the purchases %.3f s%n", round + 1, kept[round], elsewhere[round], computed[round]);
            }

            System.out.println();
            System.out.printf(Locale.ROOT, "load average now %.1f on %d cores (other work on the machine slows both sides alike)%n",
                    loadAverage(), Runtime.getRuntime().availableProcessors());
            System.out.printf(Locale.ROOT, "Insights at %,d customers (%,d with purchases), %,d purchases, best of %d:%n", n, all.size(), m, rounds);
            line("metrics + RFM + segments", best(metrics), "GROUP BY customer_id (count, sum, min, max)", best(baseline), 2);
            System.out.printf(Locale.ROOT, "  %-32s %7.3f s | baseline %-45s %7.3f s%n", "  (CPU time of the same)", best(metricsCpu),
                    "GROUP BY customer_id", best(baselineCpu));
            line("BG/NBD + gamma-gamma fit", best(fit), PLAIN_EVALUATIONS + " plain per-customer likelihood evaluations", plainSeconds, 5);
            line("full snapshot", best(snapshot), "GROUP BY customer_id", best(baseline), null);
            line("key figures, month", best(monthKpi), "GROUP BY month over 25 months", best(monthSql), null);
            line("key figures, year", best(yearKpi), "GROUP BY month over 25 months", best(monthSql), null);
            line("dashboard open (kept results)", best(kept), "the same call computed after a change", best(computed), 1);
            line("dashboard open, write elsewhere", best(elsewhere), "the same call computed after a change", best(computed), 1);
        }
    }

    private static void open(InsightService insights, Period period, LocalDate today, InsightSettings settings) {
        KpiReport report = insights.kpis(period, today, settings, TREND_MONTHS);
        InsightSnapshot snapshot = insights.snapshot(today, settings);
        if (report == null || snapshot == null) {
            throw new IllegalStateException();
        }
    }

    private static void line(String what, double ours, String baselineName, double baseline, Integer target) {
        String verdict = target == null ? "" : String.format(Locale.ROOT, "; target %d s: %s", target, ours <= target ? "met" : "MISSED");
        System.out.printf(Locale.ROOT, "  %-32s %7.3f s | baseline %-45s %7.3f s%s%n", what, ours, baselineName, baseline, verdict);
    }

    /** A write to the purchases (one purchase's amount set to itself): what the insights keep is stale after it. */
    private static void touch(AppContext ctx) {
        ctx.database().write(cfg -> cfg.dsl().execute("UPDATE purchase SET amount = amount WHERE id = (SELECT MIN(id) FROM purchase)"));
    }

    /** A write to a table the insights' history does not read (a setting), as a follow-up or a survey answer is (decision 0039). */
    private static void touchElsewhere(AppContext ctx) {
        ctx.settings().put("bench.insight.touch", Long.toString(System.nanoTime()));
    }

    private static double loadAverage() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    /** CPU seconds of this thread (H2 runs embedded, in the caller's thread). */
    private static double cpu() {
        return java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() / 1e9;
    }

    private static double best(double[] values) {
        return java.util.Arrays.stream(values).min().orElseThrow();
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    private static void load(AppContext ctx, int n, int m) {
        LocalDateTime now = LocalDateTime.now().withNano(0);
        long minId = ctx.database().write(cfg -> cfg.dsl().connectionResult(c -> {
            try (Statement s = c.createStatement()) {
                s.execute("INSERT INTO customer (code, name, sort_name, created_at, updated_at)"
                        + " SELECT 'B' || x, 'Bench ' || x, 'bench ' || x, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP FROM SYSTEM_RANGE(1, " + n + ")");
            }
            try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT MIN(id) FROM customer")) {
                r.next();
                return r.getLong(1);
            }
        }));
        // As TierBenchmark: committed in slices, spread over two years, amounts 0.00-499.99,
        // customers hashed so each has about m/n purchases.
        for (long from = 1; from <= m; from += SLICE) {
            long lo = from;
            long hi = Math.min(m, from + SLICE - 1);
            ctx.database().write(cfg -> cfg.dsl().connectionResult(c -> {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO purchase (customer_id, purchased_at, amount, note, points, voided, created_at, updated_at)"
                        + " SELECT ? + MOD(x * 7919, " + n + "), DATEADD(MINUTE, -MOD(x * 104729, 1051200), CAST(? AS TIMESTAMP)),"
                        + " CAST(MOD(x * 13, 50000) AS DECIMAL(14,2)) / 100, NULL, MOD(x * 13, 50000) / 100, FALSE, ?, ?"
                        + " FROM SYSTEM_RANGE(" + lo + ", " + hi + ")")) {
                    ps.setLong(1, minId);
                    ps.setTimestamp(2, Timestamp.valueOf(now));
                    ps.setTimestamp(3, Timestamp.valueOf(now));
                    ps.setTimestamp(4, Timestamp.valueOf(now));
                    return ps.executeUpdate();
                }
            }));
        }
    }

    private static long groupBy(AppContext ctx, LocalDateTime end) {
        return ctx.database().dsl().connectionResult(c -> count(c, GROUP_BY, end));
    }

    private static long groupByMonth(AppContext ctx, LocalDateTime from, LocalDateTime end) {
        return ctx.database().dsl().connectionResult(c -> count(c, GROUP_BY_MONTH, from, end));
    }

    private static long count(Connection c, String sql, LocalDateTime... times) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < times.length; i++) {
                ps.setTimestamp(i + 1, Timestamp.valueOf(times[i]));
            }
            long n = 0;
            try (ResultSet r = ps.executeQuery()) {
                while (r.next()) {
                    n++;
                }
            }
            return n;
        }
    }
}
