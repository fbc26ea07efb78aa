package app.regulars.customer;

import app.regulars.app.AppContext;
import app.regulars.i18n.Messages;
import app.regulars.testing.SyncTaskRunner;
import app.regulars.testing.TestStores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/** The list's view model with plain JUnit: no window, work runs at once. */
class CustomerListViewModelTest {
    @TempDir
    Path dir;
    AppContext context;
    CustomerListViewModel vm;

    @BeforeEach
    void open() {
        context = TestStores.open(dir);
        TestStores.addKnownCustomers(context.customers());
        vm = new CustomerListViewModel(context.customers(), new SyncTaskRunner(), new Messages(Locale.ENGLISH));
        vm.refresh();
    }

    @AfterEach
    void close() {
        context.close();
    }

    private List<String> names() {
        return vm.rows().stream().map(r -> r.nameProperty().get()).toList();
    }

    @Test
    void rowsAreLoadedOnlyWhenAsked() {
        assertThat(vm.rows()).hasSize(3);
        assertThat(vm.rows().get(1).nameProperty().get()).isEqualTo("王小明"); // loads its page
        assertThat(vm.statusProperty().get()).isEqualTo("3 customers");
    }

    @Test
    void columnsOfOtherFeaturesAreFilledWithTheirPage() {
        List<List<Long>> asked = new java.util.ArrayList<>();
        ListColumn tier = new ListColumn() {
            @Override
            public String title() {
                return "Tier";
            }

            @Override
            public double width() {
                return 90;
            }

            @Override
            public java.util.Map<Long, String> values(List<Long> ids) {
                asked.add(ids);
                long xiaoming = context.customers().byCode("000001").orElseThrow().id();
                return java.util.Map.of(xiaoming, "Gold");
            }
        };
        CustomerListViewModel withTier = new CustomerListViewModel(context.customers(), new SyncTaskRunner(), new Messages(Locale.ENGLISH),
                List.of(tier));
        withTier.refresh();
        assertThat(withTier.rows().stream().map(r -> r.nameProperty().get() + ":" + r.extraProperty(0).get()).toList())
                .containsExactly("Alice Smith:", "王小明:Gold", "曾晓燕:");
        assertThat(asked).hasSize(1); // once per page, with the page's ids
        assertThat(asked.get(0)).hasSize(3);
    }

    @Test
    void typingNarrowsTheListAtOnce() {
        vm.queryProperty().set("wxm");
        assertThat(names()).containsExactly("王小明");
        vm.queryProperty().set("");
        assertThat(names()).containsExactly("Alice Smith", "王小明", "曾晓燕");
    }

    @Test
    void sortingByCodeDescendingReordersTheRows() {
        vm.sortBy(CustomerSort.CODE, false);
        assertThat(vm.rows().stream().map(r -> r.codeProperty().get()).toList()).containsExactly("000003", "000002", "000001");
    }

    @Test
    void bulkArchiveReportsWhatItDid() {
        vm.archive(List.of(vm.rows().idAt(0), vm.rows().idAt(1)));
        assertThat(names()).containsExactly("曾晓燕");
        assertThat(vm.statusProperty().get()).isEqualTo("2 customers archived.  1 customer");
    }

    @Test
    void tagFilterOffersTagsInUse() {
        assertThat(vm.tags()).containsExactly("茶友", "VIP", "wholesale");
        vm.tagFilterProperty().set("wholesale");
        assertThat(names()).containsExactly("Alice Smith");
    }

    @Test
    void rowsOfAPageThatArrivesAfterANewSearchAreIgnored() {
        CustomerRow stale = vm.rows().get(0);
        vm.queryProperty().set("zeng");
        assertThat(names()).containsExactly("曾晓燕");
        assertThat(stale.nameProperty().get()).isEqualTo("Alice Smith");
    }
}
