package app.regulars.customer;

import app.regulars.app.AppContext;
import app.regulars.i18n.Messages;
import app.regulars.testing.SyncTaskRunner;
import app.regulars.testing.TestStores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/** The duplicates list and the merge dialog's view models, with plain JUnit on a real store (decision 0025). */
class MergeViewModelsTest {
    static final Messages EN = new Messages(Locale.ENGLISH);

    @TempDir
    Path dir;

    @Test
    void theDuplicatesListFindsDismissesAndForgetsWhatWasMergedAway() {
        try (AppContext ctx = TestStores.open(dir.resolve("store"))) {
            TestStores.addKnownCustomers(ctx.customers());
            Customer twin = ctx.customers().save(Customer.builder().name("王小明").phones("138 1234 5678").build());
            Customer alice = ctx.customers().save(Customer.builder().name("Alice Smith").build());
            MergeService merges = ctx.services().get(MergeService.class);
            DuplicatesViewModel vm = new DuplicatesViewModel(merges, ctx.customers(), new SyncTaskRunner(), EN);
            vm.findOnce();
            assertThat(vm.pairs()).hasSize(2);
            assertThat(vm.progressProperty().get()).isEqualTo(1.0);
            assertThat(vm.runningProperty().get()).isFalse();
            assertThat(vm.reasonsText(vm.pairs().getFirst())).isEqualTo("Same phone · Same name");
            assertThat(vm.phonesText(vm.pairs().getFirst().b())).isEqualTo("138 1234 5678");

            vm.dismiss(vm.pairs().get(1));
            assertThat(vm.pairs()).hasSize(1);
            assertThat(vm.statusProperty().get()).isEqualTo("Noted: Alice Smith (000003) and Alice Smith (" + alice.code() + ") are two people.");
            vm.findOnce(); // found already: kept as it is
            assertThat(vm.pairs()).hasSize(1);

            MergeService.Merged merged = merges.merge(merges.plan("000001", List.of(twin.code())), MergeRecord.Source.WINDOW, EN);
            vm.merged(merged, List.of(twin.id()));
            assertThat(vm.pairs()).isEmpty();
            assertThat(vm.statusProperty().get()).isEqualTo("Merged " + twin.code() + " into 王小明 (000001).");
            vm.find();
            assertThat(vm.pairs()).isEmpty();
        }
    }

    @Test
    void aCancelledSearchSaysSoAndChangesNothing() {
        try (AppContext ctx = TestStores.open(dir.resolve("store"))) {
            TestStores.addKnownCustomers(ctx.customers());
            ctx.customers().save(Customer.builder().name("王小明").build());
            MergeService merges = ctx.services().get(MergeService.class);
            // A runner that lets the user press Cancel as soon as the search has started.
            DuplicatesViewModel[] vm = new DuplicatesViewModel[1];
            SyncTaskRunner sync = new SyncTaskRunner();
            vm[0] = new DuplicatesViewModel(merges, ctx.customers(), new app.regulars.fx.TaskRunner() {
                @Override
                public <T> void run(java.util.concurrent.Callable<T> work, java.util.function.Consumer<? super T> ok,
                                    java.util.function.Consumer<Throwable> failed) {
                    vm[0].cancel();
                    sync.run(work, ok, failed);
                }

                @Override
                public void onUiThread(Runnable action) {
                    action.run();
                }
            }, EN);
            vm[0].find();
            assertThat(vm[0].pairs()).isEmpty();
            assertThat(vm[0].statusProperty().get()).isEqualTo("Cancelled. Nothing was changed.");
            assertThat(vm[0].errorProperty().get()).isEmpty();
            assertThat(vm[0].runningProperty().get()).isFalse();
        }
    }

    @Test
    void theMergeDialogChoosesFieldByFieldAndStartsAgainWhenAnotherIsKept() {
        try (AppContext ctx = TestStores.open(dir.resolve("store"))) {
            TestStores.addKnownCustomers(ctx.customers());
            Customer wang = ctx.customers().byCode("000001").orElseThrow();
            Customer twin = ctx.customers().save(Customer.builder().name("王晓明").phones("139 0000 1111").email("wxm@example.com")
                    .company("西湖茶社").build());
            ctx.membership().recordPurchase(twin.id(), LocalDateTime.of(2026, 11, 20, 15, 30), new BigDecimal("50.00"), null);
            MergeViewModel vm = new MergeViewModel(ctx.services().get(MergeService.class), ctx.customers(), new SyncTaskRunner(), EN);
            vm.load(List.of(wang.id(), twin.id()));
            assertThat(vm.columns()).extracting(Customer::code).containsExactly("000001", twin.code());
            assertThat(vm.fields()).contains(MergeField.NAME, MergeField.EMAIL, MergeField.COMPANY, MergeField.BIRTHDAY);
            assertThat(vm.chosen(MergeField.COMPANY)).isEqualTo(twin.id());
            assertThat(vm.chosen(MergeField.EMAIL)).isEqualTo(wang.id());
            assertThat(vm.valueText(MergeField.COMPANY, wang)).isEqualTo("(empty)");
            assertThat(vm.valueText(MergeField.BIRTHDAY, wang)).isEqualTo("Lunar 8/15, 1988");
            assertThat(vm.valueText(MergeField.CONSENT, wang)).isEqualTo("Agreed on Mar 1, 2025 · No SMS");
            assertThat(vm.emailsToNotesText()).isEqualTo("Kept in the notes: wxm@example.com");
            assertThat(vm.phonesText()).isEqualTo("138 1234 5678\n139 0000 1111");
            assertThat(vm.summaryText()).isEqualTo("Moves to 王小明 (000001): 1 purchase, 1 points entry.\n"
                    + "王晓明 (" + twin.code() + ") will be removed; its card number will find 王小明 (000001).");

            vm.choose(MergeField.EMAIL, twin.id());
            assertThat(vm.chosen(MergeField.EMAIL)).isEqualTo(twin.id());
            assertThat(vm.emailsToNotesText()).isEqualTo("Kept in the notes: xiaoming@example.com");

            // Keeping the other starts again from the defaults: now their values come first.
            vm.keep(twin.id());
            assertThat(vm.isKept(twin)).isTrue();
            assertThat(vm.columns()).extracting(Customer::code).containsExactly("000001", twin.code()); // the columns stay put
            assertThat(vm.chosen(MergeField.EMAIL)).isEqualTo(twin.id());
            assertThat(vm.chosen(MergeField.NAME)).isEqualTo(twin.id());
            assertThat(vm.chosen(MergeField.ADDRESS)).isEqualTo(wang.id()); // the kept one has none
            assertThat(vm.summaryText()).startsWith("Moves to 王晓明 (" + twin.code() + "): 1 change of consent.");

            MergeService.Merged[] done = new MergeService.Merged[1];
            vm.merge(m -> done[0] = m);
            assertThat(done[0].kept().code()).isEqualTo(twin.code());
            assertThat(done[0].kept().address()).isEqualTo(wang.address());
            assertThat(vm.errorProperty().get()).isEmpty();
        }
    }
}
