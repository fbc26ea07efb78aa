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
                new SyncTaskRunner(), new Messages(Locale.ENGLISH), done::incrementAndGet);
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
    void goodImportOpensTheApp() throws Exception {
        Path csv = dir.resolve("list.csv");
        Files.writeString(csv, "name,phone,tags\nWang Xiaoming,13812345678,VIP\nLi Na,13900000000,\n", StandardCharsets.UTF_8);
        vm.importFile(csv);
        assertThat(done).hasValue(1);
        assertThat(vm.messageProperty().get()).isEqualTo("2 customers imported.");
        assertThat(context.customers().countAll()).isEqualTo(2);
    }
}
