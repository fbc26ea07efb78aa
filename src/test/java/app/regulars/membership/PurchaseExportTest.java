package app.regulars.membership;

import app.regulars.app.AppContext;
import app.regulars.customer.Customer;
import app.regulars.testing.TestStores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The purchase export reads the purchases in windows of time, never all at once (issue 13). */
class PurchaseExportTest {
    @TempDir
    Path dir;
    private AppContext context;
    private MembershipService m;

    @BeforeEach
    void open() {
        context = TestStores.open(dir);
        m = context.membership();
    }

    @AfterEach
    void close() {
        context.close();
    }

    @Test
    void everyPurchaseComesOnceInTimeOrderWhateverTheWindowAndTies() {
        long alice = context.customers().save(Customer.builder().name("Alice").phones("138 0000 0001").build()).id();
        long bob = context.customers().save(Customer.builder().name("Bob").phones("138 0000 0002").build()).id();
        LocalDateTime nine = LocalDateTime.of(2026, 11, 2, 9, 0);
        // Recorded out of time order; five at the same minute, so that they straddle windows of 2, 3 and 4.
        int[] minutes = {30, 0, 0, 45, 0, 10, 0, 0, 5, 59, 20, 10};
        for (int i = 0; i < minutes.length; i++) {
            m.recordPurchase(i % 2 == 0 ? alice : bob, nine.plusMinutes(minutes[i]), new BigDecimal(10 + i), "n" + i);
        }
        List<List<Object>> expected = new ArrayList<>();
        new MembershipRepository().forEachPurchase(context.database().dsl(), 1_000, expected::add);
        assertThat(expected).hasSize(minutes.length);
        assertThat(expected).isSortedAccordingTo(Comparator.<List<Object>, LocalDateTime>comparing(r -> (LocalDateTime) r.get(2))
                .thenComparing(r -> (Long) r.get(12)));
        for (int page : new int[] {1, 2, 3, 4, 5, 11, 12, 13}) {
            List<List<Object>> rows = new ArrayList<>();
            new MembershipRepository().forEachPurchase(context.database().dsl(), page, rows::add);
            assertThat(rows).as("windows of %d", page).isEqualTo(expected);
        }
        List<List<Object>> viaService = new ArrayList<>();
        m.forEachPurchase(viaService::add);
        assertThat(viaService).isEqualTo(expected);
    }

    @Test
    void anEmptyStoreExportsNothing() {
        List<List<Object>> rows = new ArrayList<>();
        m.forEachPurchase(rows::add);
        assertThat(rows).isEmpty();
    }
}
