package app.regulars.insight;

import app.regulars.app.AppContext;
import app.regulars.customer.Customer;
import app.regulars.membership.MembershipService;
import app.regulars.testing.TestStores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The history's read of the purchases, in windows of time: whatever the window, the same purchases in time order. */
class HistoryWindowsTest {
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

    record Seen(long customer, LocalDateTime at, BigDecimal amount) {
    }

    List<Seen> read(LocalDate from, LocalDate asOf, int window) {
        List<Seen> out = new ArrayList<>();
        new InsightRepository().forEachPurchase(ctx.database().dsl(), from, asOf, window, (c, at, amount) -> out.add(new Seen(c, at, amount)));
        return out;
    }

    @Test
    void everyWindowGivesTheSamePurchasesInTimeOrder() {
        MembershipService m = ctx.membership();
        long alice = ctx.customers().save(Customer.builder().name("Alice").build()).id();
        long bob = ctx.customers().save(Customer.builder().name("Bob").build()).id();
        LocalDateTime nine = LocalDate.of(2026, 11, 2).atTime(9, 0);
        // 2 November: four at the same moment, so that a window's end falls among them; then days before, inside and after the range asked for
        int[] days = {0, 0, 0, 0, 1, 3, 3, 7, 10, 12, 15, 20};
        for (int i = 0; i < days.length; i++) {
            m.recordPurchase(i % 2 == 0 ? alice : bob, nine.plusDays(days[i]), new BigDecimal(10 + i), null);
        }
        long voided = m.recordPurchase(alice, nine.plusDays(3), new BigDecimal("99"), null).id();
        m.voidPurchase(voided, "wrong till");

        List<Seen> all = read(null, LocalDate.of(2026, 11, 30), 1_000);
        assertThat(all).hasSize(days.length).isSortedAccordingTo(Comparator.comparing(Seen::at))
                .noneMatch(s -> s.amount().compareTo(new BigDecimal("99")) == 0);
        List<Seen> range = read(LocalDate.of(2026, 11, 5), LocalDate.of(2026, 11, 14), 1_000);
        assertThat(range).extracting(Seen::at).containsExactly(nine.plusDays(3), nine.plusDays(3), nine.plusDays(7), nine.plusDays(10), nine.plusDays(12));
        for (int window : new int[] {1, 2, 3, 4, 5, 12, 13}) {
            assertThat(read(null, LocalDate.of(2026, 11, 30), window)).as("windows of %d", window)
                    .isSortedAccordingTo(Comparator.comparing(Seen::at)).containsExactlyInAnyOrderElementsOf(all);
            assertThat(read(LocalDate.of(2026, 11, 5), LocalDate.of(2026, 11, 14), window)).as("windows of %d", window)
                    .isEqualTo(range);
            assertThat(read(null, LocalDate.of(2026, 11, 4), window)).as("windows of %d up to the 4th", window)
                    .hasSize(5).allMatch(s -> s.at().isBefore(LocalDate.of(2026, 11, 5).atStartOfDay()));
        }
        assertThat(read(LocalDate.of(2026, 12, 1), LocalDate.of(2026, 12, 31), 2)).isEmpty();
    }
}
