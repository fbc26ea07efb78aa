package app.regulars.membership;

import app.regulars.app.AppContext;
import app.regulars.customer.Customer;
import app.regulars.i18n.Messages;
import app.regulars.testing.SyncTaskRunner;
import app.regulars.testing.TestStores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/** The membership view models with a synchronous runner, no window. */
class MembershipViewModelsTest {
    @TempDir
    Path dir;
    private AppContext context;
    private final Messages en = new Messages(Locale.ENGLISH);
    private long ann;

    @BeforeEach
    void open() {
        context = TestStores.open(dir);
        ann = context.customers().save(Customer.builder().name("Ann").phones("138 0000 0002").build()).id();
    }

    @AfterEach
    void close() {
        context.close();
    }

    @Test
    void tierSettingsAddReorderRemoveAndRefuseAGap() {
        MembersViewModel vm = new MembersViewModel(context.membership(), new SyncTaskRunner(), en);
        vm.load();
        assertThat(vm.editedTiers()).extracting(Tier::name).containsExactly("Bronze", "Silver", "Gold", "Platinum");
        vm.addTier();
        assertThat(vm.editedTiers().getLast().threshold()).isEqualByComparingTo("40000");
        assertThat(vm.update(4, "Diamond", "50000", "2", "20", "#3366cc", "free delivery")).isTrue();
        vm.move(4, -1); // Diamond before Platinum: 50000 then 20000 is refused
        vm.saveSettings(() -> { });
        assertThat(vm.errorProperty().get()).isEqualTo("The threshold of \u201cPlatinum\u201d must be above that of \u201cDiamond\u201d.");
        assertThat(context.membership().tiers()).hasSize(4);
        vm.move(3, 1);
        vm.removeTier(0); // the lowest would now be Silver at 1000: customers would have no tier
        vm.saveSettings(() -> { });
        assertThat(vm.errorProperty().get()).isEqualTo("The lowest tier, \u201cSilver\u201d, must start at 0, so that every customer has a tier.");
        assertThat(vm.update(0, "Silver", "0", "1", "5", "#9ea7ad", null)).isTrue();
        vm.currencyProperty().set("eur");
        vm.saveSettings(() -> { });
        assertThat(vm.errorProperty().get()).isEmpty();
        assertThat(context.membership().tiers()).extracting(Tier::name).containsExactly("Silver", "Gold", "Platinum", "Diamond");
        assertThat(context.membership().tiers().get(3).earnRate()).isEqualByComparingTo("2");
        assertThat(context.membership().settings().currency().getCurrencyCode()).isEqualTo("EUR");
        assertThat(context.membership().tierOf(ann).name()).isEqualTo("Silver");
        assertThat(vm.update(1, "Gold", "lots", "1", "10", "#d4a017", null)).isFalse();
        assertThat(vm.errorProperty().get()).isEqualTo("\u201clots\u201d in \u201cGold\u201d is not a number.");
    }

    @Test
    void sectionRecordsRefusesBadInputAndShowsTotals() {
        MembershipSectionViewModel vm = new MembershipSectionViewModel(context.membership(), new SyncTaskRunner(), en);
        vm.show(ann, false);
        int[] done = {0};
        vm.record("abc", null, null, () -> done[0]++);
        assertThat(vm.errorProperty().get()).isEqualTo("\u201cabc\u201d is not an amount. Type a number such as 128.50.");
        assertThat(vm.price().memberAvailableProperty().get()).isFalse(); // Bronze has no discount
        vm.record("1,000", LocalDate.of(2026, 11, 1), "Pu'er cake", () -> done[0]++);
        assertThat(vm.statusProperty().get()).isEqualTo("Purchase recorded: +1,000 points.");
        // Silver now: its 5 % is offered, and taken off unless the box is cleared
        assertThat(vm.price().memberAvailableProperty().get()).isTrue();
        assertThat(vm.price().memberTextProperty().get()).isEqualTo("Silver member discount \u22125 %");
        vm.price().amountTextProperty().set("50.5");
        assertThat(vm.price().summaryProperty().get()).isEqualTo("Amount CN\u00a550.50 \u00b7 Silver member \u22125 % \u00b7 To pay CN\u00a547.97");
        vm.record("50.5", null, null, () -> done[0]++);
        assertThat(vm.statusProperty().get()).isEqualTo("Purchase recorded: CN\u00a547.97 paid, +47 points.");
        vm.price().memberDiscountProperty().set(false);
        vm.price().amountTextProperty().set("2.5");
        assertThat(vm.price().summaryProperty().get()).isEqualTo("Amount CN\u00a52.50 \u00b7 To pay CN\u00a52.50");
        vm.record("2.5", null, null, () -> done[0]++);
        assertThat(done[0]).isEqualTo(3);
        assertThat(vm.errorProperty().get()).isEmpty();
        assertThat(vm.purchases()).extracting(Purchase::amount)
                .containsExactly(new BigDecimal("2.50"), new BigDecimal("47.97"), new BigDecimal("1000.00"));
        assertThat(vm.purchases().get(1).amountBefore()).isEqualByComparingTo("50.50");
        assertThat(vm.purchaseDetails(vm.purchases().get(1), new app.regulars.i18n.Formats(en))).isEqualTo(
                "Purchase no. " + vm.purchases().get(1).id() + "\nBefore discounts CN\u00a550.50\nMember discount \u2212CN\u00a52.53\nPaid CN\u00a547.97");
        assertThat(vm.dataProperty().get().balance()).isEqualTo(1049);
        assertThat(vm.dataProperty().get().tier().name()).isEqualTo("Silver");
        assertThat(vm.history()).hasSize(1);
        vm.adjust("-2000", "test");
        assertThat(vm.errorProperty().get()).isEqualTo("Not enough points: 2,000 needed, the balance is 1,049.");
        vm.voidPurchase(vm.purchases().getLast(), "typo");
        assertThat(vm.dataProperty().get().tier().name()).isEqualTo("Bronze");
        assertThat(vm.dataProperty().get().totals().total()).isEqualByComparingTo("50.47");
    }
}
