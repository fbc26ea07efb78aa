package app.regulars.bench;

import app.regulars.app.AppContext;
import app.regulars.store.Database;
import app.regulars.membership.MembershipService;
import app.regulars.membership.TierRule;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Tier re-evaluation at scale: loads N customers and M purchases set-based
 * ({@code INSERT ... SELECT FROM SYSTEM_RANGE}, committed in slices), recounts the running
 * totals once, then times {@link MembershipService#evaluateAll} (one transaction, with its
 * checkpoint) the same day, the next two days and a month later, each next to one
 * hand-written {@code GROUP BY} doing the grouping the totals replace, in the same run on the
 * same data; then the member tiers view's lists. Run with {@code ./mvnw -Pbench verify -Dbench.tier.customers=N -Dbench.tier.purchases=M}
 * or directly: {@code TierBenchmark --customers N --purchases M}.
 */
public final class TierBenchmark {
    private static final int SLICE = 50_000;
    private static final String GROUP_BY = "SELECT customer_id, SUM(amount) FROM purchase"
            + " WHERE voided = FALSE AND purchased_at >= ? GROUP BY customer_id";

    private TierBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int customers = 100_000;
        int purchases = 1_000_000;
        Path keep = null;
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals("--customers")) {
                customers = Integer.parseInt(args[i + 1]);
            } else if (args[i].equals("--purchases")) {
                purchases = Integer.parseInt(args[i + 1]);
            } else if (args[i].equals("--keep")) {
                keep = Path.of(args[i + 1]);
            }
        }
        if (keep != null) {
            // --keep DIR: the data stays in DIR; a second run on it skips the load (for repeated measurements)
            Files.createDirectories(keep);
            run(keep, customers, purchases, Database.Engine.H2_FILE);
            return;
        }
        for (Database.Engine engine : Engines.selected()) { // -Dbench.engine=h2|postgresql|both
            Path dir = Files.createTempDirectory("regulars-tier-bench");
            try {
                run(dir, customers, purchases, engine);
            } finally {
                try (Stream<Path> s = Files.walk(dir)) {
                    s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        }
        Engines.printSideBySide(String.format(Locale.ROOT, "Tiers and the Members page at %,d customers, %,d purchases", customers, purchases));
    }

    private static void run(Path dir, int n, int m, Database.Engine engine) throws Exception {
        System.out.printf(Locale.ROOT, "Tier benchmark: %,d customers, %,d purchases, %s, data in %s%n", n, m, Engines.name(engine), dir);
        try (AppContext ctx = Engines.open(engine, dir, Clock.systemDefaultZone(), Locale.SIMPLIFIED_CHINESE)) {
            MembershipService membership = ctx.membership();
            LocalDateTime now = LocalDateTime.now().withNano(0);
            long t0 = System.nanoTime();
            boolean loaded = ctx.customers().countAll() > 0;
            if (!loaded) {
                long minId = ctx.database().write(cfg -> cfg.dsl().connectionResult(c -> {
                    try (Statement s = c.createStatement()) {
                        s.execute("INSERT INTO customer (code, name, sort_name, created_at, updated_at)"
                                + " SELECT 'B' || x, 'Bench ' || x, 'bench ' || x, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP FROM " + Engines.range(engine, 1, n));
                    }
                    try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT MIN(id) FROM customer")) {
                        r.next();
                        return r.getLong(1);
                    }
                }));
                // Committed in slices (one huge transaction makes H2 slow); spread over two years,
                // amounts 0.00-499.99, customers hashed so each has about m/n purchases.
                for (long from = 1; from <= m; from += SLICE) {
                    long lo = from;
                    long hi = Math.min(m, from + SLICE - 1);
                    ctx.database().write(cfg -> cfg.dsl().connectionResult(c -> {
                        try (PreparedStatement ps = c.prepareStatement("INSERT INTO purchase (customer_id, purchased_at, amount, note, points, voided, created_at, updated_at)"
                                + " SELECT ? + MOD(x * 7919, " + n + "), " + (engine == Database.Engine.H2_FILE
                                        ? "DATEADD(MINUTE, -MOD(x * 104729, 1051200), CAST(? AS TIMESTAMP)),"
                                        : "CAST(? AS TIMESTAMP) - MOD(x * 104729, 1051200) * INTERVAL '1 minute',")
                                + " CAST(MOD(x * 13, 50000) AS DECIMAL(14,2)) / 100, NULL, MOD(x * 13, 50000) / 100, FALSE, ?, ?"
                                + " FROM " + Engines.range(engine, lo, hi))) {
                            ps.setLong(1, minId);
                            ps.setTimestamp(2, Timestamp.valueOf(now));
                            ps.setTimestamp(3, Timestamp.valueOf(now));
                            ps.setTimestamp(4, Timestamp.valueOf(now));
                            return ps.executeUpdate();
                        }
                    }));
                }
            }
            long t1 = System.nanoTime();
            System.out.printf(Locale.ROOT, loaded ? "data already there (--keep)%n" : "load (set-based INSERT ... SELECT): %.1f s%n", (t1 - t0) / 1e9);

            // The load wrote purchases behind the program's back: recount the running totals once.
            // (Data kept from an earlier run only has to move back to today's window.)
            long e0 = System.nanoTime();
            int first = loaded ? membership.evaluateAll() : membership.rebuildAndEvaluate();
            long e1 = System.nanoTime();
            System.out.printf(Locale.ROOT, "first evaluation (%s): %,d customers changed tier in %.2f s%n",
                    loaded ? "moves the kept totals to today" : "recounts all totals from every purchase", first, (e1 - e0) / 1e9);

            // Re-evaluation as the shop sees it: later the same day, the next days (the window
            // moves a day: a day's purchases leave it) and after a month away.
            int[] daysLater = {0, 1, 2, 32};
            double[] ours = new double[daysLater.length];
            double[] sql = new double[daysLater.length];
            for (int round = 0; round < daysLater.length; round++) {
                membership.settings().setRule(round % 2 == 0 ? TierRule.POINTS_12_MONTHS : TierRule.SPEND_12_MONTHS);
                Clock later = Clock.offset(Clock.systemDefaultZone(), Duration.ofDays(daysLater[round]));
                MembershipService onDay = new MembershipService(ctx.database(), membership.settings(), later);
                LocalDateTime from = onDay.tierRepository().windowStart(onDay.today());
                long s0 = System.nanoTime();
                int changed = onDay.evaluateAll();
                ours[round] = (System.nanoTime() - s0) / 1e9;
                long g0 = System.nanoTime();
                long groups = ctx.database().dsl().connectionResult(c -> groupBy(c, from));
                sql[round] = (System.nanoTime() - g0) / 1e9;
                System.out.printf(Locale.ROOT, "round %d (+%d days, %s): evaluateAll %.2f s (%,d changed) | hand-written GROUP BY %.2f s (%,d groups)%n",
                        round + 1, daysLater[round], membership.settings().rule(), ours[round], changed, sql[round], groups);
            }
            double worstDaily = Math.max(ours[0], Math.max(ours[1], ours[2]));
            double bestSql = java.util.Arrays.stream(sql).min().orElseThrow();
            System.out.printf(Locale.ROOT, "re-evaluation the same day and the next days: worst %.2f s (GROUP BY alone: best %.2f s);"
                    + " target < 2 s: %s%n", worstDaily, bestSql, worstDaily < 2 ? "MET" : "MISSED");
            Engines.put("load (set-based)", engine, String.format(Locale.ROOT, "%.1f s", (t1 - t0) / 1e9));
            Engines.put("first evaluation (recount)", engine, String.format(Locale.ROOT, "%.2f s", (e1 - e0) / 1e9));
            Engines.put("evaluateAll same day / +1 / +2 / +32 days", engine, String.format(Locale.ROOT, "%.2f / %.2f / %.2f / %.2f s",
                    ours[0], ours[1], ours[2], ours[3]));
            Engines.put("hand-written GROUP BY, best", engine, String.format(Locale.ROOT, "%.2f s", bestSql));
            Engines.put("re-evaluation target < 2 s", engine, worstDaily < 2 ? "MET" : "MISSED");
            System.out.printf(Locale.ROOT, "after a month away (the shell moves the totals at start, in the background): %.2f s%n", ours[3]);

            // The member tiers view's lists, read from the same totals.
            MembershipService last = new MembershipService(ctx.database(), membership.settings(),
                    Clock.offset(Clock.systemDefaultZone(), Duration.ofDays(daysLater[daysLater.length - 1])));
            time("members per tier", engine, () -> last.tierSummary().size());
            time("close to the next tier", engine, () -> last.closeToNextTier().size());
            time("about to drop", engine, () -> last.aboutToDrop().size());
            time("points expiring in 30 days", engine, () -> last.pointsExpiringSoon().size());
        }
    }

    private static void time(String what, Database.Engine engine, java.util.function.IntSupplier list) {
        long t0 = System.nanoTime();
        int rows = list.getAsInt();
        double s = (System.nanoTime() - t0) / 1e9;
        System.out.printf(Locale.ROOT, "%s: %,d rows in %.2f s%n", what, rows, s);
        Engines.put("Members page: " + what, engine, String.format(Locale.ROOT, "%.2f s (%,d rows)", s, rows));
    }

    private static long groupBy(Connection c, LocalDateTime from) throws java.sql.SQLException {
        try (PreparedStatement ps = c.prepareStatement(GROUP_BY)) {
            ps.setTimestamp(1, Timestamp.valueOf(from));
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
