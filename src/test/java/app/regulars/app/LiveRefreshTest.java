package app.regulars.app;

import app.regulars.customer.Customer;
import app.regulars.customer.CustomerListViewModel;
import app.regulars.customer.CustomerSort;
import app.regulars.followup.CalendarViewModel;
import app.regulars.followup.FollowUp;
import app.regulars.followup.FollowUpKind;
import app.regulars.i18n.Messages;
import app.regulars.store.Password;
import app.regulars.store.ServerAddress;
import app.regulars.store.StoreChanges;
import app.regulars.testing.SyncTaskRunner;
import app.regulars.testing.TestPostgres;
import app.regulars.testing.TestStores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Live refresh (issue 17 item 4, decision 0034): two counters on one shared store, each its own
 * {@code AppContext} on the tests' PostgreSQL; what one saves reaches the other's poll within the
 * 2 s period, as the ids of the customers touched, and the other's list, search and calendar show
 * it once refreshed. On the H2 file there is nothing to poll.
 */
class LiveRefreshTest {
    @TempDir
    Path counterA;
    @TempDir
    Path counterB;
    @TempDir
    Path file;

    private static AppContext open(ServerAddress address, Path local) {
        return AppContext.open(address, Password.of(TestPostgres.PASSWORD), local, TestStores.CLOCK, Locale.ENGLISH);
    }

    @Test
    void whatOneCounterSavesReachesTheOthersListSearchAndCalendar() {
        TestPostgres pg = TestPostgres.get();
        ServerAddress address = pg.address(pg.newDatabase());
        try (AppContext a = open(address, counterA); AppContext b = open(address, counterB)) {
            StoreChanges seenByB = new StoreChanges(b.database());
            assertThat(seenByB.poll().any()).isFalse(); // the first poll marks where the log is
            SyncTaskRunner runner = new SyncTaskRunner();
            Messages en = new Messages(Locale.ENGLISH);
            CustomerListViewModel list = new CustomerListViewModel(b.customers(), runner, en);
            list.refresh();
            assertThat(list.countProperty().get()).isZero();
            assertThat(b.customers().buildSearchIndex()).isTrue(); // B's index built before A's change: it must not answer from it

            long wang = a.customers().save(Customer.builder().name("王小明").phones("138 1234 5678").build()).id();
            a.followUps().schedule(FollowUp.planned(wang, FollowUpKind.CHECK_IN, "Call about the tea", LocalDateTime.of(2026, 11, 24, 10, 0)));

            StoreChanges.Changes changes = seenByB.poll();
            assertThat(changes.customers()).containsExactly(wang);
            assertThat(changes.many()).isFalse();
            assertThat(seenByB.poll().any()).isFalse(); // each change once

            assertThat(b.customers().searchIndexReady()).isTrue();
            b.customers().changedElsewhere(changes.customers()); // a new customer: the index is stale, searches go to SQL
            // until it is rebuilt (the list's own build, started by its refresh above, may already have caught up)
            list.refresh();
            assertThat(list.countProperty().get()).isEqualTo(1);
            list.queryProperty().set("wxm");
            assertThat(list.countProperty().get()).isEqualTo(1);
            assertThat(b.customers().search("wxm", null, false, CustomerSort.NAME, true)).containsExactly(wang);
            CalendarViewModel calendar = new CalendarViewModel(b.followUps(), b.customers(), runner, en);
            calendar.load();
            assertThat(calendar.items()).extracting(FollowUp::title).contains("Call about the tea");

            // an edit and an archive of A's are B's changes too; B's own writes are in the log as well
            a.customers().archive(List.of(wang));
            assertThat(seenByB.poll().customers()).containsExactly(wang);
        }
    }

    @Test
    void aPurchaseElsewhereKeepsTheSearchIndexWhileANewNameOrANewCustomerMakesItStale() {
        TestPostgres pg = TestPostgres.get();
        ServerAddress address = pg.address(pg.newDatabase());
        try (AppContext a = open(address, counterA); AppContext b = open(address, counterB)) {
            long wang = a.customers().save(Customer.builder().name("王小明").phones("138 1234 5678").build()).id();
            long anna = a.customers().save(Customer.builder().name("Anna Berg").tags(List.of("vip")).build()).id();
            StoreChanges seenByB = new StoreChanges(b.database());
            seenByB.poll();
            assertThat(b.customers().buildSearchIndex()).isTrue();

            // a purchase and a follow-up touch the customers, not what the search finds them by
            a.membership().recordPurchase(wang, LocalDateTime.of(2026, 11, 24, 10, 0), new java.math.BigDecimal("88.00"), "Longjing");
            a.followUps().schedule(FollowUp.planned(anna, FollowUpKind.CHECK_IN, "Call about the tea", LocalDateTime.of(2026, 11, 25, 10, 0)));
            StoreChanges.Changes touched = seenByB.poll();
            assertThat(touched.customers()).containsExactlyInAnyOrder(wang, anna);
            b.customers().changedElsewhere(touched.customers());
            assertThat(b.customers().searchIndexReady()).isTrue(); // no rebuild of everyone for a purchase
            assertThat(b.customers().search("wxm", null, false, CustomerSort.NAME, true)).containsExactly(wang);

            // a new name: the index is stale, and once rebuilt finds the new name and not the old
            a.customers().save(a.customers().get(wang).orElseThrow().toBuilder().name("王大明").build());
            StoreChanges.Changes renamed = seenByB.poll();
            b.customers().changedElsewhere(renamed.customers());
            assertThat(b.customers().searchIndexReady()).isFalse();
            assertThat(b.customers().buildSearchIndex()).isTrue();
            assertThat(b.customers().search("wdm", null, false, CustomerSort.NAME, true)).containsExactly(wang);
            assertThat(b.customers().search("wxm", null, false, CustomerSort.NAME, true)).isEmpty();

            // a new phone, an archive, a new customer, a deleted one: each makes it stale
            a.customers().save(a.customers().get(anna).orElseThrow().toBuilder().phones("139 8765 4321").build());
            assertStaleAfter(b, seenByB);
            a.customers().archive(List.of(anna));
            assertStaleAfter(b, seenByB);
            long chen = a.customers().save(Customer.builder().name("陈静").build()).id();
            assertStaleAfter(b, seenByB);
            a.services().find(app.regulars.customer.PrivacyService.class).orElseThrow()
                    .erase(chen, app.regulars.customer.PrivacyRequest.Source.WINDOW);
            assertStaleAfter(b, seenByB);
            assertThat(b.customers().search("chen", null, false, CustomerSort.NAME, true)).isEmpty();
        }
    }

    @Test
    void anotherComputersPurchaseMakesThisOnesInsightsStale() {
        TestPostgres pg = TestPostgres.get();
        ServerAddress address = pg.address(pg.newDatabase());
        try (AppContext a = open(address, counterA); AppContext b = open(address, counterB)) {
            long wang = a.customers().save(Customer.builder().name("王小明").build()).id();
            StoreChanges seenByB = new StoreChanges(b.database());
            seenByB.poll();
            var insights = b.services().get(app.regulars.insight.InsightService.class);
            var settings = app.regulars.insight.InsightSettings.DEFAULTS;
            var before = insights.snapshot(TestStores.TODAY, settings);
            assertThat(insights.stale()).isFalse();

            a.membership().recordPurchase(wang, LocalDateTime.of(2026, 11, 20, 10, 0), new java.math.BigDecimal("88.00"), "Longjing");
            StoreChanges.Changes changes = seenByB.poll();
            assertThat(changes.customers()).containsExactly(wang);
            LiveRefresh.received(b, changes);
            assertThat(insights.stale()).as("B's insights were computed without A's purchase").isTrue();
            var after = insights.snapshot(TestStores.TODAY, settings);
            assertThat(after).isNotSameAs(before);
            assertThat(before.customers()).as("no buyer before").isEmpty();
            assertThat(after.customers()).as("A's purchase counted").extracting(app.regulars.insight.CustomerInsight::customerId)
                    .containsExactly(wang);
        }
    }

    /** B sees A's change, its index goes stale, and B builds it again. */
    private static void assertStaleAfter(AppContext b, StoreChanges seenByB) {
        StoreChanges.Changes changes = seenByB.poll();
        assertThat(changes.any()).isTrue();
        b.customers().changedElsewhere(changes.customers());
        assertThat(b.customers().searchIndexReady()).isFalse();
        assertThat(b.customers().buildSearchIndex()).isTrue();
    }

    @Test
    void thePollerHandsTheChangesToTheWindowWithinItsPeriod() throws Exception {
        TestPostgres pg = TestPostgres.get();
        ServerAddress address = pg.address(pg.newDatabase());
        try (AppContext a = open(address, counterA); AppContext b = open(address, counterB)) {
            List<StoreChanges.Changes> received = new CopyOnWriteArrayList<>();
            try (LiveRefresh live = LiveRefresh.start(b, Runnable::run, received::add)) {
                Thread.sleep(LiveRefresh.PERIOD_MS / 2); // its first poll has marked where the log is
                long id = a.customers().save(Customer.builder().name("Anna Berg").build()).id();
                long deadline = System.nanoTime() + 3 * LiveRefresh.PERIOD_MS * 1_000_000L;
                while (received.isEmpty() && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
                assertThat(received).isNotEmpty();
                assertThat(received.getFirst().customers()).containsExactly(id);
            }
        }
    }

    @Test
    void theFileHasNothingToPoll() {
        try (AppContext ctx = AppContext.open(file, TestStores.CLOCK, Locale.ENGLISH)) {
            StoreChanges changes = new StoreChanges(ctx.database());
            changes.poll();
            ctx.customers().save(Customer.builder().name("Anna Berg").build());
            assertThat(changes.poll()).isEqualTo(StoreChanges.Changes.NONE);
        }
    }
}
