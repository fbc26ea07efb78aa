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
}
