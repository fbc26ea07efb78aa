package app.regulars.app.onboarding;

import app.regulars.app.AppContext;
import app.regulars.customer.CustomerCsvImporter;
import app.regulars.i18n.Messages;
import app.regulars.store.Settings;
import app.regulars.testing.SyncTaskRunner;
import app.regulars.testing.TestStores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class FirstStartViewModelTest {
    @TempDir
    Path dir;
    AppContext context;
    AtomicInteger done = new AtomicInteger();
    FirstStartViewModel vm;

    @BeforeEach
    void open() {
        context = TestStores.open(dir.resolve("store"));
        SampleFiller samples = (n, progress, cancelled) -> {
            throw new AssertionError("not used here");
        };
        vm = new FirstStartViewModel(context.settings(), samples, new CustomerCsvImporter(context.customers()),
                context.services().get(app.regulars.customer.ImportUndoService.class), new SyncTaskRunner(), new Messages(Locale.ENGLISH),
                done::incrementAndGet);
    }

    @AfterEach
    void close() {
        context.close();
    }

    @Test
    void startingEmptyRemembersThatTheWelcomeWasSeen() {
        vm.startEmpty();
        assertThat(done).hasValue(1);
        assertThat(context.settings().get(Settings.ONBOARDED)).contains("true");
    }

    @Test
    void importWithBadRowsListsThemAndStoresNothing() throws Exception {
        Path csv = dir.resolve("list.csv");
        Files.writeString(csv, "姓名,手机\n王小明,13812345678\n,13900000000\n李娜,12345\n", StandardCharsets.UTF_8);
        vm.importFile(csv);
        assertThat(done).hasValue(0);
        assertThat(vm.messageProperty().get()).isEqualTo("2 of 3 rows cannot be imported, so nothing was imported. Fix these rows and try again:");
        assertThat(vm.problemsProperty().get().lines()).hasSize(2).allMatch(l -> l.startsWith("Line 3: ") || l.startsWith("Line 4: "));
        assertThat(context.customers().countAll()).isZero();
        assertThat(context.settings().get(Settings.ONBOARDED)).isEmpty();
    }

    @Test
    void goodImportShowsWhatItDidAndOpensTheAppOnContinue() throws Exception {
        Path csv = dir.resolve("list.csv");
        Files.writeString(csv, "name,phone,tags\nWang Xiaoming,13812345678,VIP\nLi Na,13900000000,\nWang X.,138 1234 5678,\n",
                StandardCharsets.UTF_8);
        vm.importFile(csv);
        assertThat(done).hasValue(0);
        assertThat(vm.importedProperty().get()).isTrue();
        assertThat(vm.messageProperty().get())
                .isEqualTo("From list.csv: 2 customers added, 0 updated, 1 row skipped (their customer was already there).");
        assertThat(context.customers().countAll()).isEqualTo(2);

        vm.proceed();
        assertThat(done).hasValue(1);
        assertThat(vm.importedProperty().get()).isFalse();
    }

    @Test
    void rowsForTheSameCustomerFillInTheFirstWhenChosen() throws Exception {
        Path csv = dir.resolve("list.csv");
        Files.writeString(csv, "name,phone,email\nWang Xiaoming,13812345678,\nWang X.,138 1234 5678,wang@example.com\n",
                StandardCharsets.UTF_8);
        vm.onDuplicateProperty().set(app.regulars.customer.OnDuplicate.FILL);
        vm.importFile(csv);
        assertThat(vm.messageProperty().get())
                .isEqualTo("From list.csv: 1 customer added, 1 updated, no row skipped (their customer was already there).");
        assertThat(context.customers().countAll()).isEqualTo(1);
        long id = context.customers().search("wang", null, false, app.regulars.customer.CustomerSort.NAME, true)[0];
        assertThat(context.customers().get(id).orElseThrow().email()).isEqualTo("wang@example.com");
    }

    @Test
    void undoingTheImportEmptiesTheStoreAndOffersTheChoicesAgain() throws Exception {
        Path csv = dir.resolve("list.csv");
        Files.writeString(csv, "name,phone\nWang Xiaoming,13812345678\nLi Na,13900000000\n", StandardCharsets.UTF_8);
        vm.importFile(csv);
        vm.undoImport();
        assertThat(context.customers().countAll()).isZero();
        assertThat(vm.importedProperty().get()).isFalse();
        assertThat(vm.messageProperty().get()).startsWith("The import of list.csv (")
                .endsWith(") is undone: the 2 customers it added are removed, and it had changed none.");
        assertThat(context.settings().get(Settings.ONBOARDED)).isEmpty();
        assertThat(done).hasValue(0);
    }
}
