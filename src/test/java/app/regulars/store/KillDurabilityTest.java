package app.regulars.store;

import app.regulars.app.AppContext;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A save the app confirmed survives the process being killed (SIGKILL) right after: the
 * promise of docs/decisions/0002-durable-saves.md. The child prints a code only once
 * {@code save} has returned; the parent kills it as soon as it reads enough of them, while
 * the child is in the middle of the next save.
 */
class KillDurabilityTest {
    @ParameterizedTest(name = "killed after {0} confirmed saves")
    @ValueSource(ints = {1, 25, 80})
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void everyConfirmedSaveSurvivesAKill(int confirmedBeforeKill, @TempDir Path dir) throws Exception {
        List<String> confirmed = new ArrayList<>();
        Process child = ChildStore.start("save", dir);
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("saved ")) {
                    confirmed.add(line.substring("saved ".length()));
                    if (confirmed.size() >= confirmedBeforeKill) {
                        child.destroyForcibly();
                        break;
                    }
                }
            }
        } finally {
            child.destroyForcibly();
            child.waitFor();
        }
        assertThat(confirmed).hasSize(confirmedBeforeKill);

        try (AppContext ctx = AppContext.open(dir)) {
            for (String code : confirmed) {
                assertThat(ctx.customers().byCode(code)).as("customer %s confirmed before the kill", code).isPresent();
            }
            assertThat(ctx.customers().countAll()).isGreaterThanOrEqualTo(confirmed.size());
        }
    }
}
