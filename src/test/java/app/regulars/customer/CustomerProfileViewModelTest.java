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
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/** The profile's view model with plain JUnit: the texts the profile shows, without the service. */
class CustomerProfileViewModelTest {
    @TempDir
    Path dir;
    AppContext context;

    @BeforeEach
    void open() {
        context = TestStores.open(dir);
        TestStores.addKnownCustomers(context.customers());
    }

    @AfterEach
    void close() {
        context.close();
    }

    private CustomerProfileViewModel vm(Locale locale) {
        return new CustomerProfileViewModel(context.customers(), new SyncTaskRunner(), new Messages(locale));
    }

    @Test
    void phonesAreWrittenForTheShopsRegionOneALine() {
        Customer c = context.customers().byCode("000001").orElseThrow();
        assertThat(vm(Locale.ENGLISH).phonesText(c)).isEqualTo("138 1234 5678");
        assertThat(vm(Locale.ENGLISH).phonesText(Customer.builder().name("No phone").build())).isEmpty();
    }

    @Test
    void theBirthdayIsShownAsStatedWithTheNextOneCountedFromTheServicesToday() {
        Customer c = context.customers().byCode("000001").orElseThrow();
        // lunar 8/15 1988; the store's clock says 2026-11-23, the next Mid-Autumn is 2027-09-15
        assertThat(vm(Locale.SIMPLIFIED_CHINESE).birthdayText(c)).startsWith("农历八月十五").contains("  ·  ").contains("9月15日").contains("296");
        assertThat(vm(Locale.ENGLISH).birthdayText(c)).startsWith("Lunar 8/15").contains("Sep 15").contains("296");
        assertThat(vm(Locale.ENGLISH).birthdayText(Customer.builder().name("No birthday").build())).isEmpty();
    }

    @Test
    void theSummaryRowHoldsEveryContributorsFactsInOrderAndLeavesOutOneThatFails() {
        java.util.List<Long> asked = new java.util.ArrayList<>();
        ProfileSummary membership = id -> {
            asked.add(id);
            return java.util.List.of(ProfileFact.of("Tier", "Gold"), ProfileFact.of("Points", "368"));
        };
        ProfileSummary broken = id -> {
            throw new IllegalStateException("no insights today");
        };
        ProfileSummary insight = id -> java.util.List.of(new ProfileFact("Churn risk", "High", true));
        CustomerProfileViewModel vm = new CustomerProfileViewModel(context.customers(), new SyncTaskRunner(),
                new Messages(Locale.ENGLISH), java.util.List.of(membership, broken, insight));
        Customer wang = context.customers().byCode("000001").orElseThrow();
        vm.load(wang.id());
        assertThat(vm.summary()).extracting(f -> f.label() + "=" + f.value())
                .containsExactly("Tier=Gold", "Points=368", "Churn risk=High");
        assertThat(vm.summary().get(2).warning()).isTrue();
        assertThat(asked).containsExactly(wang.id());
    }

    @Test
    void anotherCustomersFactsAreClearedBeforeTheirOwnArrive() {
        java.util.List<Runnable> pending = new java.util.ArrayList<>();
        app.regulars.fx.TaskRunner later = new app.regulars.fx.TaskRunner() {
            @Override
            public <T> void run(java.util.concurrent.Callable<T> work, java.util.function.Consumer<? super T> done,
                                java.util.function.Consumer<Throwable> failed) {
                pending.add(() -> {
                    T result;
                    try {
                        result = work.call();
                    } catch (Exception e) {
                        failed.accept(e);
                        return;
                    }
                    done.accept(result);
                });
            }

            @Override
            public void onUiThread(Runnable action) {
                action.run();
            }
        };
        ProfileSummary codes = id -> java.util.List.of(ProfileFact.of("Id", String.valueOf(id)));
        CustomerProfileViewModel vm = new CustomerProfileViewModel(context.customers(), later, new Messages(Locale.ENGLISH),
                java.util.List.of(codes));
        Customer wang = context.customers().byCode("000001").orElseThrow();
        Customer zeng = context.customers().byCode("000002").orElseThrow();
        vm.show(wang);
        pending.forEach(Runnable::run);
        pending.clear();
        assertThat(vm.summary()).extracting(ProfileFact::value).containsExactly(String.valueOf(wang.id()));
        vm.show(zeng);
        assertThat(vm.summary()).isEmpty(); // not 王小明's facts under 曾晓燕's name
        pending.forEach(Runnable::run);
        assertThat(vm.summary()).extracting(ProfileFact::value).containsExactly(String.valueOf(zeng.id()));
    }

    @Test
    void slowFactsComeFromTheBackgroundLaneAfterTheQuickOnesAndTakeTheirPlaceInOrder() {
        CustomerListViewModelTest.HeldBackgroundRunner runner = new CustomerListViewModelTest.HeldBackgroundRunner();
        ProfileSummary membership = id -> java.util.List.of(ProfileFact.of("Tier", "Gold"));
        ProfileSummary insight = new ProfileSummary() {
            @Override
            public java.util.List<ProfileFact> facts(long customerId) {
                return java.util.List.of(ProfileFact.of("Segment", "Champions"));
            }

            @Override
            public boolean slow() {
                return true;
            }
        };
        ProfileSummary followUps = id -> java.util.List.of(ProfileFact.of("Next call", "Friday"));
        CustomerProfileViewModel vm = new CustomerProfileViewModel(context.customers(), runner, new Messages(Locale.ENGLISH),
                java.util.List.of(membership, insight, followUps));
        vm.load(context.customers().byCode("000001").orElseThrow().id());
        assertThat(vm.summary()).extracting(ProfileFact::value).as("the day's jobs hold the background lane").containsExactly("Gold", "Friday");
        runner.drain();
        assertThat(vm.summary()).extracting(ProfileFact::value).containsExactly("Gold", "Champions", "Friday");
    }
}
