package app.regulars.store;

import app.regulars.app.AppContext;
import app.regulars.customer.Customer;
import app.regulars.followup.FollowUp;
import app.regulars.followup.FollowUpKind;
import app.regulars.testing.TestStores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;

import static app.regulars.store.jooq.Tables.CUSTOMER;
import static app.regulars.store.jooq.Tables.FOLLOW_UP;
import static app.regulars.store.jooq.Tables.PURCHASE;
import static org.assertj.core.api.Assertions.assertThat;

/** The writes counted by the tables they changed, on either engine ({@code Database.writeCount(tables)}). */
class WritesByTableTest {
    @TempDir
    Path dir;
    AppContext ctx;
    Database db;

    @BeforeEach
    void open() {
        ctx = TestStores.open(dir);
        db = ctx.database();
    }

    @AfterEach
    void close() {
        ctx.close();
    }

    /** The counts of the customers, the purchases, the follow-ups and of every write. */
    private long[] counts() {
        return new long[] {db.writeCount(CUSTOMER), db.writeCount(PURCHASE), db.writeCount(FOLLOW_UP), db.writeCount()};
    }

    @Test
    void eachWriteCountsForTheTablesItChangedAndNoOthers() {
        long[] before = counts();
        // the repository writes a customer through its own JDBC statements
        long wang = ctx.customers().save(Customer.builder().name("王小明").phones("13812345678").build()).id();
        long[] saved = counts();
        assertThat(saved[0]).as("customers").isGreaterThan(before[0]);
        assertThat(saved[1]).as("purchases").isEqualTo(before[1]);
        assertThat(saved[2]).as("follow-ups").isEqualTo(before[2]);
        assertThat(saved[3]).isGreaterThan(before[3]);

        ctx.followUps().schedule(FollowUp.planned(wang, FollowUpKind.VISIT, "送新茶样品", TestStores.TODAY.atTime(15, 0)));
        long[] scheduled = counts();
        assertThat(scheduled[0]).as("customers").isEqualTo(saved[0]);
        assertThat(scheduled[1]).as("purchases").isEqualTo(saved[1]);
        assertThat(scheduled[2]).as("follow-ups").isGreaterThan(saved[2]);

        ctx.membership().recordPurchase(wang, TestStores.TODAY.atTime(10, 0), new BigDecimal("25.00"), null);
        long[] bought = counts();
        assertThat(bought[1]).as("purchases").isGreaterThan(scheduled[1]);
        assertThat(bought[2]).as("follow-ups").isEqualTo(scheduled[2]);
    }

    @Test
    void aBulkLoadCountsForEveryTable() {
        long[] before = counts();
        db.bulkLoad(() -> null);
        long[] after = counts();
        for (int i = 0; i < after.length; i++) {
            assertThat(after[i]).isGreaterThan(before[i]);
        }
    }

    @Test
    void aStatementThatNamesNoTableItChangesCountsForEveryTable() {
        long[] before = counts();
        db.write(cfg -> cfg.dsl().execute("CREATE TABLE scratch_table (x INT)"));
        long[] after = counts();
        for (int i = 0; i < after.length; i++) {
            assertThat(after[i]).isGreaterThan(before[i]);
        }
    }
}
