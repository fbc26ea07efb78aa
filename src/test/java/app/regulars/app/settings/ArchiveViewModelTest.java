package app.regulars.app.settings;

import app.regulars.app.AppContext;
import app.regulars.fx.TaskRunner;
import app.regulars.i18n.Messages;
import app.regulars.testing.SampleStores;
import app.regulars.testing.SyncTaskRunner;
import app.regulars.testing.TestStores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/** The export and import of Settings › Everything in one file, without a window: progress, cancel, and what the status says. */
class ArchiveViewModelTest {
    @TempDir
    Path dir;

    /** Runs at once, as the tests' runner does; what it hands the UI thread after {@code whenAt} of the work also cancels it. */
    static final class CancellingRunner implements TaskRunner {
        private final SyncTaskRunner sync = new SyncTaskRunner();
        ArchiveViewModel vm;
        double whenAt = 2;
        final List<Double> seen = new ArrayList<>();

        @Override
        public <T> void run(Callable<T> work, Consumer<? super T> onSuccess, Consumer<Throwable> onError) {
            sync.run(work, onSuccess, onError);
        }

        @Override
        public void onUiThread(Runnable action) {
            action.run();
            double p = vm.progressProperty().get();
            seen.add(p);
            if (p >= whenAt) {
                vm.cancel();
            }
        }
    }

    @Test
    void exportShowsItsProgressAndCancellingItLeavesNoFile() throws java.io.IOException {
        Path data = SampleStores.fill(dir.resolve("shop"), false);
        try (AppContext ctx = TestStores.open(data)) {
            CancellingRunner runner = new CancellingRunner();
            ArchiveViewModel vm = new ArchiveViewModel(ctx, runner, new Messages(Locale.ENGLISH), TestStores.CLOCK);
            runner.vm = vm;
            assertThat(vm.proposedName()).isEqualTo("regulars-2026-11-23.zip");

            Path whole = dir.resolve("whole.zip");
            vm.export(whole);
            assertThat(Files.exists(whole)).isTrue();
            assertThat(runner.seen).isNotEmpty().isSorted().allMatch(p -> p > 0 && p <= 1);
            assertThat(vm.statusProperty().get()).startsWith("Exported everything to " + whole + ": 300 customers, ");
            assertThat(vm.busyProperty().get()).isFalse();
            assertThat(vm.failedProperty().get()).isFalse();

            runner.whenAt = 0.3;
            Path cancelled = dir.resolve("cancelled.zip");
            vm.export(cancelled);
            assertThat(Files.exists(cancelled)).isFalse();
            assertThat(vm.statusProperty().get()).isEqualTo("Cancelled. Nothing was changed.");
            assertThat(vm.failedProperty().get()).as("a cancel is not a failure").isFalse();
            assertThat(vm.busyProperty().get()).isFalse();
            try (var files = Files.list(dir)) {
                assertThat(files.map(f -> f.getFileName().toString())).as("nothing half-written is left").containsExactlyInAnyOrder("shop", "whole.zip");
            }
        }
    }

    @Test
    void importCancelledHalfWayLeavesTheDataEmpty() {
        Path data = SampleStores.fill(dir.resolve("shop"), false);
        Path zip = dir.resolve("shop.zip");
        try (AppContext ctx = TestStores.open(data)) {
            app.regulars.app.ArchiveJobs.export(ctx, zip, (d, t) -> { }, () -> false);
        }
        try (AppContext ctx = TestStores.open(dir.resolve("empty"))) {
            ctx.onRestore(file -> {
                throw new AssertionError("nothing is restored after a cancel");
            });
            CancellingRunner runner = new CancellingRunner();
            ArchiveViewModel vm = new ArchiveViewModel(ctx, runner, new Messages(Locale.SIMPLIFIED_CHINESE), TestStores.CLOCK);
            runner.vm = vm;
            runner.whenAt = 0.5;
            app.regulars.store.ArchiveManifest[] shown = new app.regulars.store.ArchiveManifest[1];
            vm.check(zip, m -> shown[0] = m);
            assertThat(shown[0].rows("customers")).isEqualTo(300);
            assertThat(vm.confirmText(zip, shown[0])).startsWith("导出文件 shop.zip 中有 300 位客户和 ");
            vm.importFrom(zip);
            assertThat(vm.statusProperty().get()).isEqualTo(new Messages(Locale.SIMPLIFIED_CHINESE).get("common.cancelled"));
            assertThat(ctx.customers().countAll()).isZero();
            assertThat(dir.resolve("empty").resolve(app.regulars.app.ArchiveJobs.IMPORTING)).doesNotExist();
        }
    }
}
