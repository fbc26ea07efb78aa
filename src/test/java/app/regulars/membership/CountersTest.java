package app.regulars.membership;

import app.regulars.app.AppContext;
import app.regulars.customer.Customer;
import app.regulars.i18n.Messages;
import app.regulars.i18n.UserException;
import app.regulars.testing.TestStores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static app.regulars.store.jooq.Tables.POINT_ENTRY;
import static app.regulars.store.jooq.Tables.PURCHASE;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Several counters recording purchases and redeeming points for the same customer at once (issue
 * 17, item 4; decision 0031). Each counter is a client of its own: on PostgreSQL a store of its own
 * (its own pool of connections) on the same database, as a second computer is; on H2, whose file one
 * process holds, threads over the one store. The row lock every change of a customer's ledger takes
 * first ({@code SELECT ... FOR UPDATE} on the customer) makes them run one after the other on both
 * engines (PostgreSQL's READ COMMITTED reads the ledger again after the lock is granted): the ledger
 * sums exactly, the balance never goes below zero, an over-redemption is refused with the user's message.
 */
class CountersTest {
    private static final int COUNTERS = 4;

    @TempDir
    Path dir;
    private AppContext first;
    private final List<AppContext> others = new ArrayList<>();
    private final List<MembershipService> counters = new ArrayList<>();
    private final Messages english = new Messages(Locale.ENGLISH);
    private long alice;

    @BeforeEach
    void open() {
        first = TestStores.open(dir);
        alice = first.customers().save(Customer.builder().name("Alice").phones("138 0000 0001").build()).id();
        counters.add(first.membership());
        for (int i = 1; i < COUNTERS; i++) {
            if (TestStores.onPostgres()) {
                AppContext other = TestStores.open(dir); // the same database, another pool: another computer
                others.add(other);
                counters.add(other.membership());
            } else {
                counters.add(first.membership());
            }
        }
    }

    @AfterEach
    void close() {
        others.forEach(AppContext::close);
        first.close();
    }

    @Test
    void countersRedeemingTheSameLastPointsAtOnceOneWinsTheOthersAreRefused() throws Exception {
        Reward tea = first.membership().saveReward(new Reward(null, "Tea cup", 40, true));
        ExecutorService pool = Executors.newFixedThreadPool(COUNTERS);
        try {
            for (int round = 0; round < 8; round++) {
                counters.get(round % COUNTERS).adjustPoints(alice, 40, "round " + round);
                CyclicBarrier start = new CyclicBarrier(COUNTERS);
                List<Future<String>> outcomes = new ArrayList<>();
                for (MembershipService counter : counters) {
                    outcomes.add(pool.submit(() -> {
                        start.await(10, TimeUnit.SECONDS);
                        try {
                            counter.redeem(alice, tea.id());
                            return "redeemed";
                        } catch (UserException e) {
                            return english.describe(e);
                        }
                    }));
                }
                List<String> seen = new ArrayList<>();
                for (Future<String> f : outcomes) {
                    seen.add(f.get(60, TimeUnit.SECONDS));
                }
                assertThat(seen).as("round " + round).containsOnlyOnce("redeemed");
                assertThat(seen.stream().filter(s -> !s.equals("redeemed")))
                        .as("round " + round).hasSize(COUNTERS - 1)
                        .allMatch(s -> s.equals("Not enough points: 40 needed, the balance is 0."));
                assertThat(first.membership().balance(alice)).isZero();
            }
            assertThat(first.membership().coupons(alice)).hasSize(8);
            assertLedgerExact(0);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void purchasesRedemptionsAndTakingPointsAtFourCountersKeepTheLedgerExactAndNeverNegative() throws Exception {
        Reward sample = first.membership().saveReward(new Reward(null, "Sample", 30, true));
        AtomicInteger earned = new AtomicInteger();
        AtomicInteger spent = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        AtomicInteger purchases = new AtomicInteger();
        ConcurrentLinkedQueue<String> unexpected = new ConcurrentLinkedQueue<>();
        AtomicBoolean running = new AtomicBoolean(true);
        ConcurrentLinkedQueue<Integer> negativeBalances = new ConcurrentLinkedQueue<>();
        ExecutorService pool = Executors.newFixedThreadPool(COUNTERS + 1);
        try {
            Future<?> watcher = pool.submit(() -> { // a fifth client reading the balance all along
                while (running.get()) {
                    int b = counters.getLast().balance(alice);
                    if (b < 0) {
                        negativeBalances.add(b);
                    }
                }
            });
            CyclicBarrier start = new CyclicBarrier(COUNTERS);
            List<Future<?>> work = new ArrayList<>();
            for (int c = 0; c < COUNTERS; c++) {
                MembershipService counter = counters.get(c);
                int seed = c;
                work.add(pool.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    for (int i = 0; i < 25; i++) {
                        try {
                            switch ((i + seed) % 3) {
                                case 0 -> {
                                    Purchase p = counter.recordPurchase(alice, null, new BigDecimal(10 + (i * 7 + seed) % 40), null);
                                    earned.addAndGet(p.points());
                                    purchases.incrementAndGet();
                                }
                                case 1 -> {
                                    counter.redeem(alice, sample.id());
                                    spent.addAndGet(30);
                                }
                                default -> {
                                    counter.adjustPoints(alice, -25, "broken cup");
                                    spent.addAndGet(25);
                                }
                            }
                        } catch (UserException e) {
                            if (e.key().equals("membership.error.notEnoughPoints")) {
                                refused.incrementAndGet();
                            } else {
                                unexpected.add(english.describe(e));
                            }
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : work) {
                f.get(120, TimeUnit.SECONDS);
            }
            running.set(false);
            watcher.get(30, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
        assertThat(unexpected).isEmpty();
        assertThat(negativeBalances).isEmpty();
        assertThat(refused.get()).as("some takings found the points gone").isPositive();
        int expectedPurchases = 0;
        for (int c = 0; c < COUNTERS; c++) {
            for (int i = 0; i < 25; i++) {
                expectedPurchases += (i + c) % 3 == 0 ? 1 : 0;
            }
        }
        assertThat(purchases.get()).isEqualTo(expectedPurchases); // none lost, none refused
        int balance = first.membership().balance(alice);
        assertThat(balance).isEqualTo(earned.get() - spent.get()).isGreaterThanOrEqualTo(0);
        assertLedgerExact(balance);
        Integer pointsOfPurchases = first.database().dsl().select(org.jooq.impl.DSL.sum(PURCHASE.POINTS).cast(Integer.class))
                .from(PURCHASE).where(PURCHASE.CUSTOMER_ID.eq(alice)).fetchOne(0, Integer.class);
        assertThat(pointsOfPurchases).isEqualTo(earned.get());
        assertThat(first.membership().totals(alice).count()).isEqualTo(purchases.get());
    }

    /** The ledger's entries sum to the balance, what is left of the lots too, and no lot is below zero. */
    private void assertLedgerExact(int balance) {
        var dsl = first.database().dsl();
        Integer sum = dsl.select(org.jooq.impl.DSL.coalesce(org.jooq.impl.DSL.sum(POINT_ENTRY.POINTS), BigDecimal.ZERO).cast(Integer.class))
                .from(POINT_ENTRY).where(POINT_ENTRY.CUSTOMER_ID.eq(alice)).fetchOne(0, Integer.class);
        Integer left = dsl.select(org.jooq.impl.DSL.coalesce(org.jooq.impl.DSL.sum(POINT_ENTRY.REMAINING), BigDecimal.ZERO).cast(Integer.class))
                .from(POINT_ENTRY).where(POINT_ENTRY.CUSTOMER_ID.eq(alice)).fetchOne(0, Integer.class);
        assertThat(sum).isEqualTo(balance);
        assertThat(left).isEqualTo(balance);
        assertThat(dsl.fetchCount(POINT_ENTRY, POINT_ENTRY.REMAINING.lt(0))).isZero();
        assertThat(dsl.fetchCount(POINT_ENTRY, POINT_ENTRY.POINTS.gt(0).and(POINT_ENTRY.REMAINING.gt(POINT_ENTRY.POINTS)))).isZero();
    }
}
