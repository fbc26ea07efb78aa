package app.regulars.customer;

import app.regulars.app.AppContext;
import app.regulars.i18n.Messages;
import app.regulars.i18n.UserException;
import app.regulars.testing.SyncTaskRunner;
import app.regulars.testing.TestStores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Two people editing the same customer at once (issue 17, item 4; decision 0031). "Mine" is this
 * computer at 10:00; "theirs" another one whose clock says 14:02: on PostgreSQL a second store
 * (its own pool of connections) on the same database, as a second computer is; on H2, whose file
 * one process holds, a second service over the same store. The second save is refused with the
 * other's time, nothing of it written; Reload shows theirs; Keep mine saves over it, knowingly.
 */
class ConcurrentEditTest {
    private static final Clock AT_1402 = Clock.fixed(TestStores.TODAY.atTime(14, 2, 31).atZone(ZoneId.systemDefault()).toInstant(),
            ZoneId.systemDefault());

    @TempDir
    Path dir;
    AppContext mine;
    AppContext theirsContext;
    CustomerService theirs;
    final Messages english = new Messages(Locale.ENGLISH);
    Customer wang;

    @BeforeEach
    void open() {
        mine = TestStores.open(dir);
        TestStores.addKnownCustomers(mine.customers());
        wang = mine.customers().byCode("000001").orElseThrow();
        if (TestStores.onPostgres()) {
            theirsContext = TestStores.open(dir, AT_1402, Locale.ENGLISH); // the same database, another pool
            theirs = theirsContext.customers();
        } else {
            theirs = new CustomerService(mine.database(), new CustomerRepository(), PhoneNumbers.forLocale(Locale.SIMPLIFIED_CHINESE), AT_1402);
        }
    }

    @AfterEach
    void close() {
        if (theirsContext != null) {
            theirsContext.close();
        }
        mine.close();
    }

    private CustomerEditorViewModel editor(CustomerService service) {
        CustomerEditorViewModel vm = new CustomerEditorViewModel(service, new SyncTaskRunner(), english);
        vm.edit(service.get(wang.id()).orElseThrow());
        return vm;
    }

    @Test
    void theSecondSaveIsRefusedWithTheOthersTimeAndWritesNothing() {
        CustomerEditorViewModel myForm = editor(mine.customers());
        CustomerEditorViewModel theirForm = editor(theirs);
        theirForm.notesProperty().set("Prefers oolong now");
        theirForm.save();
        assertThat(theirForm.errorProperty().get()).isEmpty();

        myForm.phonesProperty().set("138 1234 5678, 139 0000 0000");
        myForm.tagsProperty().set("VIP");
        myForm.notesProperty().set("Comes on Sundays");
        List<Customer> saved = new ArrayList<>();
        myForm.save(saved::add);

        assertThat(saved).isEmpty();
        assertThat(myForm.conflictProperty().get()).isEqualTo("Changed by someone else at 14:02 \u2014 reload or keep mine?");
        assertThat(myForm.errorProperty().get()).isEqualTo(myForm.conflictProperty().get());
        Customer stored = mine.customers().get(wang.id()).orElseThrow();
        assertThat(stored.notes()).isEqualTo("Prefers oolong now");
        assertThat(stored.phones()).containsExactly("+8613812345678"); // nothing of mine, not even the phones
        assertThat(stored.tags()).containsExactlyInAnyOrder("VIP", "茶友");
        assertThat(stored.version()).isEqualTo(wang.version() + 1);
        // what I typed is still in the form, for me to decide
        assertThat(myForm.notesProperty().get()).isEqualTo("Comes on Sundays");
    }

    @Test
    void reloadShowsTheirVersionAndTheNextSaveGoesThrough() {
        CustomerEditorViewModel myForm = editor(mine.customers());
        CustomerEditorViewModel theirForm = editor(theirs);
        theirForm.notesProperty().set("Prefers oolong now");
        theirForm.save();
        myForm.notesProperty().set("Comes on Sundays");
        myForm.save();
        assertThat(myForm.conflictProperty().get()).isNotEmpty();

        myForm.reload();

        assertThat(myForm.conflictProperty().get()).isEmpty();
        assertThat(myForm.errorProperty().get()).isEmpty();
        assertThat(myForm.notesProperty().get()).isEqualTo("Prefers oolong now");
        assertThat(mine.customers().get(wang.id()).orElseThrow().notes()).isEqualTo("Prefers oolong now");
        myForm.companyProperty().set("West Lake Tea");
        myForm.save();
        assertThat(myForm.conflictProperty().get()).isEmpty();
        Customer stored = mine.customers().get(wang.id()).orElseThrow();
        assertThat(stored.notes()).isEqualTo("Prefers oolong now");
        assertThat(stored.company()).isEqualTo("West Lake Tea");
    }

    @Test
    void keepMineSavesOverTheirsKnowinglyAndTheirStaleFormIsRefusedInTurn() {
        CustomerEditorViewModel myForm = editor(mine.customers());
        CustomerEditorViewModel theirForm = editor(theirs);
        theirForm.notesProperty().set("Prefers oolong now");
        theirForm.save();
        theirForm.notesProperty().set("Prefers oolong, and pu'er");
        myForm.notesProperty().set("Comes on Sundays");
        myForm.marketingConsentProperty().set(false);
        List<Customer> saved = new ArrayList<>();
        myForm.save(saved::add);
        assertThat(saved).isEmpty();

        myForm.keepMine();

        assertThat(saved).hasSize(1); // what the first save was to do once saved, done now
        assertThat(myForm.conflictProperty().get()).isEmpty();
        Customer stored = mine.customers().get(wang.id()).orElseThrow();
        assertThat(stored.notes()).isEqualTo("Comes on Sundays");
        assertThat(stored.consent().marketing()).isFalse();
        assertThat(mine.customers().consentHistory(wang.id()).getLast().consent().marketing()).isFalse();
        assertThat(stored.version()).isEqualTo(wang.version() + 2);

        theirForm.save(); // their form still holds the version before mine
        assertThat(theirForm.conflictProperty().get()).isEqualTo("Changed by someone else at 10:00 \u2014 reload or keep mine?");
        assertThat(mine.customers().get(wang.id()).orElseThrow().notes()).isEqualTo("Comes on Sundays");
    }

    @Test
    void theServiceRefusesAStaleProfileWithTheStoredOneAndTheRepositoryWritesNothing() {
        Customer read = mine.customers().get(wang.id()).orElseThrow();
        theirs.save(read.toBuilder().name("王小明 (Tony)").build());

        assertThatThrownBy(() -> mine.customers().save(read.toBuilder().email("new@example.com").build()))
                .isInstanceOfSatisfying(CustomerChangedException.class, e -> {
                    assertThat(e.current().name()).isEqualTo("王小明 (Tony)");
                    assertThat(e.current().version()).isEqualTo(read.version() + 1);
                    assertThat(e.localizedMessage(new Messages(Locale.SIMPLIFIED_CHINESE)))
                            .isEqualTo("已被他人于 14:02 修改 \u2014 重新载入，还是保留我的？");
                });
        boolean written = mine.database().write(cfg -> new CustomerRepository().update(cfg.dsl(),
                read.toBuilder().email("new@example.com").phones("+8613900000000").fields(Map.of()).build(), TestStores.CLOCK.instant()
                        .atZone(ZoneId.systemDefault()).toLocalDateTime()));
        assertThat(written).isFalse();
        Customer stored = mine.customers().get(wang.id()).orElseThrow();
        assertThat(stored.email()).isEqualTo("xiaoming@example.com");
        assertThat(stored.phones()).containsExactly("+8613812345678");
        assertThat(stored.name()).isEqualTo("王小明 (Tony)");
    }

    @Test
    void everyOtherChangeOfTheRowCountsSoAnOpenFormDoesNotUndoIt() {
        CustomerEditorViewModel myForm = editor(mine.customers());
        theirs.addTag(List.of(wang.id()), "回头客");
        myForm.notesProperty().set("Comes on Sundays");
        myForm.save();
        assertThat(myForm.conflictProperty().get()).isNotEmpty();
        assertThat(mine.customers().get(wang.id()).orElseThrow().tags()).contains("回头客");

        myForm.reload();
        assertThat(myForm.tagsProperty().get()).contains("回头客");
        theirs.archive(List.of(wang.id()));
        theirs.restore(List.of(wang.id()));
        myForm.save();
        assertThat(myForm.conflictProperty().get()).isNotEmpty();
    }

    @Test
    void twoSavesAtTheSameMomentOneGoesThroughTheOtherIsRefused() throws Exception {
        ExecutorService two = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 10; round++) {
                Customer read = mine.customers().get(wang.id()).orElseThrow();
                CyclicBarrier start = new CyclicBarrier(2);
                int r = round;
                Future<String> a = two.submit(() -> attempt(start, mine.customers(), read.toBuilder().notes("mine " + r).build()));
                Future<String> b = two.submit(() -> attempt(start, theirs, read.toBuilder().notes("theirs " + r).build()));
                List<String> outcomes = List.of(a.get(30, TimeUnit.SECONDS), b.get(30, TimeUnit.SECONDS));
                assertThat(outcomes).as("round " + round).containsExactlyInAnyOrder("saved", "changed elsewhere");
                Customer stored = mine.customers().get(wang.id()).orElseThrow();
                assertThat(stored.version()).isEqualTo(read.version() + 1);
                assertThat(stored.notes()).isEqualTo(outcomes.getFirst().equals("saved") ? "mine " + r : "theirs " + r);
            }
        } finally {
            two.shutdownNow();
        }
    }

    private static String attempt(CyclicBarrier start, CustomerService service, Customer c) throws Exception {
        start.await(10, TimeUnit.SECONDS);
        try {
            service.save(c);
            return "saved";
        } catch (CustomerChangedException e) {
            return "changed elsewhere";
        } catch (UserException e) {
            return e.key();
        }
    }
}
