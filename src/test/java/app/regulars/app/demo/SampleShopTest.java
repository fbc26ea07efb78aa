package app.regulars.app.demo;

import app.regulars.app.AppContext;
import app.regulars.app.cli.RegularsCommand;
import app.regulars.customer.Customer;
import app.regulars.customer.CustomerService;
import app.regulars.customer.CustomerSort;
import app.regulars.i18n.UserException;
import app.regulars.insight.CustomerModel;
import app.regulars.insight.InsightService;
import app.regulars.insight.InsightSettings;
import app.regulars.insight.InsightSnapshot;
import app.regulars.insight.Kpi;
import app.regulars.insight.KpiValues;
import app.regulars.insight.Lifecycle;
import app.regulars.insight.Period;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SampleShopTest {
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 23);

    @Test
    void sameSeedMakesSameCustomers() {
        assertThat(new SampleShop(7, TODAY).customers(300)).isEqualTo(new SampleShop(7, TODAY).customers(300));
        assertThat(new SampleShop(8, TODAY).customers(50)).isNotEqualTo(new SampleShop(7, TODAY).customers(50));
    }

    @Test
    void sampleCustomersAreValidWithUniquePhonesAndRealisticShares(@TempDir Path dir) {
        List<Customer> sample = new SampleShop(42, TODAY).customers(2000);
        try (AppContext ctx = AppContext.open(dir, Clock.systemDefaultZone(), Locale.SIMPLIFIED_CHINESE)) {
            Set<String> phones = new HashSet<>();
            int chinese = 0;
            int birthdays = 0;
            int lunar = 0;
            int consent = 0;
            int companies = 0;
            for (Customer c : sample) {
                Customer n = ctx.customers().normalize(c); // throws on any invalid field
                // SampleShop.fill stores the phones as made, without parsing them again: they are E.164 already
                assertThat(n.phones()).as("the phones of %s as normalizing gives them", c.name()).isEqualTo(c.phones());
                for (String p : n.phones()) {
                    assertThat(phones.add(p)).as("phone %s used twice", p).isTrue();
                }
                if (c.name().codePoints().anyMatch(cp -> Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN)) {
                    chinese++;
                    assertThat(c.name().length()).isBetween(2, 3);
                }
                if (c.birthday() != null) {
                    birthdays++;
                    lunar += c.birthday().isLunar() ? 1 : 0;
                }
                consent += c.consent().marketing() ? 1 : 0;
                companies += c.company() != null ? 1 : 0;
            }
            assertThat(chinese).isBetween(1300, 1500);
            assertThat(birthdays).isBetween(1500, 1700);
            assertThat(lunar).isBetween(200, 400);
            assertThat(consent).isBetween(1300, 1500);
            assertThat(companies).isBetween(400, 600);
        }
    }

    @Test
    void sampleCustomersWereLastChangedOnPlausibleDaysNotAllToday(@TempDir Path dir) {
        try (AppContext ctx = app.regulars.testing.TestStores.open(dir)) {
            CustomerService service = ctx.customers();
            List<Customer> sample = new SampleShop(5, TODAY).customers(300).stream().map(service::normalize).toList();
            service.insertAll(sample, app.regulars.customer.ConsentSource.SAMPLE, n -> { }, () -> false);
            List<Customer> stored = new java.util.ArrayList<>();
            service.forEachActive(100, stored::addAll);
            assertThat(stored).hasSize(300).allSatisfy(c -> {
                assertThat(c.updatedAt()).isAfterOrEqualTo(c.createdAt());
                assertThat(c.updatedAt().toLocalDate()).isBefore(TODAY.plusDays(1));
            });
            assertThat(stored.stream().filter(c -> c.updatedAt().toLocalDate().equals(TODAY)).count()).isLessThan(10);
        }
    }

    @Test
    void insertAllNumbersSampleCustomersFromTheSequence(@TempDir Path dir) {
        try (AppContext ctx = AppContext.open(dir)) {
            CustomerService service = ctx.customers();
            service.save(Customer.builder().name("先来的").code("000003").build());
            List<Customer> sample = new SampleShop(1, TODAY).customers(1200).stream().map(service::normalize).toList();
            assertThat(service.insertAll(sample, app.regulars.customer.ConsentSource.SAMPLE, n -> { }, () -> false)).isEqualTo(1200);
            assertThat(service.countAll()).isEqualTo(1201);
            assertThat(service.byCode("000001")).isPresent();
            assertThat(service.byCode("001201").orElseThrow().name()).isEqualTo(sample.get(1199).name());
            Customer first = service.byCode("000001").orElseThrow();
            assertThat(first.phones()).isEqualTo(sample.get(0).phones());
            assertThat(first.tags()).containsExactlyInAnyOrderElementsOf(sample.get(0).tags());
            long[] found = service.search(first.name(), null, false, CustomerSort.NAME, true);
            assertThat(found).contains(first.id());
        }
    }

    @Test
    void demoCommandFillsAnEmptyFolderAndRefusesAFullOne(@TempDir Path dir) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        assertThat(run(dir, out, err)).isEqualTo(RegularsCommand.OK);
        assertThat(out.toString()).contains("250 sample customers saved");
        int purchases = new SampleShop(20240101, LocalDate.now()).purchases(java.util.stream.LongStream.rangeClosed(1, 250).boxed().toList()).size();
        assertThat(out.toString()).contains(String.format(Locale.ENGLISH, "%,d purchases saved", purchases)).contains("survey answers");
        err.getBuffer().setLength(0);
        assertThat(run(dir, out, err)).isEqualTo(RegularsCommand.FAILED);
        assertThat(err.toString()).contains("already has 250 customers");
        try (AppContext ctx = AppContext.open(dir)) {
            assertThat(ctx.customers().countAll()).isEqualTo(250);
            assertThat(ctx.membership().tierSummary().stream().mapToInt(app.regulars.membership.TierSummary::members).sum()).isEqualTo(250);
        }
    }

    @Test
    void samplePurchasesLookLikeATeaShopsAndPlaceCustomersInTiers(@TempDir Path dir) {
        try (AppContext ctx = AppContext.open(dir, app.regulars.testing.TestStores.CLOCK, Locale.SIMPLIFIED_CHINESE)) {
            SampleShop shop = new SampleShop(5, TODAY);
            shop.fill(ctx.customers(), 400, n -> { }, () -> false);
            List<Long> ids = ctx.membership().customerIds();
            var lines = shop.purchases(ids);
            assertThat(lines).isEqualTo(new SampleShop(5, TODAY).purchases(ids)); // the seed decides
            assertThat(lines.size()).isBetween(400 * 5, 400 * 12);
            assertThat(lines).allSatisfy(l -> {
                assertThat(l.at().toLocalDate()).isBetween(TODAY.minusMonths(18), TODAY.minusDays(1));
                assertThat(l.at().getHour()).isBetween(9, 20);
                assertThat(l.amount().signum()).isPositive();
                assertThat(l.amount().remainder(new java.math.BigDecimal("0.50")).signum()).isZero();
            });
            assertThat(shop.fillPurchases(ctx.membership(), (n, all) -> { }, () -> false)).isEqualTo(lines.size());
            var tiers = ctx.membership().tierSummary();
            assertThat(tiers.stream().mapToInt(app.regulars.membership.TierSummary::members).sum()).isEqualTo(400);
            assertThat(tiers.get(0).members()).as("most customers stay in the lowest tier").isGreaterThan(200);
            assertThat(tiers.get(1).members() + tiers.get(2).members()).as("regulars reach Silver or Gold").isGreaterThan(20);
            long someone = ids.get(0);
            assertThat(ctx.membership().balance(someone)).isEqualTo(
                    lines.stream().filter(l -> l.customerId() == someone).mapToInt(l -> l.amount().intValue()).sum());
        }
    }

    @Test
    void aFillCancelledAfterItsFirstSliceLeavesAnEmptyStoreThatCanBeFilledAgain(@TempDir Path dir) {
        try (AppContext ctx = AppContext.open(dir)) {
            CustomerService service = ctx.customers();
            SampleShop shop = new SampleShop(1, TODAY);
            java.util.concurrent.atomic.AtomicInteger progress = new java.util.concurrent.atomic.AtomicInteger();
            assertThatThrownBy(() -> shop.fill(service, 3 * SampleShop.SLICE, progress::set,
                    () -> progress.get() > SampleShop.SLICE + 100))
                    .isInstanceOf(UserException.class);
            assertThat(progress.get()).as("the cancel came in the second slice").isGreaterThan(SampleShop.SLICE);
            assertThat(service.countAll()).isZero();
            assertThat(ctx.settings().get(CustomerService.FILL_PENDING)).isEmpty();
            assertThat(shop.fill(service, 40, n -> { }, () -> false)).isEqualTo(40);
            assertThat(service.countAll()).isEqualTo(40);
            assertThat(ctx.settings().get(CustomerService.FILL_PENDING)).isEmpty();
        }
    }

    /** A fresh sample shop as the first-start screen makes it, with the seed fixed. */
    private static SampleStory.Told freshSampleShop(AppContext ctx, int customers) {
        SampleShop shop = new SampleShop(11, app.regulars.testing.TestStores.TODAY);
        shop.fill(ctx.customers(), customers, n -> { }, () -> false);
        return SampleShop.allOrNothing(ctx, () -> {
            shop.fillPurchases(ctx.membership(), (n, all) -> { }, () -> false);
            return shop.fillStory(ctx, (n, all) -> { }, () -> false);
        });
    }

    @Test
    void aFreshSampleShopShowsEveryStageAModelAndSurveysAndComplaints(@TempDir Path dir) {
        try (AppContext ctx = app.regulars.testing.TestStores.open(dir)) {
            long t0 = System.nanoTime();
            SampleStory.Told told = freshSampleShop(ctx, 300);
            double seconds = (System.nanoTime() - t0) / 1e9;
            InsightService insights = ctx.services().get(InsightService.class);
            LocalDate today = insights.today();
            InsightSnapshot snapshot = insights.snapshot(today, InsightSettings.DEFAULTS);
            Map<Lifecycle, Integer> stages = snapshot.lifecycleCounts();
            System.out.printf(Locale.ROOT, "sample shop of 300 in %.1f s: %s; %s; stages %s; segments %s%n", seconds, told,
                    snapshot.model(), stages, snapshot.segmentCounts());
            assertThat(stages).allSatisfy((stage, n) -> assertThat(n).as(stage.name()).isPositive());
            assertThat(snapshot.customers().stream().filter(c -> c.metrics().frequency() > 1).count())
                    .as("repeat customers").isGreaterThanOrEqualTo(50);
            assertThat(snapshot.model()).isInstanceOf(CustomerModel.Fitted.class);

            for (int back = 1; back <= 3; back++) {
                Period month = Period.containing(Period.Kind.MONTH, today.minusMonths(back));
                KpiValues v = insights.kpis(month, today, InsightSettings.DEFAULTS).current();
                assertThat(v.get(Kpi.NPS)).as("NPS in %s", month).isNotNull();
                assertThat(v.get(Kpi.CSAT)).as("CSAT in %s", month).isNotNull();
            }
            KpiValues year = insights.kpis(Period.days(today.minusMonths(18), today), today, InsightSettings.DEFAULTS).current();
            assertThat(year.get(Kpi.COMPLAINTS)).as("complaints").isBetween(5.0, 60.0);
            assertThat(year.get(Kpi.COMPLAINTS_RESOLVED_IN_24H)).as("resolved in 24 h").isBetween(1.0, 99.0);
            assertThat(year.get(Kpi.FOLLOWUPS_ON_TIME)).as("follow-ups on time").isBetween(1.0, 99.0);
            assertThat(told.contacts()).isGreaterThan(50);
            assertThat(told.followUpsLate()).isPositive();
            assertThat(told.complaintsResolvedInTime()).isPositive().isLessThan(told.complaints());
            assertThat(ctx.settings().get(SampleShop.PENDING)).isEmpty();
        }
    }

    @Test
    void theSameSeedTellsTheSameStory(@TempDir Path a, @TempDir Path b) {
        SampleStory.Told first;
        try (AppContext ctx = app.regulars.testing.TestStores.open(a)) {
            first = freshSampleShop(ctx, 120);
        }
        try (AppContext ctx = app.regulars.testing.TestStores.open(b)) {
            assertThat(freshSampleShop(ctx, 120)).isEqualTo(first);
        }
    }

    @Test
    void aSampleShopCancelledInItsStoryLeavesAnEmptyStore(@TempDir Path dir) {
        try (AppContext ctx = app.regulars.testing.TestStores.open(dir)) {
            SampleShop shop = new SampleShop(11, app.regulars.testing.TestStores.TODAY);
            shop.fill(ctx.customers(), 250, n -> { }, () -> false);
            java.util.concurrent.atomic.AtomicInteger told = new java.util.concurrent.atomic.AtomicInteger();
            assertThatThrownBy(() -> SampleShop.allOrNothing(ctx, () -> {
                shop.fillPurchases(ctx.membership(), (n, all) -> { }, () -> false);
                return shop.fillStory(ctx, (n, all) -> told.set(n), () -> told.get() >= 100);
            })).isInstanceOf(UserException.class);
            assertThat(ctx.customers().countAll()).isZero();
            assertThat(ctx.database().dsl().fetchCount(app.regulars.store.jooq.Tables.SURVEY_RESPONSE)).isZero();
            assertThat(ctx.database().dsl().fetchCount(app.regulars.store.jooq.Tables.PURCHASE)).isZero();
            assertThat(ctx.settings().get(SampleShop.PENDING)).isEmpty();
            assertThat(ctx.settings().get(CustomerService.FILL_PENDING)).isEmpty();
        }
    }

    @Test
    void aStoreLeftWithAnInterruptedSampleShopIsEmptiedWhenItOpens(@TempDir Path dir) {
        try (AppContext ctx = app.regulars.testing.TestStores.open(dir)) {
            freshSampleShop(ctx, 60);
            ctx.settings().put(SampleShop.PENDING, "true"); // as a process killed in the middle leaves it
        }
        try (AppContext ctx = app.regulars.testing.TestStores.open(dir)) {
            assertThat(ctx.customers().countAll()).isZero();
            assertThat(ctx.database().dsl().fetchCount(app.regulars.store.jooq.Tables.SURVEY_RESPONSE)).isZero();
            assertThat(ctx.settings().get(SampleShop.PENDING)).isEmpty();
        }
    }

    private static int run(Path dir, StringWriter out, StringWriter err) {
        return app.regulars.testing.Cli.run(dir, Locale.ENGLISH, out, err, "demo", "--customers", "250");
    }
}
