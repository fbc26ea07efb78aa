package app.regulars.store;

import app.regulars.app.AppContext;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A purchase recorded at the counter writes several rows in one transaction: the purchase, its
 * ledger lot of points, the customer's running 12-month totals (decision 0006), and at times a
 * tier change. A process killed (SIGKILL) while it records one leaves either all of them or none:
 * read straight from the file after the kill, before the app's own opening runs, every purchase
 * that earned points has its lot, every customer's totals are the sum of their purchases in the
 * window, and every purchase the counter was told of is there (decision 0002). The kills come
 * after 1, 9 and 40 purchases; {@code -Dregulars.killMidPurchase.rounds=N} repeats each N times for
 * a long run (one round: 10-20 s a case on a 2-core machine).
 */
class KillMidPurchaseTest {
    private static final int CUSTOMERS = 40;

    static IntStream kills() {
        int rounds = Integer.getInteger("regulars.killMidPurchase.rounds", 1);
        return IntStream.range(0, rounds).flatMap(r -> IntStream.of(1, 9, 40));
    }

    @ParameterizedTest(name = "killed after {0} purchases recorded")
    @MethodSource("kills")
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void aKillWhileAPurchaseIsRecordedLeavesItWholeOrNotAtAll(int recordedBeforeKill, @TempDir Path dir) throws Exception {
        List<Long> recorded = new ArrayList<>();
        Process child = ChildStore.start("record", dir, Integer.toString(CUSTOMERS));
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("recorded ")) {
                    recorded.add(Long.parseLong(line.substring("recorded ".length())));
                    if (recorded.size() >= recordedBeforeKill) {
                        child.destroyForcibly(); // the next purchase is under way
                        break;
                    }
                }
            }
        } finally {
            child.destroyForcibly();
            child.waitFor();
        }
        assertThat(recorded).hasSize(recordedBeforeKill);

        try (Database db = Database.open(dir)) {
            var dsl = db.dsl();
            long purchases = dsl.fetchCount(dsl.selectOne().from("purchase").where("id > 0"));
            System.out.printf("killed after %d purchases recorded: %d in the file%n", recordedBeforeKill, purchases);
            for (long id : recorded) {
                assertThat(dsl.fetchExists(dsl.selectOne().from("purchase").where("id = ?", id)))
                        .as("purchase %d, recorded before the kill", id).isTrue();
            }
            assertThat(purchases).as("at most the one under way beyond those recorded").isBetween((long) recordedBeforeKill, recordedBeforeKill + 1L);
            assertThat(dsl.fetchValue("SELECT COUNT(*) FROM purchase p WHERE p.points > 0 AND NOT EXISTS "
                    + "(SELECT 1 FROM point_entry e WHERE e.purchase_id = p.id AND e.points = p.points)"))
                    .as("purchases without their lot of points").isEqualTo(0L);
            assertThat(dsl.fetchValue("SELECT COUNT(*) FROM point_entry e WHERE e.purchase_id IS NOT NULL AND NOT EXISTS "
                    + "(SELECT 1 FROM purchase p WHERE p.id = e.purchase_id)"))
                    .as("lots of points without their purchase").isEqualTo(0L);
            assertThat(dsl.fetchValue("SELECT COUNT(*) FROM customer_membership m WHERE "
                    + "m.points_12m <> COALESCE((SELECT SUM(p.points) FROM purchase p WHERE p.customer_id = m.customer_id AND NOT p.voided "
                    + "  AND p.purchased_at >= (SELECT window_from FROM membership_window)), 0) "
                    + "OR m.spend_12m <> COALESCE((SELECT SUM(p.amount) FROM purchase p WHERE p.customer_id = m.customer_id AND NOT p.voided "
                    + "  AND p.purchased_at >= (SELECT window_from FROM membership_window)), 0)"))
                    .as("customers whose running totals are not the sum of their purchases").isEqualTo(0L);
        }
        try (AppContext ctx = AppContext.open(dir)) {
            assertThat(ctx.membership().rebuildAndEvaluate()).as("tiers as the purchases make them").isZero();
        }
    }
}
