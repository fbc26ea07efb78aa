package app.regulars.insight;

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
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

class InsightSettingsViewModelTest {
    @TempDir
    Path dir;
    AppContext ctx;
    InsightSettingsViewModel vm;

    @BeforeEach
    void open() {
        ctx = TestStores.open(dir);
        vm = new InsightSettingsViewModel(ctx.settings(), new SyncTaskRunner(), new Messages(Locale.ENGLISH));
    }

    @AfterEach
    void close() {
        ctx.close();
    }

    InsightSettingsViewModel.Field field(String name) {
        return vm.fields().stream().filter(f -> f.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void showsEverySettingWithItsDefaultAndSavesAnEditedTarget() {
        vm.load();
        assertThat(vm.fields()).hasSize(InsightSettings.class.getRecordComponents().length);
        assertThat(field("churnTarget").text().get()).isEqualTo("5");
        assertThat(field("decliningAlive").text().get()).isEqualTo("0.5");
        assertThat(field("churnTarget").label()).isEqualTo("Churn rate at most (%)");
        assertThat(InsightSettingsViewModel.group("churnTarget")).isEqualTo("targets");
        assertThat(InsightSettingsViewModel.group("newDays")).isEqualTo("lifecycle");
        assertThat(InsightSettingsViewModel.group("horizonWeeks")).isEqualTo("model");

        field("churnTarget").text().set("8");
        field("repurchaseTarget").text().set("35,5");
        AtomicBoolean saved = new AtomicBoolean();
        vm.save(() -> saved.set(true));
        assertThat(saved).isTrue();
        assertThat(InsightSettings.load(ctx.settings()).churnTarget()).isEqualTo(8.0);
        assertThat(InsightSettings.load(ctx.settings()).repurchaseTarget()).isEqualTo(35.5);
    }

    @Test
    void refusesWhatIsNotANumberOrDoesNotFitTogetherAndSavesNothing() {
        vm.load();
        field("newDays").text().set("ninety");
        AtomicBoolean saved = new AtomicBoolean();
        vm.save(() -> saved.set(true));
        assertThat(vm.errorProperty().get()).isEqualTo("New: first purchase at most this many days ago: “ninety” is not a number.");

        vm.defaults();
        field("churnedAlive").text().set("0.7"); // above the declining threshold
        vm.save(() -> saved.set(true));
        assertThat(vm.errorProperty().get()).startsWith("These values do not fit together");
        assertThat(saved).isFalse();
        assertThat(InsightSettings.load(ctx.settings())).isEqualTo(InsightSettings.DEFAULTS);
    }
}
