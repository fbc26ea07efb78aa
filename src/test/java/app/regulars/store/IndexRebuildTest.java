package app.regulars.store;

import app.regulars.app.AppContext;
import app.regulars.app.demo.SampleShop;
import app.regulars.i18n.UserException;
import app.regulars.testing.Schemas;
import app.regulars.testing.TestStores;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

import static app.regulars.store.jooq.Tables.CUSTOMER;
import static app.regulars.store.jooq.Tables.CUSTOMER_PHONE;
import static app.regulars.store.jooq.Tables.CUSTOMER_TAG;
import static app.regulars.store.jooq.Tables.POINT_ENTRY;
import static app.regulars.store.jooq.Tables.PURCHASE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A bulk load large next to what its tables hold takes their secondary indexes and foreign keys off
 * and makes them again after (decision 0029): while it runs they are gone; after it, whether it
 * succeeded or failed, the schema is the one the migrations make, index for index (compared with a
 * fresh store's), nothing of the record is left, and the cascades work again. A kill between the two
 * is repaired by the next opening ({@code BulkLoadKillTest} kills a real process at each step).
 */
class IndexRebuildTest {
    @TempDir
    Path dir;

    private List<String> freshSchema() {
        try (Database fresh = Database.open(dir.resolve("fresh"))) {
            return Schemas.of(fresh);
        }
    }

    private static int recorded(Database db) {
        return db.dsl().fetchCount(db.dsl().selectOne().from("app_setting").where("setting_key LIKE 'bulk.rebuild.%'"));
    }

    /** {@code n} plain customers with a phone and a tag each, in one transaction of the caller's load. */
    private static void insertCustomers(Database db, int from, int n) {
        db.dsl().transaction(cfg -> {
            DSLContext dsl = cfg.dsl();
            LocalDateTime now = TestStores.TODAY.atTime(9, 0);
            for (int i = from; i < from + n; i++) {
                long id = dsl.insertInto(CUSTOMER, CUSTOMER.CODE, CUSTOMER.NAME, CUSTOMER.SORT_NAME, CUSTOMER.EMAIL, CUSTOMER.CREATED_AT,
                                CUSTOMER.UPDATED_AT)
                        .values("T" + i, "客户" + i, "ke hu " + i, "c" + i + "@example.com", now, now).returning(CUSTOMER.ID).fetchOne().getId();
                dsl.insertInto(CUSTOMER_PHONE, CUSTOMER_PHONE.CUSTOMER_ID, CUSTOMER_PHONE.POSITION, CUSTOMER_PHONE.NUMBER)
                        .values(id, 0, "+86138" + String.format("%08d", i)).execute();
                dsl.insertInto(CUSTOMER_TAG, CUSTOMER_TAG.CUSTOMER_ID, CUSTOMER_TAG.TAG).values(id, i % 2 == 0 ? "VIP" : "茶友").execute();
            }
        });
    }

    private static Database.LoadInto customerTables(long rows) {
        return Database.LoadInto.tables(rows, CUSTOMER, CUSTOMER_PHONE, CUSTOMER_TAG);
    }

    @Test
    void aLargeLoadIsWrittenWithoutTheIndexesAndEndsWithTheSchemaOfAFreshStore() {
        List<String> fresh = freshSchema();
        try (Database db = Database.open(dir.resolve("data"))) {
            List<Database.IndexProgress> steps = new ArrayList<>();
            db.onIndexRebuild(steps::add);
            List<String> during = new ArrayList<>();
            db.bulkLoad(customerTables(6_000), () -> {
                during.addAll(Schemas.indexes(db, "CUSTOMER"));
                during.addAll(Schemas.indexes(db, "CUSTOMER_PHONE"));
                assertThat(recorded(db)).as("the statements that put them back, committed before").isEqualTo(8);
                insertCustomers(db, 0, 3_000);
                insertCustomers(db, 3_000, 3_000);
                return null;
            });

            assertThat(during).as("indexes while the load runs").noneMatch(i -> i.startsWith("IX_") || i.startsWith("FK_"))
                    .anyMatch(i -> i.startsWith("UQ_CUSTOMER_CODE")).anyMatch(i -> i.startsWith("PRIMARY_KEY"));
            assertThat(steps.getFirst().step()).isEqualTo(Database.IndexStep.TAKEN_OFF);
            assertThat(steps.getLast()).isEqualTo(new Database.IndexProgress(Database.IndexStep.PUT_BACK, 8, 8));
            assertThat(Schemas.of(db)).containsExactlyElementsOf(fresh);
            assertThat(recorded(db)).isZero();
            assertThat(Files.exists(dir.resolve("data").resolve(IndexRebuild.MARKER))).isFalse();
            // the indexes answer again, and the foreign keys cascade
            assertThat(db.dsl().fetchCount(CUSTOMER_PHONE, CUSTOMER_PHONE.NUMBER.eq("+8613800004321"))).isEqualTo(1);
            db.write(cfg -> cfg.dsl().deleteFrom(CUSTOMER).where(CUSTOMER.CODE.eq("T4321")).execute());
            assertThat(db.dsl().fetchCount(CUSTOMER_PHONE, CUSTOMER_PHONE.NUMBER.eq("+8613800004321"))).isZero();
        }
    }

    @Test
    void aSmallLoadOrOneSmallNextToTheTableKeepsItsIndexes() {
        try (Database db = Database.open(dir.resolve("data"))) {
            List<Database.IndexProgress> steps = new ArrayList<>();
            db.onIndexRebuild(steps::add);
            db.bulkLoad(customerTables(Database.REBUILD_MIN_ROWS - 1), () -> {
                assertThat(Schemas.indexes(db, "CUSTOMER")).contains("IX_CUSTOMER_EMAIL_KEY");
                insertCustomers(db, 0, 4_000);
                return null;
            });
            db.bulkLoad(customerTables(-1), () -> { // not known, into a table that is not empty
                assertThat(Schemas.indexes(db, "CUSTOMER")).contains("IX_CUSTOMER_EMAIL_KEY");
                insertCustomers(db, 4_000, 10);
                return null;
            });
            db.bulkLoad(customerTables(20_000), () -> { // 4,010 there: 20,000 is more than a quarter of that
                assertThat(Schemas.indexes(db, "CUSTOMER")).doesNotContain("IX_CUSTOMER_EMAIL_KEY");
                return null;
            });
            assertThat(steps).extracting(Database.IndexProgress::step).first().isEqualTo(Database.IndexStep.TAKEN_OFF);
            steps.clear();
            db.write(cfg -> cfg.dsl().execute("INSERT INTO customer (code, name, sort_name, created_at, updated_at)"
                    + " SELECT 'B' || X, 'b', 'b', LOCALTIMESTAMP, LOCALTIMESTAMP FROM SYSTEM_RANGE(1, 20000)"));
            db.bulkLoad(customerTables(5_999), () -> { // under a quarter of the 24,010 there
                assertThat(Schemas.indexes(db, "CUSTOMER")).contains("IX_CUSTOMER_EMAIL_KEY");
                return null;
            });
            assertThat(steps).isEmpty();
        }
    }

    @Test
    void aFailedLoadGetsItsIndexesBackBeforeItsUndoDeletesThroughTheCascades() {
        List<String> fresh = freshSchema();
        try (Database db = Database.open(dir.resolve("data"))) {
            assertThatThrownBy(() -> db.bulkLoad(customerTables(10_000), () -> {
                insertCustomers(db, 0, 2_000);
                throw new UserException("common.cancelled");
            })).isInstanceOf(UserException.class).hasMessageContaining("cancel");

            assertThat(Schemas.of(db)).containsExactlyElementsOf(fresh);
            assertThat(recorded(db)).isZero();
            db.write(cfg -> cfg.dsl().deleteFrom(CUSTOMER).execute()); // the undo
            assertThat(db.dsl().fetchCount(CUSTOMER_PHONE)).isZero();
            assertThat(db.dsl().fetchCount(CUSTOMER_TAG)).isZero();
        }
    }

    @Test
    void aForeignKeyThatDoesNotHoldAfterTheLoadFailsItOnceEverythingIsBack() {
        List<String> fresh = freshSchema();
        try (Database db = Database.open(dir.resolve("data"))) {
            insertCustomers(db, 0, 10);
            assertThatThrownBy(() -> db.bulkLoad(Database.LoadInto.tables(-1, PURCHASE, POINT_ENTRY), () -> {
                db.dsl().transaction(cfg -> {
                    LocalDateTime at = TestStores.TODAY.atTime(10, 0);
                    long first = cfg.dsl().select(CUSTOMER.ID).from(CUSTOMER).limit(1).fetchOne().value1();
                    for (long customer : new long[] {first, 424_242L}) { // the second is no one: its foreign key is off
                        cfg.dsl().insertInto(PURCHASE, PURCHASE.CUSTOMER_ID, PURCHASE.PURCHASED_AT, PURCHASE.AMOUNT, PURCHASE.CREATED_AT,
                                PURCHASE.UPDATED_AT).values(customer, at, java.math.BigDecimal.TEN, at, at).execute();
                    }
                });
                return null;
            })).isInstanceOf(UserException.class).rootCause().hasMessageContaining("FK_PURCHASE_CUSTOMER");

            assertThat(Schemas.of(db)).as("every index and foreign key back, the one that failed unchecked").containsExactlyElementsOf(fresh);
            assertThat(recorded(db)).isZero();
            assertThat(Files.exists(dir.resolve("data").resolve(IndexRebuild.MARKER))).isFalse();
        }
    }

    @Test
    void aStoreLeftWithoutItsIndexesGetsThemBackWhenItOpens() {
        List<String> fresh = freshSchema();
        Path data = dir.resolve("data");
        try (Database db = Database.open(data)) {
            db.onIndexRebuild(p -> {
                if (p.step() == Database.IndexStep.PUTTING_BACK && p.done() == 3) {
                    throw new Killed(); // the process stops here: nothing after it runs, not even the rest of the load's own clean-up
                }
            });
            assertThatThrownBy(() -> db.bulkLoad(customerTables(6_000), () -> {
                insertCustomers(db, 0, 6_000);
                return null;
            })).isInstanceOf(Killed.class);
            assertThat(Schemas.indexes(db, "CUSTOMER")).as("three made again, then stopped").doesNotContain("IX_CUSTOMER_EMAIL_KEY");
            assertThat(recorded(db)).isEqualTo(8);
        }
        try (Database db = Database.open(data)) {
            assertThat(Schemas.of(db)).containsExactlyElementsOf(fresh);
            assertThat(recorded(db)).isZero();
            assertThat(db.dsl().fetchCount(CUSTOMER)).isEqualTo(6_000);
        }
    }

    /** Stands for a killed process in {@link #aStoreLeftWithoutItsIndexesGetsThemBackWhenItOpens}. */
    private static final class Killed extends Error {
    }

    @Test
    void theTemporaryMapsOfAnIndexBuildAKillLeftAreRemovedBeforeH2OpensTheFile() throws Exception {
        Path data = dir.resolve("data");
        try (AppContext ctx = AppContext.open(data)) {
            new SampleShop(5L, ctx.customers().today()).fill(ctx.customers(), 200, k -> { }, () -> false);
        }
        // What a kill in the middle of CREATE INDEX on a large table leaves: H2's sorted runs, each a
        // temporary single-writer map whose pages count as pinned to their chunk, and the marker.
        Path file = data.resolve(Database.FILE_NAME + ".mv.db");
        try (org.h2.mvstore.MVStore store = new org.h2.mvstore.MVStore.Builder().fileName(file.toString()).autoCommitDisabled().open()) {
            for (int m = 0; m < 3; m++) {
                org.h2.mvstore.MVMap<byte[], byte[]> run = store.openMap("temp." + (1_000 + m), Compaction.opaqueMap().singleWriter());
                for (int i = 0; i < 20_000; i++) {
                    run.append(String.format("%08d", i).getBytes(), new byte[16]);
                }
            }
            store.commit();
        }
        Files.write(data.resolve(IndexRebuild.MARKER), new byte[0]);

        try (AppContext ctx = AppContext.open(data)) {
            // H2 frees the removed maps' pages at its next writes: with the maps removed as H2 had not
            // (pinned pages as unpinned), its assertion on the chunk stops the store there
            for (int i = 0; i < 20; i++) {
                ctx.customers().save(app.regulars.customer.Customer.builder().name("新客" + i).build());
            }
            ctx.database().syncNow();
            assertThat(ctx.customers().countAll()).isEqualTo(220);
        }
        assertThat(Files.exists(data.resolve(IndexRebuild.MARKER))).isFalse();
        try (org.h2.mvstore.MVStore store = new org.h2.mvstore.MVStore.Builder().fileName(file.toString()).readOnly().open()) {
            assertThat(store.getMapNames()).noneMatch(n -> n.startsWith("temp."));
        }
    }
}
