package app.regulars.customer;

import app.regulars.app.AppContext;
import app.regulars.app.demo.SampleShop;
import app.regulars.tables.ImportReport;
import app.regulars.tables.Progress;
import app.regulars.testing.FailingInsert;
import app.regulars.testing.TestStores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static app.regulars.store.jooq.Tables.CUSTOMER_PHONE;
import static app.regulars.store.jooq.Tables.CUSTOMER_TAG;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Large customer files: stored a slice at a time, and still all or nothing whether the import
 * stops at a bad row, at a store error in a later slice, or with the process killed.
 */
class CustomerBulkImportTest {
    @TempDir
    Path dir;

    /** {@code n} sample customers with codes C00001..., as {@code export customers} writes them. */
    private Path sampleFile(int n, java.util.function.UnaryOperator<List<Customer>> change) throws IOException {
        List<Customer> sample = new ArrayList<>();
        int i = 0;
        for (Customer c : new SampleShop(3, TestStores.TODAY).customers(n)) {
            sample.add(c.toBuilder().code(String.format(Locale.ROOT, "C%05d", ++i)).build());
        }
        Path f = dir.resolve("customers-" + System.nanoTime() + ".csv");
        try (OutputStream out = Files.newOutputStream(f)) {
            CustomerCsvExporter.writeAll(out, change.apply(sample));
        }
        return f;
    }

    private static int count(AppContext ctx, org.jooq.Table<?> table) {
        return ctx.database().dsl().fetchCount(table);
    }

    @Test
    void twentyThousandCustomersAreStoredWholeAndFoundByPinyinPhoneAndCode() throws IOException {
        int n = 20_000;
        Path file = sampleFile(n, list -> list);
        try (AppContext ctx = TestStores.open(dir.resolve("data"))) {
            TestStores.addKnownCustomers(ctx.customers());
            int before = ctx.customers().countAll();
            List<long[]> progress = new ArrayList<>();
            ImportReport r = new CustomerCsvImporter(ctx.customers()).importFile(file, (done, total) -> progress.add(new long[] {done, total}),
                    () -> false);

            assertThat(r.succeeded()).isTrue();
            assertThat(r.rowsRead()).isEqualTo(n);
            assertThat(r.imported()).isEqualTo(n);
            assertThat(progress.getLast()).containsExactly(2L * n, 2L * n);
            assertThat(ctx.customers().countAll()).isEqualTo(before + n);
            assertThat(ctx.settings().get(CustomerService.FILL_PENDING)).isEmpty();

            List<Customer> sample = new SampleShop(3, TestStores.TODAY).customers(n);
            for (int i : new int[] {0, 4_999, 5_000, 12_345, n - 1}) {
                Customer expected = ctx.customers().normalize(sample.get(i));
                Customer stored = ctx.customers().byCode(String.format(Locale.ROOT, "C%05d", i + 1)).orElseThrow();
                assertThat(stored.name()).isEqualTo(expected.name());
                assertThat(stored.phones()).isEqualTo(expected.phones());
                assertThat(stored.tags()).containsExactlyInAnyOrderElementsOf(expected.tags());
                assertThat(stored.email()).isEqualTo(expected.email());
                assertThat(stored.birthday()).isEqualTo(expected.birthday());
            }
            // A Chinese name from the last slice, found by its pinyin initials and the last digits of its phone.
            int chinese = n - 1;
            while (!Pinyin.of(sample.get(chinese).name()).hasHan()) {
                chinese--;
            }
            Customer wanted = ctx.customers().byCode(String.format(Locale.ROOT, "C%05d", chinese + 1)).orElseThrow();
            String initials = Pinyin.of(wanted.name()).initials();
            String phone = PhoneNumbers.nationalDigits(wanted.phones().getFirst());
            String lastDigits = phone.substring(phone.length() - 4);
            assertThat(ctx.customers().buildSearchIndex()).isTrue();
            assertThat(ctx.customers().search(initials + " " + lastDigits, null, false, CustomerSort.NAME, true))
                    .as("%s (%s) by %s %s", wanted.name(), wanted.code(), initials, lastDigits).contains(wanted.id());
            assertThat(ctx.customers().search(Pinyin.of(wanted.name()).joined(), null, false, CustomerSort.NAME, true))
                    .contains(wanted.id());
            assertThat(ctx.customers().search(wanted.code(), null, false, CustomerSort.NAME, true)).containsExactly(wanted.id());
            // in name order, by pinyin: the list's sort key is the name's pinyin
            long[] byName = ctx.customers().search("", null, false, CustomerSort.NAME, true);
            assertThat(byName).hasSize(before - 1 + n); // one of the known customers is archived
        }
    }

    @Test
    void aBadRowNearTheEndRejectsTheFileAndStoresNothing() throws IOException {
        Path file = sampleFile(8_000, list -> {
            list.set(7_499, list.get(7_499).toBuilder().phones(List.of("12345")).build());
            return list;
        });
        try (AppContext ctx = TestStores.open(dir.resolve("data"))) {
            TestStores.addKnownCustomers(ctx.customers());
            int customers = ctx.customers().countAll();
            int tags = count(ctx, CUSTOMER_TAG);
            ImportReport r = new CustomerCsvImporter(ctx.customers()).importFile(file, Progress.NONE, () -> false);
            assertThat(r.imported()).isZero();
            assertThat(r.rowsRead()).isEqualTo(8_000);
            assertThat(r.rejected()).singleElement().satisfies(row -> {
                assertThat(row.line()).isEqualTo(7_501); // the header is line 1
                assertThat(row.problems().getFirst().key()).isEqualTo("customer.error.phoneInvalid");
            });
            assertThat(ctx.customers().countAll()).isEqualTo(customers);
            assertThat(count(ctx, CUSTOMER_TAG)).isEqualTo(tags);
        }
    }

    @Test
    void aStoreErrorInALaterSliceLeavesNothingOfTheImport() throws Exception {
        int failAt = CustomerService.SLICE + 2_000; // a whole slice is committed by then
        Path file = sampleFile(CustomerService.SLICE + 3_000, list -> {
            list.set(failAt, list.get(failAt).toBuilder().name(FailingInsert.MARK).build());
            return list;
        });
        try (AppContext ctx = TestStores.open(dir.resolve("data"))) {
            TestStores.addKnownCustomers(ctx.customers());
            int customers = ctx.customers().countAll();
            int phones = count(ctx, CUSTOMER_PHONE);
            int tags = count(ctx, CUSTOMER_TAG);
            ctx.database().dsl().connection(c -> FailingInsert.install(c, "customer"));
            List<Long> progress = new ArrayList<>();

            assertThatThrownBy(() -> new CustomerCsvImporter(ctx.customers()).importFile(file, (done, total) -> progress.add(done), () -> false))
                    .hasStackTraceContaining("injected store error");
            assertThat(progress.getLast()).as("rows checked and stored when it failed").isGreaterThan(8_000 + (long) CustomerService.SLICE);
            assertThat(ctx.customers().countAll()).isEqualTo(customers);
            assertThat(count(ctx, CUSTOMER_PHONE)).isEqualTo(phones);
            assertThat(count(ctx, CUSTOMER_TAG)).isEqualTo(tags);
            assertThat(ctx.customers().byCode("C00001")).isEmpty();
            assertThat(ctx.settings().get(CustomerService.FILL_PENDING)).isEmpty();
            assertThat(ctx.customers().search("王小明", null, false, CustomerSort.NAME, true)).hasSize(1);

            ctx.database().dsl().connection(c -> FailingInsert.remove(c, "customer"));
            Path fixed = sampleFile(CustomerService.SLICE + 3_000, list -> list);
            assertThat(new CustomerCsvImporter(ctx.customers()).importFile(fixed, Progress.NONE, () -> false).imported())
                    .isEqualTo(CustomerService.SLICE + 3_000);
        }
    }

    @Test
    void anImportCutShortByAKilledProcessIsUndoneWhenTheStoreOpens() throws IOException {
        Path file = sampleFile(CustomerService.SLICE + 1_000, list -> list);
        Path data = dir.resolve("data");
        long before;
        try (AppContext ctx = TestStores.open(data)) {
            TestStores.addKnownCustomers(ctx.customers());
            before = ((Number) ctx.database().dsl().fetchValue("SELECT MAX(id) FROM customer")).longValue();
            assertThat(new CustomerCsvImporter(ctx.customers()).importFile(file, Progress.NONE, () -> false).imported())
                    .isEqualTo(CustomerService.SLICE + 1_000);
            // What a process killed after its slices were committed leaves: the flag, still set.
            ctx.settings().put(CustomerService.FILL_PENDING, Long.toString(before));
        }
        try (AppContext ctx = TestStores.open(data)) {
            assertThat(ctx.customers().countAll()).isEqualTo(4);
            assertThat(ctx.customers().byCode("C00001")).isEmpty();
            assertThat(ctx.customers().search("王小明", null, false, CustomerSort.NAME, true)).hasSize(1);
            assertThat(ctx.settings().get(CustomerService.FILL_PENDING)).isEmpty();
        }
    }
}
