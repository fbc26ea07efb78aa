package app.regulars.insight;

import app.regulars.app.AppContext;
import app.regulars.i18n.Messages;
import app.regulars.testing.SyncTaskRunner;
import app.regulars.testing.TestStores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class AtRiskViewModelTest {
    @TempDir
    Path dir;
    AppContext ctx;
    AtRiskViewModel vm;
    final AtomicInteger changed = new AtomicInteger();

    @BeforeEach
    void open() {
        ctx = TestStores.open(dir);
    }

    @AfterEach
    void close() {
        ctx.close();
    }

    AtRiskViewModel vm(Locale locale) {
        vm = new AtRiskViewModel(ctx.services().get(WinbackService.class), ctx.membership(), new SyncTaskRunner(),
                new Messages(locale), changed::incrementAndGet);
        vm.load();
        return vm;
    }

    @Test
    void showsTheCustomersAtRiskWithValueReasonAndStageInTheUsersLanguage() {
        new WinbackShop(ctx);
        vm(Locale.ENGLISH);
        assertThat(vm.rows()).extracting(AtRiskViewModel.Row::name).containsExactly("Ann", "Eve", "Bo", "Fay", "Dee");
        AtRiskViewModel.Row ann = vm.rows().getFirst();
        assertThat(ann.reason()).isEqualTo("usually every 21 days, now 112 days");
        assertThat(ann.stage()).isEqualTo("Declining");
        assertThat(ann.value()).contains("200.00");
        assertThat(vm.rows().getLast().stage()).isEqualTo("Churned");
        assertThat(vm.summaryProperty().get()).startsWith("5 customers at risk, ").contains("356.00");
        assertThat(vm.noteProperty().get()).contains("spend of the last 12 months");
        assertThat(vm.dueProperty().get()).isEqualTo(TestStores.TODAY);
        assertThat(vm.autoPlanProperty().get()).isTrue();

        vm(Locale.SIMPLIFIED_CHINESE);
        assertThat(vm.rows().getFirst().reason()).isEqualTo("通常每 21 天来一次，已 112 天未来");
        assertThat(vm.rows().getFirst().stage()).isEqualTo("衰退期");
    }

    @Test
    void selectAllAndPlanPlansWhatConsentAllowsAndSaysWhatWasSkipped() {
        new WinbackShop(ctx);
        vm(Locale.ENGLISH);
        assertThat(vm.chosenCountProperty().get()).isZero();
        vm.selectAll(true);
        assertThat(vm.chosenCountProperty().get()).isEqualTo(5);
        vm.ownerProperty().set("Lin");
        vm.couponProperty().set("15");
        vm.plan();
        assertThat(vm.errorProperty().get()).isEmpty();
        assertThat(vm.resultProperty().get()).isEqualTo("Planned 3 win-backs (3 with a coupon); skipped 0 already planned, "
                + "1 without marketing consent, 1 opted out of every channel.");
        assertThat(vm.chosenCountProperty().get()).isZero();
        assertThat(changed.get()).isOne();

        vm.rows().getFirst().chosenProperty().set(true);
        vm.couponProperty().set("");
        vm.plan();
        assertThat(vm.resultProperty().get()).startsWith("Planned 0 win-backs").contains("1 already planned");
        assertThat(changed.get()).as("nothing new: nothing to reload").isOne();
    }

    @Test
    void aWrongCouponOrAPastDueDateIsAnErrorAndNothingIsPlanned() {
        new WinbackShop(ctx);
        vm(Locale.ENGLISH);
        vm.rows().getFirst().chosenProperty().set(true);
        vm.couponProperty().set("twenty");
        vm.plan();
        assertThat(vm.couponErrorProperty().get()).isEqualTo("A coupon amount is a positive number, such as 20.");
        vm.couponProperty().set("-5");
        vm.plan();
        assertThat(vm.couponErrorProperty().get()).isNotEmpty();
        vm.couponProperty().set("");
        assertThat(vm.couponErrorProperty().get()).isEmpty();
        vm.dueProperty().set(TestStores.TODAY.minusDays(1));
        vm.plan();
        assertThat(vm.dueErrorProperty().get()).isEqualTo("The due date is in the past.");
        vm.dueProperty().set(null);
        vm.plan();
        assertThat(vm.dueErrorProperty().get()).isEqualTo("Not a date.");
        assertThat(vm.resultProperty().get()).isEmpty();
        assertThat(ctx.services().get(WinbackService.class).atRisk(TestStores.TODAY).customers()).hasSize(5);
        assertThat(changed.get()).isZero();
    }

    @Test
    void anEmptyShopSaysSoInWordsAndPlanningNobodyAsksForASelection() {
        vm(Locale.ENGLISH);
        assertThat(vm.rows()).isEmpty();
        assertThat(vm.summaryProperty().get()).startsWith("Nobody at risk");
        assertThat(vm.noteProperty().get()).isEqualTo("No purchases yet: nobody can be at risk.");
        vm.plan();
        assertThat(vm.resultProperty().get()).isEqualTo("Select one or more customers first.");
    }

    @Test
    void turningAutomaticWinbacksOffIsSaved() {
        vm(Locale.ENGLISH);
        vm.autoPlanProperty().set(false);
        assertThat(ctx.services().get(WinbackService.class).autoPlan()).isFalse();
        vm(Locale.ENGLISH);
        assertThat(vm.autoPlanProperty().get()).isFalse();
    }
}
