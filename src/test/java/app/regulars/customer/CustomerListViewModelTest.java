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
    void anEmptySearchOverALargeShopSaysHowManyCustomersThereAre() {
        List<Customer> many = new app.regulars.app.demo.SampleShop(3, TestStores.TODAY).customers(CustomerService.SEARCH_LIMIT + 20)
                .stream().map(context.customers()::normalize).toList();
        context.customers().insertAll(many, app.regulars.customer.ConsentSource.IMPORT, n -> { }, () -> false);
        vm.refresh();
        assertThat(vm.rows()).as("nothing typed: everyone, loaded a page at a time").hasSize(CustomerService.SEARCH_LIMIT + 23);
        assertThat(vm.statusProperty().get()).isEqualTo("1,023 customers");
        vm.queryProperty().set("a");
        assertThat(vm.statusProperty().get()).as("something typed: the matches").matches("[\\d,]+ customers|The first 1,000 matches; type more to narrow them down");
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

    /** A filter another feature would provide: a fixed set of customers. */
    private ListFilter filter(String id, String label, String... codes) {
        java.util.Set<Long> ids = new java.util.HashSet<>();
        for (String code : codes) {
            ids.add(context.customers().byCode(code).orElseThrow().id());
        }
        return new ListFilter() {
            @Override
            public String id() {
                return id;
            }

            @Override
            public String label() {
                return label;
            }

            @Override
            public java.util.Set<Long> customerIds() {
                return ids;
            }
        };
    }

    @Test
    void aFilterNarrowsTheListToItsCustomersAndSaysSo() {
        ListFilter tea = filter("segment.tea", "Segment: Tea lovers", "000001", "000002");
        CustomerListViewModel filtered = new CustomerListViewModel(context.customers(), new SyncTaskRunner(),
                new Messages(Locale.ENGLISH), List.of(), List.of(tea));
        filtered.refresh();
        assertThat(filtered.filters()).containsExactly(tea);
        filtered.filterProperty().set(tea);
        assertThat(filtered.rows().stream().map(r -> r.nameProperty().get()).toList()).containsExactly("王小明", "曾晓燕");
        assertThat(filtered.statusProperty().get()).isEqualTo("2 customers  ·  Segment: Tea lovers");
        // search and tag work inside the set
        filtered.queryProperty().set("zeng");
        assertThat(filtered.rows().stream().map(r -> r.nameProperty().get()).toList()).containsExactly("曾晓燕");
        filtered.queryProperty().set("");
        filtered.tagFilterProperty().set("VIP");
        assertThat(filtered.rows().stream().map(r -> r.nameProperty().get()).toList()).containsExactly("王小明");
        filtered.tagFilterProperty().set(null);
        filtered.filterProperty().set(null);
        assertThat(filtered.rows()).hasSize(3);
        assertThat(filtered.statusProperty().get()).isEqualTo("3 customers");
    }

    @Test
    void anEmptySetShowsNoCustomers() {
        vm.filterProperty().set(filter("none", "Stage: Churned"));
        assertThat(vm.rows()).isEmpty();
        assertThat(vm.statusProperty().get()).isEqualTo("No customers  ·  Stage: Churned");
    }

    @Test
    void showFilteredClearsTheSearchAndOffersTheFilterFromThenOn() {
        ListFilter alice = filter("value.core", "Value class: Core", "000003");
        vm.queryProperty().set("wang");
        vm.tagFilterProperty().set("茶友");
        vm.showArchivedProperty().set(true);
        vm.showFiltered(alice);
        assertThat(vm.queryProperty().get()).isEmpty();
        assertThat(vm.tagFilterProperty().get()).isNull();
        assertThat(vm.showArchivedProperty().get()).isFalse();
        assertThat(vm.filterProperty().get()).isSameAs(alice);
        assertThat(names()).containsExactly("Alice Smith");
        // the same filter again (a second click on the bar): one entry, the one already offered
        ListFilter again = filter("value.core", "Value class: Core", "000003");
        vm.showFiltered(again);
        assertThat(vm.filters()).containsExactly(alice);
        assertThat(vm.filterProperty().get()).isSameAs(alice);
        assertThat(names()).containsExactly("Alice Smith");
    }

    @Test
    void searchWithinASetFindsMatchesBeyondTheSearchLimit() {
        // the limit applies inside the set: a set of one customer still finds them among every match
        long alice = context.customers().byCode("000003").orElseThrow().id();
        assertThat(context.customers().search("a", null, false, CustomerSort.NAME, true, java.util.Set.of(alice)))
                .containsExactly(alice);
        assertThat(context.customers().search("", null, false, CustomerSort.NAME, true, java.util.Set.of())).isEmpty();
    }

    /** Runs the workers' tasks at once and keeps the background lane's until asked (a day's jobs still running). */
    static final class HeldBackgroundRunner implements app.regulars.fx.TaskRunner {
        final java.util.ArrayDeque<Runnable> background = new java.util.ArrayDeque<>();
        final SyncTaskRunner sync = new SyncTaskRunner();

        @Override
        public <T> void run(java.util.concurrent.Callable<T> work, java.util.function.Consumer<? super T> onSuccess,
                            java.util.function.Consumer<Throwable> onError) {
            sync.run(work, onSuccess, onError);
        }

        @Override
        public <T> void runInBackground(java.util.concurrent.Callable<T> work, java.util.function.Consumer<? super T> onSuccess,
                                        java.util.function.Consumer<Throwable> onError) {
            background.add(() -> sync.run(work, onSuccess, onError));
        }

        @Override
        public void onUiThread(Runnable action) {
            action.run();
        }

        void drain() {
            while (!background.isEmpty()) {
                background.poll().run();
            }
        }
    }

    private static ListColumn column(String title, boolean slow, java.util.function.Function<Long, String> value) {
        return new ListColumn() {
            @Override
            public String title() {
                return title;
            }

            @Override
            public double width() {
                return 90;
            }

            @Override
            public java.util.Map<Long, String> values(List<Long> ids) {
                java.util.Map<Long, String> out = new java.util.HashMap<>();
                ids.forEach(id -> out.put(id, value.apply(id)));
                return out;
            }

            @Override
            public boolean slow() {
                return slow;
            }
        };
    }

    /** The store's customers, with the search index's builds queued in {@code builds} until a test runs them. */
    private CustomerService heldIndex(java.util.ArrayDeque<Runnable> builds) {
        return new CustomerService(context.database(), new CustomerRepository(),
                PhoneNumbers.forLocale(Locale.SIMPLIFIED_CHINESE), TestStores.CLOCK, builds::add);
    }

    @Test
    void aSlowColumnWaitsOnTheBackgroundLaneWhileTheRowsAndTheQuickColumnsAreShown() {
        assertThat(context.customers().buildSearchIndex()).as("built: the column waits on nothing else").isTrue();
        HeldBackgroundRunner runner = new HeldBackgroundRunner();
        CustomerListViewModel list = new CustomerListViewModel(context.customers(), runner, new Messages(Locale.ENGLISH),
                List.of(column("Tier", false, id -> "Gold"), column("Segment", true, id -> "Champions")));
        list.refresh();
        assertThat(list.rows().stream().map(r -> r.nameProperty().get() + ":" + r.extraProperty(0).get() + ":" + r.extraProperty(1).get()).toList())
                .as("the day's jobs hold the background lane: rows and tier are there, the segment comes later")
                .containsExactly("Alice Smith:Gold:", "王小明:Gold:", "曾晓燕:Gold:");
        runner.drain();
        assertThat(list.rows().stream().map(r -> r.extraProperty(0).get() + ":" + r.extraProperty(1).get()).toList())
                .containsOnly("Gold:Champions");
    }

    @Test
    void theSearchIndexAndTheOtherColumnsWaitUntilTheFirstRowsAreLaidOut() {
        java.util.ArrayDeque<Runnable> builds = new java.util.ArrayDeque<>();
        CustomerService held = heldIndex(builds);
        CustomerListViewModel list = new CustomerListViewModel(held, new SyncTaskRunner(), new Messages(Locale.ENGLISH),
                List.of(column("Tier", false, id -> "Gold")));
        java.util.ArrayDeque<Runnable> afterLayout = new java.util.ArrayDeque<>();
        list.afterLayoutBy(afterLayout::add); // the view's: run after the layout pass that makes the rows' cells
        list.refresh();
        assertThat(list.rows().stream().map(r -> r.nameProperty().get() + ":" + r.extraProperty(0).get()).toList())
                .as("the rows are filled; nothing else takes the cores before they are on screen")
                .containsExactly("Alice Smith:", "王小明:", "曾晓燕:");
        assertThat(builds).as("the search index waits").isEmpty();

        afterLayout.forEach(Runnable::run);
        assertThat(builds).as("laid out: now the index is built").hasSize(1);
        assertThat(list.rows().stream().map(r -> r.extraProperty(0).get()).toList()).containsOnly("Gold");
        held.close();
    }

    @Test
    void theSlowColumnsWaitForTheSearchIndexFirstBuildNotForLaterOnes() {
        java.util.ArrayDeque<Runnable> builds = new java.util.ArrayDeque<>();
        CustomerService held = heldIndex(builds);
        CustomerListViewModel list = new CustomerListViewModel(held, new SyncTaskRunner(), new Messages(Locale.ENGLISH),
                List.of(column("Tier", false, id -> "Gold"), column("Segment", true, id -> "Champions")));
        list.refresh();
        assertThat(list.rows().stream().map(r -> r.nameProperty().get() + ":" + r.extraProperty(0).get() + ":" + r.extraProperty(1).get()).toList())
                .as("both read the whole store: the segment waits for the index being built")
                .containsExactly("Alice Smith:Gold:", "王小明:Gold:", "曾晓燕:Gold:");
        assertThat(builds).hasSize(1);
        builds.poll().run();
        assertThat(list.rows().stream().map(r -> r.extraProperty(1).get()).toList()).containsOnly("Champions");

        long alice = held.byCode("000003").orElseThrow().id();
        held.addTag(List.of(alice), "first-build"); // writes: the index is built again at the next search
        held.removeTag(List.of(alice), "first-build");
        list.queryProperty().set("wxm");
        assertThat(builds).as("a second build, held").hasSize(1);
        assertThat(list.rows().stream().map(r -> r.nameProperty().get() + ":" + r.extraProperty(1).get()).toList())
                .as("the index was built once: the segment does not wait for the next build")
                .containsExactly("王小明:Champions");
        builds.clear();
        held.close();
    }

    @Test
    void theListShowsRowsAndAnswersSearchesFromSqlBeforeTheSearchIndexIsBuilt() {
        java.util.ArrayDeque<Runnable> builds = new java.util.ArrayDeque<>();
        CustomerService held = heldIndex(builds);
        CustomerListViewModel list = new CustomerListViewModel(held, new SyncTaskRunner(), new Messages(Locale.ENGLISH));
        list.refresh();
        assertThat(list.rows().stream().map(r -> r.nameProperty().get()).toList()).containsExactly("Alice Smith", "王小明", "曾晓燕");
        assertThat(builds).as("the first page asked for the index to be built").hasSize(1);
        assertThat(held.searchIndexReady()).isFalse();
        list.queryProperty().set("wxm");
        assertThat(list.rows().stream().map(r -> r.nameProperty().get()).toList()).as("from SQL").containsExactly("王小明");
        list.queryProperty().set("4321");
        assertThat(list.rows().stream().map(r -> r.nameProperty().get()).toList()).as("from SQL").containsExactly("曾晓燕");

        builds.poll().run();
        assertThat(held.searchIndexReady()).isTrue();
        list.queryProperty().set("wxm");
        assertThat(list.rows().stream().map(r -> r.nameProperty().get()).toList()).as("from the index").containsExactly("王小明");
        list.queryProperty().set("4321");
        assertThat(list.rows().stream().map(r -> r.nameProperty().get()).toList()).as("from the index").containsExactly("曾晓燕");
        held.close();
    }

    @Test
    void theListOfEveryoneShowsItsFirstPageBeforeTheIdsOfAllArrive() {
        java.util.ArrayDeque<Runnable> tasks = new java.util.ArrayDeque<>();
        app.regulars.fx.TaskRunner queued = queuedIn(tasks);
        CustomerListViewModel list = new CustomerListViewModel(context.customers(), queued, new Messages(Locale.ENGLISH));
        list.refresh();
        assertThat(tasks).as("the first page and the tags; the ids of all wait for the first page").hasSize(2);
        tasks.poll().run();
        assertThat(list.rows().stream().map(r -> r.nameProperty().get()).toList()).containsExactly("Alice Smith", "王小明", "曾晓燕");
        assertThat(list.statusProperty().get()).isEqualTo("3 customers");
        assertThat(list.busyProperty().get()).as("the ids of all still to come").isTrue();
        assertThat(tasks).as("the tags, then the ids of all, asked once the first page is shown").hasSize(2);
        tasks.poll().run();
        tasks.poll().run();
        assertThat(list.rows().stream().map(r -> r.nameProperty().get()).toList()).containsExactly("Alice Smith", "王小明", "曾晓燕");
        assertThat(list.busyProperty().get()).isFalse();
        assertThat(tasks).as("nothing more").isEmpty();
    }

    @Test
    void theIdsOfEveryoneWaitForTheFirstRowsLayoutAndTheFirstPageIsReadOnce() {
        java.util.ArrayDeque<Runnable> tasks = new java.util.ArrayDeque<>();
        CustomerListViewModel list = new CustomerListViewModel(context.customers(), queuedIn(tasks), new Messages(Locale.ENGLISH));
        java.util.ArrayDeque<Runnable> afterLayout = new java.util.ArrayDeque<>();
        list.afterLayoutBy(afterLayout::add);
        // as the table's focus does: its first row read as it hears of the change
        list.rows().addListener((javafx.collections.ListChangeListener<CustomerRow>) c -> {
            if (!list.rows().isEmpty()) {
                list.rows().get(0);
            }
        });
        list.refresh();
        tasks.poll().run(); // the first page
        assertThat(list.rows().stream().map(r -> r.nameProperty().get()).toList()).containsExactly("Alice Smith", "王小明", "曾晓燕");
        assertThat(tasks).as("the tags only: neither the ids of all beside the first rows' layout nor the first page again").hasSize(1);

        while (!afterLayout.isEmpty()) {
            afterLayout.poll().run();
        }
        assertThat(tasks).as("laid out: the tags, and now the ids of all").hasSize(2);
        while (!tasks.isEmpty()) {
            tasks.poll().run();
        }
        assertThat(list.busyProperty().get()).isFalse();
        assertThat(list.rows().stream().map(r -> r.nameProperty().get()).toList()).containsExactly("Alice Smith", "王小明", "曾晓燕");

        list.queryProperty().set("wxm");
        while (!tasks.isEmpty()) {
            tasks.poll().run();
        }
        assertThat(list.rows().stream().map(r -> r.nameProperty().get()).toList()).containsExactly("王小明");
        assertThat(tasks).as("a typed search's first page came with it: not read again").isEmpty();
    }

    @Test
    void aTypedSearchShowsItsFirstRowsWithItsAnswer() {
        java.util.ArrayDeque<Runnable> tasks = new java.util.ArrayDeque<>();
        CustomerListViewModel list = new CustomerListViewModel(context.customers(), queuedIn(tasks), new Messages(Locale.ENGLISH));
        list.refresh();
        while (!tasks.isEmpty()) {
            tasks.poll().run();
        }
        list.queryProperty().set("wxm");
        while (!tasks.isEmpty()) {
            tasks.poll().run();
        }
        CustomerRow first = list.rows().getFirst();
        assertThat(first.loadedProperty().get()).as("filled with the answer, before the table asks for its page").isTrue();
        assertThat(first.nameProperty().get()).isEqualTo("王小明");
        assertThat(first.phoneProperty().get()).isEqualTo("138 1234 5678");
        assertThat(tasks).as("no page left to read").isEmpty();
    }

    @Test
    void aTypedSearchReadsItsFirstScreenWithItsAnswerAndTheRestOfTheFirstPageOnceLaidOut() {
        for (int i = 1; i <= 45; i++) {
            context.customers().save(Customer.builder().name(String.format("Tea Friend %02d", i)).phones("137 0000 00" + String.format("%02d", i)).build());
        }
        java.util.ArrayDeque<Runnable> tasks = new java.util.ArrayDeque<>();
        CustomerListViewModel list = new CustomerListViewModel(context.customers(), queuedIn(tasks), new Messages(Locale.ENGLISH));
        java.util.ArrayDeque<Runnable> afterLayout = new java.util.ArrayDeque<>();
        list.afterLayoutBy(afterLayout::add);
        list.queryProperty().set("tea friend");
        while (!tasks.isEmpty()) {
            tasks.poll().run();
        }
        assertThat(list.rows()).hasSize(45);
        java.util.function.IntPredicate loaded = i -> list.rows().get(i).loadedProperty().get();
        assertThat(list.rows().get(0).nameProperty().get()).isEqualTo("Tea Friend 01");
        assertThat(java.util.stream.IntStream.range(0, CustomerRowList.PAGE_SIZE).filter(loaded).count())
                .as("the answer brings its first screen's rows only").isEqualTo(CustomerListViewModel.FIRST_SCREEN);
        assertThat(list.rows().get(CustomerListViewModel.FIRST_SCREEN).nameProperty().get()).isEmpty();
        assertThat(tasks).as("rows of the first page asked for: not read a second time").isEmpty();

        while (!afterLayout.isEmpty()) {
            afterLayout.poll().run();
        }
        assertThat(tasks).as("laid out: the rest of the first page").hasSize(1);
        tasks.poll().run();
        assertThat(java.util.stream.IntStream.range(0, CustomerRowList.PAGE_SIZE).allMatch(loaded)).isTrue();
        assertThat(list.rows().get(CustomerRowList.PAGE_SIZE - 1).nameProperty().get()).isEqualTo("Tea Friend 40");
        assertThat(list.rows().get(CustomerRowList.PAGE_SIZE - 1).phoneProperty().get()).isEqualTo("137 0000 0040");
        assertThat(loaded.test(CustomerRowList.PAGE_SIZE)).as("the next page waits for the table").isFalse();
    }

    /** A runner whose tasks wait in {@code tasks} until the test runs them; the JavaFX thread's work runs at once. */
    private static app.regulars.fx.TaskRunner queuedIn(java.util.ArrayDeque<Runnable> tasks) {
        return new app.regulars.fx.TaskRunner() {
            @Override
            public <T> void run(java.util.concurrent.Callable<T> work, java.util.function.Consumer<? super T> onSuccess,
                                java.util.function.Consumer<Throwable> onError) {
                tasks.add(() -> new SyncTaskRunner().run(work, onSuccess, onError));
            }

            @Override
            public void onUiThread(Runnable action) {
                action.run();
            }
        };
    }
}
