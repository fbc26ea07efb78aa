package app.regulars.store;

import app.regulars.app.AppContext;
import app.regulars.customer.CustomerService;
import app.regulars.app.demo.SampleShop;
import app.regulars.membership.MembershipService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import app.regulars.testing.Schemas;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A demo load ({@code CustomerService.fillEmpty} through {@code Database.bulkLoad}) killed
 * (SIGKILL) in the middle leaves a file that opens, reads back whole (a {@code SCRIPT} of it
 * checks every page), runs with H2's default settings again, and holds whole committed
 * slices of the load only (counted as a read sees them: H2's quick {@code COUNT(*)} can include a few rows of
 * the slice under way, written to the file without their undo log entries; h2database issue 2080), at least
 * those committed a second before the kill (H2 writes a
 * commit within its {@code WRITE_DELAY} of 500 ms; the load's slices take no {@code CHECKPOINT}
 * each: the load is all or nothing, and a kill loses it whole at the next start); opening the app then
 * deletes them (the fill is all or nothing) and a new fill works. The child prints its
 * progress; a progress inside slice k means slices 0..k-1 had been committed (at 50 % the
 * kill comes as a slice's last batch is done, racing its commit). Size with
 * {@code -Dregulars.bulkKill.customers=N} (default 12,000: 10-30 s a case on a busy 2-core machine).
 * A purchase import killed after its first slice leaves the same: a file that opens, the flag,
 * and once the app has opened it not one purchase, ledger entry or running total of it.
 * A load killed while its tables' indexes and foreign keys are off (decision 0029: taken off before the
 * first slice, made again after the last, each DDL statement committed on its own) opens with the schema
 * a store the migrations made has, index for index, before anything else runs.
 */
class BulkLoadKillTest {
    private static final int CUSTOMERS = Integer.getInteger("regulars.bulkKill.customers", 12_000);

    @ParameterizedTest(name = "killed at {0}% of the load")
    @ValueSource(ints = {3, 50, 85})
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void aKilledBulkLoadLeavesAnOpenableStoreAndTheOpenUndoesTheWholeFill(int percent, @TempDir Path dir) throws Exception {
        int killAt = Math.max(1, CUSTOMERS * percent / 100);
        int slice = SampleShop.SLICE;
        int lastProgress = 0;
        boolean finished = false;
        // when each slice's commit was first known (a progress inside the next slice), to the kill
        java.util.Map<Integer, Long> committedAt = new java.util.HashMap<>();
        long killedAt = 0;
        Process child = ChildStore.start("bulk", dir, Integer.toString(CUSTOMERS));
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("progress ")) {
                    lastProgress = Integer.parseInt(line.substring("progress ".length()));
                    committedAt.putIfAbsent((lastProgress - 1) / slice * slice, System.nanoTime());
                    if (lastProgress >= killAt) {
                        killedAt = System.nanoTime();
                        child.destroyForcibly();
                        break;
                    }
                } else if (line.startsWith("done ")) {
                    finished = true;
                }
            }
        } finally {
            child.destroyForcibly();
            child.waitFor();
        }
        assertThat(finished).as("the child was killed before the load ended").isFalse();
        // A slice's commit reaches the file when H2's writer next runs (WRITE_DELAY, 500 ms: a bulk
        // load's slices commit without a CHECKPOINT of their own, the load being all or nothing);
        // those committed a second or more before the kill must be there.
        long killed = killedAt;
        int committedBeforeKill = committedAt.entrySet().stream()
                .filter(e -> killed - e.getValue() >= TimeUnit.SECONDS.toNanos(1))
                .mapToInt(java.util.Map.Entry::getKey).max().orElse(0);

        // What the kill left in the file, before the app's own clean-up runs.
        try (Database db = Database.open(dir)) {
            int count = visibleCustomers(db.dsl());
            int quick = db.dsl().fetchCount(db.dsl().selectOne().from("customer"));
            System.out.printf("killed at progress %,d of %,d: %,d customers in the file (%,d committed a second or more before; "
                            + "H2's quick count %,d)%n", lastProgress, CUSTOMERS, count, committedBeforeKill, quick);
            // H2's quick COUNT(*) is the table's size as H2 last stored it, not a read: after a kill it may count a
            // few rows of the slice under way, written to the file without their undo log entries (h2database
            // issue 2080; see CustomerRepository.isEmpty), or one row fewer than a read sees (CI saw -1 once, at
            // 137b9eb). Printed, not failed: the app reads customers row by row where it matters, and its open
            // below deletes the whole interrupted fill.
            if (quick != count) {
                System.out.printf("H2's quick count differs from a read by %,d after the kill%n", quick - count);
            }
            assertThat(count).as("customers after a kill at progress %d", lastProgress).isBetween(0, CUSTOMERS);
            // Whole slices as a rule, but not always: H2 can keep a few rows of the slice under way, as a
            // read sees them, after a kill (CI saw 2 customers after a kill at 3 % once in dozens of runs;
            // an earlier 5,002 was H2's quick count, above). The fill is all or nothing through its flag,
            // FILL_PENDING, not through the file: the app's open below deletes the whole interrupted fill,
            // whatever the file kept.
            if (count % slice != 0) {
                System.out.printf("%,d rows of the slice under way kept by H2 after the kill%n", count % slice);
            }
            assertThat(count).as("slices committed a second or more before the kill at %d", lastProgress)
                    .isGreaterThanOrEqualTo(committedBeforeKill);
            assertThat(new Settings(db).get(CustomerService.FILL_PENDING)).as("the fill's flag").isPresent();
            Path script = Files.createTempFile(dir, "check", ".zip");
            db.scriptBackup(script); // reads every row of every table, checking page checksums
            assertThat(Files.size(script)).isPositive();
            String retention = db.dsl().fetchValue(
                    "SELECT DISTINCT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'RETENTION_TIME'").toString();
            assertThat(retention).as("H2's retention time after reopening").isEqualTo("45000");
        }

        // The app deletes the interrupted fill when it opens, and a new one can run.
        try (AppContext ctx = AppContext.open(dir)) {
            assertThat(visibleCustomers(ctx.database().dsl())).as("customers left by the interrupted fill").isZero();
            assertThat(ctx.customers().isEmpty()).as("the store reads as empty").isTrue();
            assertThat(ctx.settings().get(CustomerService.FILL_PENDING)).isEmpty();
            int filled = new SampleShop(1L, ctx.customers().today()).fill(ctx.customers(), 30, k -> { }, () -> false);
            assertThat(filled).isEqualTo(30);
            assertThat(visibleCustomers(ctx.database().dsl())).isEqualTo(30);
            assertThat(ctx.settings().get(CustomerService.FILL_PENDING)).isEmpty();
        }
    }

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void aKilledPurchaseImportLeavesNoPurchaseNoPointAndNoTotal(@TempDir Path dir) throws Exception {
        int customers = 6_000; // three slices of customers' purchases: 2,500, 2,500 and 1,000
        int lastProgress = 0;
        boolean finished = false;
        Process child = ChildStore.start("purchases", dir, Integer.toString(customers));
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("purchases ")) {
                    lastProgress = Integer.parseInt(line.substring("purchases ".length()));
                    child.destroyForcibly(); // the first slice is committed: the second is under way
                    break;
                } else if (line.startsWith("done ")) {
                    finished = true;
                }
            }
        } finally {
            child.destroyForcibly();
            child.waitFor();
        }
        assertThat(finished).isFalse();
        assertThat(lastProgress).isEqualTo(2_500);

        try (Database db = Database.open(dir)) {
            int purchases = visibleRows(db.dsl(), "purchase");
            System.out.printf("purchase import killed after %,d of %,d customers: %,d purchases in the file%n", lastProgress, customers, purchases);
            assertThat(purchases).as("the first slice was committed").isPositive();
            assertThat(new Settings(db).get(MembershipService.IMPORT_PENDING)).as("the import's flag").isPresent();
            Path script = Files.createTempFile(dir, "check", ".zip");
            db.scriptBackup(script);
        }

        try (AppContext ctx = AppContext.open(dir)) {
            var dsl = ctx.database().dsl();
            assertThat(ctx.customers().countAll()).as("the customers were filled before").isEqualTo(customers);
            assertThat(visibleRows(dsl, "purchase")).isZero();
            assertThat(visibleRows(dsl, "point_entry")).isZero();
            assertThat(visibleRows(dsl, "tier_change")).isZero();
            assertThat(dsl.fetchValue("SELECT COUNT(*) FROM customer_membership WHERE points_12m <> 0 OR spend_12m <> 0")).isEqualTo(0L);
            assertThat(ctx.settings().get(MembershipService.IMPORT_PENDING)).isEmpty();
            assertThat(new SampleShop(7L, ctx.customers().today()).fillPurchases(ctx.membership(), (k, all) -> { }, () -> false)).isPositive();
            assertThat(ctx.membership().rebuildAndEvaluate()).as("totals right after a new import").isZero();
        }
    }

    /** The customers a read sees, counted row by row (not H2's quick count of the table's size). */
    private static int visibleCustomers(org.jooq.DSLContext dsl) {
        return visibleRows(dsl, "customer");
    }

    /**
     * The rows of {@code table} (one with an identity {@code id}) a read sees, counted row by row: H2's quick
     * {@code COUNT(*)} of the table's size can include rows of a transaction a kill interrupted (h2database issue 2080).
     */
    private static int visibleRows(org.jooq.DSLContext dsl, String table) {
        return dsl.fetchCount(dsl.selectOne().from(table).where("id > 0"));
    }

    /** The schema of a store the migrations made and nothing wrote to. */
    private static java.util.List<String> freshSchema(Path dir) {
        try (Database fresh = Database.open(dir.resolve("fresh"))) {
            return Schemas.of(fresh);
        }
    }

    /** Starts the child, reads its lines until one starts with {@code killAt}, and kills it there. */
    private static String killAt(Process child, String killAt) throws Exception {
        String seen = null;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith(killAt)) {
                    seen = line;
                    break; // the child waits there for good
                }
            }
        } finally {
            child.destroyForcibly();
            child.waitFor();
        }
        return seen;
    }

    @ParameterizedTest(name = "killed at {0} {1} of the customers'' index rebuild")
    @CsvSource({"TAKEN_OFF, 0", "PUTTING_BACK, 0", "PUTTING_BACK, 2", "PUTTING_BACK, 3", "PUTTING_BACK, 8"})
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void aFillKilledAroundItsIndexRebuildOpensWithTheSchemaTheMigrationsMade(Database.IndexStep step, int at, @TempDir Path dir) throws Exception {
        java.util.List<String> fresh = freshSchema(dir);
        Path data = dir.resolve("data");
        String seen = killAt(ChildStore.start("bulk", data, Integer.toString(CUSTOMERS), step.name(), Integer.toString(at)),
                "index " + step + " " + at);
        assertThat(seen).as("the child reached the step").isNotNull();

        try (Database db = Database.open(data)) {
            assertThat(Schemas.of(db)).as("the schema once the store has opened").containsExactlyElementsOf(fresh);
            assertThat(db.dsl().fetchCount(db.dsl().selectOne().from("app_setting").where("setting_key LIKE 'bulk.rebuild.%'")))
                    .as("the record of what the load took off").isZero();
            int count = visibleCustomers(db.dsl());
            // Whole slices as a rule (the last slice's commit may not have reached the file when the kill came: H2
            // writes it later), but H2 can keep a few rows of a slice whose commit it had not written, as a read sees
            // them (CI saw 10,003 after a kill at the first index once: 3 rows of the last slice). The fill is all or
            // nothing through its flag, not through the file: the app's open below deletes whatever the file kept.
            if (step == Database.IndexStep.TAKEN_OFF) {
                assertThat(count).as("customers before the first slice").isZero();
            } else {
                assertThat(count).as("customers").isBetween(0, CUSTOMERS);
                if (count % SampleShop.SLICE != 0 && count != CUSTOMERS) {
                    System.out.printf("%,d rows of a slice whose commit had not reached the file kept by H2 after the kill%n",
                            count % SampleShop.SLICE);
                }
            }
            Path script = Files.createTempFile(dir, "check", ".zip");
            db.scriptBackup(script);
        }
        try (AppContext ctx = AppContext.open(data)) {
            assertThat(visibleCustomers(ctx.database().dsl())).as("customers left by the interrupted fill").isZero();
            assertThat(new SampleShop(1L, ctx.customers().today()).fill(ctx.customers(), 30, k -> { }, () -> false)).isEqualTo(30);
            assertThat(ctx.customers().search("1", null, false, app.regulars.customer.CustomerSort.NAME, true)).isNotEmpty();
            assertThat(Schemas.of(ctx.database())).containsExactlyElementsOf(fresh);
        }
    }

    @ParameterizedTest(name = "killed at {0} {1} of the purchases'' index rebuild")
    @CsvSource({"TAKEN_OFF, 0", "PUTTING_BACK, 5"})
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void aPurchaseImportKilledAroundItsIndexRebuildOpensWithTheSchemaTheMigrationsMadeAndNoPurchase(Database.IndexStep step, int at,
                                                                                                      @TempDir Path dir) throws Exception {
        java.util.List<String> fresh = freshSchema(dir);
        Path data = dir.resolve("data");
        int customers = 6_000;
        String seen = killAt(ChildStore.start("purchases", data, Integer.toString(customers), step.name(), Integer.toString(at)),
                "index " + step + " " + at);
        assertThat(seen).as("the child reached the step").isNotNull();

        try (Database db = Database.open(data)) {
            assertThat(Schemas.of(db)).containsExactlyElementsOf(fresh);
            assertThat(new Settings(db).get(MembershipService.IMPORT_PENDING)).as("the import's flag").isPresent();
        }
        try (AppContext ctx = AppContext.open(data)) {
            var dsl = ctx.database().dsl();
            assertThat(ctx.customers().countAll()).isEqualTo(customers);
            assertThat(visibleRows(dsl, "purchase")).isZero();
            assertThat(visibleRows(dsl, "point_entry")).isZero();
            assertThat(ctx.settings().get(MembershipService.IMPORT_PENDING)).isEmpty();
            assertThat(new SampleShop(7L, ctx.customers().today()).fillPurchases(ctx.membership(), (k, all) -> { }, () -> false)).isPositive();
            assertThat(ctx.membership().rebuildAndEvaluate()).as("totals right after a new import").isZero();
            assertThat(Schemas.of(ctx.database())).containsExactlyElementsOf(fresh);
        }
    }
}
