package app.regulars.customer;

import app.regulars.app.AppContext;
import app.regulars.tables.ImportReport;
import app.regulars.tables.Progress;
import app.regulars.testing.TestStores;
import ezvcard.VCard;
import ezvcard.VCardVersion;
import ezvcard.io.text.VCardReader;
import ezvcard.parameter.TelephoneType;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code export customers} in its three formats: every profile column, archived customers on
 * request, tags holding {@code ;} or {@code ,}, and each file imported back into an empty store
 * as the same profiles.
 */
class CustomerExportFormatsTest {
    @TempDir
    Path dir;

    /** The shop of {@link TestStores#addKnownCustomers} and two customers that try the edges. */
    static void fill(CustomerService customers) {
        TestStores.addKnownCustomers(customers);
        customers.save(Customer.builder().code("T001").name("欧阳娜娜").phones("13700001111", "+1 650 253 0000", "0571 8888 6666")
                .tags("Smith, Jones", "a;b", "茶友、常客", "5\" pot").birthday(new Birthday(Birthday.Kind.SOLAR, null, 2, 29, false))
                .wechat("nana_oy").source("小红书").preferences("白茶；不要糖").jobTitle("设计师").company("=HYPERLINK(1)")
                .notes("第一行\n第二行, 带逗号").gender(Gender.OTHER)
                .consent(new Consent(false, null, Set.of(MarketingChannel.EMAIL, MarketingChannel.PHONE))).build());
        customers.save(Customer.builder().code("T002").name("Lunar Leap").birthday(Birthday.lunar(null, 4, 10, true))
                .email("leap@example.com").build());
        Customer gone = customers.save(Customer.builder().code("T003").name("Erased Person").phones("13900009999").build());
        customers.archive(List.of(gone.id()));
    }

    /** What a profile is, without what a store gives it (id, last change, how many changes: decision 0031). */
    static Customer profile(Customer c) {
        return c.toBuilder().id(null).updatedAt(null).version(0).build();
    }

    static List<Customer> everyone(AppContext ctx) {
        List<Customer> all = new ArrayList<>();
        ctx.customers().forEachForExport(true, 100, all::addAll);
        all.sort(Comparator.comparing(Customer::code));
        return all.stream().map(CustomerExportFormatsTest::profile).toList();
    }

    void roundTrip(CustomerCsvExporter.Format format) {
        Path file = dir.resolve("customers." + format.extension);
        List<Customer> before;
        try (AppContext a = TestStores.open(dir.resolve("a"))) {
            fill(a.customers());
            assertThat(new CustomerCsvExporter(a.customers()).export(file, format, true, Progress.NONE, () -> false)).isEqualTo(7);
            before = everyone(a);
        }
        try (AppContext b = TestStores.open(dir.resolve("b"))) {
            // Every row, into an empty store: 欧阳娜娜 shares Alice's phone, a duplicate to the default rule (decision 0024).
            ImportReport r = new CustomerCsvImporter(b.customers(), ConsentSource.IMPORT, OnDuplicate.ADD)
                    .importFile(file, Progress.NONE, () -> false);
            assertThat(r.rejected()).as(format.name()).isEmpty();
            assertThat(r.warnings()).isEmpty();
            assertThat(r.ignoredColumns()).isEmpty();
            assertThat(everyone(b)).as(format.name()).isEqualTo(before);
            Customer nana = b.customers().byCode("T001").orElseThrow();
            assertThat(nana.tags()).containsExactlyInAnyOrder("Smith, Jones", "a;b", "茶友、常客", "5\" pot");
            assertThat(b.customers().byCode("000004").orElseThrow().archived()).isTrue(); // 张伟, archived in the first store
        }
        try (AppContext c = TestStores.open(dir.resolve("c"))) {
            ImportReport r = new CustomerCsvImporter(c.customers()).importFile(file, Progress.NONE, () -> false);
            assertThat(List.of(r.added(), r.updated(), r.skipped())).as(format.name() + ", the default rule").containsExactly(6, 0, 1);
            assertThat(c.customers().byCode("T001")).as("欧阳娜娜, after Alice with her phone").isEmpty();
        }
    }

    @Test
    void csvCarriesEveryProfileColumnBackIncludingTagsWithSeparatorsAndArchivedCustomers() {
        roundTrip(CustomerCsvExporter.Format.CSV);
    }

    @Test
    void xlsxCarriesEveryProfileColumnBack() {
        roundTrip(CustomerCsvExporter.Format.XLSX);
    }

    @Test
    void vcardCarriesEveryProfileColumnBackThroughOurImport() {
        roundTrip(CustomerCsvExporter.Format.VCF);
    }

    @Test
    void withoutIncludeArchivedOnlyActiveCustomersAndNoArchivedColumnAndErasedOnesNever() throws IOException {
        Path file = dir.resolve("active.xlsx");
        Path all = dir.resolve("all.csv");
        try (AppContext a = TestStores.open(dir.resolve("a"))) {
            fill(a.customers());
            Customer gone = a.customers().byCode("T003").orElseThrow();
            a.services().get(PrivacyService.class).erase(gone.id(), PrivacyRequest.Source.COMMAND_LINE);
            assertThat(new CustomerCsvExporter(a.customers()).export(file, CustomerCsvExporter.Format.XLSX, false, Progress.NONE, () -> false)).isEqualTo(5);
            assertThat(new CustomerCsvExporter(a.customers()).export(all, CustomerCsvExporter.Format.CSV, true, Progress.NONE, () -> false)).isEqualTo(6);
        }
        try (ReadableWorkbook wb = new ReadableWorkbook(file.toFile())) {
            List<Row> rows = wb.getFirstSheet().read();
            assertThat(rows).hasSize(6);
            assertThat(rows.getFirst().stream().map(c -> c.getText()).toList()).doesNotContain("archived").contains("created", "tags");
        }
        assertThat(Files.readString(all)).contains(",archived,").doesNotContain("T003");
    }

    @Test
    void theVcardFileIsVersion30ThatEzVcardReadsBackAsPhonesAndMailClientsWould() throws IOException {
        Path file = dir.resolve("customers.vcf");
        try (AppContext a = TestStores.open(dir.resolve("a"))) {
            fill(a.customers());
            new CustomerCsvExporter(a.customers()).export(file, CustomerCsvExporter.Format.VCF, false, Progress.NONE, () -> false);
        }
        List<VCard> cards = new ArrayList<>();
        try (VCardReader reader = new VCardReader(file)) {
            for (VCard c = reader.readNext(); c != null; c = reader.readNext()) {
                cards.add(c);
            }
            assertThat(reader.getWarnings()).isEmpty();
        }
        assertThat(cards).hasSize(5).allMatch(c -> c.getVersion() == VCardVersion.V3_0);
        VCard wang = cards.stream().filter(c -> c.getFormattedName().getValue().equals("王小明")).findFirst().orElseThrow();
        assertThat(wang.getStructuredName().getFamily()).isEqualTo("王");
        assertThat(wang.getStructuredName().getGiven()).isEqualTo("小明");
        assertThat(wang.getTelephoneNumbers()).singleElement().satisfies(t -> {
            assertThat(t.getText()).isEqualTo("+8613812345678");
            assertThat(t.getTypes()).contains(TelephoneType.CELL);
        });
        assertThat(wang.getEmails().getFirst().getValue()).isEqualTo("xiaoming@example.com");
        assertThat(wang.getCategories().getValues()).containsExactlyInAnyOrder("VIP", "茶友");
        assertThat(wang.getNotes().getFirst().getValue()).isEqualTo("每周六下午来");
        assertThat(wang.getExtendedProperty("X-REGULARS-BIRTHDAY").getValue()).isEqualTo("lunar:1988-08-15"); // no vCard date is lunar
        VCard nana = cards.stream().filter(c -> c.getFormattedName().getValue().equals("欧阳娜娜")).findFirst().orElseThrow();
        assertThat(nana.getStructuredName().getFamily()).isEqualTo("欧阳");
        assertThat(nana.getTelephoneNumbers()).hasSize(3);
        assertThat(nana.getCategories().getValues()).contains("Smith, Jones", "a;b");
        assertThat(nana.getExtendedProperty("BDAY").getValue()).isEqualTo("--02-29"); // a birthday without a year, as Google writes it
        VCard alice = cards.stream().filter(c -> c.getFormattedName().getValue().equals("Alice Smith")).findFirst().orElseThrow();
        assertThat(alice.getStructuredName().getFamily()).isEqualTo("Smith");
        assertThat(alice.getStructuredName().getGiven()).isEqualTo("Alice");
        assertThat(alice.getOrganization().getValues()).containsExactly("Blue Bottle Trading");
        assertThat(alice.getTitles().getFirst().getValue()).isEqualTo("Buyer");
        VCard zeng = cards.stream().filter(c -> c.getFormattedName().getValue().equals("曾晓燕")).findFirst().orElseThrow();
        assertThat(zeng.getBirthday().getDate()).isEqualTo(LocalDate.of(1992, 12, 1));
        assertThat(Files.readString(file)).startsWith("BEGIN:VCARD\r\nVERSION:3.0\r\n");
    }
}
