package app.regulars.demo;

import app.regulars.AppContext;
import app.regulars.cli.RegularsCommand;
import app.regulars.customer.Customer;
import app.regulars.customer.CustomerService;
import app.regulars.customer.CustomerSort;
import app.regulars.i18n.Messages;
import app.regulars.i18n.UserException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
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
    void insertAllNumbersSampleCustomersFromTheSequence(@TempDir Path dir) {
        try (AppContext ctx = AppContext.open(dir)) {
            CustomerService service = ctx.customers();
            service.save(Customer.builder().name("先来的").code("000003").build());
            List<Customer> sample = new SampleShop(1, TODAY).customers(1200).stream().map(service::normalize).toList();
            assertThat(service.insertAll(sample, n -> { }, () -> false)).isEqualTo(1200);
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
        err.getBuffer().setLength(0);
        assertThat(run(dir, out, err)).isEqualTo(RegularsCommand.FAILED);
        assertThat(err.toString()).contains("already has 250 customers");
        try (AppContext ctx = AppContext.open(dir)) {
            assertThat(ctx.customers().countAll()).isEqualTo(250);
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

    private static int run(Path dir, StringWriter out, StringWriter err) {
        CommandLine cl = RegularsCommand.create(new Messages(Locale.ENGLISH));
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute("--data-dir", dir.toString(), "demo", "--customers", "250");
    }
}
