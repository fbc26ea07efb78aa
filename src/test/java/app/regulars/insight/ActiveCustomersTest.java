package app.regulars.insight;

import app.regulars.app.AppContext;
import app.regulars.customer.Customer;
import app.regulars.testing.TestStores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The walk over the active customers that the at-risk list, the review report and the insights export make. */
class ActiveCustomersTest {
    @TempDir
    Path dir;
    AppContext ctx;

    @BeforeEach
    void open() {
        ctx = TestStores.open(dir);
    }

    @AfterEach
    void close() {
        ctx.close();
    }

    @Test
    void everyActiveCustomerInCodeOrderWithTheNameAndTheArchivedLeftOut() {
        for (int i = 40; i > 0; i--) {
            ctx.customers().save(Customer.builder().code(String.format("K%03d", i)).name("客户" + i).build());
        }
        long gone = ctx.customers().save(Customer.builder().code("K020A").name("走了").build()).id();
        ctx.customers().archive(List.of(gone));
        List<String> seen = new ArrayList<>();
        new InsightRepository().forEachActiveCustomer(ctx.database().dsl(), (id, code, name) -> seen.add(code + " " + name));
        assertThat(seen).hasSize(40).startsWith("K001 客户1", "K002 客户2").endsWith("K040 客户40").doesNotContain("K020A 走了");
        for (int page : new int[] {1, 3, 39, 40, 41}) {
            List<String> paged = new ArrayList<>();
            new InsightRepository().forEachActiveCustomer(ctx.database().dsl(), page, (id, code, name) -> paged.add(code + " " + name));
            assertThat(paged).as("pages of %d", page).isEqualTo(seen);
        }
        // their ids in id order (saved from K040 down: the ids do not follow the names or the codes)
        long[] ids = new InsightRepository().activeCustomerIds(ctx.database().dsl());
        assertThat(ids).hasSize(40).isSorted().doesNotContain(gone);
    }

    @Test
    void h2ReadsThemFromTheCodeAndNameIndexAloneNotFromTheRows() {
        if (TestStores.onPostgres()) {
            return; // PostgreSQL chooses by its own statistics
        }
        for (int i = 0; i < 200; i++) {
            ctx.customers().save(Customer.builder().name("客户" + i).build());
        }
        var dsl = ctx.database().dsl();
        for (String after : new String[] {null, "000100"}) {
            String plan = String.valueOf(dsl.fetchValue("EXPLAIN " + InsightRepository.activeCustomersByCode(dsl, after, 10_000).getSQL(org.jooq.conf.ParamType.INLINED)));
            // without V019 H2 walks the code's unique index and reads each customer's row
            assertThat(plan).as("after %s", after).containsIgnoringCase("IX_CUSTOMER_CODE_NAME").contains("index sorted");
        }
    }
}
