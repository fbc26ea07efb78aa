package app.regulars.store;

import org.jooq.SQLDialect;
import org.jooq.conf.RenderNameCase;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static app.regulars.store.jooq.Tables.CUSTOMER;
import static app.regulars.store.jooq.Tables.FOLLOW_UP;
import static app.regulars.store.jooq.Tables.PURCHASE;
import static org.assertj.core.api.Assertions.assertThat;

/** Which table a statement changes, as jOOQ renders it on either engine and as written by hand. */
class WrittenTableTest {
    @Test
    void theTableOfAnInsertUpdateDeleteOrMergeAsJooqRendersItOnEitherEngine() {
        for (var dsl : new org.jooq.DSLContext[] {DSL.using(SQLDialect.H2),
                DSL.using(SQLDialect.POSTGRES, new Settings().withRenderNameCase(RenderNameCase.LOWER))}) {
            assertThat(WrittenTable.of(dsl.render(dsl.insertInto(PURCHASE, PURCHASE.CUSTOMER_ID, PURCHASE.AMOUNT)
                    .values(1L, BigDecimal.TEN)))).isEqualTo("PURCHASE");
            assertThat(WrittenTable.of(dsl.render(dsl.update(CUSTOMER).set(CUSTOMER.NAME, "王小明").where(CUSTOMER.ID.eq(1L)))))
                    .isEqualTo("CUSTOMER");
            assertThat(WrittenTable.of(dsl.render(dsl.deleteFrom(FOLLOW_UP).where(FOLLOW_UP.ID.eq(1L))))).isEqualTo("FOLLOW_UP");
            assertThat(WrittenTable.of(dsl.render(dsl.insertInto(FOLLOW_UP, FOLLOW_UP.ID).values(1L).onDuplicateKeyIgnore())))
                    .isEqualTo("FOLLOW_UP");
            assertThat(WrittenTable.of(dsl.render(dsl.insertInto(CUSTOMER, CUSTOMER.NAME).values("王小明").returning(CUSTOMER.ID))))
                    .isEqualTo("CUSTOMER");
            assertThat(WrittenTable.of(dsl.render(dsl.select(PURCHASE.AMOUNT).from(PURCHASE).forUpdate()))).isEqualTo(WrittenTable.NONE);
            assertThat(WrittenTable.of(dsl.render(dsl.with("t").as(dsl.select(CUSTOMER.ID).from(CUSTOMER)).selectFrom(DSL.table("t")))))
                    .isEqualTo(WrittenTable.NONE);
        }
    }

    @Test
    void handWrittenStatementsQuotedOrNotWithTheirSchema() {
        assertThat(WrittenTable.of("INSERT INTO customer_tag (customer_id, tag) VALUES (?, ?)")).isEqualTo("CUSTOMER_TAG");
        assertThat(WrittenTable.of("  update \"PUBLIC\".\"PURCHASE\" set voided = true")).isEqualTo("PURCHASE");
        assertThat(WrittenTable.of("delete from public.point_entry where id = ?")).isEqualTo("POINT_ENTRY");
        assertThat(WrittenTable.of("MERGE INTO app_setting KEY (name) VALUES (?, ?)")).isEqualTo("APP_SETTING");
        assertThat(WrittenTable.of("UPDATE \"a\"\"b\" SET x = 1")).isEqualTo("A\"B");
        assertThat(WrittenTable.of("select \"ID\" from final table (insert into \"CUSTOMER\" (\"NAME\") values (?)) \"T\""))
                .as("H2's INSERT ... RETURNING, as jOOQ renders it").isEqualTo("CUSTOMER");
        assertThat(WrittenTable.of("SELECT * FROM OLD TABLE (DELETE FROM follow_up WHERE id = ?)")).isEqualTo("FOLLOW_UP");
        assertThat(WrittenTable.of("select id from purchase where id = ? for update")).isEqualTo(WrittenTable.NONE);
        assertThat(WrittenTable.of("(select id from purchase) union (select id from point_entry)")).isEqualTo(WrittenTable.NONE);
        assertThat(WrittenTable.of("CHECKPOINT")).isEqualTo(WrittenTable.NONE);
        assertThat(WrittenTable.of("SET LOCK_TIMEOUT 10000")).isEqualTo(WrittenTable.NONE);
        assertThat(WrittenTable.of("values (1)")).isEqualTo(WrittenTable.NONE);
    }

    @Test
    void whatItCannotTellCountsForEveryTable() {
        assertThat(WrittenTable.of("CREATE INDEX ix ON purchase (amount)")).isNull();
        assertThat(WrittenTable.of("TRUNCATE TABLE purchase")).isNull();
        assertThat(WrittenTable.of("ALTER TABLE customer ADD COLUMN x INT")).isNull();
        assertThat(WrittenTable.of("with t as (select 1) delete from purchase")).isNull();
        assertThat(WrittenTable.of("/* a comment */ delete from purchase")).isNull();
        assertThat(WrittenTable.of("CALL my_procedure()")).isNull();
        assertThat(WrittenTable.of("select * from final table (call f())")).isNull();
    }
}
