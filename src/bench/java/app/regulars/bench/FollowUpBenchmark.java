package app.regulars.bench;

import app.regulars.app.AppContext;
import app.regulars.store.Database;
import app.regulars.followup.CalendarViewModel;
import app.regulars.followup.FollowUpFilter;
import app.regulars.followup.FollowUpService;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Loads N customers and M follow-ups (set-based INSERT ... SELECT, due times spread over five
 * years around today, the past mostly done) into a fresh data folder, then times what the
 * calendar does when it opens: the month view (first four a day plus each day's count) with
 * the list of today and overdue and the owner choices, and the agenda of a week, each next to a plain-JDBC
 * baseline that fetches the same range's rows. Run with
 * {@code ./mvnw -Pbench-followups verify [-Dbench.customers=N -Dbench.followups=M]}.
 */
public final class FollowUpBenchmark {
    private static final int RUNS = 30;

    private FollowUpBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int customers = 100_000;
        int followUps = 500_000;
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals("--customers")) {
                customers = Integer.parseInt(args[i + 1]);
            } else if (args[i].equals("--followups")) {
                followUps = Integer.parseInt(args[i + 1]);
            }
        }
        for (Database.Engine engine : Engines.selected()) { // -Dbench.engine=h2|postgresql|both
            Path dir = Files.createTempDirectory("regulars-bench-followups");
            try {
                run(dir, customers, followUps, engine);
            } finally {
                try (Stream<Path> s = Files.walk(dir)) {
                    s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                } catch (IOException ignored) {
                    // a temp folder
                }
            }
        }
        Engines.printSideBySide(String.format(Locale.ROOT, "Calendar at %,d customers, %,d follow-ups", customers, followUps));
    }

    private static void run(Path dir, int customers, int followUps, Database.Engine engine) throws SQLException {
        System.out.printf(Locale.ROOT, "Follow-up benchmark: %,d customers, %,d follow-ups, %s, data in %s%n", customers, followUps,
                Engines.name(engine), dir);
        LocalDate today = LocalDate.now();
        try (AppContext ctx = Engines.open(engine, dir, Clock.systemDefaultZone(), Locale.SIMPLIFIED_CHINESE)) {
            long t0 = System.nanoTime();
            // Not through Database.bulkLoad: when it set RETENTION_TIME 0, a large INSERT ... SELECT
            // here ended in H2's "Chunk 249 not found" (H2 overwrote a chunk the statement still read).
            // It now keeps chunks 5 s (decision 0007), still shorter than one such statement can run.
            // Plain commits with H2's defaults, 50,000 rows at a time.
            ctx.database().dsl().connection(c -> load(c, customers, followUps, today, engine));
            ctx.database().syncNow();
            System.out.printf(Locale.ROOT, "bulk load: %.1f s%n", (System.nanoTime() - t0) / 1e9);
            long tl = System.nanoTime();
            FollowUpService service = ctx.followUps();

            LocalDate monthStart = today.withDayOfMonth(1).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            LocalDate monthEnd = monthStart.plusWeeks(6);
            LocalDate weekStart = today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            LocalDate weekEnd = weekStart.plusWeeks(1);

            Runnable month = () -> {
                service.days(monthStart, monthEnd, FollowUpFilter.ALL, CalendarViewModel.MONTH_PER_DAY);
                service.todayList(FollowUpFilter.ALL, CalendarViewModel.TODAY_LISTED);
                service.owners();
            };
            Runnable agenda = () -> {
                service.between(weekStart.atStartOfDay(), weekEnd.atStartOfDay(), FollowUpFilter.ALL);
                service.todayList(FollowUpFilter.ALL, CalendarViewModel.TODAY_LISTED);
                service.owners();
            };
            int monthRows = ctx.database().dsl().fetchCount(ctx.database().dsl().selectOne().from("follow_up")
                    .where("due_at >= ? and due_at < ?", monthStart.atStartOfDay(), monthEnd.atStartOfDay()));
            int weekRows = service.between(weekStart.atStartOfDay(), weekEnd.atStartOfDay(), FollowUpFilter.ALL).size();
            int overdue = service.todayList(FollowUpFilter.ALL, CalendarViewModel.TODAY_LISTED).items().size();
            System.out.printf(Locale.ROOT, "month view spans %,d follow-ups (shows at most %d a day); the week has %,d; today and overdue list %,d%n",
                    monthRows, CalendarViewModel.MONTH_PER_DAY, weekRows, overdue);

            print("  part: month days", time(() -> service.days(monthStart, monthEnd, FollowUpFilter.ALL, CalendarViewModel.MONTH_PER_DAY)));
            print("  part: week range", time(() -> service.between(weekStart.atStartOfDay(), weekEnd.atStartOfDay(), FollowUpFilter.ALL)));
            print("  part: today and overdue", time(() -> service.todayList(FollowUpFilter.ALL, CalendarViewModel.TODAY_LISTED)));
            print("  part: owners", time(service::owners));
            long[] m = time(month);
            long[] a = time(agenda);
            long[] mb = ctx.database().dsl().connectionResult(c -> time(() -> baseline(c, monthStart, monthEnd)));
            long[] ab = ctx.database().dsl().connectionResult(c -> time(() -> baseline(c, weekStart, weekEnd)));
            System.out.println();
            System.out.printf(Locale.ROOT, "%-44s %8s %8s %8s%n", "", "p50 ms", "p95 ms", "max ms");
            print("month view (Regulars: days + today + owners)", m);
            print("month range, plain JDBC (all rows, joined)", mb);
            print("week agenda (Regulars: range + today + owners)", a);
            print("week range, plain JDBC (all rows, joined)", ab);
            System.out.printf(Locale.ROOT, "target < 200 ms (p95): month %s, agenda %s%n",
                    pct(m, 95) < 200 ? "MET" : "MISSED", pct(a, 95) < 200 ? "MET" : "MISSED");
            Engines.put("month view, p50 / p95 / max ms", engine, String.format(Locale.ROOT, "%.1f / %.1f / %.1f", pct(m, 50), pct(m, 95), pct(m, 100)));
            Engines.put("month range, plain JDBC, p50 / p95 ms", engine, String.format(Locale.ROOT, "%.1f / %.1f", pct(mb, 50), pct(mb, 95)));
            Engines.put("week agenda, p50 / p95 / max ms", engine, String.format(Locale.ROOT, "%.1f / %.1f / %.1f", pct(a, 50), pct(a, 95), pct(a, 100)));
            Engines.put("week range, plain JDBC, p50 / p95 ms", engine, String.format(Locale.ROOT, "%.1f / %.1f", pct(ab, 50), pct(ab, 95)));
            Engines.put("target < 200 ms (p95), month / agenda", engine, (pct(m, 95) < 200 ? "MET" : "MISSED") + " / "
                    + (pct(a, 95) < 200 ? "MET" : "MISSED"));
        }
    }

    private static void load(Connection c, int customers, int followUps, LocalDate today, Database.Engine engine) throws SQLException {
        if (engine != Database.Engine.H2_FILE) {
            loadPostgres(c, customers, followUps, today);
            return;
        }
        LocalDateTime now = LocalDateTime.now();
        LocalDateTime start = today.minusMonths(30).atStartOfDay();
        long minutes = java.time.Duration.between(start, today.plusMonths(30).atStartOfDay()).toMinutes();
        try (Statement s = c.createStatement()) {
            long t = System.nanoTime();
            s.execute("INSERT INTO customer (code, name, sort_name, marketing_consent, created_at, updated_at) "
                    + "SELECT LPAD(CAST(x AS VARCHAR), 6, '0'), CONCAT('客户', x), CONCAT('kehu ', x), MOD(x, 3) = 0, "
                    + "TIMESTAMP '" + Timestamp.valueOf(start) + "', TIMESTAMP '" + Timestamp.valueOf(now) + "' FROM SYSTEM_RANGE(1, " + customers + ")");
            System.out.printf(Locale.ROOT, "  customers: %.1f s%n", (System.nanoTime() - t) / 1e9);
            t = System.nanoTime();
            s.execute("INSERT INTO customer_tag (customer_id, tag) SELECT id, 'VIP' FROM customer WHERE MOD(id, 10) = 0");
            for (int from = 1; from <= followUps; from += 50_000) {
                int to = Math.min(followUps, from + 49_999);
            s.execute("INSERT INTO follow_up (customer_id, kind, title, owner, due_at, all_day, status, recurrence, occurrence, created_at, updated_at) "
                        + "SELECT MOD(x * 7919, " + customers + ") + 1, "
                        + "CASEWHEN(MOD(x, 6) = 0, 'VISIT', CASEWHEN(MOD(x, 6) = 1, 'COMPLAINT', CASEWHEN(MOD(x, 6) = 2, 'BIRTHDAY', 'CHECK_IN'))), "
                        + "CONCAT('回访 ', x), CASEWHEN(MOD(x, 4) = 0, NULL, CONCAT('员工', MOD(x, 12))), d, MOD(x, 5) = 0, "
                        + "CASEWHEN(d < TIMESTAMP '" + Timestamp.valueOf(now) + "' AND MOD(x, 200) <> 0, 'DONE', 'PLANNED'), 'NONE', 0, "
                        + "TIMESTAMP '" + Timestamp.valueOf(now) + "', TIMESTAMP '" + Timestamp.valueOf(now) + "' "
                        + "FROM (SELECT x, DATEADD('MINUTE', MOD(x * 104729, " + minutes + "), TIMESTAMP '" + Timestamp.valueOf(start) + "') d "
                        + "FROM SYSTEM_RANGE(" + from + ", " + to + "))");
            }
            System.out.printf(Locale.ROOT, "  tags + follow-ups: %.1f s%n", (System.nanoTime() - t) / 1e9);
            s.execute("ANALYZE");
        }
    }

    /** The same rows as {@link #load} in PostgreSQL's words ({@code generate_series}, {@code CASE}, an interval). */
    private static void loadPostgres(Connection c, int customers, int followUps, LocalDate today) throws SQLException {
        LocalDateTime now = LocalDateTime.now();
        LocalDateTime start = today.minusMonths(30).atStartOfDay();
        long minutes = java.time.Duration.between(start, today.plusMonths(30).atStartOfDay()).toMinutes();
        try (Statement s = c.createStatement()) {
            long t = System.nanoTime();
            s.execute("INSERT INTO customer (code, name, sort_name, marketing_consent, created_at, updated_at) "
                    + "SELECT LPAD(CAST(x AS VARCHAR), 6, '0'), CONCAT('客户', x), CONCAT('kehu ', x), MOD(x, 3) = 0, "
                    + "TIMESTAMP '" + Timestamp.valueOf(start) + "', TIMESTAMP '" + Timestamp.valueOf(now) + "' FROM "
                    + Engines.range(Database.Engine.POSTGRESQL, 1, customers));
            System.out.printf(Locale.ROOT, "  customers: %.1f s%n", (System.nanoTime() - t) / 1e9);
            t = System.nanoTime();
            s.execute("INSERT INTO customer_tag (customer_id, tag) SELECT id, 'VIP' FROM customer WHERE MOD(id, 10) = 0");
            for (int from = 1; from <= followUps; from += 50_000) {
                int to = Math.min(followUps, from + 49_999);
                s.execute("INSERT INTO follow_up (customer_id, kind, title, owner, due_at, all_day, status, recurrence, occurrence, created_at, updated_at) "
                        + "SELECT MOD(x * 7919, " + customers + ") + 1, "
                        + "CASE MOD(x, 6) WHEN 0 THEN 'VISIT' WHEN 1 THEN 'COMPLAINT' WHEN 2 THEN 'BIRTHDAY' ELSE 'CHECK_IN' END, "
                        + "CONCAT('回访 ', x), CASE WHEN MOD(x, 4) = 0 THEN NULL ELSE CONCAT('员工', MOD(x, 12)) END, d, MOD(x, 5) = 0, "
                        + "CASE WHEN d < TIMESTAMP '" + Timestamp.valueOf(now) + "' AND MOD(x, 200) <> 0 THEN 'DONE' ELSE 'PLANNED' END, 'NONE', 0, "
                        + "TIMESTAMP '" + Timestamp.valueOf(now) + "', TIMESTAMP '" + Timestamp.valueOf(now) + "' "
                        + "FROM (SELECT x, TIMESTAMP '" + Timestamp.valueOf(start) + "' + MOD(x * 104729, " + minutes + ") * INTERVAL '1 minute' AS d "
                        + "FROM " + Engines.range(Database.Engine.POSTGRESQL, from, to) + ") AS f");
            }
            System.out.printf(Locale.ROOT, "  tags + follow-ups: %.1f s%n", (System.nanoTime() - t) / 1e9);
            s.execute("ANALYZE");
        }
    }

    private static void baseline(Connection c, LocalDate from, LocalDate to) {
        try (PreparedStatement ps = c.prepareStatement("SELECT f.*, c.name, c.code FROM follow_up f JOIN customer c ON c.id = f.customer_id "
                + "WHERE f.due_at >= ? AND f.due_at < ? ORDER BY f.due_at, f.id")) {
            ps.setTimestamp(1, Timestamp.valueOf(from.atStartOfDay()));
            ps.setTimestamp(2, Timestamp.valueOf(to.atStartOfDay()));
            try (ResultSet rs = ps.executeQuery()) {
                int cols = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    for (int i = 1; i <= cols; i++) {
                        rs.getObject(i);
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long[] time(Runnable r) {
        for (int i = 0; i < 5; i++) {
            r.run();
        }
        long[] t = new long[RUNS];
        for (int i = 0; i < RUNS; i++) {
            long s = System.nanoTime();
            r.run();
            t[i] = System.nanoTime() - s;
        }
        return t;
    }

    private static double pct(long[] times, int p) {
        long[] s = times.clone();
        Arrays.sort(s);
        return s[Math.min(s.length - 1, (int) Math.ceil(p / 100.0 * s.length) - 1)] / 1e6;
    }

    private static void print(String label, long[] t) {
        System.out.printf(Locale.ROOT, "%-44s %8.1f %8.1f %8.1f%n", label, pct(t, 50), pct(t, 95), pct(t, 100));
    }
}
