package app.regulars.followup;

import app.regulars.app.AppContext;
import app.regulars.i18n.Messages;
import app.regulars.testing.TestStores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Times the automatic check-ins over many customers, most never contacted. Runs only when
 * asked: {@code ./mvnw -q verify -Dtest=CheckInBenchmarkTest -Dfollowup.bench.customers=100000}.
 */
class CheckInBenchmarkTest {
    @TempDir
    Path dir;

    @Test
    void checkInsOverManyCustomers() {
        int n = Integer.getInteger("followup.bench.customers", 0);
        assumeTrue(n > 0, "set -Dfollowup.bench.customers=N to run");
        try (AppContext ctx = TestStores.open(dir)) {
            long t0 = System.nanoTime();
            // customers created over the last five years; every tenth was contacted once in the last 200 days
            ctx.database().write(cfg -> {
                cfg.dsl().execute("INSERT INTO customer (code, name, sort_name, created_at, updated_at) "
                        + "SELECT 'B' || X, 'Customer ' || X, 'customer ' || X, DATEADD('DAY', -MOD(X * 7, 1825), TIMESTAMP '2026-11-23 10:00:00'), "
                        + "TIMESTAMP '2026-11-23 10:00:00' FROM SYSTEM_RANGE(1, ?)", n);
                cfg.dsl().execute("INSERT INTO interaction (customer_id, occurred_at, channel, summary, created_at, updated_at) "
                        + "SELECT id, DATEADD('DAY', -MOD(id, 200), TIMESTAMP '2026-11-23 09:00:00'), 'PHONE', 'Called', "
                        + "TIMESTAMP '2026-11-23 10:00:00', TIMESTAMP '2026-11-23 10:00:00' FROM customer WHERE MOD(id, 10) = 0");
                // ten purchases per customer over the last two years (a purchase counts as a contact)
                return cfg.dsl().execute("INSERT INTO purchase (customer_id, purchased_at, amount, points, created_at, updated_at) "
                        + "SELECT c.id, DATEADD('DAY', -MOD(c.id * 13 + r.X * 71, 730), TIMESTAMP '2026-11-23 11:00:00'), 50, 0, "
                        + "TIMESTAMP '2026-11-23 10:00:00', TIMESTAMP '2026-11-23 10:00:00' FROM customer c, SYSTEM_RANGE(1, 10) r");
            });
            double load = (System.nanoTime() - t0) / 1e9;
            ctx.settings().put(AutoFollowUps.CADENCE_DEFAULT, "90");
            ctx.settings().put(AutoFollowUps.HORIZON_DAYS, "14");
            ctx.settings().put(AutoFollowUps.HOLIDAY_DAYS, "0");
            ctx.settings().put(AutoFollowUps.BIRTHDAY_DAYS, "0");
            Messages en = new Messages(Messages.ENGLISH);
            long t1 = System.nanoTime();
            int first = ctx.autoFollowUps().generate(en).checkIns();
            double firstRun = (System.nanoTime() - t1) / 1e9;
            long t2 = System.nanoTime();
            int second = ctx.autoFollowUps().generate(en).checkIns();
            double secondRun = (System.nanoTime() - t2) / 1e9;
            int maxPerDay = ((Number) ctx.database().dsl().fetchValue("SELECT MAX(c) FROM (SELECT COUNT(*) c FROM follow_up "
                    + "WHERE kind = 'CHECK_IN' AND NOT EXISTS (SELECT 1 FROM interaction i WHERE i.customer_id = follow_up.customer_id) "
                    + "GROUP BY CAST(due_at AS DATE)) t")).intValue();
            // Baseline in the same run: the same generation with purchases not counted as contacts.
            ctx.database().write(cfg -> cfg.dsl().execute("DELETE FROM follow_up"));
            ctx.settings().put(AutoFollowUps.PURCHASE_COUNTS, "false");
            long t3 = System.nanoTime();
            int withoutPurchases = ctx.autoFollowUps().generate(en).checkIns();
            double baseline = (System.nanoTime() - t3) / 1e9;
            System.out.printf("check-in bench: %,d customers and %,d purchases loaded in %.1f s; first generation %,d check-ins in %.1f s "
                    + "(purchases count as contacts; at most %,d on one day for the never contacted); second generation %,d in %.1f s; "
                    + "baseline, purchases not counted: %,d check-ins in %.1f s%n",
                    n, n * 10, load, first, firstRun, maxPerDay, second, secondRun, withoutPurchases, baseline);
            assertEquals(0, second);
        }
    }
}
