package app.regulars.bench;

import app.regulars.AppContext;
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
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Tier re-evaluation at scale: loads N customers and M purchases set-based
 * ({@code INSERT ... SELECT FROM SYSTEM_RANGE} inside {@code Database.bulkLoad}), then times
 * {@link MembershipService#evaluateAll} (the set-based statements, one transaction, with its
 * checkpoint) next to one hand-written {@code GROUP BY} doing the same grouping, in the same
 * run on the same data. Run with {@code ./mvnw -Pbench verify -Dbench.tier.customers=N -Dbench.tier.purchases=M}
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
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals("--customers")) {
                customers = Integer.parseInt(args[i + 1]);
            } else if (args[i].equals("--purchases")) {
                purchases = Integer.parseInt(args[i + 1]);
            }
        }
        Path dir = Files.createTempDirectory("regulars-tier-bench");
        try {
            run(dir, customers, purchases);
        } finally {
            try (Stream<Path> s = Files.walk(dir)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void run(Path dir, int n, int m) throws Exception {
        System.out.printf(Locale.ROOT, "Tier benchmark: %,d customers, %,d purchases, data in %s%n", n, m, dir);
        try (AppContext ctx = AppContext.open(dir, Clock.systemDefaultZone(), Locale.SIMPLIFIED_CHINESE)) {
            MembershipService membership = ctx.membership();
            LocalDateTime now = LocalDateTime.now().withNano(0);
            long t0 = System.nanoTime();
            ctx.database().bulkLoad(() -> {
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
                // Committed in slices (one huge transaction makes H2 slow); spread over two years,
                // amounts 0.00-499.99, customers hashed so each has about m/n purchases.
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
                return null;
            });
            long t1 = System.nanoTime();
            System.out.printf(Locale.ROOT, "load (set-based INSERT ... SELECT): %.1f s%n", (t1 - t0) / 1e9);

            long e0 = System.nanoTime();
            int first = membership.evaluateAll();
            long e1 = System.nanoTime();
            System.out.printf(Locale.ROOT, "first evaluation (creates %,d membership rows): %,d customers changed tier in %.2f s%n", n, first, (e1 - e0) / 1e9);

            double[] ours = new double[3];
            double[] sql = new double[3];
            LocalDateTime from = LocalDate.now().minusYears(1).plusDays(1).atStartOfDay();
            for (int round = 0; round < 3; round++) {
                membership.settings().setRule(round % 2 == 0 ? TierRule.POINTS_12_MONTHS : TierRule.SPEND_12_MONTHS);
                long s0 = System.nanoTime();
                int changed = membership.evaluateAll();
                ours[round] = (System.nanoTime() - s0) / 1e9;
                long g0 = System.nanoTime();
                long groups = ctx.database().dsl().connectionResult(c -> groupBy(c, from));
                sql[round] = (System.nanoTime() - g0) / 1e9;
                System.out.printf(Locale.ROOT, "round %d: evaluateAll %.2f s (%,d changed) | hand-written GROUP BY %.2f s (%,d groups)%n",
                        round + 1, ours[round], changed, sql[round], groups);
            }
            double best = Math.min(ours[0], Math.min(ours[1], ours[2]));
            double bestSql = Math.min(sql[0], Math.min(sql[1], sql[2]));
            System.out.printf(Locale.ROOT, "best: evaluateAll %.2f s, GROUP BY %.2f s (ratio %.1fx); target < 2 s: %s%n",
                    best, bestSql, best / bestSql, Math.max(ours[0], Math.max(ours[1], ours[2])) < 2 ? "MET" : "MISSED");
        }
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
